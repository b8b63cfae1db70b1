"""The embedded scheduler of `make run`: without a broker (Celery eager), the beat jobs run in-process.

Production runs `celery beat` with django-celery-beat's database schedule (docker-compose, `make beat`).
The embedded default has no broker and no worker, so `manage.py serve` (what `make run` starts) runs
Celery's own beat service in a thread of the web process, with the same DatabaseScheduler: it reads the
same PeriodicTask rows (editable in the admin) and, tasks being eager, runs each due job right there.
Reminders are sent and reports compiled as in production.
"""

import logging

from django.conf import settings

log = logging.getLogger(__name__)
SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"


def embedded_wanted():
    """In-process only without a broker (tasks eager): with REDIS_URL a real beat process does it."""
    return bool(getattr(settings, "CELERY_TASK_ALWAYS_EAGER", False))


def start_embedded_beat():
    """Start Celery beat in a daemon thread of this process; returns the service (stop() to end it)."""
    from celery.beat import EmbeddedService

    from config.celery import app

    # What `celery beat` does on start: import every app's tasks (autodiscovery), so a due job runs here
    # (eager) instead of being sent to a broker nobody reads.
    app.loader.import_default_modules()
    service = EmbeddedService(app, thread=True, scheduler_cls=SCHEDULER)
    service.daemon = True
    service.start()
    log.info("Lịch chạy định kỳ (celery beat) chạy trong tiến trình web: %s", SCHEDULER)
    return service
