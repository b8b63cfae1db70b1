"""Which indicators a unit reports for a period: the one answer every screen and file uses.

The entry form (`indicators.entry.applicable_indicators`), the Excel import
template and the import's checks (`reports.excel.template`, `reports.excel.checks`), and the unit scorecard
(`reports.documents.report_data.scorecard.unit_scorecard_report`) all list exactly what
`indicators_for_unit` returns, so a row the template offers is a row the
upload accepts and the form shows, and a scorecard counts no other
province's resolution.

An indicator is in a unit's scope for a period when (the same conditions the
write path enforces, `check_applicable` below):
- it is active and its resolution is active;
- it is reported in periods of the period's kind (its frequency);
- it applies to the unit's kind;
- the unit is active on the period's last day (`rules.unit_period_problem`);
- on that day, the unit lies in its resolution's reach (the owner unit's
  subtree, or its successor's after the owner ended) and, when the indicator
  is assigned to units, inside one of theirs (`indicators.reach.indicator_reaches`);
- the resolution expects figures for the period: from its start year up to
  the later of its end year and its last milestone year
  (`indicators.figures.resolution_expects`, DESIGN.md §5): a 2022 plan asks
  for nothing in 2025.

Order: by resolution (issue date, undated last, then code), then the
indicator's order and code, so one resolution's rows stay together.
"""

from django.db.models import F, prefetch_related_objects
from django.utils.translation import gettext as _

from .figures.windows import resolution_expects, resolution_horizons
from .models import FREQUENCY_PERIOD_KIND, Indicator
from .reach import indicator_reaches
from .rules import FigureError, check_unit_period, unit_period_problem


def _candidates(period, kinds, resolution=None):
    """Active indicators of `period`'s frequency (of `resolution` if given) that apply to one of `kinds`,
    targets prefetched, in order.

    Every indicator of one resolution shares one Resolution instance; assigned
    units are prefetched (`indicators.reach.assigned_ids`). Only the indicators
    kept are prefetched: a school's form reads the targets of a school's indicators.
    """
    frequencies = [f for f, kind in FREQUENCY_PERIOD_KIND.items() if kind == period.kind]
    qs = Indicator.objects.filter(is_active=True, resolution__is_active=True, frequency__in=frequencies)
    if resolution is not None:
        qs = qs.filter(resolution=resolution)
    qs = (
        qs.select_related("resolution__owner_unit", "pillar")
        .order_by(F("resolution__issued_on").asc(nulls_last=True), "resolution__code", "resolution_id",
                  "order", "code", "id")
    )
    shared = {}
    indicators = []
    for ind in qs:
        ind.resolution = shared.setdefault(ind.resolution_id, ind.resolution)
        indicators.append(ind)
    horizons = resolution_horizons(shared.values())
    expects = {pk: resolution_expects(res, period, horizons[pk]) for pk, res in shared.items()}
    kept = [ind for ind in indicators
            if expects[ind.resolution_id] and any(ind.applies_to_kind(kind) for kind in kinds)]
    prefetch_related_objects(kept, "targets", "assigned_units")
    return kept


def indicators_for_units(units, period, resolution=None):
    """{unit pk: [Indicator]} — `indicators_for_unit` for many units with one query (a Sở and its schools)."""
    units = list(units)
    candidates = _candidates(period, {unit.kind for unit in units}, resolution)
    out = {unit.pk: [] for unit in units}
    for unit in units:
        if unit_period_problem(unit, period):
            continue
        out[unit.pk] = [ind for ind in candidates
                        if ind.applies_to_kind(unit.kind) and indicator_reaches(ind, unit, period.end)]
    return out


def indicators_for_unit(unit, period, resolution=None):
    """The indicators `unit` reports for `period` (of `resolution` only, if given), in order. See the module."""
    return indicators_for_units([unit], period, resolution)[unit.pk]


def order_key(indicator):
    """The order of `indicators_for_unit` as a sort key (to merge lists of several periods)."""
    res = indicator.resolution
    return (res.issued_on is None, res.issued_on or 0, res.code, res.pk, indicator.order, indicator.code, indicator.pk)


def reporting_periods(unit, periods):
    """The periods among `periods` in which `unit` has something to report: a non-empty
    `indicators_for_unit` (one query for the indicators whatever the number of periods).
    The period list offers exactly these, so it never sends a unit to an empty form."""
    periods = list(periods)
    indicators = [ind for ind in Indicator.objects.filter(is_active=True, resolution__is_active=True)
                  .select_related("resolution__owner_unit").prefetch_related("assigned_units")
                  if ind.applies_to_kind(unit.kind)]
    horizons = resolution_horizons({ind.resolution_id: ind.resolution for ind in indicators}.values())
    return [p for p in periods if not unit_period_problem(unit, p) and any(
        ind.period_kind == p.kind and resolution_expects(ind.resolution, p, horizons[ind.resolution_id])
        and indicator_reaches(ind, unit, p.end)
        for ind in indicators)]


def check_applicable(indicator, unit, period=None):
    """Raise FigureError unless the indicator applies to the unit (and the unit to `period`, when given).

    It applies when the unit's kind is one of the indicator's kinds and, on
    the period's last day (today without a period), the unit lies in the
    indicator's reach: its resolution's owner unit's subtree (or its
    successor's after the owner ended), narrowed to its assigned units if any
    (`indicators.reach.indicator_reaches`). A Quảng Bình school reports on
    Quảng Bình's plan, not on Sóc Trăng's resolution. With `period`, the unit
    must also be active on the period's last day (check_unit_period): every
    write path (form, API, bulk, Excel import, admin) refuses figures of a
    dissolved unit for a period after it ended.
    """
    import datetime as _dt

    if period is not None:
        check_unit_period(unit, period)
    if not indicator.applies_to_kind(unit.kind):
        raise FigureError(
            "indicator",
            _("Chỉ tiêu %(code)s không áp dụng cho %(kind)s “%(unit)s”.")
            % {"code": indicator.code, "kind": unit.get_kind_display().lower(), "unit": unit.name},
        )
    day = period.end if period is not None else _dt.date.today()
    if not indicator_reaches(indicator, unit, day):
        raise FigureError(
            "indicator",
            _("Chỉ tiêu %(code)s thuộc %(resolution)s, không áp dụng cho “%(unit)s” (đơn vị ngoài phạm vi của văn "
              "bản hoặc ngoài các đơn vị được giao chỉ tiêu).")
            % {"code": indicator.code, "resolution": indicator.resolution, "unit": unit.name},
        )
    if period is not None and not resolution_expects(indicator.resolution, period):
        raise FigureError(
            "period",
            _("%(resolution)s không yêu cầu số liệu %(period)s (ngoài thời gian thực hiện và các mốc mục tiêu "
              "của văn bản); không nhập được chỉ tiêu %(code)s cho kỳ này.")
            % {"resolution": indicator.resolution, "period": period.label, "code": indicator.code},
        )
