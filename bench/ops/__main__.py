"""The operations of one size, in one process: `python -m bench.ops SIZE OUT.json`."""

import sys
import time
import warnings

import django

from config.server import settle_heap

from ..common import env_int, selected_ops, write_json
from .context import Context
from .documents import op_narrative, op_pdf, op_report
from .measure import VARIANTS
from .pages import op_api, op_dashboard, op_drilldown, op_entry, op_ranking, op_refill
from .reorg import op_reorg
from .writes import op_bulk, op_template_and_import

IN_PROCESS = (
    "dashboard",
    "api",
    "drilldown",
    "entry",
    "ranking",
    "refill",
    "report",
    "narrative",
    "pdf",
    "template",
    "import",
    "bulk",
    "reorg",
)
# The rows' names of the states after the cold one: dashboard_submit …
SUFFIX = {"after_submit": "submit", "after_write": "write", "cached": "cached"}


def main():
    """Measure the selected in-process operations on one size's database; write the rows to OUT.json as they come."""
    size, out_path = sys.argv[1], sys.argv[2]
    warnings.filterwarnings("ignore", message="No directory at")  # whitenoise: no collectstatic here
    django.setup()
    ops = [op for op in selected_ops() if op in IN_PROCESS]
    runs, warmups, heavy_runs = (
        env_int("BENCH_RUNS", 20),
        env_int("BENCH_WARMUPS", 2),
        env_int("BENCH_HEAVY_RUNS", 3),
    )
    ctx = Context(size)
    settle_heap()  # as config/wsgi.py does once the application is loaded: measure what gunicorn runs
    results = {"size": size, "units": ctx.n_units, "period": ctx.period.code, "rows": {}}
    pages = {
        "dashboard": op_dashboard,
        "api": op_api,
        "drilldown": op_drilldown,
        "entry": op_entry,
        "ranking": op_ranking,
        "refill": op_refill,
    }

    def record(name, fn):
        print(f"  [{size}] {name} …", flush=True)
        t0 = time.perf_counter()
        try:
            got = fn()
        except Exception as exc:  # noqa: BLE001 - a failing operation is reported in the table, not fatal
            got = {"error": f"{type(exc).__name__}: {exc}"[:500]}
        if isinstance(got, dict) and all(isinstance(v, dict) for v in got.values()) and got:
            results["rows"].update(got)
        else:
            states = {variant: got.pop(variant, None) for variant in VARIANTS}
            results["rows"][name] = got
            for variant, row in states.items():
                if row is not None:
                    results["rows"][f"{name}_{SUFFIX[variant]}"] = row
        print(f"  [{size}] {name} done in {time.perf_counter() - t0:.1f} s", flush=True)
        write_json(out_path, results)

    for name in ops:
        if name in pages:
            record(name, lambda fn=pages[name]: fn(ctx, runs, warmups))
        elif name == "report":
            record(name, lambda: op_report(ctx, heavy_runs))
        elif name == "narrative":
            record(name, lambda: op_narrative(ctx, heavy_runs))
        elif name == "pdf":
            record(name, lambda: op_pdf(ctx, heavy_runs))
        elif name == "bulk":
            record(name, lambda: op_bulk(ctx, heavy_runs))
        elif name == "reorg":
            record(name, lambda: op_reorg(ctx, runs, warmups, heavy_runs))
    if "template" in ops or "import" in ops:
        record(
            "import" if "import" in ops else "template",
            lambda: op_template_and_import(ctx, heavy_runs, "template" in ops, "import" in ops),
        )
    write_json(out_path, results)


if __name__ == "__main__":
    main()
