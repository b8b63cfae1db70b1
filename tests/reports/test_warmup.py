"""The background refill of the figure cache (reports.dashboards.warmup): what it computes is what the pages read."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from indicators.models import SubmissionStatus
from reports.dashboards import warmup
from tests.factories import (
    DataValueFactory,
    IndicatorFactory,
    PeriodFactory,
    ResolutionFactory,
    SubmissionFactory,
    TargetFactory,
)
from units.models import UnitKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def res(tree):
    res = ResolutionFactory(code="09-NQ/TU", owner_unit=tree["province"])
    ind = IndicatorFactory(resolution=res, code="HSCV", applies_to=[UnitKind.SCHOOL])
    TargetFactory(indicator=ind, unit_kind=UnitKind.SCHOOL, operator="gte", value=52, year=2024)
    for code in ("2024-Q2", "2024-Q3"):
        period = PeriodFactory(code=code)
        for school, num in ((tree["school_a1"], 60), (tree["school_a2"], 40)):
            SubmissionFactory(unit=school, period=period, status=SubmissionStatus.SUBMITTED)
            DataValueFactory(unit=school, indicator=ind, period=period, numerator=num, denominator=100)
    return res, ind


def without_csrf(page):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)


def values_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        page = client.get(url).content.decode()
    # Aggregates and lists of values (an indexed EXISTS for the "illustrative data" notice is not one).
    return page, [q["sql"] for q in ctx.captured_queries
                  if "indicators_datavalue" in q["sql"] and not q["sql"].startswith("SELECT 1 AS")]


def test_after_the_refill_the_dashboard_reads_no_values_and_shows_the_same_figures(client, personas, res):
    resolution, _ = res
    client.force_login(personas["supervisor"])
    url = reverse("resolution-dashboard", args=[resolution.pk])
    fresh, queries = values_queries(client, url)
    assert queries  # computed from the values
    assert "50,00%" in fresh
    from django.core.cache import cache

    cache.clear()  # what a change of units or targets amounts to
    assert warmup.warm_figures(drill_downs=True) == {"resolutions": 1, "peer_sets": 1, "drill_downs": 2}  # province, dept_a
    warmed, queries = values_queries(client, url)
    assert queries == []  # every aggregate (rollups, trend, completeness) came from the refill
    assert without_csrf(warmed) == without_csrf(fresh)  # the same page, figure for figure


def test_after_a_full_refill_the_drill_down_reads_no_values(client, personas, res, tree):
    client.force_login(personas["supervisor"])
    url = reverse("unit-detail", args=[tree["dept_a"].pk])
    fresh, queries = values_queries(client, url)
    assert queries and "50,00%" in fresh
    from django.core.cache import cache

    cache.clear()
    warmup.warm_figures(drill_downs=True)
    warmed, queries = values_queries(client, url)
    assert queries == []
    assert without_csrf(warmed) == without_csrf(fresh)


def test_the_refill_fills_the_entry_forms_peer_statistics(client, personas, res, tree):
    warmup.warm_figures()
    client.force_login(personas["user_a"])
    _, queries = values_queries(client, reverse("entry", args=["2024-Q3", tree["school_a1"].pk]))
    # The form reads its own unit's values, but not every school's to judge outliers.
    assert not any('"units_reportingunit"."kind" =' in q for q in queries)


def test_a_change_of_targets_queues_one_refill_after_commit(settings, res, django_capture_on_commit_callbacks,
                                                            monkeypatch):
    settings.FIGURE_WARM_UP = True
    queued = []
    monkeypatch.setattr("reports.dashboards.tasks.warm_figure_cache.apply_async", lambda **kw: queued.append(kw))
    _, ind = res
    with django_capture_on_commit_callbacks(execute=True):
        TargetFactory(indicator=ind, unit_kind=UnitKind.SCHOOL, operator="gte", value=60, year=2025)
        TargetFactory(indicator=ind, unit_kind=UnitKind.SCHOOL, operator="gte", value=70, year=2026)
    assert queued == [{"kwargs": {"drill_downs": True}, "countdown": warmup.DELAY_SECONDS}]  # two changes, one
    warmup.warm_figures(drill_downs=True)  # the refill starts: the next change queues another
    with django_capture_on_commit_callbacks(execute=True):
        TargetFactory(indicator=ind, unit_kind=UnitKind.SCHOOL, operator="gte", value=80, year=2027)
    assert len(queued) == 2


def test_one_saved_value_does_not_queue_a_refill_and_the_embedded_mode_never_does(
        settings, res, tree, django_capture_on_commit_callbacks, monkeypatch):
    queued = []
    monkeypatch.setattr("reports.dashboards.tasks.warm_figure_cache.apply_async", lambda **kw: queued.append(kw))
    _, ind = res
    settings.FIGURE_WARM_UP = True
    with django_capture_on_commit_callbacks(execute=True):
        DataValueFactory(unit=tree["dept_a"], indicator=ind, period=PeriodFactory(code="2024-Q3"), numerator=1,
                         denominator=2)
    assert queued == []  # one indicator of one quarter: the next reader recomputes just that
    settings.FIGURE_WARM_UP = False  # no worker (Celery eager, `make run`)
    with django_capture_on_commit_callbacks(execute=True):
        TargetFactory(indicator=ind, unit_kind=UnitKind.SCHOOL, operator="gte", value=60, year=2025)
    assert queued == []


def test_a_sent_report_queues_a_refill(settings, res, tree, django_capture_on_commit_callbacks, monkeypatch):
    settings.FIGURE_WARM_UP = True
    queued = []
    monkeypatch.setattr("reports.dashboards.tasks.warm_figure_cache.apply_async", lambda **kw: queued.append(kw))
    with django_capture_on_commit_callbacks(execute=True):
        SubmissionFactory(unit=tree["dept_a"], period=PeriodFactory(code="2024-Q3"), status=SubmissionStatus.SUBMITTED)
    assert queued == [{"kwargs": {"drill_downs": False}, "countdown": warmup.DELAY_SECONDS}]


def test_the_refill_runs_every_four_minutes():
    from django_celery_beat.models import PeriodicTask

    job = PeriodicTask.objects.get(task="reports.tasks.warm_figure_cache")
    assert job.enabled and (job.interval.every, job.interval.period) == (4, "minutes")
