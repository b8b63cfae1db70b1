"""Cached figures that are never stale: every cache key carries the data generation.

The expensive part of a dashboard is a handful of aggregate queries over the
values (indicators.progress). Their results are cached (Redis when
REDIS_URL is set, else the process's memory) under keys that include a
*generation* number. Every write that can change a figure — values,
submissions, targets, indicators, periods, units, successions — bumps the
generation, so entries computed before it are never read again (they expire
after FIGURE_CACHE_SECONDS).

When the generation moves:
- right away, inside the writer's transaction, so the writer's own next read
  is fresh (and tests that never commit see their writes);
- again once the transaction commits, so an entry computed by a reader while
  the write was uncommitted (without it) is orphaned as well.
After a write returns to its user, no reader can get a figure that predates it.

Only plain data is cached (numbers, ids), never model instances, so a
renamed unit or indicator shows at once without any invalidation.
Bulk writers (indicators.bulk, the demo and synthetic loaders) call `bump()`
themselves; everything else goes through model signals (indicators.signals).
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

GENERATION_KEY = "kpi:figures:generation"
_MISS = object()


def enabled():
    return getattr(settings, "FIGURE_CACHE_SECONDS", 0) > 0


def generation():
    """The current data generation (starts from the clock, so a lost key never reuses an old number)."""
    gen = cache.get(GENERATION_KEY)
    if gen is None:
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        gen = cache.get(GENERATION_KEY)
    return gen


def _incr():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # missing (first write, eviction): restart from the clock, above any earlier number
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)


def bump():
    """Invalidate every cached figure now and again when the current transaction commits."""
    _incr()
    transaction.on_commit(_incr)


def key_for(namespace, *parts):
    """A cache key for `parts` (ids, codes, flags) under the current generation."""
    raw = repr((namespace, parts)).encode()
    return f"kpi:figures:{namespace}:{generation()}:{hashlib.blake2b(raw, digest_size=16).hexdigest()}"


def cached(namespace, parts, compute):
    """`compute()` once per generation for these `parts`; plain data only."""
    if not enabled():
        return compute()
    key = key_for(namespace, *parts)
    hit = cache.get(key, _MISS)
    if hit is not _MISS:
        return hit
    value = compute()
    cache.set(key, value, settings.FIGURE_CACHE_SECONDS)
    return value


def roots_key(roots):
    """Hashable form of a scope: None (everything) or the sorted root ids."""
    if roots is None:
        return None
    if hasattr(roots, "pk"):
        return (roots.pk,)
    return tuple(sorted(r.pk for r in roots))
