"""`python -m bench` (`make bench`): databases, data, one worker process per size, the load test, the tables.

See the package docstring (bench/__init__.py) for what is measured and the knobs.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import data
from .common import (
    IMPORT_VALUES,
    LABELS,
    OPS,
    PAGES,
    PY,
    ROOT,
    budget_text,
    fmt_num,
    fmt_time,
    judge,
    render,
    selected_ops,
    selected_sizes,
    vn,
)

HEADER = ["operation", "size", "p50", "p95", "peak MB", "floor p50", "ratio", "budget", "OK?"]


def run_worker(module, size, url, out):
    """Run `python -m bench.<module> …` against a size's database; its JSON result (or an error)."""
    args = [PY, "-m", f"bench.{module}"] + ([size] if module == "ops" else []) + [out]
    done = subprocess.run(args, cwd=ROOT, env=data.django_env(url))
    if done.returncode != 0 and not Path(out).exists():
        return {"error": f"bench.{module} exited with {done.returncode}"}
    result = json.loads(Path(out).read_text()) if Path(out).exists() else {}
    if done.returncode != 0:
        result["error"] = f"bench.{module} exited with {done.returncode}"
    return result


def expand(ops):
    """Each page operation (cold) is followed by its after-a-submission, after-a-write and cached variants."""
    out = []
    for op in ops:
        out.append(op)
        if op in PAGES:
            out.extend([f"{op}_submit", f"{op}_write", f"{op}_cached"])
        if op == "reorg":
            out.extend(["reorg_preview", "reorg_apply", "reorg_dashboard_before", "reorg_dashboard_after",
                        "reorg_drilldown_after", "reorg_entry_after"])
    return out


def table_rows(results, sizes, ops):
    rows, verdicts = [], []
    for op in expand(ops):
        for size in sizes:
            r = results.get(size, {}).get("rows", {}).get(op)
            if r is None:
                continue
            label = LABELS[op]
            if op == "import":
                label = f"Excel import {vn(IMPORT_VALUES[size])}"
            if op == "load":
                label = f"load: {r.get('threads', '?')} users × {r.get('seconds', '?')} s"
            if r.get("error"):
                rows.append([label, size, "ERROR", "", "", "", "", budget_text(op), "NO" if budget_text(op) != "—" else "—"])
                verdicts.append((op, size, False))
                continue
            ok = judge(op, r, size)
            verdicts.append((op, size, ok))
            rows.append([
                label, size, fmt_time(r.get("p50")), fmt_time(r.get("p95")), fmt_num(r.get("peak_mb"), 0),
                fmt_time(r.get("floor_p50")), fmt_num(r.get("ratio"), 2), budget_text(op, size),
                "—" if ok is None else ("yes" if ok else "NO"),
            ])
    return rows, verdicts


def growth_rows(results, ops):
    rows = []
    for op in expand(ops):
        full = results.get("full", {}).get("rows", {}).get(op)
        tenth = results.get("tenth", {}).get("rows", {}).get(op)
        if not full or not tenth or full.get("error") or tenth.get("error") or not tenth.get("p50"):
            continue
        rows.append([LABELS[op] if op != "import" else "Excel import (60.000 vs 6.000)", fmt_time(full["p50"]),
                     fmt_time(tenth["p50"]), f"{full['p50'] / tenth['p50']:.1f}×"])
    return rows


def notes(results, sizes, generation):
    out = []
    for size in sizes:
        res = results.get(size, {})
        g = generation.get(size, {})
        gen = (f"generated now in {g['seconds']:.1f} s" if g.get("generated")
               else f"reused (generated earlier in {g.get('seconds') or 0:.1f} s)")
        out.append(f"{size}: {res.get('units', '?')} units, {vn(g.get('n_values', 0))} values, "
                   f"period {res.get('period', '?')}; data {gen}.")
        for op, r in res.get("rows", {}).items():
            if r.get("error"):
                out.append(f"  {op}: ERROR {r['error']}")
                continue
            bits = []
            if "queries" in r:
                bits.append(f"{r['queries']} queries")
            if r.get("floor_quarter_p50"):
                bits.append(f"floor = the same sums over the 4 quarters the page shows; over the quarter alone "
                            f"{fmt_time(r['floor_quarter_p50'])} (ratio {r['p50'] / r['floor_quarter_p50']:.2f} cold, "
                            f"{res['rows'].get(op + '_cached', {}).get('p50', 0) / r['floor_quarter_p50']:.2f} cached)")
            if op == "refill":
                bits.append(f"after a change of units, indicators or targets, from an empty cache: "
                            f"{r['done']['resolutions']} resolutions' province-wide figures, "
                            f"{r['done']['peer_sets']} sets of peer statistics, {vn(r['done']['drill_downs'])} "
                            f"drill-down pages (unit × resolution)")
            if op == "api" and r.get("floor_mismatches") is not None:
                bits.append("floor sums = API sums" if not r["floor_mismatches"]
                            else f"{r['floor_mismatches']} per-kind rows differ from the floor")
            if op == "report":
                bits.append(f"{vn(r['cells'])} cells in {vn(r['rows'])} rows, {vn(r['file_kb'])} KB; RSS before run "
                            f"{r['base_rss_mb']:.0f} MB; floor peak {r['floor_peak_mb']:.0f} MB")
            if op == "narrative":
                bits.append(f"{vn(r['paragraphs'])} paragraphs, {vn(r['table_rows'])} table rows, "
                            f"{vn(r['file_kb'])} KB; RSS before run {r['base_rss_mb']:.0f} MB")
            if op == "pdf":
                bits.append(f"the narrative report's .docx ({vn(r['source_kb'])} KB) to {r['pages']} PDF pages "
                            f"({vn(r['pdf_kb'])} KB), conversion only")
            if op == "import":
                bits.append(f"{vn(r['values'])} values of a {vn(r['rows_in_template'])}-row template, created "
                            f"{vn(r['created'])}; rolled back (left {r['left_after_rollback']})")
            if op == "template":
                bits.append(f"one run, {vn(r['kb'])} KB")
            if op == "bulk":
                bits.append(f"{vn(r['values'])} values, rolled back (left {r['left_after_rollback']})")
            if op == "load":
                bits.append(
                    f"{vn(r['ok'])} writes OK ({r['writes_per_s']}/s), {vn(r['reads'])} reads, {vn(r['conflicts'])} "
                    f"conflicts (409, re-read and retried), {r['errors']} errors, {r['other_4xx']} other 4xx, "
                    f"{r['lost']} lost updates; {r['pairs']} users × 2 threads on {r['values']} values; "
                    f"sign-in {r['token_seconds']} s; server: {r['server']}")
                if r.get("unexpected"):
                    bits.append(f"unexpected: {r['unexpected']}")
                if r.get("lost_detail"):
                    bits.append(f"lost: {r['lost_detail']}")
                if r.get("server_errors_logged"):
                    bits.append(f"server log: {r['server_errors_logged']}")
            if op.endswith("_cached"):
                bits = [f"{r['queries']} queries when cached"]
            if "max" in r and op not in ("template",):
                bits.append(f"min {fmt_time(r['min'])}, max {fmt_time(r['max'])}, {r['runs']} runs"
                            if "runs" in r else f"max {fmt_time(r['max'])}")
            if bits:
                out.append(f"  {op}: " + "; ".join(bits))
    out.append("Pages and API, four states of the figure cache: cold (the whole cache emptied before each run, as "
               "a change of units, indicators, targets or periods does, until the worker's refill has run: the "
               "'figure refill' row is how long that lasts; not judged); after a report is sent (before each run, "
               "the cache invalidated as sending, approving or returning one report of the quarter does: every "
               "figure of that quarter recomputes); after a write (as saving one value does: that indicator's "
               "figures of that quarter recompute); figures cached (repeated as is).")
    out.append("peak MB: pages/API/bulk = tracemalloc peak of one request (Python heap); report/import = peak RSS "
               "of a fresh process (ru_maxrss, includes Python+Django). ratio = p50 / floor p50.")
    return out


def main():
    ops = selected_ops()
    sizes = selected_sizes()
    load_sizes = [s for s in selected_sizes("BENCH_LOAD_SIZES", "full") if s in sizes] if "load" in ops else []
    started = time.perf_counter()
    load_before = os.getloadavg()
    url = data.base_url()
    print(f"Benchmark (DESIGN.md §8) on {url} — operations: {', '.join(ops)}; sizes: {', '.join(sizes)}", flush=True)
    generation, results = {}, {}
    for size in sizes:
        generation[size] = data.ensure_data(size)
    tmp = Path(tempfile.mkdtemp(prefix="bench-"))
    for size in sizes:
        print(f"Measuring {size} …", flush=True)
        if any(op in ops for op in OPS if op != "load"):
            results[size] = run_worker("ops", size, generation[size]["url"], str(tmp / f"{size}.json"))
        else:
            results[size] = {"rows": {}}
        if size in load_sizes:
            print(f"  [{size}] load test ({os.environ.get('BENCH_LOAD_SECONDS', '60')} s) …", flush=True)
            load = run_worker("load", size, generation[size]["url"], str(tmp / f"{size}-load.json"))
            results[size].setdefault("rows", {})["load"] = load
    rows, verdicts = table_rows(results, sizes, ops)
    text = [render(rows, HEADER)]
    growth = growth_rows(results, ops) if {"full", "tenth"} <= set(sizes) else []
    if growth:
        text += ["", "Growth full / tenth (p50; 10× the units, same indicators and quarters):",
                 render(growth, ["operation", "full p50", "tenth p50", "full/tenth"])]
    text += ["", "Notes:", *notes(results, sizes, generation)]
    failed = [f"{op} ({size})" for op, size, ok in verdicts if ok is False]
    text += ["", f"Over budget: {', '.join(failed)}" if failed else "Every budgeted operation is within budget.",
             f"Total bench time {time.perf_counter() - started:.0f} s; load average before "
             f"{' '.join(f'{x:.1f}' for x in load_before)}, after {' '.join(f'{x:.1f}' for x in os.getloadavg())} "
             f"({os.cpu_count()} CPUs: other processes on the machine skew timings)."]
    output = "\n".join(text)
    print()
    print(output)
    if os.environ.get("BENCH_OUTPUT"):
        Path(os.environ["BENCH_OUTPUT"]).write_text(output + "\n", encoding="utf-8")
    return 1 if any(r.get("error") for res in results.values() for r in res.get("rows", {}).values()) else 0


if __name__ == "__main__":
    sys.exit(main())
