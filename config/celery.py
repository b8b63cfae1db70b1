"""The Celery app.

With REDIS_URL set, tasks go to Redis and a real worker runs them
(`celery -A config worker`, `celery -A config beat`). Without it, settings
switch CELERY_TASK_ALWAYS_EAGER on and tasks run in-process: the embedded
default of `make run`.

Every task runs in the site's language (LANGUAGE_CODE, Vietnamese): what a job writes (a notification,
a report run's error, a reorganisation's outcome) is stored and read by everyone, so it must not depend
on whether it ran in the worker or, eagerly, inside the request of someone reading English pages.
"""

import os

from celery import Celery, Task

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


class SiteLanguageTask(Task):
    """A task that runs with the site's language active, then gives the caller its own back."""

    def __call__(self, *args, **kwargs):
        from django.conf import settings
        from django.utils import translation

        with translation.override(settings.LANGUAGE_CODE):
            return super().__call__(*args, **kwargs)


app = Celery("config", task_cls=SiteLanguageTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
