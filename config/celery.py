"""The Celery app.

With REDIS_URL set, tasks go to Redis and a real worker runs them
(`celery -A config worker`, `celery -A config beat`). Without it, settings
switch CELERY_TASK_ALWAYS_EAGER on and tasks run in-process: the embedded
default of `make run`.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("config")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
