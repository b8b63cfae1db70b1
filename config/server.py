"""What a web process does once the application is loaded: config/wsgi.py and config/asgi.py call it, and
the benchmark does the same before it measures (bench/ops/__main__.py), so it measures what gunicorn runs."""

import gc


def settle_heap():
    """Move everything loaded so far out of the garbage collector's reach (gc.freeze).

    A full (generation 2) collection scans every object the process tracks. With Django, the apps, their
    registries, templates and a province's tree loaded, one took 80–120 ms and landed inside about one
    request in twelve: the drill-down after a report is sent, p50 ~95 ms, had a p95 of ~190 ms from that
    alone (docs/performance.md, 2026-12-06). What is loaded at start-up lives as long as the process and
    is never garbage; frozen, it is no longer scanned, and a full collection costs what requests made
    (a few ms). Objects created later are collected as usual.
    """
    gc.collect()
    gc.freeze()
