"""Reads behind the dashboards: what a page shows, computed by indicators.figures."""

from dataclasses import dataclass, field

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from indicators import figure_cache
from indicators.figures import (
    completeness,
    default_period,
    illustrative_in_scope,
    indicator_status,
    levels_without_data,
    own_figures,
    rank_units,
    resolution_expects,
    rollup_by_child,
    rollup_by_kind,
    rollup_total,
    subtree_q,
    trailing_periods,
    unit_figures,
    unit_series_many,
    window_sources,
)
from indicators.models import Indicator, Period, Submission
from indicators.periods import PeriodCodeError
from indicators.rules import Status
from resolutions.models import Resolution
from resolutions.progress import resolution_tasks, task_summary
from resolutions.scope import reach_holders, resolution_scope, visible_resolutions
from units.access import roots_within, scope_q
from units.models import ReportingUnit, UnitKind
from units.tree import tree_on


@dataclass
class ResolutionOverview:
    resolution: Resolution
    roots: list | None
    period: object = None
    indicators: list = field(default_factory=list)  # [(Indicator, [KindRollup])]
    counts: dict = field(default_factory=dict)  # status -> number of indicators (progress.indicator_status)
    illustrative: bool = False
    tasks: list = field(default_factory=list)
    expects: bool = True  # does the resolution ask for figures of this period (windows.resolution_expects)
    completeness: object = None  # figures.Completeness of the period over the scope: "x/y đơn vị đã báo cáo"
    completeness_parts: list = field(default_factory=list)  # [Completeness] of the periods the figures read

    @property
    def is_thin(self):
        """Fewer than half of the expected units reported in some period the figures read."""
        return any(c.is_thin for c in self.completeness_parts)

    @property
    def rows_total(self):
        return sum(self.counts.values())

    @property
    def summary_words(self):
        """The delegations' wording: "6/12 chỉ tiêu đạt và vượt"."""
        judged = self.rows_total - self.counts.get(Status.NO_TARGET, 0)
        if not judged:
            return _("Chưa có mục tiêu để đánh giá")
        return ngettext("%(met)s/%(judged)s chỉ tiêu đạt và vượt", "%(met)s/%(judged)s chỉ tiêu đạt và vượt",
                        judged) % {"met": self.counts.get(Status.MET, 0), "judged": judged}


_SCOPE = object()  # "the viewer's widest scope" (a default that None — the whole tree — cannot express)


def resolution_overview(resolution, user, period=None, approved_only=False, roots=_SCOPE, kind=None):
    """A resolution's indicators with figures per unit kind for the latest period (or `period`).

    `roots` defaults to the viewer's widest scope of the resolution (resolution_scope);
    `kind` keeps one unit kind's rows only (the summary counts follow).
    """
    if roots is _SCOPE:
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
    period = period or default_period(indicators, roots, resolution)
    overview.period = period
    overview.expects = period is not None and resolution_expects(resolution, period)
    if period is None:
        overview.indicators = [(i, []) for i in indicators if not kind or i.applies_to_kind(kind)]
        return overview
    overview.completeness_parts = window_completeness(period, indicators, roots, resolution)
    overview.completeness = overview.completeness_parts[-1] if overview.completeness_parts else None
    rolled = rollup_by_kind(indicators, period, roots, approved_only)
    for ind in indicators:
        if kind and not ind.applies_to_kind(kind):
            continue
        rows = [r for r in rolled.get(ind.pk, []) if r.units_expected or r.units_reported]
        if kind:
            rows = [r for r in rows if r.unit_kind == kind]
        overview.indicators.append((ind, rows))
        status = indicator_status(rows)
        overview.counts[status] = overview.counts.get(status, 0) + 1
    overview.illustrative = illustrative_in_scope(indicators, period, roots, approved_only)
    return overview


def window_completeness(period, indicators, roots, resolution):
    """[Completeness] of the periods a page's figures are read from: the period itself when units
    report in it, else the periods inside its window (a half-year of quarterly indicators: its two
    quarters, each "x/y đơn vị đã báo cáo"), oldest first."""
    if any(i.period_kind == period.kind for i in indicators):
        return [completeness(period, roots, resolution)]
    kinds = {i.period_kind for i in indicators}
    finest = next((k for k in ("quarter", "half_year", "year") if k in kinds), None)
    inside = [window_sources(period, i) for i in indicators if i.period_kind == finest][:1]
    return [completeness(p, roots, resolution) for p in (inside[0] if inside else [])]




# =============================================================================
# Filters shared by the dashboard pages and the progress API
# =============================================================================

def find_period(raw):
    """A period from a code ("2024-Q3") or an id; None when blank or unknown."""
    raw = (raw or "").strip()
    if not raw:
        return None
    if raw.isdigit() and len(raw) != 4:
        return Period.objects.filter(pk=int(raw)).first()
    try:
        return Period.objects.get_by_code(raw)
    except (Period.DoesNotExist, PeriodCodeError):
        return None


def scope_for(user, resolution=None, unit=None):
    """The roots a page or an API call covers: `unit`'s subtree within the user's reach, else the
    viewer's widest scope of the resolution (resolution_scope). Raises Http404 when nothing is left."""
    if unit is not None:
        roots = roots_within(user, unit)
    elif resolution is not None:
        roots = resolution_scope(resolution, user)
    else:
        roots = roots_within(user, None)
    if roots == []:
        raise Http404(_("Không tìm thấy đơn vị trong phạm vi của bạn."))
    return roots


def scope_units(user, roots, resolution=None):
    """Units offered by the "đơn vị" filter: the scope's units above school level."""
    qs = ReportingUnit.objects.exclude(kind=UnitKind.SCHOOL).filter(scope_q(user))
    holders = reach_holders(resolution) if resolution is not None else []
    if holders:
        # The units a delegation filters by: under the resolution's owner or its successors, today or
        # (for an ended owner) on its last day; successors are listed in their own name.
        ids = set()
        for h in holders:
            tree = tree_on(h.valid_to or timezone.localdate())
            ids |= {pk for pk in tree.subtree(h.pk) if pk in tree.units and tree.units[pk].kind != UnitKind.SCHOOL}
        qs = qs.filter(pk__in=sorted(ids))
    elif roots:
        qs = qs.filter(subtree_q(roots, include_predecessors=False))
    units = list(qs.order_by("path")[:300])
    top = min((u.depth for u in units), default=0)
    for u in units:
        u.indent = "\u2003" * (u.depth - top)
    return units


_COARSER = {"quarter": ["quarter", "half_year", "year"], "half_year": ["half_year", "year"], "year": ["year"]}


def periods_for(indicators):
    """The periods a picker offers, newest first: those already begun, of the indicators' kinds and the
    coarser ones built from them (a half-year and a year of quarterly indicators)."""
    kinds = {k for i in indicators for k in _COARSER[i.period_kind]} or set(_COARSER["quarter"])
    return list(Period.objects.filter(kind__in=kinds, start__lte=timezone.localdate()).order_by("-end"))


# =============================================================================
# Resolution dashboard
# =============================================================================

@dataclass
class IndicatorLine:
    indicator: Indicator
    rows: list  # [KindRollup]
    status: str

    @property
    def status_label(self):
        return Status.LABELS[self.status]

    @property
    def levels_without_data(self):
        """"Phòng GDĐT, Trường học": levels with a target and no figure yet (why it is not "Đạt")."""
        return ", ".join(str(UnitKind(k).label) for k in levels_without_data(self.rows))


@dataclass
class Dashboard:
    overview: ResolutionOverview
    unit: object
    kind: str | None
    approved_only: bool
    pillars: list  # [(label, [IndicatorLine])]
    completeness: object
    periods: list
    units: list
    kinds: list

    @property
    def resolution(self):
        return self.overview.resolution

    @property
    def period(self):
        return self.overview.period


def resolution_dashboard(resolution, user, period=None, unit=None, kind=None, approved_only=False):
    """Everything the resolution page shows; a fixed number of queries whatever the number of units."""
    roots = scope_for(user, resolution, unit)
    overview = resolution_overview(resolution, user, period, approved_only, roots=roots, kind=kind)
    groups = {}
    for ind, rows in overview.indicators:
        key = (ind.pillar.order if ind.pillar else 99, ind.pillar.name if ind.pillar else _("Chỉ tiêu khác"))
        groups.setdefault(key, []).append(IndicatorLine(ind, rows, indicator_status(rows)))
    pillars = [(label, lines) for (_, label), lines in sorted(groups.items())]
    comp = overview.completeness
    indicators = [i for i, _ in overview.indicators]
    kinds = sorted({k for i in Indicator.objects.filter(resolution=resolution, is_active=True).only("applies_to")
                    for k in i.applies_to}, key=_kind_order)
    return Dashboard(
        overview=overview, unit=unit, kind=kind, approved_only=approved_only, pillars=pillars, completeness=comp,
        periods=periods_for(indicators), units=scope_units(user, roots, resolution), kinds=kinds,
    )


_KIND_ORDER = [k for k, _ in UnitKind.choices]


def _kind_order(kind):
    return _KIND_ORDER.index(kind) if kind in _KIND_ORDER else 99


# =============================================================================
# Indicator page
# =============================================================================

@dataclass
class KindSeries:
    unit_kind: str
    row: object  # KindRollup of the selected period
    series: list  # [(Period, value)] over all periods
    targets: list  # [Target] of this kind (or for everyone)
    chart: dict


@dataclass
class IndicatorDetail:
    indicator: Indicator
    period: object
    unit: object
    kind: str | None
    approved_only: bool
    kinds: list  # [KindSeries]
    ranking: list  # [UnitFigure] best first
    periods: list
    units: list
    illustrative: bool = False

    RANKED = 10  # units in each list
    rankings: list = field(default_factory=list)  # [KindRanking]: one ranking per unit kind

    @property
    def _split(self):
        return split_ranking(self.indicator, self.ranking, self.RANKED)

    @property
    def best(self):
        return self._split[0]

    @property
    def worst(self):
        return self._split[1]

    @property
    def without_value(self):
        return [f for f in self.ranking if f.value is None]


def split_ranking(indicator, ranking, size=10):
    """(best, worst) of a ranking, never the same unit in both: a yes/no indicator lists the units that
    answered "Có" and those that answered "Không"; others the top and the bottom of the ranking (each
    at most half of the units with a figure, so a small group never repeats a unit)."""
    with_value = [f for f in ranking if f.value is not None]
    if indicator.measure == "boolean":
        return ([f for f in with_value if f.value > 0][:size], [f for f in with_value if f.value == 0][:size])
    n_best = min(size, (len(with_value) + 1) // 2)
    n_worst = min(size, len(with_value) - n_best)
    return with_value[:n_best], list(reversed(with_value[len(with_value) - n_worst:])) if n_worst else []


@dataclass
class KindRanking:
    """The ranking of one unit kind (a Sở is never ranked against a school), best and worst apart."""

    unit_kind: str
    ranking: list
    best: list
    worst: list

    @property
    def without_value(self):
        return [f for f in self.ranking if f.value is None]


def series_periods(indicator, until):
    """The periods of the indicator's frequency from its resolution's first year up to `until`."""
    start = indicator.resolution.start_year - 1
    return list(
        Period.objects.filter(kind=indicator.period_kind, end__lte=until.end, year__gte=start).order_by("end")
    )


def indicator_detail(indicator, user, period=None, unit=None, kind=None, approved_only=False):
    """An indicator's series per unit kind over all periods, projection, and the units' ranking."""
    from .charts import line_chart

    roots = scope_for(user, indicator.resolution, unit)
    period = period or default_period([indicator], roots, indicator.resolution)
    detail = IndicatorDetail(indicator, period, unit, kind, approved_only, [], [], periods_for([indicator]),
                             scope_units(user, roots, indicator.resolution))
    if period is None:
        return detail
    # The same rollup as the dashboard, period by period: the figures match the dashboard's exactly.
    history = {p.pk: rollup_by_kind([indicator], p, roots, approved_only, with_series=False)[indicator.pk]
               for p in series_periods(indicator, period)}
    current = {r.unit_kind: r for r in rollup_by_kind([indicator], period, roots, approved_only)[indicator.pk]}
    periods = series_periods(indicator, period)
    targets = list(indicator.targets.all())
    percent = indicator.measure in ("percent", "boolean")
    for k in sorted(current, key=_kind_order):
        if kind and k != kind:
            continue
        row = current[k]
        if not (row.units_expected or row.units_reported):
            continue
        series = []
        for p in periods:
            r = next((x for x in history[p.pk] if x.unit_kind == k), None)
            series.append((p, r.value if r else None))
        kind_targets = _targets_of_kind(targets, k)
        chart = line_chart(series, kind_targets, percent=percent, decimals=indicator.decimals,
                           title=f"{indicator.code} – {UnitKind(k).label}")
        detail.kinds.append(KindSeries(k, row, series, kind_targets, chart))
    detail.ranking = rank_units(indicator, period, roots, kind, approved_only)
    # One ranking per unit kind, in the kinds' order (the same figures, split by kind).
    by_kind = {}
    for f in detail.ranking:
        by_kind.setdefault(f.unit.kind, []).append(f)
    for k in sorted(by_kind, key=_kind_order):
        best, worst = split_ranking(indicator, by_kind[k], IndicatorDetail.RANKED)
        detail.rankings.append(KindRanking(k, by_kind[k], best, worst))
    detail.illustrative = illustrative_in_scope([indicator], period, roots, approved_only)
    return detail


def _targets_of_kind(targets, kind):
    """The milestones that apply to a unit kind: its own, else the ones for everyone (rules: most specific wins)."""
    own = [t for t in targets if not t.unit_id and t.unit_kind == kind]
    return own or [t for t in targets if not t.unit_id and not t.unit_kind]


# =============================================================================
# Unit drill-down
# =============================================================================

@dataclass
class HeatCell:
    status: str
    value: object
    indicator: Indicator

    @property
    def status_label(self):
        return Status.LABELS[self.status]


@dataclass
class ChildRow:
    unit: ReportingUnit
    is_leaf: bool
    cells: list  # [HeatCell] in the order of UnitDetail.indicators


@dataclass
class UnitDetail:
    unit: ReportingUnit
    ancestors: list
    resolution: object
    resolutions: list
    period: object
    approved_only: bool
    indicators: list = field(default_factory=list)
    own: list = field(default_factory=list)  # [(UnitFigure, [(Period, value)])]
    subtree: list = field(default_factory=list)  # [IndicatorLine]
    children: list = field(default_factory=list)  # [ChildRow]
    predecessors: list = field(default_factory=list)  # [UnitSuccession]
    successors: list = field(default_factory=list)  # [UnitSuccession]
    periods: list = field(default_factory=list)
    submission: object = None


def resolutions_applying(unit):
    """Ids of the resolutions that set indicators for the unit's subtree (a kind present in it, within reach).

    Read from units and indicators, not from the values, so a saved figure does not recompute it.
    """
    from indicators.reach import reaches_ever

    def applying():
        kinds = set(ReportingUnit.objects.filter(subtree_q([unit])).values_list("kind", flat=True).distinct())
        applying_kinds = {}
        for res_id, applies_to in Indicator.objects.filter(is_active=True).values_list("resolution_id", "applies_to"):
            applying_kinds.setdefault(res_id, set()).update(applies_to)
        candidates = Resolution.objects.filter(pk__in=[r for r, ks in applying_kinds.items() if ks & kinds])
        return {r.pk for r in candidates.select_related("owner_unit") if reaches_ever(r, unit)}

    return figure_cache.cached("unit-resolutions", (unit.pk,), applying, periods=[])


def resolutions_for_unit(user, unit):
    """Visible resolutions that set indicators for the unit's subtree (else every visible one)."""
    ids = resolutions_applying(unit)
    visible = visible_resolutions(user)
    return [r for r in visible if r.pk in ids] or visible


def unit_detail(unit, user, resolution=None, period=None, approved_only=False):
    """A unit's own figures, its subtree per kind, and its children × indicators (bounded queries)."""
    resolutions = resolutions_for_unit(user, unit)
    resolution = resolution or (resolutions[0] if resolutions else None)
    detail = UnitDetail(unit=unit, ancestors=unit.ancestors(), resolution=resolution, resolutions=resolutions,
                        period=period, approved_only=approved_only)
    detail.predecessors = list(unit.preceded_by.select_related("predecessor").order_by("effective_on"))
    detail.successors = list(unit.succeeded_by.select_related("successor").order_by("effective_on"))
    if resolution is None:
        return detail
    return fill_unit_detail(detail)


def fill_unit_detail(detail):
    """Fill `detail` (unit, resolution, period or None for the latest, approved_only) with the figures.

    What the drill-down computes whoever looks (the user only chose the resolution): the worker's
    refill (reports.dashboards.warmup) calls it too, so it fills the very cache entries the page reads.
    """
    unit, resolution, approved_only = detail.unit, detail.resolution, detail.approved_only
    indicators = list(
        Indicator.objects.filter(resolution=resolution, is_active=True).select_related("pillar")
        .prefetch_related("targets").order_by("order", "code")
    )
    detail.periods = periods_for(indicators)
    roots = [unit]
    period = detail.period or default_period(indicators, roots, resolution)
    detail.period = period
    if period is not None:
        detail.ancestors = unit.ancestors(on=period.end)  # where the unit sat in the period shown
    if period is None or not indicators:
        return detail
    # Own figures, with the unit's own series (its predecessors folded in): the indicators that expect the
    # unit (or, before a merger, its predecessors) in this period; a successor's figure before the date is
    # its predecessors', labelled as such (figures.own_figures).
    figures = own_figures(unit, indicators, period, approved_only)
    own_inds = [i for i in indicators if i.pk in figures]
    trail = trailing_periods(period, 8)
    series = unit_series_many(unit, own_inds, trail, approved_only)
    for ind in own_inds:
        detail.own.append((figures[ind.pk], series[ind.pk]))
    detail.submission = Submission.objects.filter(unit=unit, period=period).first()
    # The subtree per unit kind (same rollup as the dashboard).
    rolled = rollup_by_kind(indicators, period, roots, approved_only)
    below = [i for i in indicators if any(k != unit.kind for k in i.applies_to)]
    for ind in below:
        rows = [r for r in rolled.get(ind.pk, []) if (r.units_expected or r.units_reported) and r.unit_kind != unit.kind]
        if rows:
            detail.subtree.append(IndicatorLine(ind, rows, indicator_status(rows)))
    # Children × indicators.
    by_id = ReportingUnit.objects.in_bulk(tree_on(period.end).active_children(unit.pk))  # as of the period
    children = sorted(by_id.values(), key=lambda u: (u.kind, u.name))
    detail.indicators = indicators
    detail.children = child_heatmap(children, indicators, period, approved_only)
    return detail


def child_heatmap(children, indicators, period, approved_only=False):
    """Rows of (child, [HeatCell per indicator]) in a fixed number of queries, whatever the children.

    Leaf children: their own figures (progress.unit_figures). Children with
    units below: one grouped rollup of their subtrees by path prefix, per
    unit kind, finished by the same rules as progress.rollup_by_kind
    (ratio of sums, applicable target of the kind, evaluate_status with the
    trend) and combined per indicator by progress.indicator_status.
    """
    if not children:
        return []
    tree = tree_on(period.end)  # the tree of the period's last day
    parents = {c.pk for c in children if tree.children.get(c.pk)}
    leaves = [c for c in children if c.pk not in parents]
    inner = [c for c in children if c.pk in parents]
    own = unit_figures(leaves, indicators, period, approved_only) if leaves else {}
    subtree = rollup_by_child(inner, indicators, period, approved_only) if inner else {}
    out = []
    for c in children:
        cells = []
        for ind in indicators:
            if c.pk in parents:
                rows = subtree.get((c.pk, ind.pk), [])
                if not rows:
                    cells.append(None)
                    continue
                value = rollup_total(rows)[2] if len({r.unit_kind for r in rows}) else None
                cells.append(HeatCell(indicator_status(rows), value, ind))
            else:
                f = own.get((c.pk, ind.pk))
                cells.append(HeatCell(f.status, f.value, ind) if f else None)
        out.append(ChildRow(c, c.pk not in parents, cells))
    return out


# =============================================================================
# Completeness page
# =============================================================================

def completeness_for(user, period, unit=None, resolution=None):
    """progress.completeness over the page's scope."""
    roots = scope_for(user, resolution, unit)
    return completeness(period, roots, resolution), roots


__all__ = [
    "Dashboard",
    "ResolutionOverview",
    "child_heatmap",
    "completeness_for",
    "find_period",
    "indicator_detail",
    "resolution_dashboard",
    "resolution_overview",
    "resolution_scope",
    "scope_for",
    "unit_detail",
    "visible_resolutions",
]
