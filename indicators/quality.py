"""Data-quality warnings: figures worth a second look (never errors).

Two checks, both explained in Vietnamese to the person entering and to the
approver:
- against the unit's own history: a rate that moves by more than
  JUMP_POINTS percentage points from the previous period, or a count more
  than COUNT_FACTOR times (or less than 1/COUNT_FACTOR of) the previous one;
- against peers: units of the same kind, same indicator and period, by the
  robust z-score 0,6745 × (x − median) / MAD beyond ROBUST_Z.

Warnings are computed when shown (peers keep reporting after a unit saves;
the peers' statistics are at most PEER_SECONDS old);
only the staff member's confirmation is stored (DataValue.quality_confirmed,
with the explanation in the value's note), and a changed figure clears it.
"""

from dataclasses import dataclass
from decimal import Decimal
from statistics import median

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .figures import counted_values
from .models import DataValue, Measure
from .rules import format_number, format_value

JUMP_POINTS = Decimal(30)
COUNT_FACTOR = Decimal(3)
ROBUST_Z = 3.5
MIN_PEERS = 5  # a median of fewer peers says little
PEER_SECONDS = 300


@dataclass
class QualityWarning:
    code: str  # "jump" | "outlier"
    message: str


def history_warning(indicator, value, previous):
    """A jump from the unit's previous figure, or None."""
    if value is None or previous is None:
        return None
    if indicator.measure == Measure.PERCENT:
        if abs(value - previous) > JUMP_POINTS:
            words = {"points": format_number(abs(value - previous), 2), "previous": format_value(indicator, previous),
                     "value": format_value(indicator, value)}
            message = (_("Tỷ lệ tăng %(points)s điểm %% so với kỳ trước (%(previous)s → %(value)s).") if value > previous
                       else _("Tỷ lệ giảm %(points)s điểm %% so với kỳ trước (%(previous)s → %(value)s)."))
            return QualityWarning("jump", message % words)
    elif indicator.measure == Measure.COUNT and previous > 0:
        if value > previous * COUNT_FACTOR or value * COUNT_FACTOR < previous:
            return QualityWarning("jump", _("Số lượng thay đổi hơn %(factor)s lần so với kỳ trước (%(previous)s → "
                                            "%(value)s).") % {
                "factor": format_number(COUNT_FACTOR), "previous": format_value(indicator, previous),
                "value": format_value(indicator, value)})
    return None


@dataclass(frozen=True)
class PeerStats:
    """Median, MAD and size of the peers' figures for one indicator and period."""

    median: Decimal
    mad: Decimal
    n: int

    @classmethod
    def of(cls, values):
        values = list(values)
        if not values:
            return cls(Decimal(0), Decimal(0), 0)
        med = median(values)
        return cls(med, median(abs(v - med) for v in values), len(values))


def robust_z(value, peers):
    """0,6745 × (x − median) / MAD over `peers` (a list of figures or PeerStats); None when undefined."""
    stats = peers if isinstance(peers, PeerStats) else PeerStats.of(peers)
    if stats.n < MIN_PEERS or stats.mad == 0:
        return None
    return 0.6745 * float(value - stats.median) / float(stats.mad)


def peer_warning(indicator, value, peers):
    """An outlier among peer units of the same kind (a list of figures or PeerStats), or None."""
    if value is None or indicator.measure == Measure.BOOLEAN:
        return None
    stats = peers if isinstance(peers, PeerStats) else PeerStats.of(peers)
    z = robust_z(value, stats)
    if z is None or abs(z) <= ROBUST_Z:
        return None
    if z > 0:
        message = ngettext("Khác thường so với %(count)s đơn vị cùng loại: cao hơn nhiều (trung vị %(median)s).",
                           "Khác thường so với %(count)s đơn vị cùng loại: cao hơn nhiều (trung vị %(median)s).",
                           stats.n)
    else:
        message = ngettext("Khác thường so với %(count)s đơn vị cùng loại: thấp hơn nhiều (trung vị %(median)s).",
                           "Khác thường so với %(count)s đơn vị cùng loại: thấp hơn nhiều (trung vị %(median)s).",
                           stats.n)
    return QualityWarning("outlier", message % {"count": stats.n, "median": format_value(indicator, stats.median)})


def peer_statistics(indicators, period, kind):
    """{indicator_id: PeerStats} over every unit of `kind` that reported the period (counted figures).

    The unit being judged is one of its peers when it reported: with the
    median and MAD (robust to that one figure) this changes little, and the
    statistics are then the same for every unit, so they are computed once
    per indicator and kept for PEER_SECONDS: a warning is advice, and a
    province's thousand schools are not re-read for every form opened in the
    deadline rush. Unit, indicator and target changes (the global generation)
    refresh them at once.
    """
    from django.core.cache import cache

    from . import figure_cache

    ids = tuple(sorted(i.pk for i in indicators))
    key = figure_cache.key_for("peer-stats", (ids, period.pk, kind), periods=[])  # global generation only
    stats = cache.get(key)
    if stats is None:
        by_indicator = {}
        rows = (
            counted_values()
            .filter(indicator_id__in=ids, period=period, unit__kind=kind, value__isnull=False)
            .values_list("indicator_id", "value")
        )
        for ind_id, value in rows:
            by_indicator.setdefault(ind_id, []).append(value)
        stats = {ind_id: PeerStats.of(values) for ind_id, values in by_indicator.items()}
        cache.set(key, stats, PEER_SECONDS)
    return stats


def warnings_for(indicator, value, previous, peers):
    """Every warning for one figure; `peers` is a list of figures or PeerStats."""
    return [w for w in (history_warning(indicator, value, previous), peer_warning(indicator, value, peers or [])) if w]


def previous_figures(units, indicators, period):
    """{(unit id, indicator id): value} of the period before `period`, as every surface shows it (the
    figure engine: sent or approved reports, a half-year built from its quarters, a yes/no judged 100 / 0).
    The entry form and the approval queue compare with these."""
    from .figures import trailing_periods, unit_figures

    trail = trailing_periods(period, 2)
    if len(trail) != 2:
        return {}
    return {key: f.value for key, f in unit_figures(units, indicators, trail[0]).items() if f.value is not None}


def report_warnings(submissions):
    """{submission id: [(indicator, QualityWarning)]} for the figures of each report (the same checks as the form).

    A few queries per period, whatever the number of reports: the approval queue judges a page at once.
    """
    by_period = {}
    for sub in submissions:
        by_period.setdefault(sub.period_id, []).append(sub)
    out = {}
    for subs in by_period.values():
        period = subs[0].period
        units = [s.unit for s in subs]
        values = list(DataValue.objects.filter(unit__in=units, period=period, value__isnull=False)
                      .select_related("indicator"))
        indicators = list({v.indicator_id: v.indicator for v in values}.values())
        previous = previous_figures(units, indicators, period) if indicators else {}
        kinds = {u.pk: u.kind for u in units}
        peers = {kind: peer_statistics(indicators, period, kind) for kind in set(kinds.values())} if indicators else {}
        found = {}
        for v in values:
            for w in warnings_for(v.indicator, v.value, previous.get((v.unit_id, v.indicator_id)),
                                  peers.get(kinds[v.unit_id], {}).get(v.indicator_id)):
                found.setdefault(v.unit_id, []).append((v.indicator, w))
        for s in subs:
            out[s.pk] = sorted(found.get(s.unit_id, []), key=lambda iw: (iw[0].order, iw[0].code))
    return out
