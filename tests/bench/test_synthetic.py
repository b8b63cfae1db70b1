"""The synthetic province of the benchmark (`python -m bench.synthetic`, bench/synthetic/), at a tiny size.

Generated once per module inside an outer transaction rolled back at the end;
every test runs in its own savepoint on top of it. No timing is asserted here:
speed is the benchmark's business (`make bench`), never a test's.
"""

import datetime as dt
import io
from collections import Counter, defaultdict
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import override_settings

from bench import synthetic
from bench.make_synthetic import main as synthetic_cli
from indicators.figures import completeness, counted_values, rank_units, rollup_by_kind
from indicators.models import DataValue, Indicator, Measure, Period, Submission, SubmissionStatus, Target
from indicators.rules import compute_value, ratio_of_sums
from indicators.scope import check_applicable
from resolutions.models import Resolution
from units.access import has_role
from units.models import Membership, ReportingUnit, Role, UnitKind

TODAY = dt.date(2026, 11, 28)  # latest closed quarter: 2026-Q3 (deadline 20/09/2026)
PARAMS = synthetic.Params(units=40, indicators=6, quarters=4, seed=42, today=TODAY)


def fast_hashers():
    return override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])


@pytest.fixture(scope="module")
def summary(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), fast_hashers(), transaction.atomic():
        yield synthetic.generate(PARAMS)
        transaction.set_rollback(True)


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("summary")]


def snapshot():
    """Every synthetic value keyed by codes (ids differ between runs)."""
    return {
        (u, r, i, p): (num, den, value)
        for u, r, i, p, num, den, value in DataValue.objects.filter(unit__in=synthetic.synthetic_units()).values_list(
            "unit__code", "indicator__resolution__code", "indicator__code", "period__code", "numerator",
            "denominator", "value",
        )
    }


def test_shape_scales_with_the_number_of_units():
    assert synthetic.shape(1100) == (30, 30, 30, 1009)
    assert synthetic.shape(110) == (3, 3, 3, 100)
    assert synthetic.shape(40) == (1, 1, 1, 36)
    with pytest.raises(ValueError, match="quá nhỏ"):
        synthetic.shape(3)


def test_counts_per_kind(summary):
    units = synthetic.synthetic_units()
    assert units.count() == 40
    assert dict(Counter(units.values_list("kind", flat=True))) == {
        UnitKind.PROVINCE: 1, UnitKind.DEPARTMENT: 1, UnitKind.DISTRICT_OFFICE: 1, UnitKind.COMMUNE: 1,
        UnitKind.SCHOOL: 36,
    }
    province = units.get(code="SYN")
    assert province.name == "Tỉnh Minh Sơn" and province.parent is None
    # District offices under the Sở GDĐT, schools under the district offices, communes under the province.
    sgd = units.get(code="SYN.SGDDT")
    assert sgd.name == "Sở Giáo dục và Đào tạo tỉnh Minh Sơn"
    assert set(units.filter(kind=UnitKind.DISTRICT_OFFICE).values_list("parent", flat=True)) == {sgd.pk}
    assert set(units.filter(kind=UnitKind.COMMUNE).values_list("parent", flat=True)) == {province.pk}
    assert set(units.filter(kind=UnitKind.SCHOOL).values_list("parent__kind", flat=True)) == {UnitKind.DISTRICT_OFFICE}
    assert units.filter(kind=UnitKind.SCHOOL, name__startswith="Trường ").count() == 36
    # 3 documents × 2 indicators, each with targets; 4 quarters ending at the latest closed one.
    docs = Resolution.objects.filter(owner_unit__in=units)
    assert docs.count() == 3
    assert Indicator.objects.filter(resolution__in=docs).count() == 6
    assert not Indicator.objects.filter(resolution__in=docs, targets__isnull=True).exists()
    assert summary.periods == ["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]
    period = Period.objects.get(code="2026-Q3")
    assert (period.label, period.start, period.end, period.deadline) == (
        "Quý III/2026", dt.date(2026, 6, 15), dt.date(2026, 9, 14), dt.date(2026, 9, 20))
    assert summary.counts["values"] == DataValue.objects.filter(unit__in=units).count() > 0
    assert summary.counts["submissions"] == Submission.objects.filter(unit__in=units).count() > 0


def test_paths_are_consistent_with_parents():
    units = {u.pk: u for u in synthetic.synthetic_units()}
    for u in units.values():
        parent_path = units[u.parent_id].path if u.parent_id else "/"
        assert u.path == f"{parent_path}{u.pk}/"
        assert u.depth == u.path.count("/") - 2
    assert ReportingUnit.objects.rebuild_paths() == 0
    province = ReportingUnit.objects.get(code="SYN")
    assert ReportingUnit.objects.within(province).count() == 40


def test_every_value_applies_to_its_unit_and_is_computed_by_the_rules():
    values = DataValue.objects.filter(unit__in=synthetic.synthetic_units()).select_related(
        "unit", "indicator__resolution__owner_unit")
    measures = Counter()
    for v in values:
        check_applicable(v.indicator, v.unit)  # raises when the kind or the document's reach is wrong
        assert v.is_illustrative and v.version == 1
        assert v.value == compute_value(v.indicator.measure, v.numerator, v.denominator)
        if v.indicator.measure == Measure.PERCENT:
            assert 0 <= v.numerator <= v.denominator
        else:
            assert v.denominator is None and v.numerator >= 0
        if v.unit.valid_from:
            assert v.period.end >= v.unit.valid_from  # a new school has no figures before it opened
        measures[v.indicator.measure] += 1
    assert set(measures) == {Measure.PERCENT, Measure.COUNT, Measure.BOOLEAN}


def test_percent_value_matches_compute_value():
    for num, den in [(0, 1), (1, 3), (2, 9), (1, 7), (5, 8), (333, 1000), (1, 80000), (99999, 100000), (7, 7)]:
        assert Decimal(synthetic.percent_value(num, den)) == compute_value(Measure.PERCENT, num, den)


def test_submissions_are_consistent_with_the_values():
    units = synthetic.synthetic_units()
    with_values = set(DataValue.objects.filter(unit__in=units).values_list("unit_id", "period_id").distinct())
    subs = {(s.unit_id, s.period_id): s for s in Submission.objects.filter(unit__in=units)}
    assert set(subs) == with_values  # one report per unit-period holding values, none without
    statuses = Counter(s.status for s in subs.values())
    assert statuses[SubmissionStatus.APPROVED] > len(subs) / 2
    latest = Period.objects.get(code="2026-Q3")
    reporting = units.exclude(kind=UnitKind.PROVINCE).filter(valid_from__isnull=True)
    assert len([k for k in subs if k[1] == latest.pk]) <= reporting.count()
    for s in subs.values():
        if s.status == SubmissionStatus.DRAFT:
            assert s.submitted_at is None and s.approved_at is None
        else:
            assert s.submitted_at is not None and has_role(s.submitted_by, s.unit, [Role.ENTRY])
        if s.status == SubmissionStatus.APPROVED:
            assert s.approved_at >= s.submitted_at and has_role(s.approved_by, s.unit, [Role.APPROVER])
        if s.status == SubmissionStatus.RETURNED:
            assert s.return_reason in synthetic.RETURN_REASONS
        else:
            assert s.return_reason == ""


def test_memberships_and_accounts():
    User = get_user_model()
    users = User.objects.filter(username__startswith="syn.")
    # entry + approver for the department, the district office and the commune; supervisor; admin
    assert users.count() == 3 * 2 + 2
    admin = users.get(username="syn.quantri")
    assert admin.is_staff and admin.check_password(synthetic.PASSWORD)
    supervisor = users.get(username="syn.giamsat")
    assert list(Membership.objects.filter(user=supervisor).values_list("unit__code", "role")) == [("SYN", "supervisor")]
    office_entry = users.get(username="syn.nhaplieu.pgd01")
    school = ReportingUnit.objects.filter(code__startswith="SYN.PGD01.").first()
    assert has_role(office_entry, school, [Role.ENTRY])
    assert users.get(username="syn.lanhdao.xa01").memberships.get().role == Role.APPROVER


def test_rollups_of_progress_work_on_the_result():
    province = ReportingUnit.objects.get(code="SYN")
    period = Period.objects.get(code="2026-Q2")
    doc = Resolution.objects.get(code="15-NQ/TU")
    indicators = list(Indicator.objects.filter(resolution=doc).order_by("order"))
    rolled = rollup_by_kind(indicators, period, [province])
    counted = counted_values().filter(period=period, value__isnull=False)
    for ind in indicators:
        rows = {r.unit_kind: r for r in rolled[ind.pk]}
        assert set(rows) == set(ind.applies_to)
        school = rows[UnitKind.SCHOOL]
        assert school.units_expected == ReportingUnit.objects.within(province).filter(
            kind=UnitKind.SCHOOL).active_between(period.start, period.end).count()
        mine = counted.filter(indicator=ind, unit__kind=UnitKind.SCHOOL)
        assert school.units_reported == mine.count() > 0
        if ind.measure == Measure.PERCENT:
            num = sum(v.numerator for v in mine)
            den = sum(v.denominator for v in mine)
            assert (school.numerator, school.denominator, school.value) == (num, den, ratio_of_sums(num, den))
        assert school.target is not None and school.status in ("met", "not_met", "on_track", "at_risk")
    comp = completeness(period, [province])
    assert comp.units_expected == 39 and 0 < comp.units_reported <= 39
    ranking = rank_units(indicators[0], period, [province])
    assert len(ranking) == len([u for u in synthetic.synthetic_units() if indicators[0].applies_to_kind(u.kind)
                                and u.is_active_on(period.end)])


def test_same_seed_same_values_other_seed_other_values():
    first = snapshot()
    assert first
    with fast_hashers():
        synthetic.generate(PARAMS, flush_first=True)
        assert snapshot() == first
        other = synthetic.generate(synthetic.Params(units=40, indicators=6, quarters=4, seed=7, today=TODAY),
                                   flush_first=True)
    assert other.counts["units"] == 40
    assert snapshot() != first


def test_flush_removes_only_synthetic_data(tree):
    removed = synthetic.flush()
    assert removed["units"] == 40
    assert not synthetic.exists()
    assert not DataValue.objects.filter(unit__code__startswith="SYN").exists()
    assert not Resolution.objects.filter(code="15-NQ/TU").exists()
    assert not Target.objects.filter(indicator__resolution__code="15-NQ/TU").exists()
    assert ReportingUnit.objects.filter(pk=tree["province"].pk).exists()  # other data is left alone
    assert Period.objects.filter(code="2026-Q3").exists()  # periods are shared reference data


def test_command_refuses_existing_data_unless_flush(capsys):
    with pytest.raises(SystemExit):
        synthetic_cli(["--units", "20", "--indicators", "3", "--quarters", "2", "--today", "2026-11-28"],
                      stdout=io.StringIO())
    assert "--flush" in capsys.readouterr().err
    out = io.StringIO()
    with fast_hashers():
        synthetic_cli(["--units", "20", "--indicators", "3", "--quarters", "2", "--today", "2026-11-28", "--flush"],
                      stdout=out)
    text = out.getvalue()
    assert "Đã tạo dữ liệu tổng hợp" in text and synthetic.PASSWORD in text and "syn.giamsat" in text
    assert synthetic.synthetic_units().count() == 20
    kinds = defaultdict(int)
    for u in synthetic.synthetic_units():
        kinds[u.kind] += 1
    assert kinds[UnitKind.SCHOOL] == 20 - 1 - 1 - 2
