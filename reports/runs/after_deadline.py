"""The scheduled reports: which are due after a period's deadline (pure decisions), then compiling them.

Beat runs compile_due daily (reports.runs.tasks.compile_after_deadline); the deadline reminders
(reports.notifications.reminders) share CATCH_UP_DAYS.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from indicators.models import Indicator, Period
from reports.models import ReportKind, ReportRun
from resolutions.models import Resolution
from units.models import ReportingUnit
from units.tree import holder_on, tree_on

from .kinds import params_key
from .requests import create_run

CATCH_UP_DAYS = 31  # a deadline passed within this many days and not yet compiled is compiled now


@dataclass(frozen=True)
class DueRun:
    """A scheduled report to compile: its kind, its parameters and the unit whose readers see it."""

    kind: str
    params: dict
    scope_unit: ReportingUnit | None

    @property
    def key(self):
        return params_key(self.kind, self.params)


def due_runs(day):
    """The scheduled reports due on `day` and not compiled yet.

    For each period whose deadline passed (yesterday, or within CATCH_UP_DAYS
    when a day was missed): the `progress` report of every active resolution
    with indicators reported in that kind of period (scope: its province),
    and one `completeness` report per province. Never twice for the same
    kind and parameters (whatever the earlier run's status).
    """
    periods = Period.objects.filter(deadline__lt=day, deadline__gte=day - dt.timedelta(days=CATCH_UP_DAYS))
    resolutions = list(Resolution.objects.filter(is_active=True).select_related("owner_unit"))
    kinds_by_res = {}
    for ind in Indicator.objects.filter(is_active=True, resolution__in=resolutions).only("resolution_id", "frequency"):
        kinds_by_res.setdefault(ind.resolution_id, set()).add(ind.period_kind)
    out = []
    for p in periods.order_by("deadline", "kind"):
        provinces = {}
        for res in resolutions:
            if p.kind not in kinds_by_res.get(res.pk, ()):
                continue
            # The unit holding the resolution on the period's last day (its successor after a merger).
            province = (ReportingUnit.objects.get(pk=holder_on(res.owner_unit_id, p.end, ("merge", "rename", "split"))[0])
                        if res.owner_unit_id else None)
            if province is not None:
                province = ReportingUnit.objects.get(pk=tree_on(p.end).root_of(province.pk))
            out.append(DueRun(ReportKind.PROGRESS,
                              {"resolution": res.pk, "period": p.pk, "unit": province.pk if province else None}, province))
            if province is not None:
                provinces[province.pk] = province
        for province in provinces.values():
            out.append(DueRun(ReportKind.COMPLETENESS, {"resolution": None, "period": p.pk, "unit": province.pk}, province))
    existing = set(ReportRun.objects.filter(scheduled=True, params_key__in=[d.key for d in out])
                   .values_list("params_key", flat=True))
    return [d for d in out if d.key not in existing]


def compile_due(day=None):
    """Create (and enqueue) the scheduled runs due on `day`. Returns the runs."""
    day = day or timezone.localdate()
    runs = []
    for d in due_runs(day):
        with transaction.atomic():
            runs.append(create_run(d.kind, d.params, d.scope_unit, None, scheduled=True))
    return runs
