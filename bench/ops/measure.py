"""How an operation is measured: a GET in four states of the figure cache, or a run in a fresh process."""

import json
import os
import subprocess
import time

from ..common import PY, ROOT, QueryCounter, summary, timed, traced_peak_mb

VARIANTS = ("after_submit", "after_write", "cached")  # the states measured after the cold one (measure_get)


def measure_get(client, url, runs, warmups, check=None, period=None, indicator=None):
    """Timings of GET url in four states of the figure cache (indicators.figure_cache):
    - cold: Django's cache cleared before each run, no cached figure (after a change of units,
      indicators, targets or periods, until the worker's refill has run: op_refill);
    - after a submission: before each run, the cache invalidated as sending, approving or
      returning one report of `period` does (every figure of that quarter recomputes);
    - after a write: before each run, invalidated as saving one value of `indicator` in `period`
      does (that indicator's figures of that quarter recompute);
    - cached: repeated as is;
    plus one cold run under tracemalloc (peak MB) and query counts, cold and cached."""
    from django.core.cache import cache
    from django.db import connection

    from indicators.changes import figures_changed

    def once():
        r = client.get(url)
        if r.status_code != 200:
            raise RuntimeError(f"GET {url} → {r.status_code}: {r.content[:300]!r}")
        return r

    def after(invalidate):
        once()
        samples = []
        for _ in range(runs):
            invalidate()
            t0 = time.perf_counter()
            once()
            samples.append(time.perf_counter() - t0)
        return summary(samples)

    first = once()
    if check:
        check(first)
    for _ in range(warmups):
        once()
    cold = []
    for _ in range(runs):
        cache.clear()  # the worker's own local-memory cache (REDIS_URL is unset here)
        t0 = time.perf_counter()
        once()
        cold.append(time.perf_counter() - t0)
    cached = timed(once, runs, warmups=1)
    states = {}
    if period is not None:
        # What the signals of Submission and DataValue do on a save.
        states["after_submit"] = after(lambda: figures_changed(period_id=period.pk))
        states["after_write"] = after(
            lambda: figures_changed(period_id=period.pk, indicator_ids=[indicator.pk] if indicator else None)
        )
    cache.clear()
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        once()
    counter_cached = QueryCounter()
    with connection.execute_wrapper(counter_cached):
        once()
    cache.clear()
    peak = traced_peak_mb(once)
    return {
        **summary(cold),
        "peak_mb": peak,
        "queries": counter.n,
        "url": url,
        "cached": {**summary(cached), "queries": counter_cached.n},
        **states,
    }


def heavy(args, env=None):
    """Run `python -m bench.heavy …` in a fresh process; its JSON result."""
    done = subprocess.run(
        [PY, "-m", "bench.heavy", *map(str, args)],
        cwd=ROOT,
        env=env or os.environ,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise RuntimeError(f"bench.heavy {args[0]} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])
