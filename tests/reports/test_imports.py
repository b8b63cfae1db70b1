"""Excel round trip: template -> filled offline -> upload; all or nothing, same rules as the form and the API."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from config.spreadsheets import MSG_NOT_XLSX
from indicators.models import DataValue, SubmissionStatus
from indicators.services import record_value
from reports.excel import reading
from reports.excel import template as tpl
from reports.excel.export.sheet import XLSX_CONTENT_TYPE
from reports.excel.reading import ImportErrors
from reports.excel.saving import import_workbook
from reports.excel.template import build_template
from tests.api_helpers import client_for
from tests.factories import (
    DataValueFactory,
    IndicatorFactory,
    MembershipFactory,
    PeriodFactory,
    SubmissionFactory,
    UnitFactory,
    UserFactory,
)
from units.models import UnitKind

pytestmark = pytest.mark.django_db

SHEET = "Nhập liệu"
FIRST = tpl.FIRST_DATA_ROW


def template(import_indicators, user="user_a", unit="dept_a", **kwargs):
    data = build_template(import_indicators[unit], import_indicators["period"], import_indicators[user], **kwargs)
    return load_workbook(io.BytesIO(data))


def row_of(wb, unit_code, indicator_code):
    ws = wb[SHEET]
    for r in range(FIRST, ws.max_row + 1):
        if ws[f"B{r}"].value == unit_code and ws[f"E{r}"].value == indicator_code:
            return r
    raise AssertionError(f"no row for {unit_code}/{indicator_code}")


def fill(wb, unit_code, indicator_code, numerator=None, denominator=None, note=None):
    ws, r = wb[SHEET], row_of(wb, unit_code, indicator_code)
    ws[f"I{r}"], ws[f"J{r}"] = numerator, denominator
    if note is not None:
        ws[f"K{r}"] = note
    return r


def as_file(wb):
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    out.name = "mau.xlsx"
    return out


def upload(wb, user):
    return import_workbook(as_file(wb), user)


def errors_of(wb, user):
    with pytest.raises(ImportErrors) as exc:
        upload(wb, user)
    return exc.value.errors


def value(import_indicators, unit, indicator):
    return DataValue.objects.get(unit=import_indicators[unit], indicator=import_indicators[indicator], period=import_indicators["period"])


# --- the round trip ------------------------------------------------------------------

def test_round_trip_creates_values_with_rules_version_and_history(import_indicators):
    wb = template(import_indicators)
    fill(wb, "A", "CT1", 2, 9, note="Theo sổ theo dõi")
    fill(wb, "A", "CT2", 1937)
    fill(wb, "A", "CT3", 1)
    result = upload(wb, import_indicators["user_a"])
    assert (result.created, result.updated) == (3, 0)
    dv = value(import_indicators, "dept_a", "percent")
    assert dv.value == Decimal("22.2222") and dv.numerator == 2 and dv.denominator == 9
    assert dv.version == 1 and dv.updated_by == import_indicators["user_a"] and dv.note == "Theo sổ theo dõi"
    assert value(import_indicators, "dept_a", "count").value == 1937 and value(import_indicators, "dept_a", "boolean").value == 1
    record = dv.history.get()
    assert record.history_change_reason == "Nhập từ Excel" and record.history_user == import_indicators["user_a"]
    assert record.history_type == "+"

    # Download again: current figures and versions are pre-filled; change one row.
    wb = template(import_indicators)
    r = row_of(wb, "A", "CT1")
    ws = wb[SHEET]
    assert (ws[f"I{r}"].value, ws[f"J{r}"].value, ws[f"K{r}"].value, ws[f"M{r}"].value) == (2, 9, "Theo sổ theo dõi", 1)
    ws[f"I{r}"] = 3
    result = upload(wb, import_indicators["user_a"])
    assert (result.created, result.updated) == (0, 1)  # the two untouched rows are not rewritten
    dv.refresh_from_db()
    assert dv.version == 2 and dv.value == Decimal("33.3333")
    assert value(import_indicators, "dept_a", "count").version == 1
    latest = dv.history.order_by("-history_date", "-history_id").first()
    assert latest.history_type == "~" and latest.history_change_reason == "Nhập từ Excel" and latest.numerator == 3


def test_empty_figure_cells_leave_the_stored_value_alone(import_indicators):
    DataValueFactory(unit=import_indicators["dept_a"], indicator=import_indicators["percent"], period=import_indicators["period"], numerator=1, denominator=4)
    wb = template(import_indicators)
    fill(wb, "A", "CT1", None, None)
    fill(wb, "A", "CT2", 5)
    result = upload(wb, import_indicators["user_a"])
    assert (result.created, result.updated) == (1, 0)
    dv = value(import_indicators, "dept_a", "percent")
    assert (dv.numerator, dv.denominator, dv.version) == (1, 4, 1)


def test_zero_over_zero_is_stored_without_value(import_indicators):
    wb = template(import_indicators)
    fill(wb, "A", "CT1", 0, 0)
    upload(wb, import_indicators["user_a"])
    assert value(import_indicators, "dept_a", "percent").value is None


def test_vietnamese_text_numbers_are_read_like_the_form(import_indicators):
    wb = template(import_indicators)
    fill(wb, "A", "CT1", "1.937", "3.296")
    fill(wb, "A", "CT2", " 325 ")
    upload(wb, import_indicators["user_a"])
    assert value(import_indicators, "dept_a", "percent").numerator == 1937
    assert value(import_indicators, "dept_a", "count").numerator == 325


# --- the template ------------------------------------------------------------------------

def test_template_heading_rows_targets_and_hidden_columns(import_indicators):
    wb = template(import_indicators)
    ws = wb[SHEET]
    assert ws["F1"].value == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert ws["F2"].value == "Độc lập - Tự do - Hạnh phúc"
    assert "Sở Giáo dục và Đào tạo" in ws["A5"].value and "Quý III/2024" in ws["A5"].value
    headers = [c.value for c in ws[tpl.HEADER_ROW]]
    assert headers[:11] == ["STT", "Mã đơn vị", "Đơn vị", "Văn bản", "Mã chỉ tiêu", "Chỉ tiêu", "Cách tính / loại",
                            "Mục tiêu", "Tử số / Số lượng / Có-Không", "Mẫu số", "Ghi chú"]
    r = row_of(wb, "A", "CT1")
    assert ws[f"A{r}"].value == 1
    assert ws[f"H{r}"].value.startswith("trên 95%")
    assert "Tổng số hồ sơ công việc" in ws[f"G{r}"].value
    assert ws[f"L{r}"].value == import_indicators["percent"].pk
    assert ws.column_dimensions["L"].hidden and ws.column_dimensions["M"].hidden
    assert ws.freeze_panes == f"A{FIRST}"
    assert ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == "9"
    assert ws.max_row == FIRST + 2  # the unit only: 3 indicators
    assert wb.sheetnames[0] == SHEET
    assert wb["_meta"].sheet_state == "veryHidden"
    assert wb["_meta"]["B1"].value == "cds-kpi-import-v2"


def test_template_locks_identifying_cells_and_unlocks_figures(import_indicators):
    wb = template(import_indicators)
    ws = wb[SHEET]
    assert ws.protection.sheet is True
    percent, count = row_of(wb, "A", "CT1"), row_of(wb, "A", "CT2")
    for col in "ABCDEFGHLM":
        assert ws[f"{col}{percent}"].protection.locked, col
    for col in "IJK":
        assert not ws[f"{col}{percent}"].protection.locked, col
    assert not ws[f"I{count}"].protection.locked
    assert ws[f"J{count}"].protection.locked  # no denominator for a count
    assert ws["A1"].protection.locked and ws[f"A{tpl.HEADER_ROW}"].protection.locked


def test_template_has_data_validation_on_figures(import_indicators):
    wb = template(import_indicators)
    ws = wb[SHEET]
    percent, count, boolean = (row_of(wb, "A", c) for c in ("CT1", "CT2", "CT3"))
    rules = [(dv.type, dv.operator, dv.formula1, dv.formula2, str(dv.sqref).split())
             for dv in ws.data_validations.dataValidation]

    def has(kind, operator, f1, f2, cell):
        return any(r[:4] == (kind, operator, f1, f2) and cell in r[4] for r in rules)

    assert has("decimal", "greaterThanOrEqual", "0", None, f"I{percent}")
    assert has("decimal", "greaterThanOrEqual", "0", None, f"J{percent}")
    assert has("whole", "greaterThanOrEqual", "0", None, f"I{count}")
    assert has("whole", "between", "0", "1", f"I{boolean}")
    assert not any(f"J{count}" in r[4] for r in rules)


def test_children_template_lists_active_child_units_in_scope(import_indicators):
    UnitFactory(code="A3", name="Trường đã giải thể", kind=UnitKind.SCHOOL, parent=import_indicators["dept_a"],
                valid_to=dt.date(2023, 12, 31))
    wb = template(import_indicators, children=True)
    ws = wb[SHEET]
    codes = [ws[f"B{r}"].value for r in range(FIRST, ws.max_row + 1)]
    assert codes == ["A"] * 3 + ["A1"] * 3 + ["A2"] * 3
    assert [ws[f"A{r}"].value for r in range(FIRST, ws.max_row + 1)] == list(range(1, 10))
    only_unit = template(import_indicators)[SHEET]
    assert {only_unit[f"B{r}"].value for r in range(FIRST, only_unit.max_row + 1)} == {"A"}


def test_children_template_leaves_out_units_of_kinds_without_indicators_and_of_other_resolutions(import_indicators):
    other = IndicatorFactory(code="KHAC", applies_to=[UnitKind.SCHOOL])
    UnitFactory(code="AX", kind=UnitKind.OTHER, parent=import_indicators["dept_a"])
    wb = template(import_indicators, children=True, resolution=import_indicators["resolution"])
    ws = wb[SHEET]
    assert "AX" not in {ws[f"B{r}"].value for r in range(FIRST, ws.max_row + 1)}
    assert "KHAC" not in {ws[f"E{r}"].value for r in range(FIRST, ws.max_row + 1)}
    everything = template(import_indicators, children=True)[SHEET]
    assert other.code in {everything[f"E{r}"].value for r in range(FIRST, everything.max_row + 1)}


def test_template_reads_back_with_libreoffice_like_readers(import_indicators):
    """A read-only pass (how imports read) sees the same rows."""
    data = build_template(import_indicators["dept_a"], import_indicators["period"], import_indicators["user_a"], children=True)
    wb = load_workbook(io.BytesIO(data), read_only=True)
    rows = list(wb[SHEET].iter_rows(min_row=FIRST, values_only=True))
    assert len(rows) == 9 and rows[0][1] == "A"


# --- every bad row, nothing saved ----------------------------------------------------

def test_every_bad_row_is_reported_and_nothing_is_saved(import_indicators):
    stale = DataValueFactory(unit=import_indicators["school_a2"], indicator=import_indicators["percent"], period=import_indicators["period"], numerator=1, denominator=9)
    wb = template(import_indicators, children=True)
    # Someone else changes a value after the download.
    record_value(unit=import_indicators["school_a2"], indicator=import_indicators["percent"], period=import_indicators["period"], numerator=2, denominator=9,
                 user=import_indicators["admin"], version=1)  # a colleague with the right
    rows = {
        "negative": fill(wb, "A", "CT1", -1, 10),
        "too_big": fill(wb, "A1", "CT1", 10, 9),
        "boolean": fill(wb, "A", "CT3", 2),
        "not_number": fill(wb, "A1", "CT2", "abc"),
        "count_den": fill(wb, "A2", "CT2", 5, 3),
        "stale": fill(wb, "A2", "CT1", 7, 9),
    }
    fill(wb, "A2", "CT3", 1)  # a good row: not saved either
    ws = wb[SHEET]
    foreign = ws.max_row + 1
    for col, v in zip("ABCDEFGHIJKLM", [99, "B", "Sở LĐTBXH", import_indicators["resolution"].code, "CT1", "x", "", "", 1, 2, "",
                                        import_indicators["percent"].pk, None],
                      strict=True):
        ws[f"{col}{foreign}"] = v
    before = DataValue.objects.count()

    errors = errors_of(wb, import_indicators["user_a"])
    by_row = {e["row"]: e for e in errors}
    assert set(by_row) == {*rows.values(), foreign}
    assert all(e["sheet"] == SHEET for e in errors)
    assert by_row[rows["negative"]]["column"] == "I" and "âm" in by_row[rows["negative"]]["message"]
    assert by_row[rows["too_big"]]["column"] == "I" and "không được lớn hơn" in by_row[rows["too_big"]]["message"]
    assert by_row[rows["boolean"]]["column"] == "I" and "1 (Có) hoặc 0 (Không)" in by_row[rows["boolean"]]["message"]
    assert by_row[rows["not_number"]]["column"] == "I" and "không phải là số" in by_row[rows["not_number"]]["message"]
    assert by_row[rows["count_den"]]["column"] == "J" and "không có mẫu số" in by_row[rows["count_den"]]["message"]
    assert by_row[rows["stale"]]["column"] == "M"
    assert "đã được người khác sửa sau khi bạn tải mẫu" in by_row[rows["stale"]]["message"]
    assert by_row[foreign]["column"] == "B" and "“B”" in by_row[foreign]["message"]
    assert "ngoài phạm vi" in by_row[foreign]["message"]
    assert [e["row"] for e in errors] == sorted(e["row"] for e in errors)

    assert DataValue.objects.count() == before
    stale.refresh_from_db()
    assert (stale.numerator, stale.version) == (2, 2)


def test_locked_period_and_submitted_report_are_row_errors(import_indicators):
    SubmissionFactory(unit=import_indicators["school_a1"], period=import_indicators["period"], status=SubmissionStatus.SUBMITTED)
    wb = template(import_indicators, children=True)
    ok = fill(wb, "A", "CT2", 3)
    submitted = fill(wb, "A1", "CT2", 4)
    errors = errors_of(wb, import_indicators["user_a"])
    assert [(e["row"], e["column"]) for e in errors] == [(submitted, "B")]
    assert "đã gửi" in errors[0]["message"]
    assert not DataValue.objects.exists()

    import_indicators["period"].is_locked = True
    import_indicators["period"].save()
    errors = errors_of(wb, import_indicators["user_a"])
    assert {e["row"] for e in errors} == {ok, submitted}
    assert any("khóa sổ" in e["message"] for e in errors)


def test_a_formula_in_a_figure_cell_is_refused(import_indicators):
    wb = template(import_indicators)
    r = fill(wb, "A", "CT2", "=2+3")
    errors = errors_of(wb, import_indicators["user_a"])
    assert errors[0]["row"] == r and errors[0]["column"] == "I" and "công thức" in errors[0]["message"]


def test_duplicate_rows_and_unknown_indicator_codes(import_indicators):
    wb = template(import_indicators)
    ws = wb[SHEET]
    r = fill(wb, "A", "CT2", 3)
    dup, unknown = ws.max_row + 1, ws.max_row + 2
    for col in "ABCDEFGHIJKLM":
        ws[f"{col}{dup}"] = ws[f"{col}{r}"].value
    ws[f"B{unknown}"], ws[f"E{unknown}"], ws[f"I{unknown}"] = "A", "KHONGCO", 1
    errors = errors_of(wb, import_indicators["user_a"])
    assert [(e["row"], e["column"]) for e in errors] == [(dup, "E"), (unknown, "E")]
    assert f"dòng {r}" in errors[0]["message"] and "KHONGCO" in errors[1]["message"]


def test_a_row_added_by_hand_for_a_unit_in_scope_is_imported(import_indicators):
    wb = template(import_indicators)  # dept_a only
    ws = wb[SHEET]
    r = ws.max_row + 1
    ws[f"B{r}"], ws[f"E{r}"], ws[f"I{r}"], ws[f"J{r}"] = "A1", "CT1", 5, 10
    assert upload(wb, import_indicators["user_a"]).created == 1
    assert value(import_indicators, "school_a1", "percent").value == 50


def test_indicator_not_applicable_to_the_unit_kind_is_refused_by_the_shared_rule(import_indicators):
    commune_only = IndicatorFactory(resolution=import_indicators["resolution"], code="XA", applies_to=[UnitKind.COMMUNE])
    wb = template(import_indicators)
    ws = wb[SHEET]
    r = ws.max_row + 1
    ws[f"B{r}"], ws[f"E{r}"], ws[f"I{r}"], ws[f"J{r}"], ws[f"L{r}"] = "A", "XA", 1, 2, commune_only.pk
    errors = errors_of(wb, import_indicators["user_a"])
    assert errors[0]["column"] == "E" and "không áp dụng" in errors[0]["message"]


def test_a_changed_header_row_is_refused(import_indicators):
    wb = template(import_indicators)
    wb[SHEET]["I7"] = "Giá trị"
    errors = errors_of(wb, import_indicators["user_a"])
    assert errors[0]["column"] == "I" and "Cấu trúc mẫu" in errors[0]["message"]


# --- files that are not our templates ---------------------------------------------------

def _message(fileobj, user):
    with pytest.raises(ImportErrors) as exc:
        import_workbook(fileobj, user)
    errors = exc.value.errors
    assert len(errors) == 1 and errors[0]["row"] is None
    return errors[0]["message"]


def test_not_an_xlsx_file(import_indicators):
    assert ".xlsx" in _message(io.BytesIO("STT;Mã đơn vị\n1;A\n".encode()), import_indicators["user_a"])
    assert "97-2003" in _message(io.BytesIO(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100), import_indicators["user_a"])
    assert ".xlsx" in _message(io.BytesIO(b"PK\x03\x04 broken zip"), import_indicators["user_a"])


def test_file_over_10_mb_is_refused(import_indicators):
    message = _message(io.BytesIO(b"PK\x03\x04" + b"\0" * (10 * 1024 * 1024)), import_indicators["user_a"])
    assert "quá lớn" in message and "10 MB" in message


def test_a_random_xlsx_without_signature(import_indicators):
    wb = Workbook()
    wb.active["A1"] = "STT"
    assert _message(as_file(wb), import_indicators["user_a"]).startswith("Tệp không phải mẫu nhập liệu của hệ thống")


def test_a_tampered_signature(import_indicators):
    wb = template(import_indicators)
    fill(wb, "A", "CT2", 3)
    meta = wb["_meta"]
    token = meta["B7"].value
    assert meta["A7"].value == "signature"
    # Point the template at another unit: the signature no longer matches.
    import base64
    import json

    from django.core import signing

    payload = signing.loads(token, salt=tpl.SIGNING_SALT)
    forged = base64.urlsafe_b64encode(json.dumps({**payload, "unit": import_indicators["dept_b"].pk}).encode()).decode().rstrip("=")
    meta["B7"] = forged + token[token.index(":"):]
    message = _message(as_file(wb), import_indicators["user_a"])
    assert message.startswith("Tệp không phải mẫu nhập liệu của hệ thống") and "chữ ký" in message
    assert not DataValue.objects.exists()


def test_a_template_signed_with_another_secret_key(import_indicators, settings):
    wb = template(import_indicators)
    fill(wb, "A", "CT2", 3)
    settings.SECRET_KEY = "another-deployment-secret-key-0123456789-abcdefghijklmnop"
    assert "chữ ký mẫu không hợp lệ" in _message(as_file(wb), import_indicators["user_a"])


# --- permissions ----------------------------------------------------------------------------

def test_user_of_unit_b_cannot_import_rows_of_unit_a(import_indicators):
    wb = template(import_indicators, children=True)
    rows = [fill(wb, "A", "CT2", 3), fill(wb, "A1", "CT1", 1, 2)]
    errors = errors_of(wb, import_indicators["user_b"])
    assert [e["row"] for e in errors] == rows
    assert all(e["column"] == "B" and "ngoài phạm vi" in e["message"] for e in errors)
    assert not DataValue.objects.exists()


def test_a_row_outside_the_template_unit_is_refused_even_for_an_admin(import_indicators):
    wb = template(import_indicators, user="admin")  # dept_a
    ws = wb[SHEET]
    r = ws.max_row + 1
    ws[f"B{r}"], ws[f"E{r}"], ws[f"I{r}"] = "B", "CT2", 4
    errors = errors_of(wb, import_indicators["admin"])
    assert errors[0]["row"] == r and "không thuộc mẫu này" in errors[0]["message"]


def test_a_viewer_cannot_build_a_template(import_indicators):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        build_template(import_indicators["dept_a"], import_indicators["period"], import_indicators["supervisor"])


# --- formula injection --------------------------------------------------------------------

def test_formula_like_text_is_stored_and_exported_as_text(import_indicators):
    import_indicators["count"].name = "=HYPERLINK(\"http://x\")"
    import_indicators["count"].save()
    wb = template(import_indicators)
    r = fill(wb, "A", "CT2", 3, note="=1+1")  # openpyxl writes this as a formula cell, as Excel would
    fill(wb, "A", "CT3", 1, note="+84 912 345 678")
    upload(wb, import_indicators["user_a"])
    assert value(import_indicators, "dept_a", "count").note == "=1+1"
    assert value(import_indicators, "dept_a", "boolean").note == "+84 912 345 678"

    data = build_template(import_indicators["dept_a"], import_indicators["period"], import_indicators["user_a"])
    ws = load_workbook(io.BytesIO(data))[SHEET]
    for ref, text in ((f"K{r}", "=1+1"), (f"F{r}", "=HYPERLINK(\"http://x\")")):
        assert ws[ref].value == text and ws[ref].data_type == "s" and ws[ref].quotePrefix
    assert b"<f>" not in _sheet_xml(data)


def _sheet_xml(data):
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return zf.read("xl/worksheets/sheet1.xml")


# --- API ------------------------------------------------------------------------------------

def test_api_template_download(import_indicators):
    r = client_for(import_indicators["user_a"]).get("/api/v1/imports/template/",
                                    {"unit": import_indicators["dept_a"].pk, "period": import_indicators["period"].pk, "children": "true"})
    assert r.status_code == 200
    assert r["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert 'filename="MauNhapLieu_A_2024-Q3.xlsx"' in r["Content-Disposition"]
    ws = load_workbook(io.BytesIO(r.content))[SHEET]
    assert {ws[f"B{i}"].value for i in range(FIRST, ws.max_row + 1)} == {"A", "A1", "A2"}


def test_api_template_scope_and_parameters(import_indicators):
    url = "/api/v1/imports/template/"
    params = {"unit": import_indicators["dept_a"].pk, "period": import_indicators["period"].pk}
    assert client_for(import_indicators["user_b"]).get(url, params).status_code == 404
    assert client_for(import_indicators["user_a"]).get(url, {**params, "unit": 999999}).status_code == 404
    assert client_for(import_indicators["supervisor"]).get(url, params).status_code == 403
    assert client_for().get(url, params).status_code == 401
    r = client_for(import_indicators["user_a"]).get(url, {"unit": import_indicators["dept_a"].pk})
    assert r.status_code == 400 and "period" in r.json()
    assert client_for(import_indicators["user_a"]).get(url, {**params, "resolution": import_indicators["resolution"].pk}).status_code == 200
    assert client_for(import_indicators["user_a"]).get(url, {**params, "period": 999999}).status_code == 404


def test_api_upload_success_and_errors(import_indicators):
    wb = template(import_indicators)
    fill(wb, "A", "CT1", 2, 9)
    r = client_for(import_indicators["user_a"]).post("/api/v1/imports/", {"file": as_file(wb)}, format="multipart")
    assert r.status_code == 200, r.content
    assert r.json() == {"created": 1, "updated": 0}

    wb = template(import_indicators)
    bad = fill(wb, "A", "CT1", 10, 9)
    r = client_for(import_indicators["user_a"]).post("/api/v1/imports/", {"file": as_file(wb)}, format="multipart")
    assert r.status_code == 400
    body = r.json()
    assert list(body) == ["errors"]
    assert body["errors"] == [{"sheet": SHEET, "row": bad, "column": "I", "message": body["errors"][0]["message"]}]
    assert value(import_indicators, "dept_a", "percent").numerator == 2


def test_api_upload_bad_files_and_auth(import_indicators):
    client = client_for(import_indicators["user_a"])
    r = client.post("/api/v1/imports/", {}, format="multipart")
    assert r.status_code == 400 and r.json()["errors"][0]["message"].startswith("Chưa chọn tệp")
    junk = io.BytesIO(b"not excel")
    junk.name = "x.xlsx"
    r = client.post("/api/v1/imports/", {"file": junk}, format="multipart")
    assert r.status_code == 400
    assert r.json() == {"errors": [{"sheet": None, "row": None, "column": None, "message": MSG_NOT_XLSX}]}
    assert client_for().post("/api/v1/imports/", {}, format="multipart").status_code == 401


# --- the page ---------------------------------------------------------------------------------

def test_page_needs_login(client, import_indicators):
    r = client.get(reverse("import-excel"))
    assert r.status_code == 302 and reverse("login") in r["Location"]


def test_page_offers_units_in_entry_scope_and_open_periods(client, import_indicators):
    locked = PeriodFactory(code="2024-Q1")
    locked.is_locked = True
    locked.save()
    client.force_login(import_indicators["user_a"])
    page = client.get(reverse("import-excel")).content.decode()
    assert "Nhập số liệu từ Excel" in page and "kèm các đơn vị trực thuộc" in page.lower()
    assert "Trường THPT Số 1" in page and "Sở Lao động" not in page
    assert "Quý III/2024" in page and "Quý I/2024" not in page


def test_page_download(client, import_indicators):
    client.force_login(import_indicators["user_a"])
    r = client.get(reverse("import-template"), {"unit": import_indicators["dept_a"].pk, "period": import_indicators["period"].pk, "children": "on"})
    assert r.status_code == 200 and r["Content-Type"] == XLSX_CONTENT_TYPE
    ws = load_workbook(io.BytesIO(r.content))[SHEET]
    assert ws.max_row == FIRST + 8
    # A unit outside the user's entry scope is not offered, and refused.
    r = client.get(reverse("import-template"), {"unit": import_indicators["dept_b"].pk, "period": import_indicators["period"].pk})
    assert r.status_code == 400 and "ngoài phạm vi" in r.content.decode()


def test_page_upload_errors_table_then_success_message(client, import_indicators):
    client.force_login(import_indicators["user_a"])
    wb = template(import_indicators)
    bad = fill(wb, "A", "CT1", -1, 9)
    fill(wb, "A", "CT3", 2)
    page = client.post(reverse("import-excel"), {"file": as_file(wb)}).content.decode()
    assert "Chưa lưu số liệu nào" in page
    for word in ("<th>Sheet</th>", "Dòng", "<th>Cột</th>", "<th>Lỗi</th>", "không được là số âm"):
        assert word in page
    assert f'<td class="num">{bad}</td>' in page
    assert not DataValue.objects.exists()

    wb = template(import_indicators)
    fill(wb, "A", "CT1", 2, 9)
    fill(wb, "A", "CT2", 10)
    r = client.post(reverse("import-excel"), {"file": as_file(wb)}, follow=True)
    assert "Đã lưu: 2 số liệu mới, 0 số liệu cập nhật" in r.content.decode()
    assert DataValue.objects.count() == 2


def test_page_upload_of_a_foreign_file(client, import_indicators):
    client.force_login(import_indicators["user_a"])
    wb = Workbook()
    page = client.post(reverse("import-excel"), {"file": as_file(wb)}).content.decode()
    assert "Tệp không phải mẫu nhập liệu của hệ thống" in page and "Chưa lưu số liệu nào" in page


def test_membership_below_the_template_unit_only_reaches_its_own_rows(import_indicators):
    """A user with entry on one school gets a template for it only, and cannot import for its sibling."""
    teacher = UserFactory(username="giaovien")
    MembershipFactory(user=teacher, unit=import_indicators["school_a1"], role="entry")
    data = build_template(import_indicators["school_a1"], import_indicators["period"], teacher, children=True)
    ws = load_workbook(io.BytesIO(data))[SHEET]
    assert {ws[f"B{r}"].value for r in range(FIRST, ws.max_row + 1)} == {"A1"}


def test_fast_reader_reads_exactly_what_openpyxl_reads(import_indicators):
    # calamine serves files without formulas; it must see the same rows, numbers and texts as openpyxl.

    wb = template(import_indicators, children=True)
    fill(wb, "A", "CT1", 2, 9, note="Số liệu quý; “đã rà soát”")
    fill(wb, "A", "CT2", 12.5)
    fill(wb, "A1", "CT3", 1)
    fill(wb, "A1", "CT1", "1.937", "2.000")
    data = as_file(wb)
    assert not reading._has_formulas(data)
    fast = reading._read_rows(reading._calamine_rows(data, tpl.HEADER_ROW), tpl.HEADER_ROW)
    ws = load_workbook(data, read_only=True)[SHEET]
    ws.reset_dimensions()
    slow = reading._read_rows(ws.iter_rows(min_row=tpl.HEADER_ROW, max_col=len(tpl.COLUMNS), values_only=True),
                              tpl.HEADER_ROW)
    assert len(fast) == 4 and fast == slow
    ws = wb[SHEET]
    ws["H20"] = "=1+1"
    assert reading._has_formulas(as_file(wb))
