"""Cached figures that are never stale: every cache key carries the data generation.

The expensive part of a dashboard is a handful of aggregate queries over the
values (indicators.figures). Their results are cached (Redis when
REDIS_URL is set, else the process's memory) under keys that include a
*generation* number. Every write that can change a figure — values,
submissions, targets, indicators, periods, units, successions — moves the
generation, so entries computed before it are never read again (they expire
after FIGURE_CACHE_SECONDS).

Generations are per period and indicator for values (a school saving one Q3
figure leaves every other indicator's and every other quarter's cached
figures valid), per period for submissions, and global for everything else
(units, periods, indicators, targets).

When a generation moves:
- right away, inside the writer's transaction, so the writer's own next read
  is fresh (and tests that never commit see their writes);
- again once the transaction commits, so an entry computed by a reader while
  the write was uncommitted (without it) is orphaned as well.
After a write returns to its user, no reader can get a figure that predates it.

Only plain data is cached (numbers, ids), never model instances, so a
renamed unit or indicator shows at once without any invalidation.

Redis down: the cache answers "miss" (config.cache), so every figure is
computed; nothing fails. A write whose generation could not be moved while
Redis was unreachable is remembered by its process, which moves the global
generation as soon as Redis answers again (`_repair`), so figures cached
before the outage are not served after it; other processes' entries expire
within FIGURE_CACHE_SECONDS at worst.

Who moves generations: `invalidate()` has one caller, the change hook
`indicators.changes.figures_changed`, which every write path reaches (model
signals, the unit tree's signal, the bulk writers).

Code version: every key also carries `code_version()`, so a deploy whose
figure code differs never reads what the previous code cached (generations
say when the *data* changed; the code version says when the *formula* did).
It is the setting FIGURE_CODE_VERSION when set (an operator pinning or
forcing a version), else a hash of the source of every Python module of the
apps whose code decides a cached value (CODE_PACKAGES: formulas, status
rules, periods, outlier statistics, the unit tree, resolution scopes, the
selectors that cache), computed once per process. Why the whole apps rather
than a list of "formula" modules: a figure depends on code spread over
them (who is expected, which tree, which quarter), and a module forgotten in
such a list would serve old figures silently after a deploy, the very error
this removes; the price is that a deploy touching any of these apps starts
from an empty figure cache, which the worker refills (reports.dashboards.warmup).
Generation keys carry no code version: invalidation reaches the entries of
every version, so during a rolling deploy old and new processes each keep
their own entries and both see every write.
"""

import functools
import hashlib
import importlib.util
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.dispatch import Signal

from config import request_memo

GENERATION_PREFIX = "kpi:figures:gen:"
GLOBAL = "global"  # units, periods, indicators, targets: everything may change
VALUES = "values"  # moved by every write of a value or a submission, whatever its period
_MISS = object()
# The apps whose source makes the code version (see the module docstring).
CODE_PACKAGES = ("indicators", "units", "resolutions", "reports")
# Generations read during the current web request (config.request_memo): one snapshot per request
# instead of a cache round trip per figure; outside a request they are always read.
MEMO = "figure-generations"
# Sent once a write that moved generations has committed, with invalidate()'s `period_id` and
# `indicator_ids` (what changed): reports.dashboards.warmup refills the province-wide figures after the big ones.
generations_moved = Signal()


@functools.cache
def _source_hash():
    digest = hashlib.blake2b(digest_size=8)
    for package in CODE_PACKAGES:
        root = Path(importlib.util.find_spec(package).origin).parent
        for path in sorted(root.rglob("*.py")):
            digest.update(f"{package}/{path.relative_to(root).as_posix()}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def code_version():
    """Part of every key: settings.FIGURE_CODE_VERSION, else the hash of CODE_PACKAGES' source (once per process)."""
    return getattr(settings, "FIGURE_CODE_VERSION", "") or _source_hash()


def enabled():
    return getattr(settings, "FIGURE_CACHE_SECONDS", 0) > 0


def _key(scope):
    return f"{GENERATION_PREFIX}{scope}"


_missed_bump = False  # a write could not move its generation (Redis down): move the global one when back


def _cache_available():
    available = getattr(cache, "available", None)
    return True if available is None else available()


def _repair():
    """After an outage in which this process could not invalidate: invalidate everything once Redis answers."""
    global _missed_bump
    if _missed_bump and _cache_available():
        _missed_bump = False
        _incr([GLOBAL])


def generations(scopes):
    """{scope: generation}; a missing one starts from the clock, so a lost key never reuses an old number."""
    _repair()
    memo = request_memo.memo(MEMO)
    wanted = [s for s in scopes if memo is None or s not in memo]
    keys = [_key(s) for s in wanted]
    found = cache.get_many(keys) if keys else {}
    out = {s: memo[s] for s in scopes if memo is not None and s in memo}
    for scope, key in zip(wanted, keys, strict=True):
        gen = found.get(key)
        if gen is None:
            cache.add(key, time.time_ns(), timeout=None)
            gen = cache.get(key)
        out[scope] = gen
        if memo is not None:
            memo[scope] = gen
    return out


def generation(scope=GLOBAL):
    return generations([scope])[scope]


def _incr(scopes):
    global _missed_bump
    for scope in scopes:
        try:
            moved = cache.incr(_key(scope)) is not None  # None: Redis did not answer (config.cache)
        except ValueError:  # missing (first write, eviction): restart from the clock, above any earlier number
            moved = cache.add(_key(scope), time.time_ns(), timeout=None) or _cache_available()
        if not moved:
            _missed_bump = True


def invalidate(period_id=None, indicator_ids=None):
    """Invalidate cached figures now and again when the current transaction commits.

    Called by indicators.changes.figures_changed only (the one change hook).

    - no argument (units, periods, indicators, targets changed): every cached figure;
    - `period_id` (a submission changed): figures reading that period;
    - `period_id` and `indicator_ids` (values changed): figures reading those
      indicators in that period, and figures reading values of any period.
    """
    if period_id is None:
        scopes = [GLOBAL]
    elif indicator_ids is None:
        scopes = [f"p{period_id}", VALUES]
    else:
        scopes = [f"p{period_id}:i{pk}" for pk in sorted(set(indicator_ids))] + [VALUES]
    _incr(scopes)
    memo = request_memo.memo(MEMO)
    if memo is not None:
        for scope in scopes:
            memo.pop(scope, None)  # this request's own later reads see its write
    transaction.on_commit(lambda: _after_commit(scopes, period_id, indicator_ids))


def _after_commit(scopes, period_id, indicator_ids):
    _incr(scopes)
    generations_moved.send(sender=None, period_id=period_id, indicator_ids=indicator_ids)


def _scopes(periods, indicators):
    if periods is None:
        return [GLOBAL, VALUES]
    periods = sorted(set(periods))
    return ([GLOBAL] + [f"p{pk}" for pk in periods]
            + [f"p{pk}:i{ind}" for pk in periods for ind in sorted(set(indicators))])


def key_for(namespace, parts, periods=None, indicators=()):
    """A cache key for `parts` under the current generations.

    `periods`: the ids of the periods the figure reads (submissions, and the
    values of `indicators`); None when it reads values of any period.
    """
    scopes = _scopes(periods, indicators)
    gens = generations(scopes)
    raw = repr((code_version(), namespace, parts, [gens[s] for s in scopes])).encode()
    return f"kpi:figures:{namespace}:{hashlib.blake2b(raw, digest_size=16).hexdigest()}"


def cached(namespace, parts, compute, periods=None, indicators=()):
    """`compute()` once per generation for these `parts`; plain data only."""
    if not enabled():
        return compute()
    key = key_for(namespace, parts, periods, indicators)
    hit = cache.get(key, _MISS)
    if hit is not _MISS:
        return hit
    value = compute()
    cache.set(key, value, settings.FIGURE_CACHE_SECONDS)
    return value


def per_indicator_keys(namespace, parts, indicator_ids, periods):
    """{indicator id: cache key} of the entries `cached_per_indicator` reads and writes."""
    return {pk: key_for(namespace, parts + (pk,), periods, [pk]) for pk in indicator_ids}


def missing_keys(keys):
    """The keys among `keys` that have no entry."""
    found = cache.get_many(list(keys))
    return [k for k in keys if k not in found]


def store(entries):
    """Write {key: plain data} (computed together by a caller that filled several entries at once)."""
    cache.set_many(entries, settings.FIGURE_CACHE_SECONDS)


def cached_per_indicator(namespace, parts, indicator_ids, compute, periods):
    """{indicator id: value}, each cached on its own; `compute(missing ids)` fills the misses in one go.

    After a school saves one figure only that indicator's entry is recomputed,
    not the whole resolution's.
    """
    if not enabled():
        return compute(list(indicator_ids))
    keys = per_indicator_keys(namespace, parts, indicator_ids, periods)
    found = cache.get_many(list(keys.values()))
    out = {pk: found[key] for pk, key in keys.items() if key in found}
    missing = [pk for pk in indicator_ids if pk not in out]
    if missing:
        fresh = compute(missing)
        store({keys[pk]: fresh.get(pk) for pk in missing})
        out.update({pk: fresh.get(pk) for pk in missing})
    return out


def roots_key(roots):
    """Hashable form of a scope: None (everything) or the sorted root ids."""
    if roots is None:
        return None
    if hasattr(roots, "pk"):
        return (roots.pk,)
    return tuple(sorted(r.pk for r in roots))
