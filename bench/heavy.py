"""One measurement in a fresh process, so its peak memory is its own. Prints one JSON line.

    python -m bench.heavy report RESOLUTION PERIOD UNIT USER [KIND]  # reports.runs.generate.run_report, temp MEDIA_ROOT
    python -m bench.heavy pdf RESOLUTION PERIOD UNIT KIND      # the document written (untimed), its PDF timed
    python -m bench.heavy floor CELLS ROWS                     # bare openpyxl write-only, same number of cells
    python -m bench.heavy import FILE USER                     # reports.excel.saving.import_workbook, rolled back

`peak_rss_mb` is the process's peak resident set size right after the
measured call (ru_maxrss), `base_rss_mb` the resident size just before it
(Python, Django and the app loaded).
"""

import json
import os
import re
import shutil
import sys
import tempfile
import time

from .common import QueryCounter, current_rss_mb, rss_mb


def _setup():
    import django

    django.setup()




def report(resolution_id, period_id, unit_id, user_id, kind="progress"):
    """One report run as the worker does it; `kind` progress (the workbook) or narrative (the Word report)."""
    media = tempfile.mkdtemp(prefix="bench-media-")
    os.environ["MEDIA_ROOT"] = media  # read by config.settings at setup: the file goes to a temp dir
    _setup()
    from django.db import connection
    from openpyxl import load_workbook

    from reports.models import ReportKind, ReportRun, RunStatus
    from reports.runs import generate, kinds

    params = {"resolution": int(resolution_id), "period": int(period_id), "unit": int(unit_id)}
    run = ReportRun.objects.create(kind=kind, parameters=params, scope_unit_id=params["unit"],
                                   requested_by_id=int(user_id), params_key=kinds.params_key(kind, params))
    try:
        base = current_rss_mb()
        q = QueryCounter()
        with connection.execute_wrapper(q):
            t0 = time.perf_counter()
            generate.run_report(run.pk)  # what reports.runs.tasks.compile_report calls
            seconds = time.perf_counter() - t0
        peak = rss_mb()
        run.refresh_from_db()
        if run.status != RunStatus.DONE:
            raise SystemExit(f"report failed: {run.error}")
        path = run.file.path
        cells = rows = 0
        if kind == ReportKind.NARRATIVE:
            from docx import Document

            doc = Document(path)
            rows = sum(len(t.rows) for t in doc.tables)
            cells = len(doc.paragraphs)  # paragraphs of the body, for the notes
        else:
            wb = load_workbook(path, read_only=True)
            for ws in wb.worksheets:
                for row in ws.iter_rows(values_only=True):
                    rows += 1
                    cells += sum(1 for v in row if v is not None)
            wb.close()
        out = {"seconds": seconds, "peak_rss_mb": peak, "base_rss_mb": base, "cells": cells, "rows": rows,
               "file_kb": os.path.getsize(path) // 1024, "queries": q.n}
    finally:
        ReportRun.objects.filter(pk=run.pk).delete()
        shutil.rmtree(media, ignore_errors=True)
    print(json.dumps(out))


def pdf(resolution_id, period_id, unit_id, kind):
    """The PDF conversion alone (reports.documents.convert.to_pdf, LibreOffice): the document is written first, untimed."""
    _setup()
    from reports.documents import convert
    from reports.runs import generate

    params = {"resolution": int(resolution_id), "period": int(period_id), "unit": int(unit_id), "format": "pdf"}
    data, writer, name = generate.build(kind, params)
    work = tempfile.mkdtemp(prefix="bench-pdf-")
    try:
        source = os.path.join(work, "source" + (".docx" if kind == "narrative" else ".xlsx"))
        writer(data, source)
        target = os.path.join(work, name)
        t0 = time.perf_counter()
        convert.to_pdf(source, target)
        seconds = time.perf_counter() - t0
        with open(target, "rb") as fh:
            pages = len(re.findall(rb"/Type\s*/Page(?!s)", fh.read()))
        out = {"seconds": seconds, "source_kb": os.path.getsize(source) // 1024,
               "pdf_kb": os.path.getsize(target) // 1024, "pages": pages}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(out))


def floor(cells, rows):
    """The same number of cells, plain values (numbers and short texts) in a write-only workbook."""
    from openpyxl import Workbook

    cells, rows = int(cells), int(rows)
    per_row = max(1, -(-cells // max(1, rows)))
    fd, path = tempfile.mkstemp(suffix=".xlsx", prefix="bench-floor-")
    os.close(fd)
    try:
        base = current_rss_mb()
        t0 = time.perf_counter()
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("Floor")
        left = cells
        i = 0
        while left > 0:
            n = min(per_row, left)
            row = [i if k == 0 else (f"Trường Tiểu học {i % 997}" if k % 3 == 1 else i * 0.37 + k) for k in range(n)]
            ws.append(row)
            left -= n
            i += 1
        wb.save(path)
        seconds = time.perf_counter() - t0
        peak = rss_mb()
    finally:
        os.unlink(path)
    print(json.dumps({"seconds": seconds, "peak_rss_mb": peak, "base_rss_mb": base, "cells": cells}))


def import_(path, user_id):
    _setup()
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction

    from reports.excel.reading import ImportErrors
    from reports.excel.saving import import_workbook

    user = get_user_model().objects.get(pk=int(user_id))
    base = current_rss_mb()
    q = QueryCounter()
    with open(path, "rb") as fh, transaction.atomic(), connection.execute_wrapper(q):
        t0 = time.perf_counter()
        try:
            result = import_workbook(fh, user)
        except ImportErrors as exc:
            raise SystemExit(f"import refused: {exc.errors[:5]}") from None
        seconds = time.perf_counter() - t0
        peak = rss_mb()
        transaction.set_rollback(True)  # all or nothing, and nothing stays: every run starts from the same state
    print(json.dumps({"seconds": seconds, "peak_rss_mb": peak, "base_rss_mb": base, "created": result.created,
                      "updated": result.updated, "queries": q.n}))


if __name__ == "__main__":
    what, args = sys.argv[1], sys.argv[2:]
    {"report": report, "pdf": pdf, "floor": floor, "import": import_}[what](*args)
