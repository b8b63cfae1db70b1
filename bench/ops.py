"""The operations of one size, in one process: `python -m bench.ops SIZE OUT.json`.

The driver (`bench.__main__`) sets DATABASE_URL to that size's database.
Pages and API calls go through Django's test Client (server time: URL
resolution, middleware, session, view, template), logged in as the user a
real person would be. Report and import runs are delegated to fresh
processes (`bench.heavy`) so their peak memory is their own.
"""

import json
import os
import random
import subprocess
import sys
import tempfile
import time
import tracemalloc
import warnings
from io import BytesIO

import django

from .common import (
    BULK_VALUES,
    IMPORT_VALUES,
    PY,
    ROOT,
    QueryCounter,
    env_int,
    selected_ops,
    summary,
    timed,
    write_json,
)

IN_PROCESS = ("dashboard", "api", "drilldown", "entry", "ranking", "refill", "report", "narrative", "pdf", "template",
              "import", "bulk", "reorg")
VARIANTS = ("after_submit", "after_write", "cached")  # the states measured after the cold one (measure_get)
SUFFIX = {"after_submit": "submit", "after_write": "write", "cached": "cached"}  # row names: dashboard_submit …


class Context:
    """The objects every operation needs, looked up once."""

    def __init__(self, size):
        from django.contrib.auth import get_user_model
        from django.db.models import Max

        from bench import synthetic
        from indicators.models import Indicator, Measure, Period, Submission, SubmissionStatus
        from resolutions.models import Resolution
        from units.models import ReportingUnit, UnitKind

        self.size = size
        units = synthetic.synthetic_units()
        self.province = ReportingUnit.objects.get(code=synthetic.CODE)
        self.doc = Resolution.objects.get(owner_unit=self.province, code=synthetic.DOCUMENTS[0].code)
        last_end = Submission.objects.filter(unit__in=units).aggregate(m=Max("period__end"))["m"]
        self.period = Period.objects.get(kind="quarter", end=last_end)
        User = get_user_model()
        self.supervisor = User.objects.get(username=f"{synthetic.USER_PREFIX}giamsat")
        self.admin = User.objects.get(username=f"{synthetic.USER_PREFIX}quantri")
        self.office = units.filter(kind=UnitKind.DISTRICT_OFFICE).order_by("code").first()
        self.office_entry = User.objects.get(username=f"{synthetic.USER_PREFIX}nhaplieu."
                                             f"{self.office.code.removeprefix(synthetic.CODE + '.').lower()}")
        schools = units.filter(kind=UnitKind.SCHOOL, parent=self.office).order_by("code")
        draft = Submission.objects.filter(unit__in=schools, period=self.period, status=SubmissionStatus.DRAFT)
        self.school = draft.first().unit if draft.exists() else schools.first()
        self.ranking_indicator = (Indicator.objects.filter(resolution=self.doc, measure=Measure.PERCENT)
                                  .applicable_to_kind(UnitKind.SCHOOL).order_by("order").first())
        self.password = synthetic.PASSWORD
        self.n_units = units.count()


def client_for(user):
    from django.test import Client

    c = Client()
    c.force_login(user)
    return c


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
        states["after_write"] = after(lambda: figures_changed(
            period_id=period.pk, indicator_ids=[indicator.pk] if indicator else None))
    cache.clear()
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        once()
    counter_cached = QueryCounter()
    with connection.execute_wrapper(counter_cached):
        once()
    cache.clear()
    tracemalloc.start()
    once()
    peak = tracemalloc.get_traced_memory()[1] / (1024 * 1024)
    tracemalloc.stop()
    return {**summary(cold), "peak_mb": peak, "queries": counter.n, "url": url,
            "cached": {**summary(cached), "queries": counter_cached.n}, **states}


# --- the floor of the dashboard: one hand-written query ---------------------------------

FLOOR_SQL = """
SELECT v.indicator_id, u.kind, SUM(v.numerator), SUM(v.denominator), COUNT(*)
FROM indicators_datavalue v
JOIN units_reportingunit u ON u.id = v.unit_id
JOIN indicators_indicator i ON i.id = v.indicator_id
JOIN indicators_submission s ON s.unit_id = v.unit_id AND s.period_id = v.period_id
WHERE v.period_id = %s AND i.resolution_id = %s AND u.path LIKE %s
  AND s.status IN ('submitted', 'approved') AND v.value IS NOT NULL
GROUP BY v.indicator_id, u.kind
"""


FLOOR_TRAIL_SQL = """
SELECT v.indicator_id, u.kind, v.period_id, SUM(v.numerator), SUM(v.denominator), COUNT(*)
FROM indicators_datavalue v
JOIN units_reportingunit u ON u.id = v.unit_id
JOIN indicators_indicator i ON i.id = v.indicator_id
JOIN indicators_submission s ON s.unit_id = v.unit_id AND s.period_id = v.period_id
WHERE v.period_id = ANY(%s) AND i.resolution_id = %s AND u.path LIKE %s
  AND s.status IN ('submitted', 'approved') AND v.value IS NOT NULL
GROUP BY v.indicator_id, u.kind, v.period_id
"""


def floor_trail(ctx, runs, warmups):
    """The floor of the dashboard and the API: the same aggregation over the quarter shown and the three
    before it, which the pages show as the trend and judge statuses by (rules.evaluate_status)."""
    from django.db import connection

    from indicators.figures import trailing_periods

    ids = [p.pk for p in trailing_periods(ctx.period)]

    def once():
        with connection.cursor() as cur:
            cur.execute(FLOOR_TRAIL_SQL, [ids, ctx.doc.pk, ctx.province.path + "%"])
            cur.fetchall()

    return summary(timed(once, runs, warmups))


def floor_query(ctx):
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(FLOOR_SQL, [ctx.period.pk, ctx.doc.pk, ctx.province.path + "%"])
        return cur.fetchall()


def measure_floor(ctx, runs, warmups):
    return summary(timed(lambda: floor_query(ctx), runs, warmups))


def check_against_floor(ctx, response):
    """The API's per-kind numerators must be the floor's sums (same aggregation), else say so."""
    from decimal import Decimal

    floor = {(ind, kind): (num, den, n) for ind, kind, num, den, n in floor_query(ctx)}
    mismatches = 0
    for item in response.json()["indicators"]:
        if item["measure"] == "boolean":
            continue
        for row in item["by_kind"]:
            f = floor.get((item["indicator"], row["unit_kind"]))
            ours = Decimal(row["numerator"]) if row["numerator"] is not None else None
            if (f[0] if f else None) != ours or (f[2] if f else 0) != row["units_reported"]:
                mismatches += 1
    return mismatches


# --- the operations ------------------------------------------------------------------------

def with_floor(row, floor, floor_quarter):
    """Ratios of every state to the floor (the page's own aggregation: four quarters)."""
    row.update(floor_p50=floor["p50"], ratio=row["p50"] / floor["p50"], floor_quarter_p50=floor_quarter["p50"])
    for variant in VARIANTS:
        if variant in row:
            row[variant].update(floor_p50=floor["p50"], ratio=row[variant]["p50"] / floor["p50"])
    return row


def op_dashboard(ctx, runs, warmups):
    url = f"/theo-doi/nghi-quyet/{ctx.doc.pk}/?period={ctx.period.code}"
    row = measure_get(client_for(ctx.supervisor), url, runs, warmups, period=ctx.period, indicator=ctx.ranking_indicator)
    return with_floor(row, floor_trail(ctx, runs, warmups), measure_floor(ctx, runs, warmups))


def op_api(ctx, runs, warmups):
    url = f"/api/v1/progress/?resolution={ctx.doc.pk}&period={ctx.period.code}"
    seen = {}
    row = measure_get(client_for(ctx.supervisor), url, runs, warmups,
                      check=lambda r: seen.update(mismatch=check_against_floor(ctx, r)), period=ctx.period, indicator=ctx.ranking_indicator)
    row["floor_mismatches"] = seen.get("mismatch")
    return with_floor(row, floor_trail(ctx, runs, warmups), measure_floor(ctx, runs, warmups))


def op_refill(ctx, runs, warmups):
    """The worker's refill after a change that emptied the cache (reports.dashboards.warmup.warm_figures): how long
    the province-wide pages may be cold. In the production shape it runs 5 s after such a change."""
    from django.core.cache import cache

    from reports.dashboards.warmup import warm_figures

    def once():
        cache.clear()
        return warm_figures(drill_downs=True)

    done = once()
    return {**summary(timed(once, max(3, runs // 4), warmups=0)), "done": done}


def op_drilldown(ctx, runs, warmups):
    url = f"/theo-doi/don-vi/{ctx.office.pk}/?resolution={ctx.doc.pk}&period={ctx.period.code}"
    return {**measure_get(client_for(ctx.supervisor), url, runs, warmups, period=ctx.period, indicator=ctx.ranking_indicator), "unit": ctx.office.name}


def op_entry(ctx, runs, warmups):
    url = f"/ky-bao-cao/{ctx.period.code}/{ctx.school.pk}/"
    return {**measure_get(client_for(ctx.office_entry), url, runs, warmups, period=ctx.period, indicator=ctx.ranking_indicator),
            "unit": ctx.school.name}


def op_ranking(ctx, runs, warmups):
    url = f"/api/v1/progress/units/?indicator={ctx.ranking_indicator.pk}&period={ctx.period.code}"
    return measure_get(client_for(ctx.supervisor), url, runs, warmups, period=ctx.period, indicator=ctx.ranking_indicator)


def heavy(args, env=None):
    """Run `python -m bench.heavy …` in a fresh process; its JSON result."""
    done = subprocess.run([PY, "-m", "bench.heavy", *map(str, args)], cwd=ROOT, env=env or os.environ,
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"bench.heavy {args[0]} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def op_report(ctx, heavy_runs):
    """The whole-province progress report (reports.runs.services.run_report) vs bare openpyxl, fresh processes."""
    ours = [heavy(["report", ctx.doc.pk, ctx.period.pk, ctx.province.pk, ctx.admin.pk]) for _ in range(heavy_runs)]
    cells, rows = ours[0]["cells"], ours[0]["rows"]
    floors = [heavy(["floor", cells, rows]) for _ in range(heavy_runs)]
    row = summary([r["seconds"] for r in ours])
    floor = summary([r["seconds"] for r in floors])
    row.update(
        peak_mb=max(r["peak_rss_mb"] for r in ours), base_rss_mb=ours[0]["base_rss_mb"],
        floor_p50=floor["p50"], floor_peak_mb=max(r["peak_rss_mb"] for r in floors),
        ratio=row["p50"] / floor["p50"], cells=cells, rows=rows, file_kb=ours[0]["file_kb"],
        queries=ours[0]["queries"],
    )
    return row


def op_narrative(ctx, heavy_runs):
    """The whole-province narrative Word report (reports.runs.services.run_report, kind narrative), fresh processes.

    No floor: nothing bare writes the same document; its budget is absolute (DESIGN.md §8).
    """
    ours = [heavy(["report", ctx.doc.pk, ctx.period.pk, ctx.province.pk, ctx.admin.pk, "narrative"])
            for _ in range(heavy_runs)]
    row = summary([r["seconds"] for r in ours])
    row.update(peak_mb=max(r["peak_rss_mb"] for r in ours), base_rss_mb=ours[0]["base_rss_mb"],
               file_kb=ours[0]["file_kb"], queries=ours[0]["queries"], paragraphs=ours[0]["cells"],
               table_rows=ours[0]["rows"])
    return row


def op_pdf(ctx, heavy_runs):
    """The PDF conversion of the narrative report alone (LibreOffice in its own process), timed apart."""
    ours = [heavy(["pdf", ctx.doc.pk, ctx.period.pk, ctx.province.pk, "narrative"]) for _ in range(heavy_runs)]
    row = summary([r["seconds"] for r in ours])
    row.update(pages=ours[0]["pages"], pdf_kb=ours[0]["pdf_kb"], source_kb=ours[0]["source_kb"])
    return row


# --- import and bulk: an open quarter after the data ------------------------------------------

def bench_period(ctx):
    """The quarter after the latest one with data, emptied of any leftover (an interrupted run)."""
    from indicators import periods as P
    from indicators.models import DataValue, Period, Submission

    spec = ctx.period.spec
    year, number = (spec.year, spec.number + 1) if spec.number < 4 else (spec.year + 1, 1)
    period = Period.ensure(P.PeriodSpec(P.QUARTER, year, number).code)
    DataValue.history.model.objects.filter(period_id=period.pk).delete()
    DataValue.objects.filter(period=period).delete()
    Submission.objects.filter(period=period).delete()
    if period.is_locked:
        Period.objects.filter(pk=period.pk).update(is_locked=False)
    return period


def figures(measure, rng):
    if measure == "percent":
        den = rng.randint(10, 200)
        return rng.randint(0, den), den
    if measure == "count":
        return rng.randint(0, 100), None
    return rng.randint(0, 1), None


def op_template_and_import(ctx, heavy_runs, want_template, want_import):
    """Build the province's template for the open quarter (timed once), fill N rows, import N in fresh processes."""
    from openpyxl import load_workbook

    from indicators.models import DataValue, Indicator
    from reports.excel import template

    period = bench_period(ctx)
    n = IMPORT_VALUES[ctx.size]
    t0 = time.perf_counter()
    content = template.build_template(ctx.province, period, ctx.admin, children=True)
    template_s = time.perf_counter() - t0
    out = {}
    if want_template:
        out["template"] = {**summary([template_s]), "kb": len(content) // 1024}
    if not want_import:
        return out
    measures = dict(Indicator.objects.values_list("pk", "measure"))
    t0 = time.perf_counter()
    wb = load_workbook(BytesIO(content))
    ws = wb[template.DATA_SHEET]
    rng = random.Random(1)
    col = {k: i + 1 for k, i in template.COL.items()}
    filled = 0
    for r in range(template.FIRST_DATA_ROW, ws.max_row + 1):
        if filled >= n:
            break
        ind_id = ws.cell(r, col["indicator_id"]).value
        if ind_id is None:
            continue
        num, den = figures(measures[int(ind_id)], rng)
        ws.cell(r, col["numerator"]).value = num
        if den is not None:
            ws.cell(r, col["denominator"]).value = den
        filled += 1
    fd, path = tempfile.mkstemp(suffix=".xlsx", prefix="bench-import-")
    os.close(fd)
    wb.save(path)
    fill_s = time.perf_counter() - t0
    try:
        runs = [heavy(["import", path, ctx.admin.pk]) for _ in range(heavy_runs)]
    finally:
        os.unlink(path)
    left = DataValue.objects.filter(period=period).count()
    row = summary([r["seconds"] for r in runs])
    row.update(peak_mb=max(r["peak_rss_mb"] for r in runs), values=filled, created=runs[0]["created"],
               rows_in_template=ws.max_row - template.HEADER_ROW, fill_seconds=fill_s, left_after_rollback=left,
               queries=runs[0]["queries"])
    if runs[0]["created"] != filled:
        row["error"] = f"import created {runs[0]['created']} of {filled}"
    out["import"] = row
    return out


def op_bulk(ctx, heavy_runs):
    """POST /api/v1/values/bulk/ with 5.000 new values (token auth), rolled back after each run."""
    from django.db import connection, transaction
    from django.test import Client

    from indicators.models import DataValue
    from indicators.scope import indicators_for_units
    from units.models import ReportingUnit

    period = bench_period(ctx)
    c = Client()
    r = c.post("/api/v1/auth/token/", {"username": ctx.admin.username, "password": ctx.password},
               content_type="application/json")
    if r.status_code != 200:
        raise RuntimeError(f"token → {r.status_code}: {r.content[:200]!r}")
    auth = {"HTTP_AUTHORIZATION": f"Token {r.json()['token']}"}
    rng = random.Random(2)
    items = []
    units = list(ReportingUnit.objects.within(ctx.province).exclude(pk=ctx.province.pk).order_by("path"))
    # What each unit reports for the period (indicators.scope: kind, reach, the unit active then).
    reported = indicators_for_units(units, period)
    for unit in units:
        for ind in reported[unit.pk]:
            num, den = figures(ind.measure, rng)
            items.append({"unit": unit.pk, "indicator": ind.pk, "period": period.pk, "numerator": num,
                          "denominator": den, "note": ""})
            if len(items) == BULK_VALUES:
                break
        if len(items) == BULK_VALUES:
            break
    body = json.dumps({"values": items})
    counted = {}

    def once(capture=False):
        with transaction.atomic():
            if capture:
                counter = QueryCounter()
                with connection.execute_wrapper(counter):
                    resp = c.post("/api/v1/values/bulk/", body, content_type="application/json", **auth)
                counted["queries"] = counter.n
            else:
                resp = c.post("/api/v1/values/bulk/", body, content_type="application/json", **auth)
            if resp.status_code != 200 or resp.json().get("created") != len(items):
                raise RuntimeError(f"bulk → {resp.status_code}: {resp.content[:300]!r}")
            transaction.set_rollback(True)

    samples = timed(once, heavy_runs, warmups=1)
    once(capture=True)
    tracemalloc.start()
    once()
    peak = tracemalloc.get_traced_memory()[1] / (1024 * 1024)
    tracemalloc.stop()
    return {**summary(samples), "peak_mb": peak, "values": len(items), "queries": counted["queries"],
            "left_after_rollback": DataValue.objects.filter(period=period).count()}


# --- a whole-province reorganisation (DESIGN.md §8) -------------------------------------------------

REORG_MOVES, REORG_MERGES = 600, 60


def reorg_payload(ctx):
    """600 schools moved to another Phòng and 60 merged into a neighbour, from the latest quarter's window
    start: the quarter shown is after the date, the one before it is not."""
    from units.models import ReportingUnit, UnitKind

    offices = list(ReportingUnit.objects.filter(kind=UnitKind.DISTRICT_OFFICE, path__startswith=ctx.province.path)
                   .order_by("code"))
    schools = list(ReportingUnit.objects.filter(kind=UnitKind.SCHOOL, path__startswith=ctx.province.path,
                                                valid_from__isnull=True).order_by("code"))
    rng = random.Random(7)
    rng.shuffle(schools)
    # 600 moves and 60 merges at full size; the same shares of the schools at a tenth.
    scale = min(1.0, len(schools) / 1000)
    n_merges, n_moves = max(1, round(REORG_MERGES * scale)), max(1, round(REORG_MOVES * scale))
    merged = schools[:n_merges]
    into = schools[n_merges:2 * n_merges]
    moved = schools[2 * n_merges:2 * n_merges + n_moves]
    steps = [{"kind": "merge", "from": [a.pk], "into": b.pk} for a, b in zip(merged, into, strict=True)]
    by_office = {}
    for k, school in enumerate(moved):
        target = offices[(offices.index(next(o for o in offices if o.pk == school.parent_id)) + 1 + k % 3)
                         % len(offices)]
        by_office.setdefault(target.pk, []).append(school.pk)
    steps += [{"kind": "move", "units": ids, "to": office} for office, ids in by_office.items()]
    return {"effective_on": ctx.period.start.isoformat(), "legal_basis": "Nghị quyết đo hiệu năng (bench)",
            "steps": steps}, [a.pk for a in merged], moved[0]


def op_reorg(ctx, runs, warmups, heavy_runs):
    """Preview and apply of a whole-province reorganisation; then, in the same (rolled-back) transaction,
    the pages for the quarter after the date and the one before it, after a write."""
    from django.db import transaction

    from indicators.models import DataValue, Period, Submission
    from units import reorganisation

    payload, merged, moved_school = reorg_payload(ctx)
    before = Period.objects.filter(kind="quarter", end__lt=ctx.period.start).order_by("-end").first()
    rows = {}

    class Rollback(Exception):
        pass

    def without_late_figures():
        # A merged school reports no more from the date: its figures of the latest quarter go first.
        DataValue.history.model.objects.filter(unit_id__in=merged, period=ctx.period).delete()
        DataValue.objects.filter(unit_id__in=merged, period=ctx.period).delete()
        Submission.objects.filter(unit_id__in=merged, period=ctx.period).delete()

    previews, applies = [], []
    for n in range(heavy_runs):
        try:
            with transaction.atomic():
                without_late_figures()
                t0 = time.perf_counter()
                plan = reorganisation.build_plan(payload)
                reorganisation.preview(plan)
                previews.append(time.perf_counter() - t0)
                plan = reorganisation.build_plan(payload)
                t0 = time.perf_counter()
                result = reorganisation.apply(plan, ctx.admin)
                applies.append(time.perf_counter() - t0)
                if n == heavy_runs - 1:
                    counts = {k: len(v) if isinstance(v, list) else v for k, v in
                              reorganisation.public_result(result).items() if k != "id"}
                    pages = {
                        "reorg_dashboard_after": (client_for(ctx.supervisor),
                                                  f"/theo-doi/nghi-quyet/{ctx.doc.pk}/?period={ctx.period.code}"),
                        "reorg_dashboard_before": (client_for(ctx.supervisor),
                                                   f"/theo-doi/nghi-quyet/{ctx.doc.pk}/?period={before.code}"),
                        "reorg_drilldown_after": (client_for(ctx.supervisor), f"/theo-doi/don-vi/{ctx.office.pk}/"
                                                  f"?resolution={ctx.doc.pk}&period={ctx.period.code}"),
                        "reorg_entry_after": (client_for(ctx.admin),
                                              f"/ky-bao-cao/{ctx.period.code}/{moved_school.pk}/"),
                    }
                    for name, (client, url) in pages.items():
                        period = before if name.endswith("before") else ctx.period
                        got = measure_get(client, url, runs, warmups, period=period, indicator=ctx.ranking_indicator)
                        rows[name] = {**got["after_write"], "url": url, "cold_p50": got["p50"]}
                raise Rollback
        except Rollback:
            pass
    rows["reorg_preview"] = {**summary(previews), **counts}
    rows["reorg_apply"] = {**summary(applies), **counts}
    return rows


def main():
    size, out_path = sys.argv[1], sys.argv[2]
    warnings.filterwarnings("ignore", message="No directory at")  # whitenoise: no collectstatic here
    django.setup()
    ops = [op for op in selected_ops() if op in IN_PROCESS]
    runs, warmups, heavy_runs = env_int("BENCH_RUNS", 20), env_int("BENCH_WARMUPS", 2), env_int("BENCH_HEAVY_RUNS", 3)
    ctx = Context(size)
    results = {"size": size, "units": ctx.n_units, "period": ctx.period.code, "rows": {}}
    pages = {"dashboard": op_dashboard, "api": op_api, "drilldown": op_drilldown, "entry": op_entry,
             "ranking": op_ranking, "refill": op_refill}

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
        record("import" if "import" in ops else "template",
               lambda: op_template_and_import(ctx, heavy_runs, "template" in ops, "import" in ops))
    write_json(out_path, results)


if __name__ == "__main__":
    main()
