"""Progress over many units: rollups per unit kind, series, rankings, completeness.

Set-based on purpose: one rollup is a fixed handful of queries whatever the
number of units (DESIGN.md §8), never a query per unit. The last step of
every figure (a rate, the target, the status) is delegated to
`indicators.rules`, so dashboards, API, Excel and Celery jobs share one
implementation.

Scopes: `roots` is a unit, a list of units (a user's several subtrees) or
None (the whole province, for admins). A merged unit's subtree includes its
predecessors' subtrees (merge/rename successions), so a successor's figures
show its predecessors' history, recomputed from numerators/denominators.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.db import connection
from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    Sum,
    Value,
    When,
    prefetch_related_objects,
)
from django.db.models.expressions import RawSQL

from units.models import ReportingUnit, SuccessionKind, UnitSuccession

from . import figure_cache
from . import periods as P
from .models import (
    COUNTED_STATUSES,
    DataValue,
    Indicator,
    Measure,
    Period,
    Submission,
    SubmissionStatus,
    Temporal,
)
from .rules import HUNDRED, Status, applicable_target, compare, evaluate_status, ratio_of_sums

TREND_LENGTH = 4  # DESIGN.md §5: the projection uses the last ≤ 4 values


# --- scopes ------------------------------------------------------------------

def _as_roots(roots):
    if roots is None:
        return None
    if isinstance(roots, ReportingUnit):
        return [roots]
    return list(roots)


def expand_with_predecessors(roots):
    """Roots plus, transitively, the units merged into them or renamed to them.

    The added predecessors carry their id and tree path only (what scopes need);
    the chain is cached under the global generation (successions and moves bump it).
    """
    roots = _as_roots(roots)
    if roots is None:
        return None

    def chain():
        seen = {u.pk for u in roots}
        frontier, found = list(seen), []
        while frontier:
            links = UnitSuccession.objects.filter(
                successor_id__in=frontier, kind__in=[SuccessionKind.MERGE, SuccessionKind.RENAME]
            ).values_list("predecessor_id", "predecessor__path")
            frontier = []
            for pk, path in links:
                if pk not in seen:
                    seen.add(pk)
                    found.append((pk, path))
                    frontier.append(pk)
        return found

    extra = figure_cache.cached("predecessors", (tuple(sorted(u.pk for u in roots)),), chain, periods=[])
    return list(roots) + [ReportingUnit(pk=pk, path=path) for pk, path in extra]


def subtree_q(roots, prefix="", include_predecessors=True):
    """Q matching rows whose unit (via `prefix`, e.g. "unit__") lies in the roots' subtrees."""
    roots = expand_with_predecessors(roots) if include_predecessors else _as_roots(roots)
    if roots is None:
        return Q()
    q = Q(pk__in=[]) if not prefix else Q(**{f"{prefix}pk__in": []})
    for r in roots:
        q |= Q(**{f"{prefix}path__startswith": r.path})
    return q


def active_q(start, end, prefix=""):
    """Q matching units that existed at some point of [start, end]."""
    return (Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": end})) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": start})
    )


def counted_statuses(approved_only=False):
    return (SubmissionStatus.APPROVED,) if approved_only else COUNTED_STATUSES


def counted_values(approved_only=False):
    """Values whose unit's submission for the period is submitted/approved (or approved only)."""
    submitted = Submission.objects.filter(
        unit_id=OuterRef("unit_id"), period_id=OuterRef("period_id"), status__in=counted_statuses(approved_only)
    )
    return DataValue.objects.filter(Exists(submitted))


# --- periods -------------------------------------------------------------------

def trailing_periods(period, n=TREND_LENGTH):
    """`period` and the n-1 periods of the same kind before it, oldest first."""
    rows = list(Period.objects.filter(kind=period.kind, end__lte=period.end).order_by("-end")[:n])
    return rows[::-1]


def source_periods(period, indicator_kind, periods_by_spec):
    """The periods holding an indicator's data for `period` (its quarters for a year...)."""
    return [periods_by_spec[s] for s in P.sub_specs(period.spec, indicator_kind) if s in periods_by_spec]


def _periods_by_spec(periods):
    years = {p.year for p in periods}
    return {p.spec: p for p in Period.objects.filter(year__in=years)}


# --- rollup per kind ---------------------------------------------------------------

@dataclass
class KindRollup:
    """One indicator's figure over a scope for one unit kind and period."""

    indicator: Indicator
    unit_kind: str
    period: Period
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    value: Decimal | None = None
    units_expected: int = 0
    units_reported: int = 0
    units_met: int = 0
    target: object = None
    status: str = Status.NO_DATA
    series: list = field(default_factory=list)  # [(Period, value)] oldest first, this period last

    @property
    def status_label(self):
        return Status.LABELS[self.status]

    @property
    def colour(self):
        return Status.COLOURS[self.status]


_SQL_OPERATORS = {"gt": ">", "gte": ">=", "eq": "=", "lte": "<=", "lt": "<"}


def _met_case(indicators, period, kinds_by_indicator):
    """A CASE counting, for `period`, the values that meet the target applying to their unit.

    Written as SQL text with parameters: Django compiling some eighty When(Q(…))
    branches cost more than the database evaluating them. It reads the value,
    the indicator and the unit (id, kind) of the aggregated row, so the query
    must join the unit table under its own name (values("unit__kind") does).
    """
    qn = connection.ops.quote_name
    value, indicator = f"{qn(DataValue._meta.db_table)}.{qn('value')}", f"{qn(DataValue._meta.db_table)}.{qn('indicator_id')}"
    unit_id, unit_kind = f"{qn(DataValue._meta.db_table)}.{qn('unit_id')}", f"{qn(ReportingUnit._meta.db_table)}.{qn('kind')}"
    whens, params = [], []
    for ind in indicators:
        if ind.measure == Measure.BOOLEAN:
            continue  # a yes/no unit "meets" when it answers yes: counted as the numerator
        own = [t for t in ind.targets.all() if t.unit_id]
        own_units = sorted({t.unit_id for t in own})
        for uid in own_units:
            t = applicable_target([t for t in own if t.unit_id == uid], period.year, unit=ReportingUnit(pk=uid))
            if t:
                whens.append(f"WHEN {indicator} = %s AND {unit_id} = %s AND {value} {_SQL_OPERATORS[t.operator]} %s THEN 1")
                params += [ind.pk, uid, t.value]
        general = [t for t in ind.targets.all() if not t.unit_id]
        for kind in kinds_by_indicator[ind.pk]:
            t = applicable_target(general, period.year, unit_kind=kind)
            if t:
                # Units with a target of their own were matched above (or must not count on the kind's).
                exclude = f" AND {unit_id} NOT IN ({', '.join(['%s'] * len(own_units))})" if own_units else ""
                whens.append(f"WHEN {indicator} = %s AND {unit_kind} = %s{exclude} AND {value} "
                             f"{_SQL_OPERATORS[t.operator]} %s THEN 1")
                params += [ind.pk, kind, *own_units, t.value]
    if not whens:
        return Value(0)
    return RawSQL(f"CASE {' '.join(whens)} ELSE 0 END", params, output_field=IntegerField())


def _expected_units(roots, periods, kinds, include_predecessors):
    """{(period_id, kind): number of active units of that kind in scope} in one query."""
    annotations = {f"p{p.pk}": Count("id", filter=active_q(p.start, p.end)) for p in periods}
    rows = (
        ReportingUnit.objects.filter(subtree_q(roots, include_predecessors=include_predecessors), kind__in=kinds)
        .values("kind")
        .annotate(**annotations)
    )
    out = defaultdict(int)
    for row in rows:
        for p in periods:
            out[(p.pk, row["kind"])] = row[f"p{p.pk}"]
    return out


def rollup_by_kind(indicators, period, roots=None, approved_only=False, include_predecessors=True, with_series=True):
    """Each indicator's figure per unit kind over a scope, with target and status.

    percent = Σnumerator / Σdenominator over the units (never a mean of rates);
    count = Σ; boolean = share of expected units answering yes. Over time, for
    a period coarser than the indicator's frequency, `flow` sums its periods
    and `stock` takes each unit's latest. Statuses follow rules.evaluate_status
    with the trend of the last ≤ 4 periods.

    Returns {indicator_id: [KindRollup, ...]} with one row per applicable kind.
    """
    indicators = list(indicators)
    if not indicators:
        return {}
    prefetch_related_objects(indicators, "targets")
    trail = trailing_periods(period) if with_series else [period]
    if period not in trail:
        trail.append(period)
    by_spec = _periods_by_spec(trail)
    kinds_by_indicator = {i.pk: list(i.applies_to) for i in indicators}
    all_kinds = sorted({k for ks in kinds_by_indicator.values() for k in ks})
    scope = figure_cache.roots_key(roots)
    # One cached aggregate per trailing period: a write in the current quarter leaves the
    # trend's earlier quarters cached (their generations do not move).
    agg = {}
    by_id = {i.pk: i for i in indicators}
    _prefetch_trend(indicators, trail, period, roots, approved_only, include_predecessors, scope)
    for tp in trail:
        sources = {sp.pk for ind in indicators for sp in source_periods(tp, ind.period_kind, by_spec)}
        if not sources:
            continue
        met_period = period if tp.pk == period.pk else None

        def compute(missing, tp=tp, met_period=met_period):
            rows = _aggregate_period([by_id[pk] for pk in missing], tp, met_period, by_spec, kinds_by_indicator, roots,
                                     approved_only, include_predecessors)
            out = defaultdict(dict)
            for (ind_id, _tp, kind), row in rows.items():
                out[ind_id][kind] = row
            return dict(out)

        per_indicator = figure_cache.cached_per_indicator(
            "rollup", (tp.pk, met_period.pk if met_period else None, scope, approved_only, include_predecessors),
            list(by_id), compute, periods=sources,
        )
        for ind_id, rows in per_indicator.items():
            for kind, row in (rows or {}).items():
                agg[(ind_id, tp.pk, kind)] = row
    if not agg and not any(source_periods(period, i.period_kind, by_spec) for i in indicators):
        return {i.pk: _empty_rows(i, period, kinds_by_indicator[i.pk]) for i in indicators}
    expected = figure_cache.cached(
        "expected", (scope, tuple(p.pk for p in trail), tuple(all_kinds), include_predecessors),
        lambda: _expected_units(roots, trail, all_kinds, include_predecessors),
        periods=[],
    )
    result = {}
    for ind in indicators:
        out = []
        for kind in kinds_by_indicator[ind.pk]:
            series = []
            for tp in trail:
                r = agg.get((ind.pk, tp.pk, kind))
                series.append((tp, _figure(ind, r, expected[(tp.pk, kind)])[2] if r else None))
            r = agg.get((ind.pk, period.pk, kind))
            num, den, value = _figure(ind, r, expected[(period.pk, kind)]) if r else (None, None, None)
            target = applicable_target(
                [t for t in ind.targets.all() if not t.unit_id], period.year, unit_kind=kind
            )
            status = evaluate_status(
                value, target, period.end, [(p.end, v) for p, v in series], ind.direction
            )
            out.append(
                KindRollup(
                    indicator=ind,
                    unit_kind=kind,
                    period=period,
                    numerator=num,
                    denominator=den,
                    value=value,
                    units_expected=expected[(period.pk, kind)],
                    units_reported=r["reported"] if r else 0,
                    units_met=(int(num or 0) if ind.measure == Measure.BOOLEAN else int(r["met"] or 0)) if r else 0,
                    target=target,
                    status=status,
                    series=series,
                )
            )
        result[ind.pk] = out
    return result


def _prefetch_trend(indicators, trail, period, roots, approved_only, include_predecessors, scope):
    """Fill the cache for the trend's earlier quarters with one grouped query when several are missing.

    After a restart or a change of targets every quarter is missing; one query
    over them (sums only: "met" is counted for the period shown) costs about
    what one quarter does. Only when each indicator reports in the trend's own
    periods (quarterly indicators on a quarterly trend); otherwise the loop of
    rollup_by_kind computes each quarter. The entries are exactly the ones that
    loop reads (same keys, same rows), so this changes speed, never figures.
    """
    if not figure_cache.enabled():
        return
    simple = [tp for tp in trail if tp.pk != period.pk and all(i.period_kind == tp.kind for i in indicators)]
    if len(simple) < 2:
        return
    ids = [i.pk for i in indicators]
    wanted = {}  # cache key -> (period id, indicator id)
    for tp in simple:
        keys = figure_cache.per_indicator_keys("rollup", (tp.pk, None, scope, approved_only, include_predecessors),
                                               ids, {tp.pk})
        wanted.update({key: (tp.pk, pk) for pk, key in keys.items()})
    missing = figure_cache.missing_keys(list(wanted))
    by_period = defaultdict(list)
    for key in missing:
        period_id, ind_id = wanted[key]
        by_period[period_id].append(ind_id)
    if len(by_period) < 2:
        return
    # Periods missing the same indicators (the usual cold case: all of them) share one IN × IN filter,
    # which PostgreSQL serves from the (period, indicator) index; an OR per period made it scan.
    groups = defaultdict(list)
    for period_id, ind_ids in by_period.items():
        groups[tuple(sorted(ind_ids))].append(period_id)
    feeds = Q(pk__in=[])
    for ind_ids, period_ids in groups.items():
        feeds |= Q(period_id__in=period_ids, indicator_id__in=ind_ids)
    rows = (
        counted_values(approved_only)
        .filter(feeds, subtree_q(roots, "unit__", include_predecessors), value__isnull=False)
        .values("indicator_id", "period_id", "unit__kind")
        # One value per unit, indicator and period (unique_value): a plain count is exact, and lets
        # PostgreSQL hash the groups instead of sorting 200.000 rows for a COUNT(DISTINCT).
        .annotate(num=Sum("numerator"), den=Sum("denominator"), reported=Count("unit_id"))
    )
    found = defaultdict(dict)
    for r in rows:
        found[(r["period_id"], r["indicator_id"])][r["unit__kind"]] = {
            "indicator_id": r["indicator_id"], "unit__kind": r["unit__kind"],
            "num": r["num"], "den": r["den"], "reported": r["reported"],
        }
    figure_cache.store({key: found.get(wanted[key]) or None for key in missing})


def _aggregate_period(indicators, tp, met_period, by_spec, kinds_by_indicator, roots, approved_only,
                      include_predecessors):
    """The database part of rollup_by_kind for one trailing period `tp`, as plain data (cacheable).

    Returns {(indicator_id, tp id, kind): {num, den, reported, met}}; units meeting
    their target are counted only when `met_period` is given (the period shown).
    """
    groups = defaultdict(list)  # source period ids -> indicator ids fed from them
    stock_coarse, flow_coarse = set(), set()
    for ind in indicators:
        sources = tuple(sp.pk for sp in source_periods(tp, ind.period_kind, by_spec))
        if sources:
            groups[sources].append(ind.pk)
        if ind.period_kind != tp.kind:
            (stock_coarse if ind.temporal == Temporal.STOCK else flow_coarse).add(ind.pk)
    if not groups:
        return {}
    feeds = Q(pk__in=[])
    for sources, ind_ids in groups.items():
        feeds |= Q(indicator_id__in=ind_ids, period_id__in=sources)
    values = counted_values(approved_only).filter(
        feeds, subtree_q(roots, "unit__", include_predecessors), value__isnull=False
    )
    if stock_coarse:
        # Stock over several periods: each unit's latest value only.
        later = counted_values(approved_only).filter(
            unit_id=OuterRef("unit_id"),
            indicator_id=OuterRef("indicator_id"),
            period__kind=OuterRef("period__kind"),
            period__year=OuterRef("period__year"),
            period__end__gt=OuterRef("period__end"),
            value__isnull=False,
        )
        values = values.filter(~Q(indicator_id__in=stock_coarse) | ~Exists(later))
    # A unit is counted once per group; it has one value per source period (unique_value), so the
    # DISTINCT (a sort instead of a hash) is needed only when an indicator draws on several periods.
    several = any(len(sources) > 1 for sources in groups)
    sums = {"num": Sum("numerator"), "den": Sum("denominator"), "reported": Count("unit_id", distinct=several)}
    if met_period is not None:
        sums["met"] = Sum(_met_case(indicators, met_period, kinds_by_indicator))
    agg = {
        (r["indicator_id"], tp.pk, r["unit__kind"]): r
        for r in values.values("indicator_id", "unit__kind").annotate(**sums)
    }
    if met_period is not None and flow_coarse:
        # Summed over several periods, a unit meets its target on its own sums: count those here.
        for key, met in _units_met_flow_coarse(indicators, flow_coarse, met_period, by_spec, roots, approved_only,
                                               include_predecessors).items():
            if key in agg:
                agg[key]["met"] = met
    return agg


def rollup_by_child(children, indicators, period, approved_only=False):
    """{(child_id, indicator_id): [KindRollup]}: rollup_by_kind over each child's subtree, in one pass.

    What a heat map of children × indicators needs: one grouped query over all
    the children's subtrees (by path prefix), the same figures (_figure: ratio
    of sums, boolean share of expected units, sums) and the same status rule.
    Indicators reported in the period's own kind only (quarterly on a quarter).
    """
    trail = trailing_periods(period)
    same = [i for i in indicators if i.period_kind == period.kind]
    if not same:
        return {}
    children_key = tuple(c.pk for c in children)
    trail_ids = [p.pk for p in trail]
    per_indicator = figure_cache.cached_per_indicator(
        "child-rollups", (children_key, tuple(trail_ids), approved_only), [i.pk for i in same],
        lambda missing: _child_aggregate(children, missing, trail, approved_only), periods=trail_ids,
    )
    agg = {key: row for rows in per_indicator.values() for key, row in (rows or {}).items()}
    expected = figure_cache.cached("child-expected", (children_key, period.pk),
                                   lambda: _child_expected(children, period), periods=[])
    out = {}
    for c in children:
        for ind in same:
            kind_rows = []
            for kind in ind.applies_to:
                n_expected = expected.get((c.pk, kind), 0)
                if not n_expected:
                    continue
                series = []
                for p in trail:
                    r = agg.get((c.pk, ind.pk, p.pk, kind))
                    series.append((p.end, _figure(ind, r, n_expected)[2] if r else None))
                r = agg.get((c.pk, ind.pk, period.pk, kind))
                num, den, value = _figure(ind, r, n_expected) if r else (None, None, None)
                target = applicable_target([t for t in ind.targets.all() if not t.unit_id], period.year, unit_kind=kind)
                status = evaluate_status(value, target, period.end, series, ind.direction)
                kind_rows.append(KindRollup(ind, kind, period, num, den, value, n_expected,
                                            r["reported"] if r else 0, 0, target, status))
            out[(c.pk, ind.pk)] = kind_rows
    return out


def _child_aggregate(children, indicator_ids, trail, approved_only):
    """The values part of rollup_by_child as plain data, per indicator (cacheable):
    {indicator id: {(child id, indicator id, period id, kind): {num, den, reported}}}."""
    child_of = Case(*[When(unit__path__startswith=c.path, then=Value(c.pk)) for c in children],
                    output_field=IntegerField())
    rows = (
        counted_values(approved_only)
        .filter(subtree_q(children, "unit__", include_predecessors=False), indicator_id__in=indicator_ids,
                period__in=trail, value__isnull=False)
        .annotate(child=child_of)
        .values("child", "indicator_id", "period_id", "unit__kind")
        .annotate(num=Sum("numerator"), den=Sum("denominator"), reported=Count("unit_id"))  # one value per unit
    )
    out = {}
    for r in rows:
        out.setdefault(r["indicator_id"], {})[(r["child"], r["indicator_id"], r["period_id"], r["unit__kind"])] = r
    return out


def _child_expected(children, period):
    """{(child id, kind): active units} for the subtrees of `children` (cacheable)."""
    expected_rows = (
        ReportingUnit.objects.filter(subtree_q(children, include_predecessors=False), active_q(period.start, period.end))
        .annotate(child=Case(*[When(path__startswith=c.path, then=Value(c.pk)) for c in children],
                             output_field=IntegerField()))
        .values("child", "kind").annotate(n=Count("id"))
    )
    return {(r["child"], r["kind"]): r["n"] for r in expected_rows}


def _figure(indicator, row, expected):
    """(numerator, denominator, value) of one aggregated row."""
    num, den = row["num"], row["den"]
    if indicator.measure == Measure.PERCENT:
        return num, den, ratio_of_sums(num, den)
    if indicator.measure == Measure.BOOLEAN:
        yes = num or Decimal(0)
        return yes, Decimal(expected), ratio_of_sums(yes, expected) if expected else None
    return num, None, num


def _empty_rows(indicator, period, kinds):
    return [KindRollup(indicator=indicator, unit_kind=k, period=period, status=Status.NO_DATA) for k in kinds]


def _units_met_flow_coarse(indicators, flow_ids, period, by_spec, roots, approved_only, include_predecessors):
    """{(indicator_id, period_id, kind): units meeting their target on summed figures}."""
    out = defaultdict(int)
    for ind in indicators:
        if ind.pk not in flow_ids:
            continue
        sources = source_periods(period, ind.period_kind, by_spec)
        rows = (
            counted_values(approved_only)
            .filter(subtree_q(roots, "unit__", include_predecessors), indicator=ind, period__in=sources, value__isnull=False)
            .values("unit_id", "unit__kind")
            .annotate(num=Sum("numerator"), den=Sum("denominator"))
        )
        targets = list(ind.targets.all())
        for r in rows:
            value = ratio_of_sums(r["num"], r["den"]) if ind.measure == Measure.PERCENT else r["num"]
            t = applicable_target(targets, period.year, unit=ReportingUnit(pk=r["unit_id"], kind=r["unit__kind"]))
            if value is not None and t and compare(value, t.operator, t.value):
                out[(ind.pk, period.pk, r["unit__kind"])] += 1
    return out


def rollup_total(rows):
    """Combine per-kind rows of one indicator into one figure for the whole scope.

    Ratio of sums for percent (and boolean shares), sum for counts. Returns
    (numerator, denominator, value).
    """
    if not rows:
        return None, None, None
    ind = rows[0].indicator
    nums = [r.numerator for r in rows if r.numerator is not None]
    dens = [r.denominator for r in rows if r.denominator is not None]
    if not nums:
        return None, None, None
    num = sum(nums, Decimal(0))
    if ind.measure == Measure.COUNT:
        return num, None, num
    den = sum(dens, Decimal(0))
    return num, den, ratio_of_sums(num, den)


# --- one unit ------------------------------------------------------------------

@dataclass
class UnitFigure:
    unit: ReportingUnit
    indicator: Indicator
    period: Period
    numerator: Decimal | None
    denominator: Decimal | None
    value: Decimal | None
    target: object
    status: str

    @property
    def status_label(self):
        return Status.LABELS[self.status]

    @property
    def colour(self):
        return Status.COLOURS[self.status]


def unit_figures(units, indicators, period, approved_only=False, counted_only=True):
    """Each unit's own figure for each applicable indicator, with target and status.

    One query for the values (this period and the trailing ones), whatever
    the number of units. The finished figures (value, target, status) are
    cached per indicator: a heat map of a thousand cells is then rebuilt
    from plain tuples. Returns {(unit_id, indicator_id): UnitFigure}.
    """
    units, indicators = list(units), list(indicators)
    prefetch_related_objects(indicators, "targets")
    trail = trailing_periods(period)
    base = counted_values(approved_only) if counted_only else DataValue.objects.all()
    targets = {ind.pk: list(ind.targets.all()) for ind in indicators}
    by_id = {ind.pk: ind for ind in indicators}

    def compute(missing):
        by_key = defaultdict(dict)
        for unit_id, ind_id, period_id, num, den, value in base.filter(
            unit_id__in=[u.pk for u in units], indicator_id__in=missing, period__in=trail
        ).values_list("unit_id", "indicator_id", "period_id", "numerator", "denominator", "value"):
            by_key[(unit_id, ind_id)][period_id] = (num, den, value)
        own_target_units = {t.unit_id for ts in targets.values() for t in ts if t.unit_id}
        by_kind = {}  # (indicator, kind) -> target, for units without a target of their own
        # Plain ids and dates up front: this loop runs units × indicators times.
        inds = [(pk, set(by_id[pk].applies_to), by_id[pk].direction) for pk in missing]
        trail_keys = [(p.pk, p.end) for p in trail]
        period_id, year, end = period.pk, period.year, period.end
        empty = {}
        out = {pk: [] for pk in missing}
        for u in units:
            upk, ukind = u.pk, u.kind
            own = upk in own_target_units
            for ipk, kinds, direction in inds:
                if ukind not in kinds:
                    continue
                hist = by_key.get((upk, ipk), empty)
                num, den, value = hist.get(period_id, (None, None, None))
                if own:
                    target = applicable_target(targets[ipk], year, unit=u)
                else:
                    if (ipk, ukind) not in by_kind:
                        by_kind[ipk, ukind] = applicable_target(targets[ipk], year, unit=u)
                    target = by_kind[ipk, ukind]
                series = [(pend, hist[ppk][2]) for ppk, pend in trail_keys if ppk in hist]
                status = evaluate_status(value, target, end, series, direction)
                out[ipk].append((upk, num, den, value, target.pk if target else None, status))
        return out

    per_indicator = figure_cache.cached_per_indicator(
        "unit-figures", (tuple(u.pk for u in units), tuple(p.pk for p in trail), period.pk, approved_only,
                         counted_only),
        list(by_id), compute, periods=[p.pk for p in trail],
    )
    units_by_id = {u.pk: u for u in units}
    out = {}
    for ipk, entries in per_indicator.items():
        ind, target_by_id = by_id[ipk], {t.pk: t for t in targets[ipk]}
        for upk, num, den, value, target_id, status in entries or ():
            out[(upk, ipk)] = UnitFigure(units_by_id[upk], ind, period, num, den, value,
                                         target_by_id.get(target_id), status)
    return out


def rank_units(indicator, period, roots=None, kind=None, approved_only=False):
    """Units of a scope ranked best first by the indicator's direction (units without a value last).

    The ranking behind "which units lag". Returns a list of UnitFigure.
    """
    qs = ReportingUnit.objects.filter(subtree_q(roots), active_q(period.start, period.end))
    qs = qs.filter(kind__in=[kind] if kind else indicator.applies_to)
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
    of their rates).
    """
    return unit_series_many(unit, [indicator], periods, approved_only, include_predecessors)[indicator.pk]


def unit_series_many(unit, indicators, periods, approved_only=False, include_predecessors=True):
    """unit_series for several indicators in one query: {indicator_id: [(Period, value)]}."""
    periods, indicators = list(periods), list(indicators)
    units = expand_with_predecessors([unit]) if include_predecessors else [unit]

    def aggregate():
        rows = (
            counted_values(approved_only)
            .filter(unit__in=units, indicator__in=indicators, period__in=periods, value__isnull=False)
            .values("indicator_id", "period_id")
            .annotate(num=Sum("numerator"), den=Sum("denominator"), n=Count("id"))
        )
        return {(r["indicator_id"], r["period_id"]): (r["num"], r["den"], r["n"]) for r in rows}

    agg = figure_cache.cached(
        "unit-series",
        (tuple(u.pk for u in units), tuple(i.pk for i in indicators), tuple(p.pk for p in periods), approved_only),
        aggregate,
        periods=[p.pk for p in periods], indicators=[i.pk for i in indicators],
    )
    out = {}
    for ind in indicators:
        series = []
        for p in periods:
            r = agg.get((ind.pk, p.pk))
            if not r:
                series.append((p, None))
            elif ind.measure == Measure.PERCENT:
                series.append((p, ratio_of_sums(r[0], r[1])))
            elif ind.measure == Measure.BOOLEAN:
                series.append((p, (HUNDRED * r[0] / r[2]) if r[2] else None))
            else:
                series.append((p, r[0]))
        out[ind.pk] = series
    return out


# --- completeness -------------------------------------------------------------------

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
        return ratio_of_sums(self.units_reported, self.units_expected)

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
        "completeness", (period.pk, figure_cache.roots_key(roots), resolution.pk if resolution else None),
        lambda: _completeness_counts(period, roots, resolution),
        periods=[period.pk],
    )
    return Completeness(period=period, **counts)


def _completeness_counts(period, roots, resolution):
    from django.utils import timezone

    indicators = Indicator.objects.filter(is_active=True, resolution__is_active=True)
    if resolution is not None:
        indicators = indicators.filter(resolution=resolution)
    due_kinds = set()
    for ind in indicators.only("applies_to", "frequency"):
        if ind.period_kind == period.kind:  # a unit reports in the periods of its indicators' frequency
            due_kinds.update(ind.applies_to)
    units = list(
        ReportingUnit.objects.filter(subtree_q(roots), active_q(period.start, period.end), kind__in=due_kinds)
        .order_by("path")
        .values_list("id", "kind")
    )
    subs = {
        unit_id: (status, at)
        for unit_id, status, at in Submission.objects.filter(period=period)
        .filter(subtree_q(roots, "unit__"))
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


def latest_period_with_data(indicators, roots=None, approved_only=False):
    """The most recent period holding a counted value of these indicators in scope.

    Candidates come from the submissions (a few thousand rows, not the values):
    newest first, each checked with one indexed EXISTS, usually the first hit.
    """
    indicators = list(indicators)
    if not indicators:
        return None
    def find():
        in_scope = subtree_q(roots, "unit__")
        candidates = (
            Period.objects.filter(kind__in={i.period_kind for i in indicators})
            .filter(pk__in=Submission.objects.filter(in_scope, status__in=counted_statuses(approved_only))
                    .values("period_id"))
            .order_by("-end")
        )
        scoped = counted_values(approved_only).filter(in_scope, indicator__in=indicators, value__isnull=False)
        for period in candidates:
            if scoped.filter(period=period).exists():
                return period.pk
        return None

    pk = figure_cache.cached("latest-period", (tuple(sorted(i.pk for i in indicators)),
                                               figure_cache.roots_key(roots), approved_only), find)
    return Period.objects.filter(pk=pk).first() if pk else None


_SEVERITY = [Status.NOT_MET, Status.AT_RISK, Status.ON_TRACK, Status.MET]


def indicator_status(rows):
    """One status for an indicator over its per-kind rows: the worst judged one.

    An indicator "đạt" only when every level with a target and a figure meets
    it; no_data when no level has a figure; no_target when none has a target.
    """
    statuses = {r.status for r in rows}
    for s in _SEVERITY:
        if s in statuses:
            return s
    if Status.NO_DATA in statuses:
        return Status.NO_DATA
    return Status.NO_TARGET
