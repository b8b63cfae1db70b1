"""What a user sees is Vietnamese, and one way (issue 11): years and ids never grouped, percents with two
decimals, a plan's period, a change in percentage points in Excel, one formula guard, messages' alerts."""

import datetime as dt
import re

import pytest
from django.contrib import messages
from django.template import engines
from django.test import RequestFactory
from django.urls import reverse
from openpyxl import load_workbook

from indicators.models import Measure, SubmissionStatus
from reports.documents.report_data.progress import progress_report
from reports.excel import template as I
from reports.excel.export.cells import FORMULA_STARTS, measure_format, safe_text
from reports.excel.export.progress import write_progress
from tests.factories import (
    DataValueFactory,
    IndicatorFactory,
    PeriodFactory,
    ResolutionFactory,
    SubmissionFactory,
    TargetFactory,
    UnitFactory,
)
from units.models import UnitKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(tree):
    """A one-year plan (2022) and a 2021–2025 resolution; a department with id 1234 and its school; 10/13 = 76,92%."""
    big = UnitFactory(pk=1234, code="C", name="Sở Thông tin và Truyền thông", kind=UnitKind.DEPARTMENT,
                      parent=tree["province"])
    school = UnitFactory(code="C1", name="Trường THPT Chuyên", kind=UnitKind.SCHOOL, parent=big)
    res = ResolutionFactory(code="09-NQ/TU", owner_unit=tree["province"], start_year=2021, end_year=2025,
                            vision_year=2030)
    one_year = ResolutionFactory(code="KH-2022", kind="plan", owner_unit=tree["province"], start_year=2022,
                                 end_year=2022, vision_year=None)
    ind = IndicatorFactory(resolution=res, code="HSCV", decimals=1, applies_to=[UnitKind.SCHOOL])
    yes_no = IndicatorFactory(resolution=res, code="CAPQUANG", measure=Measure.BOOLEAN, numerator_label="",
                              denominator_label="", unit_label="", applies_to=[UnitKind.SCHOOL])
    TargetFactory(indicator=ind, operator="gte", value=95, year=2025)
    q3 = PeriodFactory(code="2024-Q3")
    for unit, num, answer in ((school, 10, 1), (tree["school_a1"], 0, 1), (tree["school_a2"], 0, 0)):
        SubmissionFactory(unit=unit, period=q3, status=SubmissionStatus.APPROVED)
        DataValueFactory(unit=unit, indicator=ind, period=q3, numerator=num, denominator=13 if num else 0)
        DataValueFactory(unit=unit, indicator=yes_no, period=q3, numerator=answer, denominator=None)
    return {"res": res, "one_year": one_year, "ind": ind, "yes_no": yes_no, "big": big, "q3": q3}


def test_years_and_ids_are_never_grouped_on_the_dashboard(client, personas, plan):
    client.force_login(personas["supervisor"])
    page = client.get(reverse("resolution-dashboard", args=[plan["res"].pk])).content.decode()
    assert "(2025)" in page and "2.025" not in page and "2.021" not in page and "2.030" not in page
    assert 'value="1234"' in page and "1.234" not in page  # the unit picker


def test_ids_are_never_grouped_in_links_and_pickers(client, personas, plan):
    client.force_login(personas["supervisor"])
    page = client.get(reverse("indicator-detail", args=[plan["ind"].pk]), {"unit": 1234}).content.decode()
    assert 'value="1234"' in page and "unit=1234" in page and "1.234" not in page
    page = client.get(reverse("unit-detail", args=[1234]), {"resolution": plan["res"].pk}).content.decode()
    assert "1.234" not in page and "unit=1234" in page  # the heat map's links to each indicator


def test_percents_have_two_decimals_on_every_page(client, personas, plan):
    client.force_login(personas["supervisor"])
    home = client.get(reverse("home")).content.decode()
    dash = client.get(reverse("resolution-dashboard", args=[plan["res"].pk])).content.decode()
    detail = client.get(reverse("indicator-detail", args=[plan["ind"].pk])).content.decode()
    for page in (home, dash, detail):
        assert "76,92%" in page  # indicator.decimals = 1 no longer gives 76,9%
        assert "76,9%" not in page
    assert "66,67%" in dash  # 2 of 3 schools answering yes: a share with two decimals too
    unit_page = client.get(reverse("unit-detail", args=[1234]), {"resolution": plan["res"].pk}).content.decode()
    assert "76,92%" in unit_page


def test_api_and_pages_write_the_same_figure(client, personas, plan):
    from tests.api_helpers import client_for

    body = client_for(personas["supervisor"]).get(
        "/api/v1/progress/", {"resolution": plan["res"].pk, "period": "2024-Q3"}).json()
    values = {i["code"]: i["by_kind"][0]["value"] for i in body["indicators"]}
    assert values == {"HSCV": "76.92", "CAPQUANG": "66.67"}


def test_a_one_year_plan_says_nam_not_a_period_from_a_year_to_itself(client, personas, plan):
    assert plan["one_year"].period_label == "Năm 2022"
    assert plan["res"].period_label == "Giai đoạn 2021–2025, tầm nhìn 2030"
    IndicatorFactory(resolution=plan["one_year"], code="KH1", applies_to=[UnitKind.SCHOOL])
    client.force_login(personas["supervisor"])
    home = client.get(reverse("home")).content.decode()
    assert "Năm 2022" in home and "2022–2022" not in home
    assert "Giai đoạn 2021–2025, tầm nhìn 2030" in home
    dash = client.get(reverse("resolution-dashboard", args=[plan["one_year"].pk])).content.decode()
    assert "Năm 2022" in dash and "2022–2022" not in dash


def test_completeness_rate_has_two_decimals(client, personas, plan):
    client.force_login(personas["supervisor"])
    page = client.get(reverse("completeness"), {"period": "2024-Q3", "resolution": plan["res"].pk}).content.decode()
    assert re.search(r"\(\d+,\d\d%\)", page), "the share of units that sent is written like every percent"


def test_report_runs_page_writes_date_times_day_first(client, personas):
    from reports.models import ReportRun

    run = ReportRun.objects.create(kind="progress", requested_by=personas["admin"])
    ReportRun.objects.filter(pk=run.pk).update(created_at=dt.datetime(2025, 3, 5, 2, 7, tzinfo=dt.UTC))
    client.force_login(personas["admin"])
    page = client.get(reverse("report-runs")).content.decode()
    assert "05/03/2025 09:07" in page  # Asia/Ho_Chi_Minh, dd/mm/yyyy HH:MM


def test_formats_module_puts_the_day_first_everywhere():
    from config.formats.vi import formats

    assert formats.DATE_FORMAT == formats.SHORT_DATE_FORMAT == "d/m/Y"
    assert formats.DATETIME_FORMAT == formats.SHORT_DATETIME_FORMAT == "d/m/Y H:i"
    assert formats.DATE_INPUT_FORMATS[0] == "%d/%m/%Y" and formats.NUMBER_GROUPING == 3


# --- Excel ---------------------------------------------------------------------


def test_excel_change_column_is_in_percentage_points(province_figures, tmp_path):
    report = progress_report(province_figures["res"], province_figures["q3"], province_figures["province"])
    path = tmp_path / "p.xlsx"
    write_progress(report, path)
    ws = load_workbook(path)["Tổng hợp"]
    dept = next(r for r in ws.iter_rows() if r[2].value == "Sở, ban, ngành" and isinstance(r[6].value, int | float)
                and r[6].value == pytest.approx(10.0))
    value, change = dept[4], dept[6]
    assert value.number_format == "0.00%" and value.value == pytest.approx(0.9)
    assert change.value == pytest.approx(10.0)  # 90% − 80% = 10 points, not 0.10 shown as "+10,00%"
    assert "điểm %" in change.number_format and change.number_format.startswith("+0.00")
    count = next(r for r in ws.iter_rows() if isinstance(r[1].value, str) and r[1].value.startswith("CT2."))
    assert count[6].value == pytest.approx(1062) and count[6].number_format == "+#,##0;-#,##0;#,##0"


def test_excel_percent_format_has_two_decimals_even_for_an_indicator_with_none():
    assert measure_format(Measure.PERCENT, 0) == "0.00%"
    assert measure_format(Measure.BOOLEAN, 1) == "0.00%"
    assert measure_format(Measure.PERCENT, 3) == "0.000%"
    assert measure_format(Measure.COUNT, 0) == "#,##0"


def test_one_list_of_formula_starts():
    assert I.FORMULA_STARTS is FORMULA_STARTS
    assert {"=", "+", "-", "@", "\t", "\r", "\n"} <= set(FORMULA_STARTS)
    assert safe_text("\n=1+1") == "'\n=1+1"


# --- messages -------------------------------------------------------------------


def _render_messages(*pairs):
    request = RequestFactory().get("/")
    request.user = type("Anon", (), {"is_authenticated": False})()
    request.session = {}
    from django.contrib.messages.storage.fallback import FallbackStorage

    request._messages = FallbackStorage(request)
    for level, text in pairs:
        messages.add_message(request, level, text)
    return engines["django"].get_template("base.html").render({}, request)


def test_error_and_warning_messages_are_alerts_success_is_green():
    html = _render_messages((messages.ERROR, "Chưa lưu: có số liệu cần sửa."), (messages.WARNING, "Kỳ đã khóa."),
                            (messages.SUCCESS, "Đã lưu 3 số liệu."))
    assert '<li class="msg msg-error" role="alert">Chưa lưu: có số liệu cần sửa.</li>' in html
    assert '<li class="msg msg-warning" role="alert">Kỳ đã khóa.</li>' in html
    assert '<li class="msg msg-success" role="status">Đã lưu 3 số liệu.</li>' in html


def test_message_styles_differ():
    from pathlib import Path

    from django.conf import settings

    css = (Path(settings.BASE_DIR) / "static" / "css" / "app.css").read_text()
    assert re.search(r"\.msg-error\s*\{[^}]*var\(--not_met\)", css)
    assert re.search(r"\.msg-warning\s*\{[^}]*var\(--at_risk\)", css)
    assert re.search(r"\.msg-success\s*\{[^}]*var\(--met\)", css)

