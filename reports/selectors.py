"""Reads behind the dashboards: what a page shows, computed by indicators.progress."""

from dataclasses import dataclass, field

from indicators.models import Indicator
from indicators.progress import (
    counted_values,
    indicator_status,
    latest_period_with_data,
    rollup_by_kind,
    subtree_q,
)
from indicators.rules import Status
from resolutions.models import Resolution
from resolutions.progress import resolution_tasks, task_summary
from units.access import roots_within, top_ancestor


@dataclass
class ResolutionOverview:
    resolution: Resolution
    roots: list | None
    period: object = None
    indicators: list = field(default_factory=list)  # [(Indicator, [KindRollup])]
    counts: dict = field(default_factory=dict)  # status -> number of indicators (progress.indicator_status)
    illustrative: bool = False
    tasks: list = field(default_factory=list)

    @property
    def rows_total(self):
        return sum(self.counts.values())

    @property
    def summary_words(self):
        """The delegations' wording: "6/12 chỉ tiêu đạt và vượt"."""
        judged = self.rows_total - self.counts.get(Status.NO_TARGET, 0)
        if not judged:
            return "Chưa có mục tiêu để đánh giá"
        return f"{self.counts.get(Status.MET, 0)}/{judged} chỉ tiêu đạt và vượt"


def resolution_scope(resolution, user):
    """The roots a user sees of a resolution: its province's subtree within the user's scope."""
    province = top_ancestor(resolution.owner_unit) if resolution.owner_unit_id else None
    return roots_within(user, province)


def resolution_overview(resolution, user, period=None, approved_only=False):
    """A resolution's indicators with figures per unit kind for the latest period (or `period`)."""
    roots = resolution_scope(resolution, user)
    overview = ResolutionOverview(resolution=resolution, roots=roots)
    if roots == []:
        return overview
    indicators = list(
        Indicator.objects.filter(resolution=resolution, is_active=True)
        .select_related("pillar")
        .prefetch_related("targets")
        .order_by("order", "code")
    )
    overview.tasks = task_summary(resolution_tasks(resolution))
    if not indicators:
        return overview
    period = period or latest_period_with_data(indicators, roots, approved_only)
    overview.period = period
    if period is None:
        overview.indicators = [(i, []) for i in indicators]
        return overview
    rolled = rollup_by_kind(indicators, period, roots, approved_only)
    for ind in indicators:
        rows = [r for r in rolled.get(ind.pk, []) if r.units_expected or r.units_reported]
        overview.indicators.append((ind, rows))
        status = indicator_status(rows)
        overview.counts[status] = overview.counts.get(status, 0) + 1
    overview.illustrative = (
        counted_values(approved_only)
        .filter(indicator__in=indicators, period=period, is_illustrative=True)
        .filter(subtree_q(roots, "unit__"))
        .exists()
    )
    return overview


def visible_resolutions(user):
    """Active resolutions with something in the user's scope (admins: all)."""
    out = []
    for res in Resolution.objects.filter(is_active=True).select_related("owner_unit").order_by("-issued_on", "code"):
        if resolution_scope(res, user) != []:
            out.append(res)
    return out


__all__ = ["ResolutionOverview", "resolution_overview", "resolution_scope", "visible_resolutions"]
