"""A killed worker: a real Celery worker process is killed (SIGKILL) while it compiles a report.

The run carries a heartbeat; when a worker comes back, the run whose heartbeat stopped is re-queued (within
two minutes: at once when the worker is ready, and again once the heartbeat is surely stale) and compiled
again; killed a second time, it is failed with the reason. Needs PostgreSQL and Redis (the worker is
another process: it must see the test's committed rows and the broker), as in CI's second run:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<db> REDIS_URL=redis://127.0.0.1:6379/<n> \\
        .venv/bin/pytest tests/reports/test_worker_killed.py
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from reports.models import ReportRun, RunStatus
from reports.runs import requests

ROOT = Path(__file__).resolve().parents[2]
HEARTBEAT, STALE = 1, 4


def _fresh_connections(app):
    app._pool = None
    app.amqp._producer_pool = None

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (a Redis broker)"),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the worker process needs a shared database"),
]


def _database_url():
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


class Worker:
    def __init__(self, tmp_path, n):
        env = dict(os.environ, DATABASE_URL=_database_url(), DJANGO_SETTINGS_MODULE="config.settings_test",
                   REPORT_HEARTBEAT_SECONDS=str(HEARTBEAT), REPORT_STALE_SECONDS=str(STALE),
                   SLOW_REPORT_SECONDS="60", FIGURE_WARM_UP="false", MEDIA_ROOT=str(tmp_path))
        self.log = open(tmp_path / f"worker{n}.log", "w")
        self.started = time.monotonic()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "tests.reports.slow_worker", "worker", "--pool=solo",
             "-l", "INFO", "--without-gossip", "--without-mingle", "-n", f"killtest{n}@%h"],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)

    def kill(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)  # no warm shutdown: the process is gone, its task with it
            self.proc.wait(10)
        self.log.close()


def _wait(run_id, until, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        run = ReportRun.objects.get(pk=run_id)
        if until(run):
            return run
        time.sleep(0.2)
    raise AssertionError(f"run {run_id} still {run.status} (attempts {run.attempts}) after {seconds} s")


@pytest.mark.django_db(transaction=True)
def test_a_killed_worker_run_is_requeued_then_failed(province_figures, settings, tmp_path):
    from config.celery import app

    old = (app.conf.task_always_eager, app.conf.broker_url)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.update(task_always_eager=False, broker_url=os.environ["REDIS_URL"])
    _fresh_connections(app)
    app.control.purge()
    workers = []
    try:
        run = requests.request_report("progress", {"resolution": province_figures["res"].pk, "period": province_figures["q3"].pk},
                                      province_figures["supervisor"])
        workers.append(Worker(tmp_path, 1))
        _wait(run.pk, lambda r: r.status == RunStatus.RUNNING and r.attempts == 1, 60)
        time.sleep(HEARTBEAT * 2)
        assert ReportRun.objects.get(pk=run.pk).heartbeat_at > ReportRun.objects.get(pk=run.pk).started_at
        workers[-1].kill()  # first death

        second = Worker(tmp_path, 2)
        workers.append(second)
        run = _wait(run.pk, lambda r: r.attempts == 2 and r.status == RunStatus.RUNNING, 120)
        requeued_after = time.monotonic() - second.started
        assert "gián đoạn" in run.error or run.error == ""
        second.kill()  # second death

        third = Worker(tmp_path, 3)
        workers.append(third)
        run = _wait(run.pk, lambda r: r.status == RunStatus.FAILED, 120)
        failed_after = time.monotonic() - third.started
        assert "dừng bất thường" in run.error and "sau 2 lần chạy" in run.error
        assert run.finished_at is not None
        print(f"\nre-queued {requeued_after:.1f} s after the worker came back; failed {failed_after:.1f} s after")
        assert requeued_after < 120 and failed_after < 120
    finally:
        for w in workers:
            w.kill()
        app.conf.task_always_eager, app.conf.broker_url = old
        _fresh_connections(app)
