"""Input bounds in the one rule (indicators.rules), on every path: form, API, bulk, Excel, findings, admin data.

Figures: ASCII digits only, no exponent, below 10^16, at most 4 decimals; notes capped at 2.000
characters; control characters never stored; an indicator shows 0 to 6 decimals.
"""

import io
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from openpyxl import load_workbook

from indicators.models import DataValue, Indicator, Measure
from indicators.rules import FigureError, clean_note, percent_decimals, to_decimal
from reports.excel.reading import ImportErrors
from reports.excel.saving import import_workbook
from reports.excel.template import build_template
from resolutions.models import Task
from tests.api_helpers import client_for
from tests.factories import DataValueFactory, IndicatorFactory, PeriodFactory, TaskFactory, UnitFactory
from units.models import UnitKind

pytestmark = pytest.mark.django_db

URL = "/api/v1/values/"


@pytest.fixture
def percent_and_count(personas, tree):
    period = PeriodFactory(code="2024-Q3")
    percent = IndicatorFactory(code="CT1", measure=Measure.PERCENT, order=1)
    count = IndicatorFactory(resolution=percent.resolution, code="CT2", order=2, measure=Measure.COUNT,
                             numerator_label="Số máy tính", denominator_label="", unit_label="máy")
    return {**personas, **tree, "period": period, "percent": percent, "count": count}


BAD_TEXT = ["１２", "1_0", "1e-30", "1e5", "1E+16", "0x10", "٣", "12abc", "--1", "1.2.3,4,5"]


@pytest.mark.parametrize("raw", BAD_TEXT)
def test_only_ascii_digits_are_figures(raw):
    with pytest.raises(FigureError) as exc:
        to_decimal(raw, "numerator", "Số lượng", localized=True)
    assert exc.value.field == "numerator" and "Số lượng" in exc.value.message


@pytest.mark.parametrize("raw", [10 ** 16, 1e16, Decimal("1E+16"), "10000000000000000", Decimal("1e400"), 1e300])
def test_figures_must_fit_the_column(raw):
    with pytest.raises(FigureError) as exc:
        to_decimal(raw, "numerator", "Tử số")
    assert "số quá lớn (tối đa 16 chữ số phần nguyên)" in exc.value.message


@pytest.mark.parametrize("raw", [1e-30, Decimal("0.00001"), "0.00001", 0.1 + 0.2])
def test_no_finer_than_stored(raw):
    with pytest.raises(FigureError) as exc:
        to_decimal(raw, "numerator", "Tử số")
    assert "tối đa 4 chữ số thập phân" in exc.value.message


@pytest.mark.parametrize("raw,expected", [("1.937", "1937"), ("22,22", "22.22"), ("1.937,5", "1937.5"),
                                          (" 12 ", "12"), (9999999999999999, "9999999999999999"),
                                          ("0,0001", "0.0001"), (22.22, "22.22")])
def test_what_people_type_still_reads(raw, expected):
    assert to_decimal(raw, "numerator", "Tử số", localized=True) == Decimal(expected)


def test_notes_are_capped_and_cleaned():
    assert clean_note("  a\x00b\x1bc\r\nd\x7f\x85 ") == "abc\nd"
    assert clean_note(None) is None
    assert len(clean_note("x" * 2000)) == 2000
    with pytest.raises(FigureError) as exc:
        clean_note("x" * 2001)
    assert exc.value.message == "Ghi chú: tối đa 2.000 ký tự (đang có 2.001)."


# --- the API, one value and bulk -------------------------------------------------------------------------


def body(percent_and_count, **figures):
    return {"unit": percent_and_count["dept_a"].pk, "indicator": percent_and_count["count"].pk, "period": percent_and_count["period"].pk, **figures}


@pytest.mark.parametrize("numerator", ["１２", "1_0", "1e3", 1e16, 10 ** 17, "1" * 40])
def test_api_refuses_bad_figures_with_400(percent_and_count, numerator):
    r = client_for(percent_and_count["user_a"]).post(URL, body(percent_and_count, numerator=numerator), format="json")
    assert r.status_code == 400, r.content
    assert "numerator" in r.json()
    assert not DataValue.objects.exists()


def test_api_note_is_capped_and_stripped(percent_and_count):
    api = client_for(percent_and_count["user_a"])
    r = api.post(URL, body(percent_and_count, numerator=3, note="x" * 2001), format="json")
    assert r.status_code == 400 and r.json()["note"] == ["Ghi chú: tối đa 2.000 ký tự (đang có 2.001)."]
    r = api.post(URL, body(percent_and_count, numerator=3, note="Ghi\x00chú"), format="json")
    assert r.status_code == 400 and r.json()["note"] == ["Không nhận ký tự rỗng (NUL)."]
    r = api.post(URL, body(percent_and_count, numerator=3, note="Ghi\x0bchú\x1b"), format="json")
    assert r.status_code == 201
    assert DataValue.objects.get().note == "Ghichú"
    dv = DataValue.objects.get()
    r = api.patch(f"{URL}{dv.pk}/", {"numerator": "1e16", "version": dv.version}, format="json")
    assert r.status_code == 400 and "numerator" in r.json()


def test_bulk_lists_each_bad_item(percent_and_count):
    values = [body(percent_and_count, numerator="１２"), body(percent_and_count, indicator=percent_and_count["percent"].pk, numerator=1, denominator=2,
                                              note="y" * 3000)]
    values[1]["indicator"] = percent_and_count["percent"].pk
    r = client_for(percent_and_count["user_a"]).post(f"{URL}bulk/", {"values": values}, format="json")
    assert r.status_code == 400, r.content
    errors = {(e["index"], e["field"]) for e in r.json()["errors"]}
    assert errors == {(0, "numerator"), (1, "note")}
    assert not DataValue.objects.exists()


def test_values_filters_with_huge_numbers_are_not_server_errors(percent_and_count):
    api = client_for(percent_and_count["admin"])
    for query in ("unit=1e16", "period=99999999999999999999", "within=1e16", "indicator=-1e16", "resolution=1e30"):
        r = api.get(f"{URL}?{query}")
        assert r.status_code in (200, 400), (query, r.status_code)


# --- the form and Excel -------------------------------------------------------------------------------------


def test_entry_form_refuses_fullwidth_digits(client, percent_and_count):
    client.force_login(percent_and_count["user_a"])
    key = f"{percent_and_count['dept_a'].pk}-{percent_and_count['count'].pk}"
    r = client.post(f"/ky-bao-cao/{percent_and_count['period'].code}/{percent_and_count['dept_a'].pk}/", {f"n-{key}": "１２", f"note-{key}": ""})
    assert r.status_code == 200
    assert "không phải là số" in r.content.decode()
    assert not DataValue.objects.exists()


def test_excel_import_refuses_bad_figures_and_long_notes(percent_and_count):
    wb = load_workbook(io.BytesIO(build_template(percent_and_count["dept_a"], percent_and_count["period"], percent_and_count["user_a"])))
    ws = wb["Nhập liệu"]
    rows = {ws[f"E{r}"].value: r for r in range(8, ws.max_row + 1)}
    ws[f"I{rows['CT2']}"] = "1_000"
    ws[f"I{rows['CT1']}"], ws[f"J{rows['CT1']}"], ws[f"K{rows['CT1']}"] = 1, 2, "z" * 2500
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    with pytest.raises(ImportErrors) as exc:
        import_workbook(out, percent_and_count["user_a"])
    found = {(e["row"], e["column"]) for e in exc.value.errors}
    assert found == {(rows["CT2"], "I"), (rows["CT1"], "K")}
    assert not DataValue.objects.exists()


# --- indicators' decimals, control characters anywhere ---------------------------------------------------


def test_indicator_decimals_are_0_to_6(percent_and_count):
    api = client_for(percent_and_count["admin"])
    r = api.patch(f"/api/v1/indicators/{percent_and_count['percent'].pk}/", {"decimals": 26}, format="json")
    assert r.status_code == 400 and r.json()["decimals"] == ["Giá trị không được vượt quá 6."]
    assert api.patch(f"/api/v1/indicators/{percent_and_count['percent'].pk}/", {"decimals": 6}, format="json").status_code == 200
    with pytest.raises(IntegrityError), transaction.atomic():
        Indicator.objects.filter(pk=percent_and_count["percent"].pk).update(decimals=27)
    ind = Indicator(decimals=99)
    assert percent_decimals(ind) == 6  # even an unsaved one never asks for more


def test_an_indicator_with_6_decimals_shows_everywhere(client, percent_and_count):
    Indicator.objects.filter(pk=percent_and_count["percent"].pk).update(decimals=6)
    DataValueFactory(unit=percent_and_count["dept_a"], indicator=percent_and_count["percent"], period=percent_and_count["period"], numerator=2, denominator=9)
    client.force_login(percent_and_count["admin"])
    assert client.get("/").status_code == 200
    assert client.get(f"/ky-bao-cao/{percent_and_count['period'].code}/{percent_and_count['dept_a'].pk}/").status_code == 200
    r = client_for(percent_and_count["admin"]).get(URL)
    assert r.status_code == 200 and r.json()["results"][0]["value"] == "22.222200"


def test_control_characters_are_never_stored_and_reports_still_build(percent_and_count, eager_celery,
                                                                     django_capture_on_commit_callbacks):
    unit = UnitFactory(code="CC", name="Trường\x0b có\x1b ký tự lạ", kind=UnitKind.SCHOOL, parent=percent_and_count["dept_a"])
    unit.refresh_from_db()
    assert unit.name == "Trường có ký tự lạ"
    task = TaskFactory(resolution=percent_and_count["percent"].resolution, title="Nhiệm vụ\x00 số một", lead_unit=unit,
                       progress_note="Đang\x08 làm\x07")
    task.refresh_from_db()
    assert (task.title, task.progress_note) == ("Nhiệm vụ số một", "Đang làm")
    # The tasks report (a workbook: XML refuses control characters) builds.
    from reports.runs.requests import request_report

    percent_and_count["supervisor"].is_staff = True
    percent_and_count["supervisor"].save()
    # Text stored before the stripping (a bulk update sends no signal) does not break a workbook either.
    Task.objects.filter(pk=task.pk).update(progress_note="Cũ\x0b\x1b")
    with django_capture_on_commit_callbacks(execute=True):
        run = request_report("tasks", {"resolution": percent_and_count["percent"].resolution.pk}, percent_and_count["supervisor"])
    run.refresh_from_db()
    assert run.status == "done", run.error
