"""Cached figures equal fresh ones after every kind of write; a cached rollup skips the aggregate queries."""

from decimal import Decimal

import pytest

from indicators import bulk, figure_cache, workflow
from indicators.changes import figures_changed
from indicators.figures import rollup_by_kind
from indicators.models import Indicator, SubmissionStatus
from indicators.rules import Status
from indicators.services import record_value
from tests.factories import (
    DataValueFactory,
    IndicatorFactory,
    PeriodFactory,
    SubmissionFactory,
    TargetFactory,
    UnitFactory,
)
from units.models import UnitKind


@pytest.fixture
def two_school_values(tree, personas):
    q3 = PeriodFactory(code="2024-Q3")
    ind = IndicatorFactory(applies_to=[UnitKind.SCHOOL])
    target = TargetFactory(indicator=ind, unit_kind=UnitKind.SCHOOL, operator="gte", value=50, year=2024)
    for school, num in ((tree["school_a1"], 30), (tree["school_a2"], 40)):
        SubmissionFactory(unit=school, period=q3, status=SubmissionStatus.SUBMITTED)
        DataValueFactory(unit=school, indicator=ind, period=q3, numerator=num, denominator=100)
    return {**tree, **personas, "q3": q3, "ind": ind, "target": target}


def school_row(two_school_values):
    ind = Indicator.objects.get(pk=two_school_values["ind"].pk)  # as a page does: fresh objects, cached aggregates
    return next(r for r in rollup_by_kind([ind], two_school_values["q3"], two_school_values["province"])[ind.pk] if r.unit_kind == "school")


def fresh_row(two_school_values, settings):
    settings.FIGURE_CACHE_SECONDS = 0
    try:
        return school_row(two_school_values)
    finally:
        settings.FIGURE_CACHE_SECONDS = 600


def figures(row):
    return (row.numerator, row.denominator, row.value, row.units_reported, row.units_met, row.status)


def test_second_rollup_is_served_from_the_cache(two_school_values):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as cold:
        first = school_row(two_school_values)
    with CaptureQueriesContext(connection) as warm:
        again = school_row(two_school_values)
    # Warm: the indicator, its targets, the trailing periods, the year's periods; no aggregate over values.
    assert len(warm) == 4 < len(cold)
    assert not any("SUM(" in q["sql"].upper() for q in warm.captured_queries)
    assert figures(again) == figures(first) == (Decimal(70), Decimal(200), Decimal(35), 2, 0, Status.AT_RISK)


def test_a_saved_value_shows_at_once(two_school_values, settings):
    school_row(two_school_values)  # cache it
    sub = two_school_values["school_a1"].submissions.get()
    workflow.return_submission(sub, two_school_values["admin"], "Sửa tổng số hồ sơ")
    dv = two_school_values["ind"].values.get(unit=two_school_values["school_a1"])
    record_value(unit=two_school_values["school_a1"], indicator=two_school_values["ind"], period=two_school_values["q3"], numerator=90, denominator=100,
                 user=two_school_values["admin"], version=dv.version)
    workflow.submit(two_school_values["school_a1"], two_school_values["q3"], two_school_values["admin"])
    row = school_row(two_school_values)
    assert figures(row) == figures(fresh_row(two_school_values, settings))
    assert (row.value, row.units_met) == (Decimal(65), 1)


def test_workflow_changes_what_counts(two_school_values, settings):
    school_row(two_school_values)
    workflow.return_submission(two_school_values["school_a2"].submissions.get(), two_school_values["admin"], "Chưa khớp sổ")
    row = school_row(two_school_values)
    assert figures(row) == figures(fresh_row(two_school_values, settings))
    assert (row.numerator, row.units_reported) == (Decimal(30), 1)


def test_target_change_and_new_unit_change_statuses_and_counts(two_school_values, settings):
    school_row(two_school_values)
    two_school_values["target"].value = 30
    two_school_values["target"].save()
    assert school_row(two_school_values).status == Status.MET
    UnitFactory(kind=UnitKind.SCHOOL, parent=two_school_values["dept_a"])  # one more school expected to report
    row = school_row(two_school_values)
    assert figures(row) == figures(fresh_row(two_school_values, settings))
    assert row.units_expected == 3


def test_bulk_write_invalidates(two_school_values, settings):
    school_row(two_school_values)
    sub = two_school_values["school_a1"].submissions.get()
    sub.status = SubmissionStatus.DRAFT
    sub.save()
    planned, errors = bulk.plan_items(
        [{"unit": two_school_values["school_a1"].pk, "indicator": two_school_values["ind"].pk, "period": two_school_values["q3"].pk,
          "numerator": Decimal(5), "denominator": Decimal(10)}], two_school_values["admin"])
    assert errors == []
    bulk.write_values(planned, two_school_values["admin"], "test")
    sub.status = SubmissionStatus.SUBMITTED
    sub.save()
    row = school_row(two_school_values)
    assert figures(row) == figures(fresh_row(two_school_values, settings))
    assert (row.numerator, row.denominator) == (Decimal(45), Decimal(110))


def test_generation_moves_again_when_the_writer_commits(db, django_capture_on_commit_callbacks):
    before = figure_cache.generation()
    with django_capture_on_commit_callbacks(execute=True):
        figures_changed()
        assert figure_cache.generation() == before + 1
    assert figure_cache.generation() == before + 2


def test_a_value_write_keeps_other_periods_cached(two_school_values, django_assert_max_num_queries):
    q2 = PeriodFactory(code="2024-Q2")
    SubmissionFactory(unit=two_school_values["school_a1"], period=q2, status=SubmissionStatus.APPROVED)
    DataValueFactory(unit=two_school_values["school_a1"], indicator=two_school_values["ind"], period=q2, numerator=10, denominator=100)
    school_row(two_school_values)  # caches Q3 (shown) and Q2 (trend)
    q2_gen = figure_cache.generation(f"p{q2.pk}")
    dv = two_school_values["ind"].values.get(unit=two_school_values["school_a2"], period=two_school_values["q3"])
    dv.numerator = 60
    dv.save()
    assert figure_cache.generation(f"p{q2.pk}") == q2_gen  # Q2's figures stay cached
    row = school_row(two_school_values)
    assert row.value == Decimal(45) and [v for _, v in row.series][-2:] == [Decimal(10), Decimal(45)]


def test_lost_generation_restarts_above_every_earlier_number(db):
    from django.core.cache import cache

    before = figure_cache.generation()
    cache.delete(f"{figure_cache.GENERATION_PREFIX}{figure_cache.GLOBAL}")
    assert figure_cache.generation() > before


def test_one_snapshot_per_request_still_sees_the_requests_own_writes(two_school_values, settings):
    from config.request_memo import request_scope

    with request_scope():  # what RequestMemoMiddleware does around a request
        school_row(two_school_values)
        sub = two_school_values["school_a1"].submissions.get()
        sub.status = SubmissionStatus.APPROVED  # still counted
        sub.save()
        dv = two_school_values["ind"].values.get(unit=two_school_values["school_a1"])
        dv.numerator = 80
        dv.save()
        assert school_row(two_school_values).value == Decimal(60)
    assert figures(school_row(two_school_values)) == figures(fresh_row(two_school_values, settings))


def test_a_saved_figure_recomputes_only_its_indicator(two_school_values):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    other = IndicatorFactory(resolution=two_school_values["ind"].resolution, applies_to=[UnitKind.SCHOOL])
    DataValueFactory(unit=two_school_values["school_a1"], indicator=other, period=two_school_values["q3"], numerator=5, denominator=10)
    both = lambda: rollup_by_kind(Indicator.objects.filter(pk__in=[two_school_values["ind"].pk, other.pk]),  # noqa: E731
                                  two_school_values["q3"], two_school_values["province"])
    both()
    dv = two_school_values["ind"].values.get(unit=two_school_values["school_a1"])
    dv.numerator = 70
    dv.save()
    with CaptureQueriesContext(connection) as q:
        result = both()
    aggregates = [x["sql"] for x in q.captured_queries if "SUM(" in x["sql"].upper()]
    # One aggregate, over the saved indicator only; the other indicator's figures come from the cache.
    assert len(aggregates) == 1 and f'"indicator_id" IN ({two_school_values["ind"].pk})' in aggregates[0]
    school = {r.unit_kind: r for r in result[two_school_values["ind"].pk]}["school"]
    assert school.numerator == Decimal(110)


def test_cold_trend_is_one_query_and_equals_fresh_figures(two_school_values, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for code, nums in (("2024-Q1", (10, 20)), ("2024-Q2", (30, 35))):
        q = PeriodFactory(code=code)
        for school, num in zip((two_school_values["school_a1"], two_school_values["school_a2"]), nums, strict=True):
            SubmissionFactory(unit=school, period=q, status=SubmissionStatus.APPROVED)
            DataValueFactory(unit=school, indicator=two_school_values["ind"], period=q, numerator=num, denominator=100)
    with CaptureQueriesContext(connection) as cold:
        row = school_row(two_school_values)
    aggregates = [x for x in cold.captured_queries if "SUM(" in x["sql"].upper()]
    assert len(aggregates) == 2  # the trend's earlier quarters together, then the quarter shown
    assert [v for _, v in row.series] == [Decimal(15), Decimal("32.5"), Decimal(35)]
    assert figures(row) == figures(fresh_row(two_school_values, settings))
    assert [v for _, v in fresh_row(two_school_values, settings).series] == [v for _, v in row.series]


def test_keys_carry_the_code_version(two_school_values, settings):
    settings.FIGURE_CODE_VERSION = "formula-1"
    old = figure_cache.key_for("rollup", (1,), periods=[two_school_values["q3"].pk], indicators=[two_school_values["ind"].pk])
    cached = school_row(two_school_values)
    settings.FIGURE_CODE_VERSION = "formula-2"  # a deploy with another formula
    assert figure_cache.key_for("rollup", (1,), periods=[two_school_values["q3"].pk], indicators=[two_school_values["ind"].pk]) != old
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as after_deploy:
        again = school_row(two_school_values)
    assert any("SUM(" in q["sql"].upper() for q in after_deploy.captured_queries)  # recomputed, not read
    assert figures(again) == figures(cached)


def test_default_code_version_follows_the_source(tmp_path, monkeypatch, settings):
    package = tmp_path / "figure_code_probe"
    package.mkdir()
    (package / "__init__.py").write_text("RATE = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(figure_cache, "CODE_PACKAGES", ("figure_code_probe",))
    settings.FIGURE_CODE_VERSION = ""
    figure_cache._source_hash.cache_clear()
    try:
        before = figure_cache.code_version()
        assert before == figure_cache.code_version()  # stable: every process of one deploy agrees
        (package / "__init__.py").write_text("RATE = 2\n")
        figure_cache._source_hash.cache_clear()  # a new process after the deploy
        assert figure_cache.code_version() != before
    finally:
        figure_cache._source_hash.cache_clear()


def test_only_the_change_hook_invalidates():
    import re
    from pathlib import Path

    call = re.compile(r"figure_cache\.invalidate\(|import[^\n]*\binvalidate\b")
    root = Path(__file__).resolve().parents[2]
    callers = [str(p.relative_to(root)) for p in root.rglob("*.py")
               if ".venv" not in p.parts and call.search(p.read_text(encoding="utf-8"))]
    assert callers == ["indicators/changes.py"]
