"""Every 4 minutes: recompute the province-wide figures into the cache (reports.tasks.warm_figure_cache).

Four minutes, under the 5 minutes the peers' statistics of the entry forms are
kept (indicators.quality.PEER_SECONDS), so a form never waits for them. The job
costs a fraction of a second when nothing changed (it reads cached entries).
An existing row is left alone (an admin may have edited it).
"""

from django.db import migrations

NAME = "Tính sẵn số liệu tổng hợp toàn tỉnh"
TASK = "reports.tasks.warm_figure_cache"


def create(apps, schema_editor):
    Interval = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    if PeriodicTask.objects.filter(name=NAME).exists():
        return
    schedule, _ = Interval.objects.get_or_create(every=4, period="minutes")
    PeriodicTask.objects.create(name=NAME, task=TASK, interval=schedule, enabled=True)


def remove(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0003_beat_schedule")]

    operations = [migrations.RunPython(create, remove)]
