"""Rollups over many units: each indicator's figure per unit kind, per child subtree, in total.

Set-based on purpose: one rollup is a fixed handful of queries whatever the
number of units (DESIGN.md §8), never a query per unit. The last step of
every figure (a rate, the target, the status) is delegated to
`indicators.rules`, so dashboards, API, Excel and Celery jobs share one
implementation.

percent = Σnumerator / Σdenominator (never a mean of rates); count = Σ;
boolean = share of the expected units (active on the period's last day)
answering yes. A half-year or a year is built from the periods inside its
window: `flow` sums them, `stock` takes each unit's latest value there.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

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

from units.models import ReportingUnit
from units.tree import tree_on

from .. import figure_cache
from ..models import DataValue, Indicator, Measure, Period, Temporal
from ..rules import Status, applicable_target, compare, evaluate_status, ratio_of_sums, status_ceiling
from .scope import (
    counted_values,
    expected_ids,
    ids_q,
    indicator_scope,
    indicator_scope_key,
    load_reach_info,
    roots_key,
)
from .windows import (
    periods_by_spec,
    resolution_spans,
    source_periods,
    trailing_periods,
    year_in_span,
)


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


def _expected_units(indicators, roots, periods, include_predecessors):
    """{(period_id, indicator_id, kind): units expected} — active on the period's last day, of the kind,
    inside the indicator's scope then (indicator_scope), and none for a period its resolution does not
    ask for (`resolution_expects`: a 2022 plan expects nobody in 2024). From the dated tree, no query."""
    out, by_scope = {}, {}
    spans = resolution_spans(ind.resolution_id for ind in indicators)
    for p in periods:
        for ind in indicators:
            if not year_in_span(p.year, spans[ind.resolution_id]):
                out.update({(p.pk, ind.pk, kind): 0 for kind in ind.applies_to})
                continue
            skey = (indicator_scope_key(ind), p.pk)
            if skey not in by_scope:
                ids = indicator_scope(ind, roots, p.end, include_predecessors)
                by_scope[skey] = {k: len(expected_ids(ids, p.end, k)) for k in _all_kinds(indicators)}
            for kind in ind.applies_to:
                out[(p.pk, ind.pk, kind)] = by_scope[skey].get(kind, 0)
    return out


def _all_kinds(indicators):
    return sorted({k for i in indicators for k in i.applies_to})


def _scope_groups(indicators, roots, day, include_predecessors):
    """[(indicator ids, unit ids or None)]: indicators sharing a scope on `day` share one filter."""
    groups = defaultdict(list)
    scopes = {}
    for ind in indicators:
        key = indicator_scope_key(ind)
        if key not in scopes:
            scopes[key] = indicator_scope(ind, roots, day, include_predecessors)
        groups[key].append(ind.pk)
    return [(ids, scopes[key]) for key, ids in groups.items()]


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
    load_reach_info(indicators)
    trail = trailing_periods(period) if with_series else [period]
    if period not in trail:
        trail.append(period)
    by_spec = periods_by_spec(trail)
    kinds_by_indicator = {i.pk: list(i.applies_to) for i in indicators}
    scope = roots_key(roots)
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
    expected = _expected_units(indicators, roots, trail, include_predecessors)
    result = {}
    for ind in indicators:
        out = []
        for kind in kinds_by_indicator[ind.pk]:
            series = []
            for tp in trail:
                r = agg.get((ind.pk, tp.pk, kind))
                series.append((tp, _figure(ind, r, expected[(tp.pk, ind.pk, kind)])[2] if r else None))
            r = agg.get((ind.pk, period.pk, kind))
            num, den, value = _figure(ind, r, expected[(period.pk, ind.pk, kind)]) if r else (None, None, None)
            target = applicable_target(
                [t for t in ind.targets.all() if not t.unit_id], period.year, unit_kind=kind
            )
            status = evaluate_status(
                value, target, period.end, [(p.end, v) for p, v in series], ind.direction, status_ceiling(ind.measure)
            )
            out.append(
                KindRollup(
                    indicator=ind,
                    unit_kind=kind,
                    period=period,
                    numerator=num,
                    denominator=den,
                    value=value,
                    units_expected=expected[(period.pk, ind.pk, kind)],
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
    # Each period reads its own day's tree: periods whose indicators and scopes agree share a filter.
    by_id = {i.pk: i for i in indicators}
    ends = {tp.pk: tp.end for tp in simple}
    groups = defaultdict(list)
    for period_id, ind_ids in by_period.items():
        for group_ids, unit_ids in _scope_groups([by_id[pk] for pk in ind_ids], roots, ends[period_id],
                                                 include_predecessors):
            groups[(tuple(sorted(group_ids)), unit_ids)].append(period_id)
    feeds = Q(pk__in=[])
    for (ind_ids, unit_ids), period_ids in groups.items():
        feeds |= Q(period_id__in=period_ids, indicator_id__in=ind_ids) & ids_q(unit_ids, "unit__")
    rows = (
        counted_values(approved_only, period_ids=list(by_period))
        .filter(feeds, value__isnull=False)
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
    unit_scope = {}  # indicator id -> unit ids counted (the tree of tp's last day), None = all
    for ids, unit_ids in _scope_groups(indicators, roots, tp.end, include_predecessors):
        unit_scope.update({pk: unit_ids for pk in ids})
    for ind in indicators:
        sources = tuple(sp.pk for sp in source_periods(tp, ind.period_kind, by_spec))
        if sources:
            groups[sources].append(ind.pk)
        if ind.period_kind != tp.kind:
            # A yes/no answer stands until changed: over a window it is the latest, like a stock.
            stock = ind.temporal == Temporal.STOCK or ind.measure == Measure.BOOLEAN
            (stock_coarse if stock else flow_coarse).add(ind.pk)
    if not groups:
        return {}
    feeds = Q(pk__in=[])
    for sources, ind_ids in groups.items():
        by_scope = defaultdict(list)
        for pk in ind_ids:
            by_scope[unit_scope[pk]].append(pk)
        for unit_ids, same in by_scope.items():
            feeds |= Q(indicator_id__in=same, period_id__in=sources) & ids_q(unit_ids, "unit__")
    values = counted_values(approved_only, period_ids={pk for sources in groups for pk in sources}).filter(
        feeds, value__isnull=False)
    if stock_coarse:
        # Stock over several periods: each unit's latest value inside the window only (a later
        # quarter of the same year outside the window, Q3 for a first half-year, must not hide Q2).
        hidden = Q(pk__in=[])
        for sources, ind_ids in groups.items():
            stock_ids = [pk for pk in ind_ids if pk in stock_coarse]
            if stock_ids and len(sources) > 1:
                later = counted_values(approved_only).filter(
                    unit_id=OuterRef("unit_id"),
                    indicator_id=OuterRef("indicator_id"),
                    period_id__in=sources,
                    period__end__gt=OuterRef("period__end"),
                    value__isnull=False,
                )
                hidden |= Q(indicator_id__in=stock_ids) & Exists(later)
        values = values.exclude(hidden)
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
        for key, met in _units_met_flow_coarse(indicators, flow_coarse, met_period, by_spec, unit_scope,
                                               approved_only).items():
            if key in agg:
                agg[key]["met"] = met
    return agg


def rollup_by_child(children, indicators, period, approved_only=False):
    """{(child_id, indicator_id): [KindRollup]}: rollup_by_kind over each child's subtree, in one pass.

    What a heat map of children × indicators needs: grouped queries over all
    the children's subtrees (each trailing period reads its own day's tree,
    narrowed to each indicator's reach), the same figures (_figure: ratio of
    sums, boolean share of expected units, sums) and the same status rule.
    Indicators reported in a finer kind than the period (quarterly ones on a
    half-year or a year) are rolled up child by child with rollup_by_kind,
    which builds the window from its quarters (a query per child: a drill-down
    has tens of children, and these periods are read rarely).
    """
    trail = trailing_periods(period)
    same = [i for i in indicators if i.period_kind == period.kind]
    coarse = [i for i in indicators if i.period_kind != period.kind]
    out = {}
    for c in children if coarse else ():
        for ind_id, rows in rollup_by_kind(coarse, period, [c], approved_only, include_predecessors=False).items():
            out[(c.pk, ind_id)] = [r for r in rows if r.units_expected or r.units_reported]
    if not same:
        return out
    children_key = tuple(c.pk for c in children)
    trail_ids = [p.pk for p in trail]
    by_id = {i.pk: i for i in same}
    per_indicator = figure_cache.cached_per_indicator(
        "child-rollups", (children_key, tuple(trail_ids), approved_only), [i.pk for i in same],
        lambda missing: _child_aggregate(children, [by_id[pk] for pk in missing], trail, approved_only),
        periods=trail_ids,
    )
    agg = {key: row for rows in per_indicator.values() for key, row in (rows or {}).items()}
    expected = _child_expected(children, same, trail)
    for c in children:
        for ind in same:
            kind_rows = []
            for kind in ind.applies_to:
                n_expected = expected.get((c.pk, ind.pk, period.pk, kind), 0)
                if not n_expected:
                    continue
                series = []
                for p in trail:
                    r = agg.get((c.pk, ind.pk, p.pk, kind))
                    n = expected.get((c.pk, ind.pk, p.pk, kind), 0)
                    series.append((p.end, _figure(ind, r, n)[2] if r else None))
                r = agg.get((c.pk, ind.pk, period.pk, kind))
                num, den, value = _figure(ind, r, n_expected) if r else (None, None, None)
                target = applicable_target([t for t in ind.targets.all() if not t.unit_id], period.year, unit_kind=kind)
                status = evaluate_status(value, target, period.end, series, ind.direction, status_ceiling(ind.measure))
                kind_rows.append(KindRollup(ind, kind, period, num, den, value, n_expected,
                                            r["reported"] if r else 0, 0, target, status))
            out[(c.pk, ind.pk)] = kind_rows
    return out


def _child_maps(children, indicators, trail):
    """{(indicator id, period id): {unit id: child id}}: the units under each child on the period's
    last day, inside the indicator's reach (computed once per distinct reach and day)."""
    out, done, distinct = {}, {}, []
    for p in trail:
        tree = tree_on(p.end)
        under = None
        for ind in indicators:
            key = (indicator_scope_key(ind), p.end)
            if key not in done:
                if under is None:
                    under = {pk: c.pk for c in children for pk in tree.subtree(c.pk)}
                reach = indicator_scope(ind, None, p.end)
                mapping = under if reach is None else {pk: c for pk, c in under.items() if pk in reach}
                # Equal mappings (the tree did not change between the days) become one object: one query.
                done[key] = next((m for m in distinct if m == mapping), mapping)
                if done[key] is mapping:
                    distinct.append(mapping)
            out[(ind.pk, p.pk)] = done[key]
    return out


def _child_aggregate(children, indicators, trail, approved_only):
    """The values part of rollup_by_child as plain data, per indicator (cacheable):
    {indicator id: {(child id, indicator id, period id, kind): {num, den, reported}}}.

    One query per distinct mapping of units to children (usually one for the whole trail)."""
    plans = defaultdict(list)  # id of a child mapping -> [(indicator id, period id)]
    mappings = {}
    for (ind_id, period_id), mapping in _child_maps(children, indicators, trail).items():
        mappings[id(mapping)] = mapping  # equal reaches and trees share one mapping object
        plans[id(mapping)].append((ind_id, period_id))
    out = {}
    for key, pairs in plans.items():
        mapping = mappings[key]
        if not mapping:
            continue
        by_child = defaultdict(list)
        for pk, c in mapping.items():
            by_child[c].append(pk)
        child_of = Case(*[When(unit_id__in=sorted(ids), then=Value(c)) for c, ids in by_child.items()],
                        output_field=IntegerField())
        by_period = defaultdict(list)
        for ind_id, period_id in pairs:
            by_period[period_id].append(ind_id)
        feeds = Q(pk__in=[])
        for period_id, ind_ids in by_period.items():
            feeds |= Q(period_id=period_id, indicator_id__in=ind_ids)
        rows = (
            counted_values(approved_only)
            .filter(feeds, unit_id__in=sorted(mapping), value__isnull=False)
            .annotate(child=child_of)
            .values("child", "indicator_id", "period_id", "unit__kind")
            .annotate(num=Sum("numerator"), den=Sum("denominator"), reported=Count("unit_id"))  # one value per unit
        )
        for r in rows:
            out.setdefault(r["indicator_id"], {})[(r["child"], r["indicator_id"], r["period_id"], r["unit__kind"])] = r
    return out


def _child_expected(children, indicators, trail):
    """{(child id, indicator id, period id, kind): active units} under each child, in the indicator's reach."""
    out = {}
    maps = _child_maps(children, indicators, trail)
    for p in trail:
        tree = tree_on(p.end)
        for ind in indicators:
            for pk, c in maps[(ind.pk, p.pk)].items():
                unit = tree.units.get(pk)
                if unit is not None and unit.kind in ind.applies_to and unit.is_active_on(p.end):
                    key = (c, ind.pk, p.pk, unit.kind)
                    out[key] = out.get(key, 0) + 1
    return out


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


def _units_met_flow_coarse(indicators, flow_ids, period, by_spec, unit_scope, approved_only):
    """{(indicator_id, period_id, kind): units meeting their target on summed figures}."""
    out = defaultdict(int)
    for ind in indicators:
        if ind.pk not in flow_ids:
            continue
        sources = source_periods(period, ind.period_kind, by_spec)
        rows = (
            counted_values(approved_only)
            .filter(ids_q(unit_scope[ind.pk], "unit__"), indicator=ind, period__in=sources, value__isnull=False)
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


def blendable(rows):
    """Can per-kind rows be added into one figure? Only when they answer to one target (or none has
    one): "trên 95% cấp Sở, trên 75% cấp phòng, 52% cấp trường" blended into 78,16% judges nothing."""
    targets = {(r.target.operator, r.target.value, r.target.year) if r.target else None for r in rows}
    return len(targets) <= 1


def rollup_total(rows):
    """Combine per-kind rows of one indicator into one figure for the whole scope.

    Ratio of sums for percent (and boolean shares), sum for counts. Returns
    (numerator, denominator, value).
    """
    if not rows or not blendable(rows):
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


_SEVERITY = [Status.NOT_MET, Status.AT_RISK, Status.ON_TRACK, Status.MET]


def levels_without_data(rows):
    """The unit kinds of an indicator's rows that have a target but no figure (said beside its status)."""
    return [r.unit_kind for r in rows if r.target is not None and r.status == Status.NO_DATA]


def indicator_status(rows):
    """One status for an indicator over its per-kind rows (DESIGN.md §5).

    The worst judged level decides, except that an indicator is "Đạt" only
    when every level that has a target has data and meets it: met levels
    beside a level without data give no_data (levels_without_data names it).
    no_data when no targeted level has a figure; no_target when none has a target.
    """
    targeted = [r for r in rows if r.target is not None]
    if not targeted:
        return Status.NO_TARGET
    judged = {r.status for r in targeted if r.status != Status.NO_DATA}
    for s in _SEVERITY:
        if s in judged:
            if s == Status.MET and len(judged) == 1 and any(r.status == Status.NO_DATA for r in targeted):
                return Status.NO_DATA
            return s
    return Status.NO_DATA
