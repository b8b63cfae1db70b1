"""Runs that did not finish: a worker that died (heartbeat, stale runs re-queued once, then failed with
the reason) and a failed run asked again ("Chạy lại").

generate.run_report beats while it compiles; mark_stuck_runs is called when a worker starts and by beat
every minute (reports.runs.tasks).
"""

import datetime as dt
import logging
import threading

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reports.models import ReportRun, RunStatus
from reports.queue import QueueUnavailable

from .requests import enqueue

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 2  # a run whose worker died twice is failed with the reason


class Heartbeat:
    """A thread that stamps `heartbeat_at` on a running run every REPORT_HEARTBEAT_SECONDS, on its own
    database connection, until stopped. A run whose stamps stop lost its worker."""

    def __init__(self, run_id):
        self.run_id = run_id
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, name=f"report-heartbeat-{run_id}", daemon=True)

    def start(self):
        self._thread.start()

    def stop(self):
        self._stop.set()
        self._thread.join(5)

    def _beat(self):
        try:
            while not self._stop.wait(settings.REPORT_HEARTBEAT_SECONDS):
                try:
                    ReportRun.objects.filter(pk=self.run_id, status=RunStatus.RUNNING).update(
                        heartbeat_at=timezone.now())
                except Exception:  # noqa: BLE001 - a missed beat is not the report's failure
                    log.warning("heartbeat of report run %s failed", self.run_id, exc_info=True)
        finally:
            connection.close()


def is_stale(run, now=None, seconds=None):
    """Has a running run's heartbeat (or start) stopped for `seconds` (REPORT_STALE_SECONDS)?"""
    now = now or timezone.now()
    seconds = settings.REPORT_STALE_SECONDS if seconds is None else seconds
    beat = run.heartbeat_at or run.started_at
    return beat is None or beat < now - dt.timedelta(seconds=seconds)


def _dead_reason(run, seconds):
    return _("Tiến trình tạo báo cáo bị dừng bất thường: không còn tín hiệu hoạt động quá %(seconds)s giây, "
             "sau %(attempts)s lần chạy (máy chủ xử lý có thể đã tắt hoặc bị dừng). Bấm “Chạy lại”.") % {
        "seconds": seconds, "attempts": run.attempts}


def fail_dead(run, now, seconds=None):
    """Fail a run whose worker died on its last allowed attempt (MAX_ATTEMPTS), the reason saved on the run."""
    seconds = settings.REPORT_STALE_SECONDS if seconds is None else seconds
    run.status = RunStatus.FAILED
    run.finished_at = now
    run.error = _dead_reason(run, seconds)
    run.save(update_fields=["status", "finished_at", "error"])


def retry(run):
    """Re-queue a failed run (same parameters, same run)."""
    if run.status != RunStatus.FAILED:
        raise ValidationError(_("Chỉ chạy lại được báo cáo bị lỗi."))
    def back_to_failed(run):
        ReportRun.objects.filter(pk=run.pk, status=RunStatus.QUEUED).update(
            status=RunStatus.FAILED, error=QueueUnavailable.message)

    with transaction.atomic():
        ReportRun.objects.filter(pk=run.pk, status=RunStatus.FAILED).update(
            status=RunStatus.QUEUED, error="", started_at=None, finished_at=None, heartbeat_at=None
        )
        enqueue(run, on_failure=back_to_failed)
    run.refresh_from_db()
    return run


def mark_stuck_runs(now=None, minutes=None):
    """Runs `running` whose worker died: re-queue once, then fail with the reason. Returns (requeued, failed).

    A run is stuck when its heartbeat (or its start) is older than REPORT_STALE_SECONDS (or `minutes`,
    when given). Called when a worker starts (reports.runs.tasks: at once and once more after the stale
    time) and by beat every minute, so a run whose worker was killed is re-queued within about two
    minutes of a worker coming back.
    """
    now = now or timezone.now()
    seconds = settings.REPORT_STALE_SECONDS if minutes is None else minutes * 60
    requeued, failed = [], []
    for run in ReportRun.objects.filter(status=RunStatus.RUNNING):
        if not is_stale(run, now, seconds):
            continue
        with transaction.atomic():
            locked = ReportRun.objects.select_for_update().filter(pk=run.pk, status=RunStatus.RUNNING).first()
            if locked is None or not is_stale(locked, now, seconds):
                continue
            if locked.attempts < MAX_ATTEMPTS:
                locked.status = RunStatus.QUEUED
                locked.error = _("Lần chạy trước bị gián đoạn (không còn tín hiệu hoạt động quá %(seconds)s giây); "
                                 "đã tự động chạy lại.") % {"seconds": seconds}
                locked.save(update_fields=["status", "error"])
                enqueue(locked)
                requeued.append(run.pk)
            else:
                fail_dead(locked, now, seconds)
                failed.append(run.pk)
    return requeued, failed
