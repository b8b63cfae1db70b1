"""Shared pieces of the benchmark: sizes, budgets, knobs, statistics, the tables."""

import json
import math
import os
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable

SIZES = {  # name -> bench.synthetic parameters (and the scale of the import workload)
    "full": {"units": 1100, "indicators": 60, "quarters": 20, "seed": 42},
    "tenth": {"units": 110, "indicators": 60, "quarters": 20, "seed": 42},
}
IMPORT_VALUES = {"full": 60_000, "tenth": 6_000}
BULK_VALUES = 5_000
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/cds_kpi_bench"

OPS = ["dashboard", "api", "drilldown", "entry", "ranking", "refill", "report", "narrative", "pdf", "template", "import",
       "bulk", "reorg", "load"]
PAGES = ("dashboard", "api", "drilldown", "entry", "ranking")  # measured cold, after a submission, a write, cached

# DESIGN.md §8. ms for pages, s for heavy operations, MB for memory; ratio = ours / floor.
BUDGETS = {
    "dashboard": {"p95_ms": 150, "ratio": 3},
    "api": {"p95_ms": 150},
    "drilldown": {"p95_ms": 100},
    "entry": {"p95_ms": 100},
    "report": {"p95_s": 10, "peak_mb": 300, "ratio": 3},
    "narrative": {"p95_s": 10, "peak_mb": 300},
    "import": {"p95_s": 20},
    "load": {"errors": 0, "lost": 0},
    # A whole-province reorganisation; the pages of a period after its date and before it, after a write.
    "reorg_preview": {"p95_s": 10},
    "reorg_apply": {"p95_s": 30},
    "reorg_dashboard_after": {"p95_ms": 150},
    "reorg_dashboard_before": {"p95_ms": 150},
    "reorg_drilldown_after": {"p95_ms": 100},
    "reorg_entry_after": {"p95_ms": 100},
}
LABELS = {
    "dashboard": "resolution dashboard page",
    "api": "progress API",
    "drilldown": "unit drill-down page",
    "entry": "entry form (school)",
    "ranking": "ranking API (all units)",
    "dashboard_submit": "  same, after a report is sent",
    "api_submit": "  same, after a report is sent",
    "drilldown_submit": "  same, after a report is sent",
    "entry_submit": "  same, after a report is sent",
    "ranking_submit": "  same, after a report is sent",
    "dashboard_write": "  same, after a write",
    "api_write": "  same, after a write",
    "drilldown_write": "  same, after a write",
    "entry_write": "  same, after a write",
    "ranking_write": "  same, after a write",
    "dashboard_cached": "  same, figures cached",
    "api_cached": "  same, figures cached",
    "drilldown_cached": "  same, figures cached",
    "entry_cached": "  same, figures cached",
    "ranking_cached": "  same, figures cached",
    "refill": "figure refill (worker)",
    "report": "province Excel report",
    "narrative": "province narrative Word report",
    "pdf": "  its PDF (LibreOffice)",
    "template": "Excel template build",
    "import": "Excel import",
    "bulk": "bulk API upsert 5.000",
    "load": "load: 50 users saving",
    "reorg": "reorganisation",
    "reorg_preview": "reorganisation preview (600 moves, 60 merges)",
    "reorg_apply": "reorganisation apply (600 moves, 60 merges)",
    "reorg_dashboard_after": "  dashboard, quarter after its date",
    "reorg_dashboard_before": "  dashboard, quarter before its date",
    "reorg_drilldown_after": "  drill-down, quarter after its date",
    "reorg_entry_after": "  entry form, quarter after its date",
}


def env_int(name, default):
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw else default


def selected_ops():
    raw = os.environ.get("BENCH_ONLY", "").strip()
    if not raw:
        return list(OPS)
    chosen = [x.strip() for x in raw.split(",") if x.strip()]
    unknown = [x for x in chosen if x not in OPS]
    if unknown:
        raise SystemExit(f"BENCH_ONLY: unknown operation(s) {', '.join(unknown)}; choose among {', '.join(OPS)}.")
    return chosen


def selected_sizes(var="BENCH_SIZES", default="full,tenth"):
    chosen = [x.strip() for x in os.environ.get(var, default).split(",") if x.strip()]
    unknown = [x for x in chosen if x not in SIZES]
    if unknown:
        raise SystemExit(f"{var}: unknown size(s) {', '.join(unknown)}; choose among {', '.join(SIZES)}.")
    return chosen


# --- statistics -------------------------------------------------------------------

def percentile(samples, p):
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    ordered = sorted(samples)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def timed(fn, runs, warmups=0):
    """[seconds] of `runs` calls of fn() after `warmups` untimed ones."""
    for _ in range(warmups):
        fn()
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def summary(samples):
    return {"runs": len(samples), "p50": percentile(samples, 50), "p95": percentile(samples, 95),
            "min": min(samples), "max": max(samples)}


def traced_peak_mb(fn):
    """The Python heap's peak (MB, tracemalloc) while `fn()` runs once: the "peak MB" of a page or a call."""
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / (1024 * 1024)
    finally:
        tracemalloc.stop()


def rss_mb():
    """Peak resident set size of this process so far (MB)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def current_rss_mb():
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)
    except OSError:
        return None


class QueryCounter:
    """A connection.execute_wrapper that only counts queries (no SQL formatting: timings stay clean).

    (CaptureQueriesContext cannot be used around the test Client: request_started resets the log.)
    """

    def __init__(self):
        self.n = 0

    def __call__(self, execute, sql, params, many, context):
        self.n += 1
        return execute(sql, params, many, context)


def vn(n):
    """1234567 -> "1.234.567" (Vietnamese grouping)."""
    return f"{n:,}".replace(",", ".")


def write_json(path, data):
    Path(path).write_text(json.dumps(data, indent=1, default=str))


# --- the tables -------------------------------------------------------------------

def fmt_time(seconds):
    if seconds is None:
        return "—"
    if seconds < 1:
        return f"{seconds * 1000:.1f} ms" if seconds < 0.1 else f"{seconds * 1000:.0f} ms"
    return f"{seconds:.2f} s"


def fmt_num(x, digits=1):
    return "—" if x is None else f"{x:.{digits}f}"


def budget_of(op):
    """The budget an operation's row is judged by. A page's cold row is not judged: it is the state
    between a change that empties the cache and the worker's refill (the "figure refill" row), not
    one a reader waits in; it is printed, with its ratio to the floor, for what it says."""
    if op in PAGES:
        return None
    return BUDGETS.get(op.removesuffix("_cached").removesuffix("_write").removesuffix("_submit"))


def budget_text(op, size="full"):
    b = budget_of(op)
    if not b:
        return "(cold: see refill)" if op in PAGES and op in BUDGETS else "—"
    parts = []
    if "p95_ms" in b:
        parts.append(f"p95<{b['p95_ms']}ms")
    if "p95_s" in b:
        parts.append(f"<{b['p95_s']}s")
    if "peak_mb" in b:
        parts.append(f"<{b['peak_mb']}MB")
    if "ratio" in b and (size == "full" or op == "report"):
        parts.append(f"ratio<{b['ratio']}")
    if "errors" in b:
        parts.append("0 errors, 0 lost")
    return ", ".join(parts)


def judge(op, row, size="full"):
    """True/False against the op's budget; None when it has none or nothing was measured.

    The ratio to the floor is judged at full size only, the province DESIGN.md §8 sets the budgets
    for: at a tenth the floor falls to a few milliseconds while the page's fixed cost (session,
    template, the cached lookups) stays, so the ratio there measures that fixed cost, not scaling.
    """
    b = budget_of(op)
    if not b or row.get("error"):
        return None if not b else False
    checks = []
    if "p95_ms" in b:
        checks.append(row["p95"] * 1000 < b["p95_ms"])
    if "p95_s" in b:
        checks.append(row["p95"] < b["p95_s"])
    if "peak_mb" in b and row.get("peak_mb") is not None:
        checks.append(row["peak_mb"] < b["peak_mb"])
    if "ratio" in b and row.get("ratio") is not None and (size == "full" or op == "report"):
        checks.append(row["ratio"] < b["ratio"])
    if "errors" in b:
        checks.append(row.get("errors", 1) == 0 and row.get("lost", 1) == 0)
    return all(checks) if checks else None


def render(rows, header):
    """Plain aligned text: numbers right, words left."""
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    right = {i for i, h in enumerate(header) if h in ("p50", "p95", "peak MB", "floor p50", "ratio", "full p50",
                                                       "tenth p50", "full/tenth")}

    def line(r):
        return "  ".join(str(c).rjust(w) if i in right else str(c).ljust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True))).rstrip()

    sep = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), sep, *[line(r) for r in rows]])
