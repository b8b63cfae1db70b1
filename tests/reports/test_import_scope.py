"""Issue 11: the Excel template lists exactly what the unit reports (indicators.scope), the resolution named.

Defect seen on the demo: Sở GDĐT Ninh Thuận's template listed 27 rows (the
Quảng Bình plan's and Sóc Trăng's 07-NQ/TU indicators too) where its entry
form has 5, with no column naming the resolution, and the upload refused
exactly those rows.
"""

import io

import pytest
from django.core import signing
from openpyxl import load_workbook

from indicators.models import DataValue
from indicators.scope import indicators_for_unit
from reports.excel import template as tpl
from reports.excel.reading import ImportErrors
from reports.excel.saving import import_workbook
from reports.excel.template import build_template
from tests.factories import PeriodFactory

pytestmark = pytest.mark.django_db

SHEET = tpl.DATA_SHEET
FIRST = tpl.FIRST_DATA_ROW
# The columns as the user sees them (v2): B unit, D resolution, E indicator, I/J figures, L id (hidden).
UNIT, RES, CODE, NUM, DEN, ID = "B", "D", "E", "I", "J", "L"


def template(s, unit="dept_a", **kwargs):
    return load_workbook(io.BytesIO(build_template(s[unit], s["q3"], s["user_a"], **kwargs)))


def rows(wb):
    ws = wb[SHEET]
    return [(ws[f"{UNIT}{r}"].value, ws[f"{RES}{r}"].value, ws[f"{CODE}{r}"].value) for r in range(FIRST, ws.max_row + 1)]


def as_file(wb):
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    out.name = "mau.xlsx"
    return out


def errors_of(wb, user):
    with pytest.raises(ImportErrors) as exc:
        import_workbook(as_file(wb), user)
    return exc.value.errors


def test_template_lists_only_the_units_resolutions_one_row_per_resolution_and_indicator(two_provinces):
    s = two_provinces
    wb = template(s)
    assert wb[SHEET][f"{RES}{tpl.HEADER_ROW}"].value == "Văn bản"
    assert rows(wb) == [("A", "09-NQ/TU", "VB-KYSO"), ("A", "09-NQ/TU", "HSCV-MANG"), ("A", "KH-2022", "HSCV-MANG")]
    # The same rows as the entry form, in the same order.
    assert [(r, c) for _u, r, c in rows(wb)] == [(i.resolution.code, i.code)
                                                 for i in indicators_for_unit(s["dept_a"], s["q3"])]
    assert "CAPQUANG" not in {c for _u, _r, c in rows(wb)}  # the other province's resolution


def test_children_template_asks_the_scope_of_each_child(two_provinces):
    s = two_provinces
    got = rows(template(s, children=True))
    assert [r for r in got if r[0] == "A1"] == [("A1", "09-NQ/TU", "VB-KYSO"), ("A1", "09-NQ/TU", "HSCV-MANG"),
                                                 ("A1", "09-NQ/TU", "TRUONG"), ("A1", "KH-2022", "HSCV-MANG")]
    assert [r for r in got if r[0] == "A"] == [("A", "09-NQ/TU", "VB-KYSO"), ("A", "09-NQ/TU", "HSCV-MANG"),
                                                ("A", "KH-2022", "HSCV-MANG")]  # no school-only indicator
    assert len(got) == 3 + 4 + 4


def test_the_filled_template_round_trips_every_row(two_provinces):
    s = two_provinces
    wb = template(s, children=True)
    ws = wb[SHEET]
    for r in range(FIRST, ws.max_row + 1):
        ws[f"{NUM}{r}"], ws[f"{DEN}{r}"] = 2, 9
    result = import_workbook(as_file(wb), s["user_a"])
    assert (result.created, result.updated) == (11, 0)
    # The two HSCV-MANG rows of dept_a went to their own resolution's indicator.
    stored = set(DataValue.objects.filter(unit=s["dept_a"]).values_list("indicator__resolution__code",
                                                                         "indicator__code"))
    assert stored == {("09-NQ/TU", "VB-KYSO"), ("09-NQ/TU", "HSCV-MANG"), ("KH-2022", "HSCV-MANG")}
    # Downloaded again: every row pre-filled, uploaded unchanged: nothing written.
    again = import_workbook(as_file(template(s, children=True)), s["user_a"])
    assert (again.created, again.updated, again.unchanged) == (0, 0, 11)


def test_a_row_added_by_hand_is_found_by_resolution_and_code(two_provinces):
    s = two_provinces
    wb = template(s)
    ws = wb[SHEET]
    named, bare = ws.max_row + 1, ws.max_row + 2
    ws[f"{UNIT}{named}"], ws[f"{RES}{named}"], ws[f"{CODE}{named}"] = "A1", "KH-2022", "HSCV-MANG"
    ws[f"{NUM}{named}"], ws[f"{DEN}{named}"] = 1, 4
    ws[f"{UNIT}{bare}"], ws[f"{CODE}{bare}"], ws[f"{NUM}{bare}"], ws[f"{DEN}{bare}"] = "A1", "HSCV-MANG", 1, 2
    errors = errors_of(wb, s["user_a"])
    assert [(e["row"], e["column"]) for e in errors] == [(bare, CODE)]
    assert "09-NQ/TU" in errors[0]["message"] and "KH-2022" in errors[0]["message"]
    ws[f"{RES}{bare}"] = "09-NQ/TU"
    assert import_workbook(as_file(wb), s["user_a"]).created == 2
    assert DataValue.objects.get(unit=s["school_a1"], indicator=s["plan_hscv"]).value == 25
    assert DataValue.objects.get(unit=s["school_a1"], indicator=s["nq_hscv"]).value == 50


def test_a_row_of_another_provinces_resolution_is_refused_with_the_reason(two_provinces):
    s = two_provinces
    wb = template(s)
    ws = wb[SHEET]
    r = ws.max_row + 1
    ws[f"{UNIT}{r}"], ws[f"{RES}{r}"], ws[f"{CODE}{r}"] = "A", "07-NQ/TU", "CAPQUANG"
    ws[f"{NUM}{r}"], ws[f"{DEN}{r}"], ws[f"{ID}{r}"] = 1, 2, s["foreign_ind"].pk
    errors = errors_of(wb, s["user_a"])
    assert [(e["row"], e["column"]) for e in errors] == [(r, CODE)]
    assert "ngoài phạm vi của văn bản" in errors[0]["message"]
    assert not DataValue.objects.exists()


def test_a_template_of_the_previous_version_is_still_read(two_provinces):
    """v1 files (no "Văn bản" column, figures in H/I) downloaded before the change import as before."""
    s = two_provinces
    wb = template(s, resolution=s["nq"])
    ws = wb[SHEET]
    ws.delete_cols(4)  # the v1 layout: no "Văn bản"
    meta = wb["_meta"]
    payload = signing.loads(meta["B7"].value, salt=tpl.SIGNING_SALT)
    meta["B1"] = "cds-kpi-import-v1"
    meta["B7"] = signing.dumps({**payload, "kind": "cds-kpi-import-v1"}, salt=tpl.SIGNING_SALT)
    assert ws[f"H{tpl.HEADER_ROW}"].value == "Tử số / Số lượng / Có-Không"
    for r in range(FIRST, ws.max_row + 1):
        ws[f"H{r}"], ws[f"I{r}"] = 3, 4
    assert import_workbook(as_file(wb), s["user_a"]).created == 2
    bad = FIRST
    ws[f"H{bad}"] = 5
    ws[f"I{bad}"] = 4
    errors = errors_of(wb, s["user_a"])
    assert (errors[0]["row"], errors[0]["column"]) == (bad, "H")  # errors name the file's own columns


def test_a_unit_with_nothing_to_report_gets_an_empty_template_saying_so(two_provinces):
    s = two_provinces
    wb = load_workbook(io.BytesIO(build_template(s["dept_a"], PeriodFactory(code="2024-H1"), s["user_a"])))
    assert "Không có chỉ tiêu nào cần nhập" in wb[SHEET][f"A{FIRST}"].value
