"""Handing work to the Celery worker, by the tasks' names.

The tasks (`reports/*/tasks.py`) are thin callers of the services, and the services queue them by name
through `task()` here: a service never imports a tasks module, so no import runs in a circle
(services → tasks → services). `reports.apps` imports every tasks module when Django starts, which
registers them in the web process (eager or not) and in the worker.

The names are fixed, whatever module defines the task: beat's PeriodicTask rows (migrations 0003 and
0004, and rows edited in the admin) and messages already queued carry them.
"""

import logging

from celery import current_app
from django.db import OperationalError, transaction
from django.utils.translation import gettext_lazy as _
from kombu.exceptions import OperationalError as BrokerError

log = logging.getLogger(__name__)

COMPILE_REPORT = "reports.tasks.compile_report"
DETECT_STUCK_RUNS = "reports.tasks.detect_stuck_runs"
COMPILE_AFTER_DEADLINE = "reports.tasks.compile_after_deadline"
SEND_DEADLINE_REMINDERS = "reports.tasks.send_deadline_reminders"
IMPORT_FILE = "reports.tasks.import_file"
SEND_NOTIFICATION_EMAIL = "reports.tasks.send_notification_email"
WARM_FIGURE_CACHE = "reports.tasks.warm_figure_cache"

# What a task retries on (database or connection trouble that passes); anything else fails at once.
TRANSIENT_ERRORS = (OperationalError, ConnectionError)


class QueueUnavailable(Exception):
    """The broker (Redis) did not take the run; the request is answered 503 and no queued run is left."""

    message = _("Hệ thống xếp hàng tạo báo cáo đang không phản hồi; chưa tạo được báo cáo. "
                "Vui lòng thử lại sau ít phút.")

    def __init__(self):
        super().__init__(self.message)


def task(name):
    """The registered Celery task called `name` (one of the names above)."""
    return current_app.tasks[name]


def enqueue_task(name, object_id, on_failure=None):
    """Send task `name`(object_id) to Celery once the surrounding transaction commits (eager: runs in-process).

    No retries: a broker that does not answer fails in ~2 s (CELERY_BROKER_CONNECTION_TIMEOUT) instead of
    hanging the request for Celery's retry policy. Then `on_failure()` cleans up and QueueUnavailable is
    raised from the commit (a request answers 503); without `on_failure` (beat, the worker) it is logged.
    """
    def send():
        try:
            task(name).apply_async(args=[object_id], retry=False)
        except (BrokerError, ConnectionError, OSError):
            log.warning("%s(%s) could not be queued (broker down)", name, object_id, exc_info=True)
            if on_failure is not None:
                on_failure()
                raise QueueUnavailable() from None

    transaction.on_commit(send)
