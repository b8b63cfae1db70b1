"""The Celery app of tests/reports/test_worker_killed.py: the real app, whose reports take a while.

`celery -A tests.reports.slow_worker worker` runs the product's tasks unchanged; only the compiling step
first sleeps SLOW_REPORT_SECONDS, so the test can kill the worker while a run is `running`.
"""

import os
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")
django.setup()

from config.celery import app  # noqa: E402,F401 - the app celery -A looks for
from reports.runs import generate  # noqa: E402

_compile = generate._generate_into


def _slow(run):
    time.sleep(float(os.environ.get("SLOW_REPORT_SECONDS", "60")))
    return _compile(run)


generate._generate_into = _slow
