"""Every surface shows the same figure and status (issue 11, "proof that every surface agrees").

A small province: a percent flow indicator with different targets per level,
a count stock indicator and a yes/no indicator; four quarters of 2024, the
first half-year and the year; approved, submitted late, returned and missing
reports. For every indicator, level and period, the dashboard page, the
progress API, the ranking API, the unit pages and the cells of the progress
workbook (its indicator sheet and its per-unit sheet) carry the figure the
engine computes, and a few of those are recomputed here by hand.
"""

import datetime as dt
import io
from decimal import ROUND_HALF_UP, Decimal

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from indicators.figures import rollup_by_kind, unit_figures
from indicators.models import Measure, Temporal
from indicators.rules import Status, format_value
from reports.documents.report_data.progress import progress_report
from reports.excel.export.progress import write_progress
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

KIND_WORDS = dict(UnitKind.choices)
PERIODS = ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4", "2024-H1", "2024"]


def two(value):
    return None if value is None else Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@pytest.fixture
def province(tree, personas):
    res = ResolutionFactory(code="09-NQ/TU", owner_unit=tree["province"], start_year=2022, end_year=2025)
    hscv = IndicatorFactory(resolution=res, code="HSCV", order=1, temporal=Temporal.FLOW,
                            applies_to=[UnitKind.SCHOOL, UnitKind.DEPARTMENT])
    TargetFactory(indicator=hscv, unit_kind=UnitKind.SCHOOL, operator="gte", value=52, year=2024)
    TargetFactory(indicator=hscv, unit_kind=UnitKind.DEPARTMENT, operator="gt", value=95, year=2024)
    pcs = IndicatorFactory(resolution=res, code="MAYTINH", order=2, measure=Measure.COUNT, temporal=Temporal.STOCK,
                           name="Số máy tính phục vụ dạy học", unit_label="máy", numerator_label="Số máy",
                           denominator_label="", applies_to=[UnitKind.SCHOOL])
    TargetFactory(indicator=pcs, unit_kind=None, operator="gte", value=20, year=2025)
    csdl = IndicatorFactory(resolution=res, code="CSDL", order=3, measure=Measure.BOOLEAN, temporal=Temporal.STOCK,
                            name="Trường cập nhật đầy đủ cơ sở dữ liệu ngành", numerator_label="", unit_label="",
                            denominator_label="", applies_to=[UnitKind.SCHOOL])
    TargetFactory(indicator=csdl, unit_kind=None, operator="gte", value=100, year=2024)
    school_3 = UnitFactory(code="A3", name="Trường THCS Số 3", kind=UnitKind.SCHOOL, parent=tree["dept_a"])
    periods = {code: PeriodFactory(code=code) for code in PERIODS}
    a1, a2, dept_a, dept_b = tree["school_a1"], tree["school_a2"], tree["dept_a"], tree["dept_b"]
    # (unit, quarter, status, late?, {indicator: (num, den)})
    reports = [
        (a1, 1, "approved", False, {hscv: (40, 100), pcs: (10, None), csdl: (0, None)}),
        (a2, 1, "approved", False, {hscv: (10, 50), pcs: (4, None), csdl: (1, None)}),
        (dept_a, 1, "approved", False, {hscv: (90, 100)}),
        (a1, 2, "submitted", True, {hscv: (55, 100), pcs: (12, None), csdl: (1, None)}),
        (a2, 2, "returned", False, {hscv: (49, 50), pcs: (9, None), csdl: (1, None)}),  # not counted
        (school_3, 2, "approved", False, {hscv: (30, 60), pcs: (25, None), csdl: (0, None)}),
        (dept_a, 2, "approved", False, {hscv: (96, 100)}),
        (dept_b, 2, "submitted", False, {hscv: (8, 10)}),
        (a1, 3, "approved", False, {hscv: (70, 100), pcs: (15, None), csdl: (1, None)}),
        (a2, 4, "approved", True, {hscv: (45, 50), pcs: (6, None), csdl: (1, None)}),
        (dept_a, 4, "approved", False, {hscv: (99, 100)}),
        # school_3 and dept_b: missing in Q3 and Q4; a1 missing in Q4.
    ]
    for unit, q, status, late, figures in reports:
        period = periods[f"2024-Q{q}"]
        at = dt.datetime.combine(period.deadline + dt.timedelta(days=5 if late else -1), dt.time(9))
        SubmissionFactory(unit=unit, period=period, status=status, submitted_at=timezone.make_aware(at))
        for ind, (num, den) in figures.items():
            DataValueFactory(unit=unit, indicator=ind, period=period, numerator=num, denominator=den)
    return {"res": res, "indicators": [hscv, pcs, csdl], "periods": periods, "units": [a1, a2, school_3, dept_a, dept_b],
            "supervisor": personas["supervisor"], **tree}


def engine(p, code):
    period = p["periods"][code]
    return period, rollup_by_kind(p["indicators"], period, p["province"])


def test_hand_computed_figures(province):
    p = province
    hscv, pcs, csdl = p["indicators"]
    rows = {k: {r.unit_kind: r for r in v} for k, v in engine(p, "2024-H1")[1].items()}
    # Flow over the half: Σ of Q1 and Q2 counted reports (a2's returned Q2 left out): (40+10+55+30)/(100+50+100+60).
    school = rows[hscv.pk]["school"]
    assert (school.numerator, school.denominator, two(school.value)) == (135, 310, Decimal("43.55"))
    # Stock over the half: each school's latest counted quarter: a1 Q2 12, a2 Q1 4, school_3 Q2 25.
    assert rows[pcs.pk]["school"].value == 41
    # Yes/no: a1 Q2 "Có", a2 Q1 "Có", school_3 Q2 "Không" → 2 of 3 expected schools.
    assert two(rows[csdl.pk]["school"].value) == Decimal("66.67")
    year = {k: {r.unit_kind: r for r in v} for k, v in engine(p, "2024")[1].items()}
    assert year[pcs.pk]["school"].value == 15 + 6 + 25  # a1 Q3, a2 Q4, school_3 Q2
    assert year[csdl.pk]["school"].status == Status.NOT_MET  # 3/3? no: school_3 said "Không" → 66,67% < 100%
    q4 = {k: {r.unit_kind: r for r in v} for k, v in engine(p, "2024-Q4")[1].items()}
    assert two(q4[hscv.pk]["department"].value) == Decimal("99.00") and q4[hscv.pk]["department"].status == "met"
    # One unit's figure of a half or a year is built from its own quarters the same way.
    h1 = unit_figures([p["school_a1"], p["school_a2"]], [pcs, hscv], p["periods"]["2024-H1"])
    assert h1[(p["school_a1"].pk, pcs.pk)].value == 12 and h1[(p["school_a2"].pk, pcs.pk)].value == 4
    assert (h1[(p["school_a1"].pk, hscv.pk)].numerator, h1[(p["school_a1"].pk, hscv.pk)].denominator) == (95, 200)
    # One school's yes/no at unit level: "Có", judged 100% against "đạt 100%".
    f = unit_figures([p["school_a2"]], [csdl], p["periods"]["2024-Q4"])[(p["school_a2"].pk, csdl.pk)]
    assert (f.value, f.status, format_value(csdl, f.value)) == (100, Status.MET, "Có")


@pytest.mark.parametrize("code", PERIODS)
def test_dashboard_api_and_workbook_agree(province, client, code):
    p = province
    period, rolled = engine(p, code)
    api = client_for(p["supervisor"]).get("/api/v1/progress/", {"resolution": p["res"].pk, "period": code}).json()
    api_rows = {(i["indicator"], k["unit_kind"]): k for i in api["indicators"] for k in i["by_kind"]}
    client.force_login(p["supervisor"])
    page = client.get(reverse("resolution-dashboard", args=[p["res"].pk]), {"period": code}).content.decode()
    book = io.BytesIO()
    write_progress(progress_report(p["res"], period), book)
    book.seek(0)
    sheet = openpyxl.load_workbook(book).worksheets[0]
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    for ind in p["indicators"]:
        kinds = [r for r in rolled[ind.pk] if r.units_expected or r.units_reported]
        for r in kinds:
            a = api_rows[(ind.pk, r.unit_kind)]
            assert (a["status"], a["units_reported"], a["units_expected"]) == (r.status, r.units_reported,
                                                                              r.units_expected)
            assert (Decimal(a["value"]) if a["value"] else None) == two(r.value)
            assert Status.LABELS[r.status] in page
            if r.value is not None:
                shown = format_value(ind, r.value) if ind.measure != Measure.BOOLEAN else \
                    f"{format_value(_Percent(ind), r.value)}"
                assert shown in page, (ind.code, r.unit_kind, shown)
            # The workbook: the indicator's line (one level) or its level's line (several).
            label = f"{ind.code}. {ind.name}" if len(kinds) == 1 else f"– {KIND_WORDS[r.unit_kind]}"
            start = next(i for i, row in enumerate(cells) if row[1] == f"{ind.code}. {ind.name}")
            line = next(row for row in cells[start:] if row[1] == label)
            value = line[4]
            expected = None if r.value is None else (float(r.value) if ind.measure == Measure.COUNT
                                                     else float(r.value) / 100)
            assert value == pytest.approx(expected) if expected is not None else value is None
            assert line[-1] == Status.LABELS[r.status]


class _Percent:
    """A stand-in indicator that words a yes/no share as a percent (as the pages do for many units)."""

    measure = Measure.PERCENT

    def __init__(self, ind):
        self.decimals = ind.decimals
        self.unit_label = ""


@pytest.mark.parametrize("code", PERIODS)
def test_ranking_unit_pages_and_unit_sheet_agree(province, client, code):
    p = province
    period = p["periods"][code]
    client.force_login(p["supervisor"])
    book = io.BytesIO()
    write_progress(progress_report(p["res"], period), book)
    book.seek(0)
    unit_sheet = openpyxl.load_workbook(book).worksheets[1]
    sheet_rows = {(row[1], row[4]): row for row in ([c.value for c in r] for r in unit_sheet.iter_rows())
                  if row[1] and row[4]}
    for ind in p["indicators"]:
        ranking = client_for(p["supervisor"]).get(
            "/api/v1/progress/units/", {"indicator": ind.pk, "period": code, "page_size": 100}).json()["results"]
        ranked = {item["unit"]: item for item in ranking}
        units = [u for u in p["units"] if ind.applies_to_kind(u.kind)]
        figures = unit_figures(units, [ind], period)
        # The units' own figures add up to the rollup of their level (ratio of sums, Σ, yes count).
        for r in rollup_by_kind([ind], period, p["province"])[ind.pk]:
            mine = [figures[(u.pk, ind.pk)] for u in units if u.kind == r.unit_kind]
            if ind.measure == Measure.BOOLEAN:
                assert (r.numerator or 0) == sum(1 for f in mine if f.value)
            else:
                assert (r.numerator or 0) == sum(f.numerator or 0 for f in mine if f.value is not None)
        for u in units:
            f = figures[(u.pk, ind.pk)]
            item = ranked[u.pk]
            assert item["status"] == f.status
            assert (Decimal(item["value"]) if item["value"] else None) == two(f.value)
            page = client.get(reverse("unit-detail", args=[u.pk]),
                              {"resolution": p["res"].pk, "period": code}).content.decode()
            if f.value is not None:
                assert format_value(ind, f.value) in page, (u.code, ind.code)
            row = sheet_rows.get((u.code, ind.code))
            assert row is not None, (u.code, ind.code)
            assert row[-1] == Status.LABELS[f.status]
            if ind.measure == Measure.BOOLEAN:
                assert row[8] == (None if f.value is None else ("Có" if f.value else "Không"))
            elif f.value is not None:
                expected = float(f.value) if ind.measure == Measure.COUNT else float(f.value) / 100
                assert row[8] == pytest.approx(expected)


def test_a_province_report_lists_only_the_resolutions_province(province):
    p = province
    other = UnitFactory(code="X", name="Tỉnh Khác", kind=UnitKind.PROVINCE)
    UnitFactory(code="X1", name="Trường Tỉnh Khác", kind=UnitKind.SCHOOL, parent=other)
    codes = {row.unit_code for row in progress_report(p["res"], p["periods"]["2024"]).unit_rows()}
    assert codes == {"A", "B", "A1", "A2", "A3"}


@pytest.mark.parametrize("code,previous", [("2024-Q2", "2024-Q1"), ("2024-Q3", "2024-Q2"), ("2024-Q4", "2024-Q3")])
def test_the_entry_forms_previous_figure_is_the_engines(province, client, personas, code, previous):
    """The form's "Kỳ trước" column shows the figure every other surface shows for the previous quarter
    (sent or approved reports only; a yes/no as Có/Không)."""
    from indicators.models import Period

    p = province
    period, before = Period.objects.get(code=code), p["periods"][previous]
    client.force_login(personas["user_a"])
    for u in [p["school_a1"], p["school_a2"], p["dept_a"]]:
        inds = [ind for ind in p["indicators"] if ind.applies_to_kind(u.kind)]
        figures = unit_figures([u], inds, before)
        page = client.get(reverse("entry", args=[period.code, u.pk])).content.decode()
        for ind in inds:
            f = figures[(u.pk, ind.pk)]
            start = page.index(f"{ind.code}")
            cells = page[start:start + 6000]
            if f.value is not None:
                assert format_value(ind, f.value) in cells, (u.code, ind.code, code)
    # a2's Q2 report was returned: its Q2 figures count nowhere, so the Q3 form shows no previous figure.
    assert unit_figures([p["school_a2"]], [p["indicators"][0]], p["periods"]["2024-Q2"])[
        (p["school_a2"].pk, p["indicators"][0].pk)].value is None


def test_the_scorecard_cells_are_the_engines(province):
    """The unit scorecard's quarter cells and statuses are each unit's own figures (a yes/no as Có/Không)."""
    from reports.documents.report_data.scorecard import unit_scorecard_report
    from reports.excel.export.scorecard import write_unit_scorecard

    p = province
    report = unit_scorecard_report(p["dept_a"], 2024, p["res"])
    book = io.BytesIO()
    write_unit_scorecard(report, book)
    book.seek(0)
    rows = [[c.value for c in r] for r in openpyxl.load_workbook(book).worksheets[0].iter_rows()]
    quarters = [p["periods"][f"2024-Q{q}"] for q in range(1, 5)]
    units = {u.name: u for u in p["units"]}
    block_unit, checked = None, 0
    for row in rows:
        if row[0] and isinstance(row[1], str) and row[1] in units and row[2] is None:
            block_unit = units[row[1]]
            continue
        ind = next((i for i in p["indicators"] if row[2] == i.code), None)
        if block_unit is None or ind is None:
            continue
        for q, period in enumerate(quarters):
            f = unit_figures([block_unit], [ind], period)[(block_unit.pk, ind.pk)]
            cell = row[5 + q]
            if ind.measure == Measure.BOOLEAN:
                assert cell == (None if f.value is None else ("Có" if f.value else "Không")), (block_unit.code, q)
            elif ind.measure == Measure.COUNT:
                assert cell == (None if f.value is None else pytest.approx(float(f.value)))
            else:
                assert cell == (None if f.value is None else pytest.approx(float(f.value) / 100))
        checked += 1
    assert checked == 10  # dept_a: HSCV; a1, a2, school_3: HSCV, MAYTINH, CSDL
