"""Periods of the figure engine: trends, the quarters inside a window, what a resolution expects.

Rules settled here (README, "Decisions worth knowing"):
- a half-year or a year is built from the periods inside its window
  (`source_periods`): `flow` sums them, `stock` takes each unit's latest;
- a resolution expects figures for periods up to the later of its end year
  and its last milestone year (`resolution_horizon`), and for no period after;
- a page opens on the latest period whose deadline has passed
  (`default_period`), within that horizon and while its scope has units,
  never on "the latest quarter with any value" (one late report would move
  a whole dashboard to a quarter nobody else has reported yet).
"""

from django.apps import apps
from django.db.models import Max
from django.utils import timezone

from .. import figure_cache
from .. import periods as P
from ..models import Period
from .scope import as_roots

TREND_LENGTH = 4  # DESIGN.md §5: the projection uses the last ≤ 4 values
_FINEST_FIRST = [P.QUARTER, P.HALF_YEAR, P.YEAR]
_UNKNOWN = object()


def trailing_periods(period, n=TREND_LENGTH):
    """`period` and the n-1 periods of the same kind before it, oldest first."""
    rows = list(Period.objects.filter(kind=period.kind, end__lte=period.end).order_by("-end")[:n])
    return rows[::-1]


def source_periods(period, indicator_kind, periods_by_spec):
    """The periods holding an indicator's data for `period` (its quarters for a year...)."""
    return [periods_by_spec[s] for s in P.sub_specs(period.spec, indicator_kind) if s in periods_by_spec]


def periods_by_spec(periods):
    """{PeriodSpec: Period} for every period of the years `periods` touch (one query)."""
    years = {p.year for p in periods}
    return {p.spec: p for p in Period.objects.filter(year__in=years)}


def window_sources(period, indicator):
    """The periods inside `period`'s window in which `indicator` is reported (one query)."""
    return source_periods(period, indicator.period_kind, periods_by_spec([period]))


def resolution_horizons(resolutions):
    """{resolution id: the last year it expects figures for (None: no end)}, one query for all:
    the later of its end year and its last milestone year (`resolution_spans`)."""
    return {pk: horizon for pk, (_start, horizon) in resolution_spans(r.pk for r in resolutions).items()}


def resolution_horizon(resolution):
    """The last year a resolution expects figures for: the later of its end year and last milestone."""
    return resolution_horizons([resolution])[resolution.pk]


def resolution_expects(resolution, period, horizon=_UNKNOWN):
    """Does the resolution ask for figures of `period`? (from its start year up to its horizon;
    `horizon` when the caller read it already with resolution_horizons)."""
    horizon = resolution_horizon(resolution) if horizon is _UNKNOWN else horizon
    return year_in_span(period.year, (resolution.start_year, horizon))


def resolution_spans(resolution_ids):
    """{resolution id: (start year, horizon)}: what `resolution_expects` reads, by id (a rollup holds
    indicators loaded without their resolution). The horizon is the later of the end year and the last
    milestone year. One query, cached under the global generation."""
    resolution_ids = sorted(set(resolution_ids))
    if not resolution_ids:
        return {}

    def compute():  # one query: the years and the last milestone (the rule of resolution_horizons)
        Resolution = apps.get_model("resolutions", "Resolution")  # a higher app: named, not imported
        rows = (Resolution.objects.filter(pk__in=resolution_ids).annotate(last=Max("indicators__targets__year"))
                .values_list("pk", "start_year", "end_year", "last"))
        spans = {}
        for pk, start, end, last in rows:
            years = [y for y in (end, last) if y is not None]
            spans[pk] = (start, max(years) if years else None)
        return spans

    return figure_cache.cached("spans", (tuple(resolution_ids),), compute, periods=[])


def year_in_span(year, span):
    """Is `year` inside a resolution's (start year, horizon)? None on either side: open."""
    start, horizon = span
    return (not start or year >= start) and (horizon is None or year <= horizon)


def default_period(indicators, roots=None, resolution=None, today=None):
    """The period a page opens on: the latest whose deadline has passed.

    Of the finest kind the indicators are reported in; within the resolution's
    horizon (`resolution_expects`); and not after the day every root of the
    scope ended (a dissolved province's dashboard opens on its last quarter).
    Before any deadline has passed, the first period. None without periods.
    """
    indicators = list(indicators)
    kinds = {i.period_kind for i in indicators} or {P.QUARTER}
    kind = next(k for k in _FINEST_FIRST if k in kinds)
    today = today or timezone.localdate()
    qs = Period.objects.filter(kind=kind)
    roots = as_roots(roots)
    if roots and all(getattr(r, "valid_to", None) for r in roots):
        qs = qs.filter(end__lte=max(r.valid_to for r in roots))
    if resolution is None and indicators:
        resolution = indicators[0].resolution
    if resolution is not None:
        horizon = resolution_horizon(resolution)
        if horizon:
            qs = qs.filter(year__lte=horizon)
        if resolution.start_year:
            qs = qs.filter(year__gte=resolution.start_year)
    return qs.filter(deadline__lt=today).order_by("-end").first() or qs.order_by("end").first()
