"""`make run` runs the beat schedule in-process when there is no broker (reports.runs.schedule)."""

import datetime as dt
import time

import pytest
from django.utils import timezone
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from reports.models import ReportKind, ReportRun, RunStatus
from reports.runs.schedule import start_embedded_beat

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_embedded_scheduler_fires_the_database_schedule(eager_celery):
    # A run whose worker died long ago: the beat job "detect_stuck_runs" fails it (its second attempt).
    run = ReportRun.objects.create(kind=ReportKind.COMPLETENESS, status=RunStatus.RUNNING, attempts=2,
                                   started_at=timezone.now() - dt.timedelta(hours=2))
    every_second, _ = IntervalSchedule.objects.get_or_create(every=1, period=IntervalSchedule.SECONDS)
    # The row the migration creates (a transactional test may run after a flush: made again if missing).
    PeriodicTask.objects.update_or_create(name="Phát hiện lượt tạo báo cáo bị treo", defaults={
        "task": "reports.tasks.detect_stuck_runs", "interval": every_second, "crontab": None, "enabled": True})
    service = start_embedded_beat()
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            run.refresh_from_db()
            if run.status == RunStatus.FAILED:
                break
            time.sleep(0.3)
    finally:
        service.stop()
    assert run.status == RunStatus.FAILED and "bị dừng bất thường" in run.error
