"""One unit's own figures: for any period kind, with target and status; rankings; a unit's series.

A unit's figure for a period coarser than the indicator's frequency (a year
of a quarterly indicator) is built from the periods inside the window
(`window_figures`): `flow` sums their numerators and denominators (or
counts), `stock` takes the latest one with a value. A yes/no answer is shown
"Có"/"Không" and judged as 100% / 0% (`rules.judged_value`), so a school
that answered "Có" meets a target of "100% trường".
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import prefetch_related_objects

from units.models import ReportingUnit

from .. import figure_cache
from ..models import DataValue, Indicator, Measure, Period, Temporal
from ..rules import (
    Status,
    applicable_target,
    evaluate_status,
    judged_value,
    ratio_of_sums,
    status_ceiling,
)
from .scope import counted_values, expected_ids, indicator_scope, load_reach_info, viewer_ids
from .windows import periods_by_spec, resolution_expects, source_periods, trailing_periods


@dataclass
class UnitFigure:
    """One unit's figure for one indicator and period. `value` is what is judged: for a yes/no
    indicator 100 (Có) or 0 (Không); `answer` keeps the stored 1/0 for the words."""

    unit: ReportingUnit
    indicator: Indicator
    period: Period
    numerator: Decimal | None
    denominator: Decimal | None
    value: Decimal | None
    target: object
    status: str
    inherited_from: tuple = ()

    @property
    def status_label(self):
        return Status.LABELS[self.status]

    @property
    def gap(self):
        """Ahead (+) or behind (−) the target, in the indicator's direction (rules.target_gap)."""
        from ..rules import target_gap

        return target_gap(self.indicator, self.value, self.target)

    @property
    def gap_words(self):
        from ..rules import gap_words

        return gap_words(self.indicator, self.gap)

    @property
    def colour(self):
        return Status.COLOURS[self.status]

    @property
    def answer(self):
        """For a yes/no indicator: True (Có), False (Không) or None."""
        if self.indicator.measure != Measure.BOOLEAN or self.value is None:
            return None
        return self.value > 0


def combine(measure, temporal, figures):
    """One figure (num, den, value) from the (num, den) of the periods inside a window, oldest first.

    flow: Σ numerators / Σ denominators (percent), Σ counts; stock (and yes/no answers, which
    stand until changed): the latest period with a value. None when nothing is there.
    """
    figures = [f for f in figures if f is not None]
    if measure == Measure.BOOLEAN or temporal == Temporal.STOCK or len(figures) <= 1:
        for num, den, value in reversed(figures):
            if value is not None:
                return num, den, value
        return figures[-1] if figures else (None, None, None)
    nums = [f[0] for f in figures if f[0] is not None]
    if not nums:
        return None, None, None
    num = sum(nums, Decimal(0))
    if measure == Measure.PERCENT:
        den = sum((f[1] for f in figures if f[1] is not None), Decimal(0))
        return num, den, ratio_of_sums(num, den)
    return num, None, num


def window_sources_of(indicators, periods):
    """{(indicator id, period id): [periods inside the window holding the indicator's values]}.

    No query when every indicator is reported in the periods' own kind (a quarterly trend of
    quarterly indicators: each period is its own source); one otherwise.
    """
    if all(ind.period_kind == p.kind for ind in indicators for p in periods):
        return {(ind.pk, p.pk): [p] for ind in indicators for p in periods}
    by_spec = periods_by_spec(periods)
    return {(ind.pk, p.pk): source_periods(p, ind.period_kind, by_spec) for ind in indicators for p in periods}


def feed_period_ids(sources):
    """Ids of the periods whose values feed a figure (its window's periods and the periods shown):
    the cache generations a figure built from `sources` (window_sources_of) depends on."""
    ids = {pid for _, pid in sources}
    ids.update(sp.pk for sps in sources.values() for sp in sps)
    return sorted(ids)


def window_figures(unit_ids, indicators, periods, approved_only=False, counted_only=True, sources=None):
    """{(unit_id, indicator_id, period_id): (num, den, value)} for every period, any kind, one query.

    `value` is the stored value (a yes/no answer as 1/0). Units without a value in a window are absent.
    `sources`: window_sources_of(indicators, periods), when the caller has it already.
    """
    indicators, periods = list(indicators), list(periods)
    sources = sources if sources is not None else window_sources_of(indicators, periods)
    wanted = {sp.pk for sps in sources.values() for sp in sps}
    if not wanted or not unit_ids:
        return {}
    base = counted_values(approved_only, wanted, unit_ids) if counted_only else DataValue.objects.all()
    stored = {}
    for row in base.filter(unit_id__in=list(unit_ids), indicator_id__in=[i.pk for i in indicators],
                           period_id__in=wanted).values_list("unit_id", "indicator_id", "period_id",
                                                            "numerator", "denominator", "value"):
        stored[row[:3]] = row[3:]
    units_with = defaultdict(set)
    for unit_id, ind_id, _ in stored:
        units_with[ind_id].add(unit_id)
    # Plain ids up front (a model's .pk is a property): this loop runs units × indicators × periods times.
    source_ids = {key: [sp.id for sp in sps] for key, sps in sources.items()}
    period_ids = [p.id for p in periods]
    out = {}
    for ind in indicators:
        ipk, measure, temporal = ind.id, ind.measure, ind.temporal
        holders = units_with[ipk]
        if not holders:
            continue
        for ppk in period_ids:
            sps = source_ids[(ipk, ppk)]
            if len(sps) == 1:  # the period is its own window: the stored figure as is (what combine gives)
                sp = sps[0]
                for unit_id in holders:
                    part = stored.get((unit_id, ipk, sp))
                    if part is not None:
                        out[(unit_id, ipk, ppk)] = part
                continue
            for unit_id in holders:
                parts = [stored.get((unit_id, ipk, sp)) for sp in sps]
                if any(parts):
                    out[(unit_id, ipk, ppk)] = combine(measure, temporal, parts)
    return out


def unit_figures(units, indicators, period, approved_only=False, counted_only=True):
    """Each unit's own figure for each applicable indicator, with target and status.

    One query for the values (this period's window and the trailing ones),
    whatever the number of units. The finished figures (value, target,
    status) are cached per indicator: a heat map of a thousand cells is then
    rebuilt from plain tuples. Returns {(unit_id, indicator_id): UnitFigure}.
    """
    units, indicators = list(units), list(indicators)
    prefetch_related_objects(indicators, "targets")
    trail = trailing_periods(period)
    if period not in trail:
        trail.append(period)
    targets = {ind.pk: list(ind.targets.all()) for ind in indicators}
    by_id = {ind.pk: ind for ind in indicators}
    sources = window_sources_of(indicators, trail)

    def compute(missing):
        figures = window_figures([u.pk for u in units], [by_id[pk] for pk in missing], trail, approved_only,
                                 counted_only, sources)
        own_target_units = {t.unit_id for ts in targets.values() for t in ts if t.unit_id}
        by_kind = {}  # (indicator, kind) -> target, for units without a target of their own
        # Plain ids and dates up front: this loop runs units × indicators times.
        inds = [(pk, set(by_id[pk].applies_to), by_id[pk].direction, by_id[pk].measure) for pk in missing]
        trail_keys = [(p.pk, p.end) for p in trail]
        period_id, year, end = period.pk, period.year, period.end
        none = (None, None, None)
        out = {pk: [] for pk in missing}
        for u in units:
            upk, ukind = u.pk, u.kind
            own = upk in own_target_units
            for ipk, kinds, direction, measure in inds:
                if ukind not in kinds:
                    continue
                num, den, value = figures.get((upk, ipk, period_id), none)
                value = judged_value(measure, value)
                if own:
                    target = applicable_target(targets[ipk], year, unit=u)
                else:
                    if (ipk, ukind) not in by_kind:
                        by_kind[ipk, ukind] = applicable_target(targets[ipk], year, unit=u)
                    target = by_kind[ipk, ukind]
                series = [(pend, judged_value(measure, figures[(upk, ipk, ppk)][2]))
                          for ppk, pend in trail_keys if (upk, ipk, ppk) in figures]
                status = evaluate_status(value, target, end, series, direction, status_ceiling(measure))
                out[ipk].append((upk, num, den, value, target.pk if target else None, status))
        return out

    per_indicator = figure_cache.cached_per_indicator(
        "unit-figures", (tuple(u.pk for u in units), tuple(p.pk for p in trail), period.pk, approved_only,
                         counted_only),
        list(by_id), compute, periods=feed_period_ids(sources),
    )
    units_by_id = {u.pk: u for u in units}
    out = {}
    for ipk, entries in per_indicator.items():
        ind, target_by_id = by_id[ipk], {t.pk: t for t in targets[ipk]}
        for upk, num, den, value, target_id, status in entries or ():
            out[(upk, ipk)] = UnitFigure(units_by_id[upk], ind, period, num, den, value,
                                         target_by_id.get(target_id), status)
    return out


def expected_units(roots, period, kinds, indicator=None):
    """The units of a scope expected for `period`: active on its last day, of the given kinds, in the
    roots' subtrees on that day and, with `indicator`, inside its reach and its resolution's years
    (DESIGN.md §5, "Who is expected")."""
    if indicator is not None and not resolution_expects(indicator.resolution, period):
        return ReportingUnit.objects.none()  # a period its resolution does not ask for expects nobody
    day = period.end
    ids = indicator_scope(indicator, roots, day) if indicator is not None else viewer_ids(roots, day)
    pks = [pk for kind in kinds for pk in expected_ids(ids, day, kind)]
    return ReportingUnit.objects.filter(pk__in=pks)


def rank_units(indicator, period, roots=None, kind=None, approved_only=False):
    """Units of a scope ranked best first by the indicator's direction (units without a value last).

    The ranking behind "which units lag". Returns a list of UnitFigure.
    """
    qs = expected_units(roots, period, [kind] if kind else indicator.applies_to, indicator)
    figures = list(unit_figures(qs, [indicator], period, approved_only).values())
    figures.sort(key=lambda f: f.unit.name)
    with_value = [f for f in figures if f.value is not None]
    without = [f for f in figures if f.value is None]
    with_value.sort(key=lambda f: f.value, reverse=indicator.direction == "increase")  # stable: ties by name
    return with_value + without


def unit_series(unit, indicator, periods, approved_only=False, include_predecessors=True):
    """One unit's own series [(Period, value)], its predecessors' values folded in.

    For a period before a merge, the successor's figure is recomputed from
    the numerators and denominators of the units it absorbed (never a mean
    of their rates); a yes/no figure is the share of those units expected
    then (active on the period's last day) that answered "Có".
    """
    return unit_series_many(unit, [indicator], periods, approved_only, include_predecessors)[indicator.pk]


def unit_series_many(unit, indicators, periods, approved_only=False, include_predecessors=True):
    """unit_series for several indicators in one query: {indicator_id: [(Period, value)]}.

    Predecessors of the unit's own kind are folded in (a Sở merged into a Sở); a district-level unit
    that passed to a Sở in 2025 keeps its figures at its own level, never in the Sở's own figure."""
    from units.tree import predecessors_of, rows

    periods, indicators = list(periods), list(indicators)
    ids = [unit.pk]
    if include_predecessors:
        units = rows().units
        ids += [pk for pk in predecessors_of([unit.pk]) if pk in units and units[pk].kind == unit.kind]
    sources = window_sources_of(indicators, periods)

    def aggregate():
        figures = window_figures(ids, indicators, periods, approved_only, sources=sources)
        lives = list(ReportingUnit.objects.filter(pk__in=ids).values_list("pk", "kind", "valid_from", "valid_to"))
        out = {}
        for ind in indicators:
            for p in periods:
                parts = [figures[(u, ind.pk, p.pk)] for u in ids if (u, ind.pk, p.pk) in figures]
                if not parts:
                    continue
                if ind.measure == Measure.BOOLEAN:
                    expected = sum(1 for _, kind, start, end in lives if ind.applies_to_kind(kind)
                                   and (start is None or start <= p.end) and (end is None or end >= p.end))
                    yes = sum(1 for _, _, v in parts if v is not None and v >= 1)
                    out[(ind.pk, p.pk)] = ratio_of_sums(yes, max(expected, len(parts)))
                elif ind.measure == Measure.PERCENT:
                    num = sum((n for n, _, _ in parts if n is not None), Decimal(0))
                    den = sum((d for _, d, _ in parts if d is not None), Decimal(0))
                    out[(ind.pk, p.pk)] = ratio_of_sums(num, den)
                else:
                    out[(ind.pk, p.pk)] = sum((n for n, _, _ in parts if n is not None), Decimal(0))
        return out

    agg = figure_cache.cached(
        "unit-series",
        (tuple(ids), tuple(i.pk for i in indicators), tuple(p.pk for p in periods), approved_only),
        aggregate,
        periods=feed_period_ids(sources), indicators=[i.pk for i in indicators],
    )
    return {ind.pk: [(p, agg.get((ind.pk, p.pk))) for p in periods] for ind in indicators}




def own_figures(unit, indicators, period, approved_only=False):
    """A unit's own figures for its page: {indicator id: UnitFigure} for the indicators that expect the
    unit, or one of the units merged or renamed into it, on the period's last day.

    Before a merger or a rename the successor has no figure of its own: it shows its predecessors',
    recomputed from their numerators and denominators (unit_series), judged against its own target,
    with `inherited_from` naming them (DESIGN.md §4: history is never rewritten, a successor shows it).
    """
    from units.tree import predecessors_of
    from units.tree import rows as tree_rows

    kinds = tree_rows().units
    preds = [ReportingUnit(pk=pk) for pk in predecessors_of([unit.pk])
             if pk in kinds and kinds[pk].kind == unit.kind]  # as unit_series folds them
    day = period.end
    load_reach_info(indicators)
    candidates = {unit.pk, *(p.pk for p in preds)}

    def expects(ind):
        reach = indicator_scope(ind, None, day)  # memoised per request, from the cached reach info
        return reach is None or bool(candidates & reach)

    mine = [i for i in indicators if i.applies_to_kind(unit.kind) and expects(i)]
    figures = unit_figures([unit], mine, period, approved_only)
    out = {}
    missing = [i for i in mine if (f := figures.get((unit.pk, i.pk))) is None or f.value is None]
    series = unit_series_many(unit, missing, trailing_periods(period), approved_only) if preds and missing else {}
    names = None
    for ind in mine:
        f = figures.get((unit.pk, ind.pk))
        trail = series.get(ind.pk)
        if (f is None or f.value is None) and trail and trail[-1][1] is not None:
            if names is None:
                names = tuple(ReportingUnit.objects.filter(pk__in=[p.pk for p in preds]).order_by("name")
                              .values_list("name", flat=True))
            value = trail[-1][1]
            target = applicable_target(list(ind.targets.all()), period.year, unit=unit)
            status = evaluate_status(value, target, day, [(p.end, v) for p, v in trail], ind.direction,
                                     status_ceiling(ind.measure))
            f = UnitFigure(unit, ind, period, None, None, value, target, status, inherited_from=names)
        if f is not None:
            out[ind.pk] = f
    return out
