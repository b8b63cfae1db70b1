"""The periodic jobs of the reports app as django-celery-beat rows (editable in the admin).

- 01:30 daily: compile the reports due after a deadline (reports.tasks.compile_after_deadline)
- 07:30 daily: remind units that have not submitted, during the last 7 days (send_deadline_reminders)
- every 10 minutes: fail or re-queue runs stuck in "running" (detect_stuck_runs)
Existing rows are left alone (an admin may have edited them).
"""

from django.db import migrations

TZ = "Asia/Ho_Chi_Minh"
JOBS = [
    ("Tổng hợp báo cáo sau hạn nộp", "reports.tasks.compile_after_deadline", ("30", "1")),
    ("Nhắc hạn gửi báo cáo", "reports.tasks.send_deadline_reminders", ("30", "7")),
    ("Phát hiện lượt tạo báo cáo bị treo", "reports.tasks.detect_stuck_runs", None),
]


def create(apps, schema_editor):
    Crontab = apps.get_model("django_celery_beat", "CrontabSchedule")
    Interval = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for name, task, cron in JOBS:
        if PeriodicTask.objects.filter(name=name).exists():
            continue
        if cron:
            schedule, _ = Crontab.objects.get_or_create(
                minute=cron[0], hour=cron[1], day_of_week="*", day_of_month="*", month_of_year="*", timezone=TZ
            )
            PeriodicTask.objects.create(name=name, task=task, crontab=schedule, enabled=True)
        else:
            schedule, _ = Interval.objects.get_or_create(every=10, period="minutes")
            PeriodicTask.objects.create(name=name, task=task, interval=schedule, enabled=True)


def remove(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name__in=[j[0] for j in JOBS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_run_scope_reminders_subscriptions"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create, remove)]
