"""Rollups, series, rankings and completeness over a unit tree (hand-computed)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from indicators.figures import completeness, rank_units, rollup_by_kind, unit_series
from indicators.models import Measure, SubmissionStatus, Temporal
from indicators.rules import Status
from tests.factories import (
    IndicatorFactory,
    PeriodFactory,
    SubmissionFactory,
    TargetFactory,
    UnitFactory,
)
from tests.helpers import by_kind, put
from units.models import UnitKind, UnitSuccession

pytestmark = pytest.mark.django_db


def test_percent_rollup_is_the_ratio_of_sums_per_kind(tree):
    q3 = PeriodFactory(code="2024-Q3")
    ind = IndicatorFactory(applies_to=[UnitKind.SCHOOL, UnitKind.DEPARTMENT])
    TargetFactory(indicator=ind, unit_kind=UnitKind.SCHOOL, operator="gte", value=52, year=2024)
    put(tree["school_a1"], ind, q3, 90, 100)  # 90%
    put(tree["school_a2"], ind, q3, 1, 10)  # 10%  -> mean of rates 50%, ratio of sums 91/110
    put(tree["dept_a"], ind, q3, 2, 9)

    rows = by_kind(rollup_by_kind([ind], q3, tree["province"]), ind)
    school = rows["school"]
    assert (school.numerator, school.denominator) == (Decimal(91), Decimal(110))
    assert school.value == Decimal("82.7273")  # not 50
    assert (school.units_expected, school.units_reported, school.units_met) == (2, 2, 1)
    assert school.status == Status.MET
    assert rows["department"].value == Decimal("22.2222")
    assert rows["department"].units_expected == 2  # dept_a and dept_b


def test_draft_and_returned_figures_do_not_count_and_approved_only_switch(tree):
    q3 = PeriodFactory(code="2024-Q3")
    ind = IndicatorFactory(applies_to=[UnitKind.SCHOOL])
    put(tree["school_a1"], ind, q3, 5, 10, status=SubmissionStatus.APPROVED)
    put(tree["school_a2"], ind, q3, 1, 10, status=SubmissionStatus.SUBMITTED)
    draft_school = UnitFactory(kind=UnitKind.SCHOOL, parent=tree["dept_b"])
    put(draft_school, ind, q3, 10, 10, status=SubmissionStatus.DRAFT)

    assert by_kind(rollup_by_kind([ind], q3, tree["province"]), ind)["school"].value == Decimal(30)  # 6/20
    approved = by_kind(rollup_by_kind([ind], q3, tree["province"], approved_only=True), ind)["school"]
    assert approved.value == Decimal(50)
    assert approved.units_reported == 1


def test_subtree_limits_the_rollup(tree):
    q3 = PeriodFactory(code="2024-Q3")
    ind = IndicatorFactory(applies_to=[UnitKind.SCHOOL])
    put(tree["school_a1"], ind, q3, 5, 10)
    other = UnitFactory(kind=UnitKind.SCHOOL, parent=tree["dept_b"])
    put(other, ind, q3, 10, 10)
    assert by_kind(rollup_by_kind([ind], q3, tree["dept_a"]), ind)["school"].value == Decimal(50)
    assert by_kind(rollup_by_kind([ind], q3, tree["dept_b"]), ind)["school"].value == Decimal(100)


def test_zero_over_zero_is_excluded_from_the_rollup(tree):
    q3 = PeriodFactory(code="2024-Q3")
    ind = IndicatorFactory(applies_to=[UnitKind.SCHOOL])
    put(tree["school_a1"], ind, q3, 3, 4)
    put(tree["school_a2"], ind, q3, 0, 0)  # không phát sinh
    row = by_kind(rollup_by_kind([ind], q3, tree["province"]), ind)["school"]
    assert row.value == Decimal(75)
    assert row.units_reported == 1


def test_boolean_rollup_is_the_share_of_expected_units_answering_yes(tree):
    q3 = PeriodFactory(code="2024-Q3")
    ind = IndicatorFactory(measure=Measure.BOOLEAN, applies_to=[UnitKind.SCHOOL], numerator_label="", denominator_label="")
    TargetFactory(indicator=ind, unit_kind=None, operator="gte", value=50, year=2024)
    UnitFactory(kind=UnitKind.SCHOOL, parent=tree["dept_b"])  # expected, did not answer
    UnitFactory(kind=UnitKind.SCHOOL, parent=tree["dept_b"])  # expected, did not answer
    put(tree["school_a1"], ind, q3, 1)
    put(tree["school_a2"], ind, q3, 0)
    row = by_kind(rollup_by_kind([ind], q3, tree["province"]), ind)["school"]
    assert (row.units_expected, row.units_reported, row.units_met) == (4, 2, 1)
    assert row.value == Decimal(25)  # 1 yes of 4 expected schools
    assert row.status == Status.AT_RISK  # Quý III: the 2024 milestone can still be reached


def test_count_rollup_sums(tree):
    q4 = PeriodFactory(code="2023-Q4")
    ind = IndicatorFactory(measure=Measure.COUNT, applies_to=[UnitKind.SCHOOL], unit_label="máy")
    put(tree["school_a1"], ind, q4, 1937)
    put(tree["school_a2"], ind, q4, 3296)
    assert by_kind(rollup_by_kind([ind], q4, tree["province"]), ind)["school"].value == Decimal(5233)


def test_over_a_year_a_stock_takes_the_latest_quarter_and_a_flow_sums(tree):
    year = PeriodFactory(code="2024")
    q = {n: PeriodFactory(code=f"2024-Q{n}") for n in (1, 2, 3, 4)}
    stock = IndicatorFactory(measure=Measure.COUNT, temporal=Temporal.STOCK, applies_to=[UnitKind.SCHOOL])
    flow = IndicatorFactory(measure=Measure.PERCENT, temporal=Temporal.FLOW, applies_to=[UnitKind.SCHOOL])
    for n, computers in ((1, 300), (2, 310), (3, 325)):  # no Q4 figure: Q3 is the latest
        put(tree["school_a1"], stock, q[n], computers)
    put(tree["school_a2"], stock, q[4], 40)
    for n, (online, total) in {1: (10, 100), 2: (20, 100), 3: (30, 100), 4: (40, 100)}.items():
        put(tree["school_a1"], flow, q[n], online, total)

    result = rollup_by_kind([stock, flow], year, tree["province"])
    assert by_kind(result, stock)["school"].value == Decimal(365)  # 325 (Q3 of a1) + 40 (Q4 of a2)
    assert by_kind(result, flow)["school"].value == Decimal(25)  # 100 / 400
    assert by_kind(result, flow)["school"].units_reported == 1


def test_status_uses_the_trend_before_the_milestone(tree):
    ind = IndicatorFactory(applies_to=[UnitKind.SCHOOL])
    TargetFactory(indicator=ind, operator="gte", value=90, year=2025)
    for n, online in ((1, 60), (2, 65), (3, 70), (4, 75)):
        put(tree["school_a1"], ind, PeriodFactory(code=f"2023-Q{n}"), online, 100)
    row = by_kind(rollup_by_kind([ind], PeriodFactory(code="2023-Q4"), tree["province"]), ind)["school"]
    assert [v for _, v in row.series] == [Decimal(60), Decimal(65), Decimal(70), Decimal(75)]
    assert row.status == Status.ON_TRACK  # +5 a quarter reaches 90 well before 31/12/2025


def test_merged_unit_history_rolls_into_its_successor():
    old_a = UnitFactory(kind=UnitKind.DEPARTMENT, name="Sở GDĐT Quảng Bình", valid_to=dt.date(2025, 6, 30))
    old_b = UnitFactory(kind=UnitKind.DEPARTMENT, name="Sở GDĐT Quảng Trị (cũ)", valid_to=dt.date(2025, 6, 30))
    new = UnitFactory(kind=UnitKind.DEPARTMENT, name="Sở GDĐT Quảng Trị", valid_from=dt.date(2025, 7, 1))
    for old in (old_a, old_b):
        UnitSuccession.objects.create(predecessor=old, successor=new, kind="merge", effective_on=dt.date(2025, 7, 1),
                                      legal_basis="NQ 202/2025/QH15")
    ind = IndicatorFactory(applies_to=[UnitKind.DEPARTMENT])
    q2, q3 = PeriodFactory(code="2025-Q2"), PeriodFactory(code="2025-Q3")
    put(old_a, ind, q2, 90, 100)
    put(old_b, ind, q2, 10, 100)
    put(new, ind, q3, 150, 200)

    series = dict(unit_series(new, ind, [q2, q3]))
    assert series[q2] == Decimal(50)  # (90 + 10) / (100 + 100), not a mean of rates
    assert series[q3] == Decimal(75)
    assert dict(unit_series(new, ind, [q2, q3], include_predecessors=False))[q2] is None
    # The dissolved units keep their own values.
    assert dict(unit_series(old_a, ind, [q2]))[q2] == Decimal(90)
    # Dashboards of the successor show the predecessors' period too.
    assert by_kind(rollup_by_kind([ind], q2, new), ind)["department"].value == Decimal(50)


def test_ranking_orders_best_first_and_puts_missing_last(tree):
    q3 = PeriodFactory(code="2024-Q3")
    ind = IndicatorFactory(applies_to=[UnitKind.SCHOOL])
    put(tree["school_a1"], ind, q3, 10, 100)
    put(tree["school_a2"], ind, q3, 80, 100)
    silent = UnitFactory(kind=UnitKind.SCHOOL, parent=tree["dept_b"], name="Trường chưa nộp")
    ranked = rank_units(ind, q3, tree["province"])
    assert [f.unit for f in ranked] == [tree["school_a2"], tree["school_a1"], silent]
    ind.direction = "decrease"
    assert [f.unit for f in rank_units(ind, q3, tree["province"])][:2] == [tree["school_a1"], tree["school_a2"]]


def test_completeness_counts_expected_reported_and_on_time(tree):
    q3 = PeriodFactory(code="2024-Q3")  # deadline 20/09/2024
    IndicatorFactory(applies_to=[UnitKind.SCHOOL, UnitKind.DEPARTMENT])
    on_time = timezone.make_aware(dt.datetime(2024, 9, 19, 16, 0))
    late = timezone.make_aware(dt.datetime(2024, 9, 25, 9, 0))
    SubmissionFactory(unit=tree["school_a1"], period=q3, status=SubmissionStatus.APPROVED, submitted_at=on_time)
    SubmissionFactory(unit=tree["school_a2"], period=q3, status=SubmissionStatus.SUBMITTED, submitted_at=late)
    SubmissionFactory(unit=tree["dept_a"], period=q3, status=SubmissionStatus.DRAFT)
    UnitFactory(kind=UnitKind.SCHOOL, parent=tree["dept_b"], valid_to=dt.date(2023, 1, 1))  # dissolved: not expected

    c = completeness(q3, tree["province"])
    assert (c.units_expected, c.units_reported, c.units_on_time) == (4, 2, 1)  # 2 schools + 2 departments
    assert set(c.missing) == {tree["dept_a"], tree["dept_b"]}
    assert [u for u, _ in c.late] == [tree["school_a2"]]
    assert {k["unit_kind"]: k["units_reported"] for k in c.by_kind} == {"department": 0, "school": 2}


def test_rollup_query_count_does_not_grow_with_units(tree, django_assert_max_num_queries):
    q3 = PeriodFactory(code="2024-Q3")
    inds = [IndicatorFactory(applies_to=[UnitKind.SCHOOL, UnitKind.DEPARTMENT]) for _ in range(3)]
    for ind in inds:
        TargetFactory(indicator=ind, unit_kind=UnitKind.SCHOOL, value=50, year=2025)
    for i in range(40):
        school = UnitFactory(kind=UnitKind.SCHOOL, parent=tree["dept_a"])
        for ind in inds:
            put(school, ind, q3, i, 40)
    with django_assert_max_num_queries(8):
        result = rollup_by_kind(inds, q3, tree["province"])
    assert by_kind(result, inds[0])["school"].units_reported == 40


def test_an_indicator_is_met_only_when_every_judged_level_meets_its_target(tree):
    # "trên 95% cấp Sở, 52% cơ sở giáo dục": the Sở meets, the schools do not -> the indicator is Chưa đạt.
    from indicators.figures import indicator_status

    q4 = PeriodFactory(code="2022-Q4")
    ind = IndicatorFactory(applies_to=[UnitKind.DEPARTMENT, UnitKind.SCHOOL])
    TargetFactory(indicator=ind, unit_kind=UnitKind.DEPARTMENT, operator="gt", value=95, year=2022)
    TargetFactory(indicator=ind, unit_kind=UnitKind.SCHOOL, operator="gte", value=52, year=2022)
    put(tree["dept_a"], ind, q4, 96, 100)
    put(tree["school_a1"], ind, q4, 50, 100)
    rows = rollup_by_kind([ind], q4, tree["province"])[ind.pk]
    assert {r.unit_kind: r.status for r in rows} == {"department": Status.MET, "school": Status.NOT_MET}
    assert indicator_status(rows) == Status.NOT_MET
    assert indicator_status([r for r in rows if r.unit_kind == "department"]) == Status.MET


def test_a_plan_past_its_horizon_expects_nobody_in_the_rollup_the_ranking_and_completeness(tree):
    from tests.factories import ResolutionFactory

    plan = ResolutionFactory(owner_unit=tree["province"], start_year=2022, end_year=2022)
    ind = IndicatorFactory(resolution=plan, measure=Measure.BOOLEAN, applies_to=[UnitKind.SCHOOL])
    TargetFactory(indicator=ind, operator="gte", value=50, year=2022)
    q4_2022, q3_2024 = PeriodFactory(code="2022-Q4"), PeriodFactory(code="2024-Q3")
    put(tree["school_a1"], ind, q4_2022, 1)

    in_plan = by_kind(rollup_by_kind([ind], q4_2022, tree["province"]), ind)["school"]
    assert (in_plan.units_expected, in_plan.value) == (2, Decimal(50))  # one "Có" of two schools
    after = by_kind(rollup_by_kind([ind], q3_2024, tree["province"]), ind)["school"]
    assert (after.units_expected, after.value, after.status) == (0, None, Status.NO_DATA)  # not "0 of 2 schools"
    assert len(rank_units(ind, q4_2022, [tree["province"]])) == 2
    assert rank_units(ind, q3_2024, [tree["province"]]) == []
    assert completeness(q3_2024, [tree["province"]]).units_expected == 0
