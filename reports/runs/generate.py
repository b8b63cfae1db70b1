"""Compiling a report run: the report's data, its file, and the run's move to done or failed.

A run writes a workbook (reports.excel.export), the narrative Word report
(reports.documents.narrative) or either as PDF (reports.documents.convert), in the document
frame of its issuing unit (reports.documents.layout) with the requester's overrides.

The lifecycle of a ReportRun (DESIGN.md §4): queued → running → done | failed.
The Celery task (reports.runs.tasks.compile_report) is a thin caller of run_report.
"""

import logging
import os
import shutil
import tempfile

from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from config.language import in_vietnamese
from indicators.models import Period
from reports.documents import convert
from reports.documents.narrative.compose import narrative_report
from reports.documents.narrative.word import write_narrative
from reports.documents.report_data import file_names
from reports.documents.report_data.completeness import completeness_report
from reports.documents.report_data.progress import progress_report
from reports.documents.report_data.scorecard import unit_scorecard_report
from reports.documents.report_data.tasks_report import tasks_report
from reports.excel.export import WRITERS
from reports.excel.export.progress import write_progress
from reports.models import ReportFormat, ReportKind, ReportRun, RunStatus
from reports.queue import TRANSIENT_ERRORS
from resolutions.models import Resolution
from units.models import ReportingUnit

from .document_overrides import document_overrides
from .kinds import FORMATS, run_format
from .recovery import MAX_ATTEMPTS, Heartbeat, fail_dead, is_stale
from .subscriptions import notify_subscribers

log = logging.getLogger(__name__)


def build(kind, params, day=None):
    """(report data, writer, file name) for a kind and its parameters (format and document overrides included)."""
    resolution = Resolution.objects.select_related("owner_unit").get(pk=params["resolution"]) if params.get("resolution") else None
    period = Period.objects.get(pk=params["period"]) if params.get("period") else None
    unit = ReportingUnit.objects.get(pk=params["unit"]) if params.get("unit") else None
    document = document_overrides(params)
    fmt = params.get("format") or FORMATS[kind][0]
    if kind == ReportKind.PROGRESS:
        data = progress_report(resolution, period, unit, day, document)
    elif kind == ReportKind.UNIT_SCORECARD:
        data = unit_scorecard_report(unit, period.year, resolution, day, document)
    elif kind == ReportKind.COMPLETENESS:
        data = completeness_report(period, unit, resolution, day, document)
    elif kind == ReportKind.NARRATIVE:
        data = narrative_report(resolution, period, unit, day, document)
    else:
        data = tasks_report(resolution, period, day, document=document)
    name = file_names.file_name(kind, resolution, period, unit, period.year if period else None, fmt)
    if kind == ReportKind.NARRATIVE:
        writer = write_narrative
    elif kind == ReportKind.PROGRESS and fmt == ReportFormat.PDF:
        # A province's per-unit sheet would print as a thousand pages: the PDF is the signed summary,
        # the workbook carries every unit.
        def writer(report, target):
            return write_progress(report, target, unit_sheet=False)
    else:
        writer = WRITERS[kind]
    return data, writer, name


@in_vietnamese
def _generate_into(run):
    data, writer, name = build(run.kind, run.parameters)
    fmt = run_format(run)
    source_ext = ".docx" if run.kind == ReportKind.NARRATIVE else ".xlsx"
    work = tempfile.mkdtemp(prefix="report-")
    try:
        # The name LibreOffice's output takes: the file's own name, so the PDF's metadata reads well.
        source = os.path.join(work, os.path.splitext(name)[0] + source_ext)
        writer(data, source)
        path = source
        if fmt == ReportFormat.PDF:
            path = os.path.join(work, name)
            convert.to_pdf(source, path)
        with open(path, "rb") as fh:
            run.file.save(name, File(fh), save=False)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    run.file_name = name


def run_report(run_id, final_attempt=True):
    """Compile one run: running (started_at, attempts+1) → done (file) | failed (error).

    Idempotent: a done or failed run is returned untouched, and so is a
    running one whose heartbeat is fresh (another worker is on it); a running
    run whose heartbeat stopped (this message was redelivered after its worker
    died) counts as a new attempt, or fails after MAX_ATTEMPTS. While it
    compiles, the run beats (`heartbeat_at`, every REPORT_HEARTBEAT_SECONDS).
    A transient error (database, connection) on a non-final attempt puts the
    run back to queued and is re-raised so Celery retries it with backoff.
    """
    with transaction.atomic():
        run = ReportRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None or run.status in (RunStatus.DONE, RunStatus.FAILED):
            return run
        now = timezone.now()
        if run.status == RunStatus.RUNNING:
            if not is_stale(run, now):
                return run
            if run.attempts >= MAX_ATTEMPTS:
                fail_dead(run, now)
                return run
        run.status = RunStatus.RUNNING
        run.started_at = run.heartbeat_at = now
        run.finished_at = None
        run.attempts += 1
        run.error = ""
        run.save(update_fields=["status", "started_at", "heartbeat_at", "finished_at", "attempts", "error"])
    beat = Heartbeat(run.pk)
    beat.start()
    try:
        _generate_into(run)
    except TRANSIENT_ERRORS as exc:
        if not final_attempt:
            ReportRun.objects.filter(pk=run.pk).update(
                status=RunStatus.QUEUED, error=_("Lỗi tạm thời, đang thử lại: %(error)s") % {"error": repr(exc)}
            )
            raise
        _fail(run, _("Không tạo được báo cáo do lỗi kết nối cơ sở dữ liệu hoặc máy chủ (đã thử lại nhiều lần)."), exc)
        return run
    except Exception as exc:  # noqa: BLE001 - every failure is recorded on the run, in Vietnamese
        log.exception("report run %s failed", run.pk)
        _fail(run, _("Không tạo được báo cáo."), exc)
        return run
    finally:
        beat.stop()
    run.status = RunStatus.DONE
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "finished_at", "file", "file_name"])
    if run.scheduled:
        try:
            notify_subscribers(run)
        except Exception:  # noqa: BLE001 - a mail failure never fails the report
            log.exception("sending report run %s to subscribers failed", run.pk)
    return run


def _fail(run, message, exc):
    run.status = RunStatus.FAILED
    run.finished_at = timezone.now()
    run.error = message + "\n" + _("Chi tiết kỹ thuật: %(type)s: %(error)s") % {"type": type(exc).__name__, "error": exc}
    run.save(update_fields=["status", "finished_at", "error"])
