"""Completeness: who had to report for a period, who did, who did on time (DESIGN.md §5)."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from django.utils import timezone

from units.models import ReportingUnit
from units.tree import tree_on

from .. import figure_cache
from ..models import COUNTED_STATUSES, Indicator, Period, Submission
from ..rules import ratio_of_sums
from .scope import expected_ids, indicator_scope, roots_key
from .windows import resolution_expects


@dataclass
class Completeness:
    """Who had to report for a period, who did, who did on time.

    Counts are plain data (cached); the unit lists `missing` and `late` are
    loaded on first use, in one query, for the pages and reports that list them.
    """

    period: Period
    units_expected: int
    units_reported: int
    units_on_time: int
    by_kind: list  # [{"unit_kind", "units_expected", "units_reported", "units_on_time"}]
    missing_ids: list  # unit ids, in tree order
    late_rows: list  # [(unit id, status, submitted_at)], in tree order

    @property
    def rate(self):
        """The share of expected units that reported, in % (0–100, like every rate here)."""
        return ratio_of_sums(self.units_reported, self.units_expected)

    @property
    def is_thin(self):
        """Fewer than half of the expected units have reported: a headline figure says little yet."""
        return self.units_expected > 0 and 2 * self.units_reported < self.units_expected

    @property
    def missing_count(self):
        return len(self.missing_ids)

    @property
    def late_count(self):
        return len(self.late_rows)

    @cached_property
    def _units(self):
        return ReportingUnit.objects.in_bulk(self.missing_ids + [row[0] for row in self.late_rows])

    @cached_property
    def missing(self):
        """[ReportingUnit] that have not sent their report."""
        return [self._units[i] for i in self.missing_ids if i in self._units]

    @cached_property
    def late(self):
        """[(ReportingUnit, Submission)] sent after the deadline."""
        return [
            (self._units[uid], Submission(unit_id=uid, period=self.period, status=status, submitted_at=at))
            for uid, status, at in self.late_rows
            if uid in self._units
        ]


def completeness(period, roots=None, resolution=None):
    """Who had to report for `period`, who did, who did on time (DESIGN.md §5).

    expected = active units with at least one applicable indicator due this
    period; reported = submission submitted or approved; on time = submitted
    on or before the deadline (local date). Two queries, cached per data generation.
    """
    counts = figure_cache.cached(
        "completeness", (period.pk, roots_key(roots), resolution.pk if resolution else None),
        lambda: _completeness_counts(period, roots, resolution),
        periods=[period.pk],
    )
    return Completeness(period=period, **counts)


def _completeness_counts(period, roots, resolution):
    indicators = (Indicator.objects.filter(is_active=True, resolution__is_active=True)
                  .select_related("resolution__owner_unit").prefetch_related("assigned_units"))
    if resolution is not None:
        indicators = indicators.filter(resolution=resolution)
    # A unit reports in the periods of its indicators' frequency, while their resolution expects figures,
    # when it is of a kind they apply to and inside their reach on the period's last day.
    day = period.end
    expected = set()
    for ind in indicators:
        if ind.period_kind == period.kind and resolution_expects(ind.resolution, period):
            ids = indicator_scope(ind, roots, day)
            for kind in ind.applies_to:
                expected.update(expected_ids(ids, day, kind))
    tree = tree_on(day)
    order = {pk: n for n, pk in enumerate(tree.order())}
    units = sorted(((pk, tree.units[pk].kind) for pk in expected), key=lambda u: (order.get(u[0], len(order)), u[0]))
    subs = {
        unit_id: (status, at)
        for unit_id, status, at in Submission.objects.filter(period=period, unit_id__in=sorted(expected))
        .values_list("unit_id", "status", "submitted_at")
    }
    # On time = sent on or before the deadline, local date: before 00:00 of the next local day.
    cutoff = timezone.make_aware(dt.datetime.combine(period.deadline + dt.timedelta(days=1), dt.time()))
    by_kind = defaultdict(lambda: {"units_expected": 0, "units_reported": 0, "units_on_time": 0})
    missing, late = [], []
    reported = on_time = 0
    for unit_id, kind in units:
        k = by_kind[kind]
        k["units_expected"] += 1
        status, at = subs.get(unit_id, (None, None))
        if status in COUNTED_STATUSES:
            reported += 1
            k["units_reported"] += 1
            if at and at < cutoff:
                on_time += 1
                k["units_on_time"] += 1
            else:
                late.append((unit_id, status, at))
        else:
            missing.append(unit_id)
    return {
        "units_expected": len(units),
        "units_reported": reported,
        "units_on_time": on_time,
        "by_kind": [{"unit_kind": kind, **v} for kind, v in sorted(by_kind.items())],
        "missing_ids": missing,
        "late_rows": late,
    }


