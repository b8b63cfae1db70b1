"""Template and import, and the bulk API: writes into an open quarter after the data, rolled back."""

import json
import os
import random
import tempfile
import time
from io import BytesIO

from ..common import BULK_VALUES, IMPORT_VALUES, QueryCounter, summary, timed, traced_peak_mb
from .measure import heavy


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
    """Random figures for a value of `measure`: (numerator, denominator), the denominator None but for a percent."""
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
    row.update(
        peak_mb=max(r["peak_rss_mb"] for r in runs),
        values=filled,
        created=runs[0]["created"],
        rows_in_template=ws.max_row - template.HEADER_ROW,
        fill_seconds=fill_s,
        left_after_rollback=left,
        queries=runs[0]["queries"],
    )
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
    r = c.post(
        "/api/v1/auth/token/",
        {"username": ctx.admin.username, "password": ctx.password},
        content_type="application/json",
    )
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
            items.append(
                {
                    "unit": unit.pk,
                    "indicator": ind.pk,
                    "period": period.pk,
                    "numerator": num,
                    "denominator": den,
                    "note": "",
                }
            )
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
    peak = traced_peak_mb(once)
    return {
        **summary(samples),
        "peak_mb": peak,
        "values": len(items),
        "queries": counted["queries"],
        "left_after_rollback": DataValue.objects.filter(period=period).count(),
    }
