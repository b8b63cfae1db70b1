"""Issue 11 on the entry side: one rule in one place, as users notice it.

- the period list renders for approvers when a submission has no submitter;
- the entry form's badge and the period list name a report's state the same way;
- the live preview, the form, the API and the Excel import refuse the same figures with the same message;
- data-quality warnings do not ask for what submitting never requires;
- a dissolved unit gets no figures for a period after it ended, on any path;
- years and ids print unlocalized on the entry pages.
"""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from indicators.models import DataValue, Measure, Submission, SubmissionStatus
from indicators.rules import FigureError, validate_figures
from reports.excel.reading import ImportErrors
from reports.excel.saving import import_workbook
from reports.excel.template import build_template
from tests.api_helpers import client_for
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
def one_rule_resolution(tree, personas):
    res = ResolutionFactory(code="09-NQ/TU", owner_unit=tree["province"], end_year=2030)  # asks for 2026 too
    online = IndicatorFactory(resolution=res, code="DVCTT", name="Tỷ lệ dịch vụ công trực tuyến có phát sinh hồ sơ",
                              numerator_label="Số dịch vụ có hồ sơ", denominator_label="Tổng số dịch vụ",
                              applies_to=[UnitKind.DEPARTMENT, UnitKind.SCHOOL])
    TargetFactory(indicator=online, unit_kind=UnitKind.DEPARTMENT, operator="gt", value=50, year=2025)
    computers = IndicatorFactory(resolution=res, code="MAYTINH", name="Số máy vi tính phục vụ giảng dạy",
                                 measure=Measure.COUNT, unit_label="máy", numerator_label="Số máy",
                                 denominator_label="", applies_to=[UnitKind.DEPARTMENT, UnitKind.SCHOOL])
    board = IndicatorFactory(resolution=res, code="BCD", name="Có Ban chỉ đạo chuyển đổi số",
                             measure=Measure.BOOLEAN, numerator_label="", denominator_label="",
                             applies_to=[UnitKind.DEPARTMENT, UnitKind.SCHOOL])
    q3 = PeriodFactory(code="2024-Q3")
    return {"online": online, "computers": computers, "board": board, "q3": q3, **tree, **personas}


def entry_url(one_rule_resolution, unit="dept_a", period=None):
    return reverse("entry", args=[(period or one_rule_resolution["q3"]).code, one_rule_resolution[unit].pk])


def row(one_rule_resolution, unit, indicator, num, den="", note="", version="", action="save"):
    k = f"{one_rule_resolution[unit].pk}-{indicator.pk}"
    return {f"n-{k}": num, f"d-{k}": den, f"note-{k}": note, f"ver-{k}": version, "action": action}


def preview(client, indicator, n="", d=""):
    response = client.get(reverse("check-figures"), {"indicator": indicator.pk, "n": n, "d": d})
    assert response.status_code == 200
    return response.json()


def dissolve(unit, last_day=dt.date(2025, 6, 30)):
    unit.valid_to = last_day
    unit.save()
    return unit


# --- 1. a submission without submitter ---------------------------------------------------------

@pytest.mark.parametrize("who", ["head_a", "admin"])
def test_period_list_renders_for_approvers_when_a_submission_has_no_submitter(client, one_rule_resolution, who):
    # Demo data and removed accounts: a sent report whose submitter is empty.
    SubmissionFactory(unit=one_rule_resolution["school_a1"], period=one_rule_resolution["q3"], status=SubmissionStatus.SUBMITTED,
                      submitted_by=None, submitted_at=None)
    client.force_login(one_rule_resolution[who])
    response = client.get(reverse("periods"), {"unit": one_rule_resolution["dept_a"].pk})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Báo cáo chờ duyệt (1)" in page and "Trường THPT Số 1" in page
    r = client_for(one_rule_resolution[who]).get("/api/v1/submissions/", {"unit": one_rule_resolution["school_a1"].pk})
    assert r.status_code == 200 and r.json()["results"][0]["submitted_by"] is None


def test_a_conflict_with_a_value_whose_author_was_removed_still_renders(client, one_rule_resolution):
    DataValueFactory(unit=one_rule_resolution["dept_a"], indicator=one_rule_resolution["online"], period=one_rule_resolution["q3"], numerator=3, denominator=9,
                     updated_by=None, version=2)
    client.force_login(one_rule_resolution["user_a"])
    response = client.post(entry_url(one_rule_resolution), row(one_rule_resolution, "dept_a", one_rule_resolution["online"], "4", "9", version="1"))
    assert response.status_code == 200
    assert "Số liệu đã được người khác sửa" in response.content.decode()


# --- 2. one state label for a unit's report ----------------------------------------------------

def _badge(page):
    start = page.index('<div class="head-actions">')
    return page[start:page.index("</div>", start)]


def test_form_badge_and_period_list_say_the_same_before_and_after_a_draft(client, one_rule_resolution):
    client.force_login(one_rule_resolution["user_a"])
    assert "Chưa nhập" in _badge(client.get(entry_url(one_rule_resolution)).content.decode())
    client.post(entry_url(one_rule_resolution), row(one_rule_resolution, "dept_a", one_rule_resolution["online"], "2", "9"))
    # Saving creates the draft submission row every write locks (services.lock_submissions): still a draft.
    assert list(Submission.objects.values_list("status", flat=True)) == ["draft"]
    assert "Đang nhập" in _badge(client.get(entry_url(one_rule_resolution)).content.decode())
    periods = client.get(reverse("periods")).content.decode()
    assert "Đang nhập" in periods


def test_children_grid_names_a_childs_draft_like_the_period_list(client, one_rule_resolution):
    DataValueFactory(unit=one_rule_resolution["school_a1"], indicator=one_rule_resolution["online"], period=one_rule_resolution["q3"])
    client.force_login(one_rule_resolution["user_a"])
    grid = client.get(reverse("entry-children", args=[one_rule_resolution["q3"].code, one_rule_resolution["dept_a"].pk]),
                      {"indicator": one_rule_resolution["online"].pk}).content.decode()
    assert '<span class="state state-draft">Đang nhập</span>' in grid
    assert '<span class="state state-empty">Chưa nhập</span>' in grid  # school_a2: nothing saved


# --- 3. the same validation in the preview, the form, the API and Excel -----------------------

@pytest.mark.parametrize(
    ("indicator", "n", "d", "message"),
    [
        ("computers", "22,22", "", "Số máy: phải là số nguyên."),
        ("online", "-5", "100", "Số dịch vụ có hồ sơ: không được là số âm."),
        ("online", "11", "10", "Số dịch vụ có hồ sơ (11) không được lớn hơn tổng số dịch vụ (10)."),
        ("board", "2", "", "Có/Không: chỉ nhận 1 (Có) hoặc 0 (Không)."),
        ("online", "1,23456", "10", "Số dịch vụ có hồ sơ: tối đa 4 chữ số thập phân."),
    ],
)
def test_preview_and_form_refuse_the_same_figures_with_the_same_message(client, one_rule_resolution, indicator, n, d, message):
    client.force_login(one_rule_resolution["user_a"])
    shown = preview(client, one_rule_resolution[indicator], n, d)
    assert shown["ok"] is False and shown["message"] == message
    response = client.post(entry_url(one_rule_resolution), row(one_rule_resolution, "dept_a", one_rule_resolution[indicator], n, d))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not DataValue.objects.exists()


def test_preview_shows_the_value_the_save_will_store(client, one_rule_resolution):
    client.force_login(one_rule_resolution["user_a"])
    assert preview(client, one_rule_resolution["online"], "2", "9") == {"ok": True, "text": "22,22%"}
    assert preview(client, one_rule_resolution["online"], "0", "0") == {"ok": True, "text": "không phát sinh"}
    assert preview(client, one_rule_resolution["computers"], "1.937") == {"ok": True, "text": "1.937 máy"}
    assert preview(client, one_rule_resolution["board"], "1") == {"ok": True, "text": "Có"}
    assert preview(client, one_rule_resolution["online"]) == {"ok": True, "text": "—"}


def test_preview_needs_a_login_and_a_real_indicator(client, one_rule_resolution):
    assert client.get(reverse("check-figures"), {"indicator": one_rule_resolution["online"].pk, "n": "1"}).status_code == 302
    client.force_login(one_rule_resolution["user_a"])
    assert client.get(reverse("check-figures"), {"indicator": "x"}).status_code == 404


def test_form_rejects_22_22_for_a_count_and_keeps_the_good_row(client, one_rule_resolution):
    client.force_login(one_rule_resolution["user_a"])
    data = row(one_rule_resolution, "dept_a", one_rule_resolution["computers"], "22,22")
    data.update(row(one_rule_resolution, "dept_a", one_rule_resolution["online"], "2", "9"))  # a good row on the same form
    page = client.post(entry_url(one_rule_resolution), data).content.decode()
    assert "Số máy: phải là số nguyên." in page and "1 ô cần sửa (tô đỏ) chưa được lưu" in page
    assert not DataValue.objects.filter(indicator=one_rule_resolution["computers"]).exists()  # the bad cell is not saved
    assert DataValue.objects.get(indicator=one_rule_resolution["online"]).numerator == Decimal(2)  # the good one is
    client.post(entry_url(one_rule_resolution), row(one_rule_resolution, "dept_a", one_rule_resolution["computers"], "22"))
    assert DataValue.objects.get(indicator=one_rule_resolution["computers"]).numerator == Decimal(22)


def test_api_refuses_the_same_figures_with_the_same_message(one_rule_resolution):
    api = client_for(one_rule_resolution["user_a"])
    body = {"unit": one_rule_resolution["dept_a"].pk, "indicator": one_rule_resolution["computers"].pk, "period": one_rule_resolution["q3"].pk, "numerator": "22.22"}
    r = api.post("/api/v1/values/", body, format="json")
    assert r.status_code == 400 and "Số máy: phải là số nguyên." in r.content.decode()
    body = {"unit": one_rule_resolution["dept_a"].pk, "indicator": one_rule_resolution["online"].pk, "period": one_rule_resolution["q3"].pk,
            "numerator": -5, "denominator": 100}
    r = api.post("/api/v1/values/", body, format="json")
    assert r.status_code == 400 and "không được là số âm" in r.content.decode()
    assert not DataValue.objects.exists()


def test_validate_figures_is_the_rule_of_the_preview():
    count = IndicatorFactory.build(measure=Measure.COUNT, numerator_label="Số máy")
    with pytest.raises(FigureError) as exc:
        validate_figures(count, "22,22", None, localized=True)
    assert exc.value.message == "Số máy: phải là số nguyên."
    with pytest.raises(FigureError, match="số quá lớn"):
        validate_figures(count, "1" + "0" * 16, None)


# --- 4. warnings are advice: no tick or note is asked, submitting works --------------------------

def test_a_flagged_figure_can_be_submitted_without_tick_or_note_and_the_page_does_not_ask(client, one_rule_resolution):
    q2 = PeriodFactory(code="2024-Q2")
    DataValueFactory(unit=one_rule_resolution["dept_a"], indicator=one_rule_resolution["online"], period=q2, numerator=10, denominator=100)
    SubmissionFactory(unit=one_rule_resolution["dept_a"], period=q2, status=SubmissionStatus.APPROVED)  # the previous figure counts
    client.force_login(one_rule_resolution["user_a"])
    client.post(entry_url(one_rule_resolution), row(one_rule_resolution, "dept_a", one_rule_resolution["online"], "90", "100"))
    page = client.get(entry_url(one_rule_resolution)).content.decode()
    assert "so với kỳ trước" in page  # the warning is shown
    assert "không ngăn việc lưu hay gửi báo cáo" in page and "(không bắt buộc)" in page
    assert "kèm giải thích trong ghi chú" not in page
    response = client.post(entry_url(one_rule_resolution), row(one_rule_resolution, "dept_a", one_rule_resolution["online"], "90", "100", version="1", action="submit"))
    assert response.status_code == 302
    assert Submission.objects.get(unit=one_rule_resolution["dept_a"], period=one_rule_resolution["q3"]).status == SubmissionStatus.SUBMITTED


# --- 5. a dissolved unit gets no figures for a period after it ended ---------------------------

MESSAGE = "chỉ hoạt động đến ngày 30/06/2025, trước ngày cuối của Quý IV/2026"


def test_entry_url_of_a_dissolved_unit_for_a_later_period_says_so_instead_of_a_form(client, one_rule_resolution):
    q4 = PeriodFactory(code="2026-Q4")
    dissolve(one_rule_resolution["dept_a"])
    client.force_login(one_rule_resolution["user_a"])
    response = client.get(entry_url(one_rule_resolution, period=q4))
    page = response.content.decode()
    assert response.status_code == 404
    assert "Sở Giáo dục và Đào tạo" in page and MESSAGE in page
    assert 'name="action"' not in page  # no form
    response = client.post(entry_url(one_rule_resolution, period=q4), row(one_rule_resolution, "dept_a", one_rule_resolution["online"], "2", "9"))
    assert response.status_code == 404 and not DataValue.objects.exists()
    # Its own periods stay open: Quý II/2025 ends on 14/06/2025, before the unit ended.
    q2 = PeriodFactory(code="2025-Q2")
    assert client.get(entry_url(one_rule_resolution, period=q2)).status_code == 200


def test_period_list_of_a_dissolved_unit_stops_at_its_last_period(client, one_rule_resolution):
    PeriodFactory(code="2025-Q2")
    PeriodFactory(code="2025-Q3")  # ends 14/09/2025, after the unit ended on 30/06/2025
    dissolve(one_rule_resolution["dept_a"])
    client.force_login(one_rule_resolution["user_a"])
    page = client.get(reverse("periods")).content.decode()
    assert "Quý II/2025" in page and "Quý III/2025" not in page


def test_submit_of_a_dissolved_unit_for_a_later_period_is_refused(client, one_rule_resolution):
    q4 = PeriodFactory(code="2026-Q4")
    dissolve(one_rule_resolution["dept_a"])
    client.force_login(one_rule_resolution["user_a"])
    response = client.post(reverse("submission-action", args=[q4.code, one_rule_resolution["dept_a"].pk, "gui"]), follow=True)
    assert MESSAGE in response.content.decode()
    assert not Submission.objects.exists()
    r = client_for(one_rule_resolution["user_a"]).post("/api/v1/submissions/submit/", {"unit": one_rule_resolution["dept_a"].pk, "period": q4.pk},
                                     format="json")
    assert r.status_code == 409 and MESSAGE in r.content.decode()


def test_api_and_bulk_refuse_figures_of_a_dissolved_unit(one_rule_resolution):
    q4 = PeriodFactory(code="2026-Q4")
    dissolve(one_rule_resolution["dept_a"])
    api = client_for(one_rule_resolution["user_a"])
    body = {"unit": one_rule_resolution["dept_a"].pk, "indicator": one_rule_resolution["online"].pk, "period": q4.pk, "numerator": 2, "denominator": 9}
    r = api.post("/api/v1/values/", body, format="json")
    assert r.status_code == 400 and MESSAGE in r.content.decode()
    r = api.post("/api/v1/values/bulk/", {"values": [body]}, format="json")
    assert r.status_code == 400 and MESSAGE in r.json()["errors"][0]["message"]
    assert not DataValue.objects.exists()


def test_excel_import_refuses_figures_of_a_unit_dissolved_after_the_template_was_made(one_rule_resolution):
    q4 = PeriodFactory(code="2026-Q4")
    wb = load_workbook(io.BytesIO(build_template(one_rule_resolution["dept_a"], q4, one_rule_resolution["user_a"])))
    ws = wb["Nhập liệu"]
    filled = False
    for r in range(1, ws.max_row + 1):
        if ws[f"B{r}"].value == "A" and ws[f"E{r}"].value == "DVCTT":  # column D names the resolution
            ws[f"I{r}"], ws[f"J{r}"] = 2, 9
            filled = True
    assert filled
    dissolve(one_rule_resolution["dept_a"])
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    out.name = "mau.xlsx"
    with pytest.raises(ImportErrors) as exc:
        import_workbook(out, one_rule_resolution["user_a"])
    assert any(MESSAGE in e["message"] for e in exc.value.errors)
    assert not DataValue.objects.exists()


def test_children_grid_lists_only_children_active_on_the_periods_last_day(client, one_rule_resolution):
    q4 = PeriodFactory(code="2026-Q4")
    dissolve(one_rule_resolution["school_a2"])
    UnitFactory(code="A3", name="Trường THPT Số 3", kind=UnitKind.SCHOOL, parent=one_rule_resolution["dept_a"],
                valid_from=dt.date(2026, 12, 1))
    client.force_login(one_rule_resolution["user_a"])
    page = client.get(reverse("entry-children", args=[q4.code, one_rule_resolution["dept_a"].pk]),
                      {"indicator": one_rule_resolution["online"].pk}).content.decode()
    assert "Trường THPT Số 1" in page and "Trường THPT Số 3" in page
    assert "Trường THPT Số 2" not in page


# --- 8. years and ids unlocalized -------------------------------------------------------------

def test_target_year_and_unit_ids_print_without_thousands_separator(client, one_rule_resolution):
    big = UnitFactory(pk=12345, code="BIG", name="Trường THPT Số 12345", kind=UnitKind.SCHOOL, parent=one_rule_resolution["dept_a"])
    TargetFactory(indicator=one_rule_resolution["online"], unit_kind=UnitKind.SCHOOL, operator="gte", value=80, year=2025)
    client.force_login(one_rule_resolution["user_a"])
    page = client.get(reverse("entry", args=[one_rule_resolution["q3"].code, big.pk])).content.decode()
    assert "(2025)" in page and "2.025" not in page
    assert "?unit=12345" in page and "12.345" not in page
