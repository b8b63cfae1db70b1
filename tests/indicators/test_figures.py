"""The figure engine's rules as an officer reads them (issue 11): yes/no per unit, half-years and
years built from their quarters, who is expected, the period a page opens on, levels not blended."""

import datetime as dt
from decimal import Decimal

import pytest

from indicators.figures import (
    completeness,
    default_period,
    indicator_status,
    rank_units,
    resolution_expects,
    rollup_by_kind,
    rollup_total,
    unit_figures,
    unit_series,
)
from indicators.models import Measure, Temporal
from indicators.rules import Status
from tests.factories import (
    IndicatorFactory,
    PeriodFactory,
    ResolutionFactory,
    TargetFactory,
    UnitFactory,
)
from tests.helpers import by_kind, put
from units.models import UnitKind, UnitSuccession

pytestmark = pytest.mark.django_db


# --- a yes/no indicator at unit level -------------------------------------------------------

@pytest.fixture
def yes_no(tree):
    q4 = PeriodFactory(code="2025-Q4")
    ind = IndicatorFactory(measure=Measure.BOOLEAN, applies_to=[UnitKind.SCHOOL], numerator_label="",
                           denominator_label="", unit_label="")
    TargetFactory(indicator=ind, unit_kind=UnitKind.SCHOOL, operator="gte", value=100, year=2025)
    put(tree["school_a1"], ind, q4, 1)
    put(tree["school_a2"], ind, q4, 0)
    return ind, q4


def test_a_school_that_answered_yes_meets_a_100_percent_target(tree, yes_no):
    ind, q4 = yes_no
    figures = unit_figures([tree["school_a1"], tree["school_a2"]], [ind], q4)
    yes, no = figures[(tree["school_a1"].pk, ind.pk)], figures[(tree["school_a2"].pk, ind.pk)]
    assert (yes.value, yes.answer, yes.status) == (Decimal(100), True, Status.MET)
    assert (no.value, no.answer, no.status) == (Decimal(0), False, Status.NOT_MET)


def test_the_ranking_puts_yes_schools_first_and_judges_them_met(tree, yes_no):
    ind, q4 = yes_no
    ranking = rank_units(ind, q4, tree["province"])
    assert [(f.unit.code, f.status) for f in ranking] == [("A1", Status.MET), ("A2", Status.NOT_MET)]


def test_a_yes_school_is_met_before_the_milestone_year_too(tree):
    q1 = PeriodFactory(code="2025-Q1")
    ind = IndicatorFactory(measure=Measure.BOOLEAN, applies_to=[UnitKind.SCHOOL], numerator_label="")
    TargetFactory(indicator=ind, unit_kind=None, operator="gte", value=100, year=2025)
    put(tree["school_a1"], ind, q1, 1)
    put(tree["school_a2"], ind, q1, 0)
    figures = unit_figures([tree["school_a1"], tree["school_a2"]], [ind], q1)
    assert figures[(tree["school_a1"].pk, ind.pk)].status == Status.MET
    # "Không" in Quý I/2025 of a 2025 target: not yet "Chưa đạt", the trend decides.
    assert figures[(tree["school_a2"].pk, ind.pk)].status == Status.AT_RISK


# --- half-years and years from their quarters ------------------------------------------------

@pytest.fixture
def year_2024(tree):
    quarters = {n: PeriodFactory(code=f"2024-Q{n}") for n in (1, 2, 3, 4)}
    h1, year = PeriodFactory(code="2024-H1"), PeriodFactory(code="2024")
    stock = IndicatorFactory(measure=Measure.COUNT, temporal=Temporal.STOCK, applies_to=[UnitKind.SCHOOL],
                             unit_label="máy")
    flow = IndicatorFactory(measure=Measure.PERCENT, temporal=Temporal.FLOW, applies_to=[UnitKind.SCHOOL])
    TargetFactory(indicator=flow, unit_kind=None, operator="gte", value=50, year=2024)
    school = tree["school_a1"]
    for n, computers, (num, den) in ((1, 10, (2, 10)), (2, 12, (3, 10)), (3, 15, (9, 10))):
        put(school, stock, quarters[n], computers)
        put(school, flow, quarters[n], num, den)
    return {"q": quarters, "h1": h1, "year": year, "stock": stock, "flow": flow, "school": school}


def test_a_half_year_stock_is_the_latest_quarter_inside_the_half(tree, year_2024):
    y = year_2024
    row = by_kind(rollup_by_kind([y["stock"]], y["h1"], tree["province"]), y["stock"])["school"]
    # Q3's 15 lies outside the first half-year: it must not hide Q2's 12.
    assert (row.value, row.units_reported) == (Decimal(12), 1)
    row = by_kind(rollup_by_kind([y["stock"]], y["year"], tree["province"]), y["stock"])["school"]
    assert row.value == Decimal(15)


def test_a_half_year_flow_sums_its_quarters(tree, year_2024):
    y = year_2024
    row = by_kind(rollup_by_kind([y["flow"]], y["h1"], tree["province"]), y["flow"])["school"]
    assert (row.numerator, row.denominator, row.value) == (Decimal(5), Decimal(20), Decimal(25))


def test_a_unit_figure_of_a_half_year_and_a_year_is_built_from_its_quarters(tree, year_2024):
    y = year_2024
    h1 = unit_figures([y["school"]], [y["stock"], y["flow"]], y["h1"])
    assert h1[(y["school"].pk, y["stock"].pk)].value == Decimal(12)
    flow = h1[(y["school"].pk, y["flow"].pk)]
    assert (flow.numerator, flow.denominator, flow.value) == (Decimal(5), Decimal(20), Decimal(25))
    year = unit_figures([y["school"]], [y["flow"]], y["year"])[(y["school"].pk, y["flow"].pk)]
    assert (year.value, year.status) == (Decimal("46.6667"), Status.NOT_MET)  # 14/30 over the year


def test_a_quarter_saved_later_moves_the_half_year_figure(tree, year_2024):
    y = year_2024
    assert unit_figures([y["school"]], [y["flow"]], y["h1"])[(y["school"].pk, y["flow"].pk)].value == Decimal(25)
    v = y["school"].values.get(indicator=y["flow"], period=y["q"][2])
    v.numerator, v.value = Decimal(8), Decimal(80)
    v.save()
    assert unit_figures([y["school"]], [y["flow"]], y["h1"])[(y["school"].pk, y["flow"].pk)].value == Decimal(50)


# --- who is expected, what a resolution asks for ---------------------------------------------

def test_a_unit_dissolved_inside_the_window_is_not_expected(tree):
    q3 = PeriodFactory(code="2025-Q3")  # 15/06–14/09/2025
    ind = IndicatorFactory(applies_to=[UnitKind.SCHOOL])
    tree["school_a2"].valid_to = dt.date(2025, 6, 30)
    tree["school_a2"].save()
    put(tree["school_a1"], ind, q3, 1, 2)
    row = by_kind(rollup_by_kind([ind], q3, tree["province"]), ind)["school"]
    assert row.units_expected == 1
    comp = completeness(q3, tree["province"], ind.resolution)
    assert (comp.units_expected, comp.units_reported, comp.missing_count) == (1, 1, 0)


def test_a_plan_expects_figures_up_to_its_last_milestone_only(tree):
    plan = ResolutionFactory(start_year=2022, end_year=2022)
    ind = IndicatorFactory(resolution=plan, applies_to=[UnitKind.SCHOOL])
    TargetFactory(indicator=ind, year=2022)
    assert resolution_expects(plan, PeriodFactory(code="2022-Q4"))
    q = PeriodFactory(code="2026-Q1")
    assert not resolution_expects(plan, q)
    assert completeness(q, tree["province"], plan).units_expected == 0
    TargetFactory(indicator=ind, year=2026)  # a later milestone extends it
    assert resolution_expects(plan, q)


def test_a_page_opens_on_the_latest_period_whose_deadline_has_passed(tree):
    res = ResolutionFactory(start_year=2024, end_year=2030)
    ind = IndicatorFactory(resolution=res, applies_to=[UnitKind.SCHOOL])
    q2, q3 = PeriodFactory(code="2025-Q2"), PeriodFactory(code="2025-Q3")  # deadlines 20/06, 20/09
    put(tree["school_a1"], ind, q3, 1, 2)  # one early report of Q3 must not move the page
    assert default_period([ind], tree["province"], today=dt.date(2025, 8, 1)) == q2
    assert default_period([ind], tree["province"], today=dt.date(2025, 9, 21)) == q3


def test_a_dissolved_province_opens_on_its_last_quarter(tree):
    res = ResolutionFactory(start_year=2024, end_year=2030)
    ind = IndicatorFactory(resolution=res, applies_to=[UnitKind.SCHOOL])
    q2, _ = PeriodFactory(code="2025-Q2"), PeriodFactory(code="2025-Q3")
    tree["province"].valid_to = dt.date(2025, 6, 30)
    tree["province"].save()
    assert default_period([ind], tree["province"], today=dt.date(2026, 12, 2)) == q2


# --- a resolution's indicator over its levels -------------------------------------------------

def test_an_indicator_is_not_met_while_a_targeted_level_has_no_data(tree):
    q4 = PeriodFactory(code="2024-Q4")
    ind = IndicatorFactory(applies_to=[UnitKind.SCHOOL, UnitKind.DEPARTMENT])
    TargetFactory(indicator=ind, unit_kind=UnitKind.SCHOOL, operator="gte", value=52, year=2024)
    TargetFactory(indicator=ind, unit_kind=UnitKind.DEPARTMENT, operator="gt", value=95, year=2024)
    put(tree["school_a1"], ind, q4, 9, 10)
    rows = rollup_by_kind([ind], q4, tree["province"])[ind.pk]
    assert by_kind({ind.pk: rows}, ind)["school"].status == Status.MET
    assert indicator_status(rows) == Status.NO_DATA  # the departments have not reported
    put(tree["dept_a"], ind, q4, 99, 100)
    put(tree["dept_b"], ind, q4, 97, 100)
    assert indicator_status(rollup_by_kind([ind], q4, tree["province"])[ind.pk]) == Status.MET


def test_levels_with_different_targets_are_not_blended(tree):
    q4 = PeriodFactory(code="2024-Q4")
    ind = IndicatorFactory(applies_to=[UnitKind.SCHOOL, UnitKind.DEPARTMENT])
    TargetFactory(indicator=ind, unit_kind=UnitKind.SCHOOL, operator="gte", value=52, year=2024)
    TargetFactory(indicator=ind, unit_kind=UnitKind.DEPARTMENT, operator="gt", value=95, year=2024)
    put(tree["school_a1"], ind, q4, 5, 10)
    put(tree["dept_a"], ind, q4, 9, 10)
    assert rollup_total(rollup_by_kind([ind], q4, tree["province"])[ind.pk]) == (None, None, None)
    same = IndicatorFactory(applies_to=[UnitKind.SCHOOL, UnitKind.DEPARTMENT])
    TargetFactory(indicator=same, unit_kind=None, operator="gte", value=50, year=2024)
    put(tree["school_a1"], same, q4, 5, 10)
    put(tree["dept_a"], same, q4, 9, 10)
    assert rollup_total(rollup_by_kind([same], q4, tree["province"])[same.pk]) == (Decimal(14), Decimal(20),
                                                                                   Decimal(70))


def test_a_successors_yes_no_history_is_the_share_of_its_predecessors_expected(tree):
    q4 = PeriodFactory(code="2024-Q4")
    ind = IndicatorFactory(measure=Measure.BOOLEAN, applies_to=[UnitKind.SCHOOL], numerator_label="")
    new = UnitFactory(kind=UnitKind.SCHOOL, parent=tree["dept_a"], valid_from=dt.date(2025, 7, 1))
    third = UnitFactory(kind=UnitKind.SCHOOL, parent=tree["dept_a"])  # merged too, never answered
    for old in (tree["school_a1"], tree["school_a2"], third):
        UnitSuccession.objects.create(predecessor=old, successor=new, kind="merge", effective_on="2025-07-01")
    put(tree["school_a1"], ind, q4, 1)
    put(tree["school_a2"], ind, q4, 0)
    assert unit_series(new, ind, [q4]) == [(q4, Decimal("33.3333"))]  # 1 yes of 3 expected schools


def test_a_plan_past_its_horizon_offers_no_form_row_and_refuses_figures(tree):
    from indicators.rules import FigureError
    from indicators.scope import check_applicable, indicators_for_unit

    plan = ResolutionFactory(start_year=2022, end_year=2022, owner_unit=tree["province"])
    ind = IndicatorFactory(resolution=plan, applies_to=[UnitKind.SCHOOL])
    TargetFactory(indicator=ind, year=2022)
    assert indicators_for_unit(tree["school_a1"], PeriodFactory(code="2022-Q4")) == [ind]
    q = PeriodFactory(code="2025-Q1")
    assert indicators_for_unit(tree["school_a1"], q) == []
    with pytest.raises(FigureError, match="không yêu cầu số liệu Quý I/2025"):
        check_applicable(ind, tree["school_a1"], q)


def test_the_period_list_offers_only_periods_the_plan_asks_for(client, tree, personas):
    from django.urls import reverse

    plan = ResolutionFactory(start_year=2022, end_year=2022, owner_unit=tree["province"])
    ind = IndicatorFactory(resolution=plan, applies_to=[UnitKind.DEPARTMENT])
    TargetFactory(indicator=ind, year=2022)
    PeriodFactory(code="2022-Q4")
    PeriodFactory(code="2025-Q1")
    client.force_login(personas["user_a"])
    page = client.get(reverse("periods"), {"unit": tree["dept_a"].pk}).content.decode()
    assert "Quý IV/2022" in page and "Quý I/2025" not in page
