"""Refill the figure cache in the background after a change that emptied it.

Why: the figure cache (indicators.figure_cache) is never stale because every
write moves the generations its figures are keyed by. A change of units,
indicators, targets or periods moves the global generation, and a submission
sent, approved or returned moves its quarter's: every figure of that scope is
then recomputed by the next reader. At province size (docs/performance.md)
that reader waits three times longer than with the figures cached: the
dashboard aggregates four quarters over a thousand units, a drill-down its
subtree, an entry form every peer school's figure for its outlier warnings.
So the worker recomputes them right after such a change, before a delegation
opens the page, and the beat job repeats the light part every 4 minutes (the
peers' statistics expire after quality.PEER_SECONDS; without a change the
job only reads cached entries).

What is refilled is what the pages compute, by the same selectors, under the
same keys:
- always: for every active resolution, the province-wide overview (rollups
  per unit kind with the trend, the latest period, the task summary) and
  completeness, which the dashboard and `/api/v1/progress/` show a province
  supervisor or an admin; for that period, the peers' statistics of each unit
  kind's entry form;
- after a global change: also the drill-down of every unit with units below
  it, for each resolution applying to it (after a submission a drill-down
  recomputes one quarter, within its budget).
Pages of a scope of one's own (a district's supervisor) are a few hundred
values and recompute within budget.

Only with a real worker (setting FIGURE_WARM_UP, on when REDIS_URL is set):
in the embedded mode (Celery eager, one process) the refill would run inside
the request that made the change, so there the first reader pays, as before.
"""

import logging

from django.conf import settings
from django.core.cache import cache

from indicators import figure_cache, quality
from indicators.entry import applicable_indicators
from indicators.figures import completeness
from reports import queue
from resolutions.models import Resolution
from resolutions.scope import reach_holders
from units.models import ReportingUnit

from . import selectors

log = logging.getLogger(__name__)

PENDING_KEY = "figures:warm-pending:{}"  # "full" (with the drill-downs) or "light"
DELAY_SECONDS = 5  # a bulk import or a burst of approvals moves generations many times: refill once after


def warm_figures(drill_downs=False):
    """Recompute the province-wide figures, the entry forms' peer statistics and (drill_downs) the
    drill-down pages of every unit with units below it, into the cache.

    Returns counts of what was computed; does nothing when the figure cache is off.
    """
    cache.delete(PENDING_KEY.format("full" if drill_downs else "light"))  # from now on a change queues another
    done = {"resolutions": 0, "peer_sets": 0, "drill_downs": 0}
    if not figure_cache.enabled():
        return done
    peer_sets = set()
    for resolution in Resolution.objects.filter(is_active=True).select_related("owner_unit"):
        # The roots a province-wide viewer gets (selectors.resolution_scope): the owner and its successors,
        # or everything.
        roots = reach_holders(resolution) or None
        overview = selectors.resolution_overview(resolution, None, roots=roots)
        done["resolutions"] += 1
        if overview.period is None:
            continue
        completeness(overview.period, roots, resolution)
        for kind in {k for ind, _ in overview.indicators for k in ind.applies_to}:
            peer_sets.add((overview.period, kind, roots[0] if roots else None))
    for period, kind, province in peer_sets:
        # The indicators of the entry form of a unit of that kind (the same set, hence the same key).
        units = ReportingUnit.objects.filter(kind=kind, valid_to__isnull=True)
        if province is not None:
            units = units.filter(path__startswith=province.path)
        unit = units.order_by("path").first()
        indicators = applicable_indicators(unit, period) if unit else []
        if indicators:
            quality.peer_statistics(indicators, period, kind)
            done["peer_sets"] += 1
    if drill_downs:
        done["drill_downs"] = warm_drill_downs()
    return done


def warm_drill_downs():
    """The drill-down page (latest period) of every current unit with units below it, for each
    resolution applying to it: what selectors.unit_detail computes, under the same keys."""
    resolutions = {r.pk: r for r in Resolution.objects.filter(is_active=True)}
    inner = (ReportingUnit.objects.filter(valid_to__isnull=True, children__isnull=False).distinct()
             .order_by("path"))
    n = 0
    for unit in inner:
        for res_id in sorted(selectors.resolutions_applying(unit)):
            if res_id in resolutions:
                selectors.fill_unit_detail(selectors.UnitDetail(
                    unit=unit, ancestors=[], resolution=resolutions[res_id], resolutions=[], period=None,
                    approved_only=False))
                n += 1
    return n


def schedule_warm_up(period_id=None, indicator_ids=None):
    """After a commit that moved generations (the change hook's arguments: what changed), queue one
    refill (debounced), when a worker will run it.

    Values alone (one indicator of one quarter) are not worth it: the next
    reader recomputes that indicator only. Units, targets, periods (global:
    everything, drill-downs included) and submissions (a whole quarter: the
    province-wide figures; a drill-down recomputes that quarter within budget)
    are.
    """
    if not settings.FIGURE_WARM_UP or not figure_cache.enabled():
        return
    if indicator_ids is not None:
        return  # values
    full = period_id is None  # units, indicators, targets, periods; else a submission of that period
    pending = PENDING_KEY.format("full" if full else "light")
    if not cache.add(pending, 1, timeout=DELAY_SECONDS * 12):
        return  # one is already queued
    try:
        queue.task(queue.WARM_FIGURE_CACHE).apply_async(kwargs={"drill_downs": full}, countdown=DELAY_SECONDS)
    except Exception:  # the broker is down: the pages recompute on their own, nothing is lost
        cache.delete(pending)
        log.warning("Không xếp hàng được việc tính sẵn số liệu (broker không phản hồi).", exc_info=True)
