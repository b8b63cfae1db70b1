"""Celery tasks of report runs: thin callers of `generate`, `recovery` and `after_deadline` (reports.runs).

They take ids, never objects. `compile_report` is idempotent (a done run is
not regenerated), acknowledged late (a worker that dies mid-run leaves the
message for another worker) and retried with exponential backoff on
transient errors (database or connection). Without REDIS_URL they run
eagerly, in-process (config.settings). Their names are fixed (reports.queue).
"""

from celery import shared_task
from celery.signals import worker_ready
from django.conf import settings
from django.utils import timezone

from reports import queue
from reports.excel import jobs as import_jobs
from reports.notifications import reminders
from reports.notifications import services as notifications

from . import after_deadline, generate, recovery


@shared_task(
    name=queue.COMPILE_REPORT,
    bind=True,
    acks_late=True,
    autoretry_for=queue.TRANSIENT_ERRORS,
    retry_backoff=True,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=4,
)
def compile_report(self, run_id):
    """Compile ReportRun `run_id` (queued → running → done | failed)."""
    # In-process (eager) there is no worker to come back later: the attempt is final and a
    # failure is recorded on the run (the page offers "Chạy lại") instead of breaking the request.
    final = bool(self.request.is_eager) or self.request.retries >= self.max_retries
    run = generate.run_report(run_id, final_attempt=final)
    return run.status if run else None


@shared_task(name=queue.DETECT_STUCK_RUNS, acks_late=True)
def detect_stuck_runs(minutes=None):
    """Runs stuck in `running` (their heartbeat stopped: the worker died): re-queue once, then fail with the reason.
    Large Excel imports a dead worker left are failed too (one beat job for both)."""
    requeued, failed = recovery.mark_stuck_runs(minutes=minutes)
    imports_failed = import_jobs.fail_stuck_imports()
    return {"requeued": requeued, "failed": failed, "imports_failed": imports_failed}


@worker_ready.connect
def recover_runs_of_a_dead_worker(sender=None, **kwargs):
    """A worker (re)starts: recover runs a killed worker left `running`, now and once their heartbeat is
    surely stale (a quick restart comes back before it is)."""
    try:
        recovery.mark_stuck_runs()
        detect_stuck_runs.apply_async(countdown=settings.REPORT_STALE_SECONDS + settings.REPORT_HEARTBEAT_SECONDS)
    except Exception:  # noqa: BLE001 - beat's job tries again every minute
        recovery.log.warning("recovering stuck report runs at worker start failed", exc_info=True)


@shared_task(name=queue.COMPILE_AFTER_DEADLINE, acks_late=True)
def compile_after_deadline():
    """Daily: compile the progress and completeness reports of the periods whose deadline passed."""
    return [r.pk for r in after_deadline.compile_due(timezone.localdate())]


@shared_task(name=queue.SEND_DEADLINE_REMINDERS, acks_late=True)
def send_deadline_reminders():
    """Daily, in the morning: remind units that have not submitted (7, 3, 1 days before a deadline, then
    overdue) and the lead units of recommendations due or overdue."""
    day = timezone.localdate()
    return {"units": reminders.send_reminders(day), "recommendations": notifications.remind_due_tasks(day)}
