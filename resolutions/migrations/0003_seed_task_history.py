"""Every task gets a first history record: a task report for an earlier period reads statuses from history.

Tasks written without signals (bulk inserts) have none; their current state,
dated when they were last updated, becomes their first record.
"""

from django.db import migrations

COPIED = ("id", "resolution_id", "visit_id", "pillar_id", "group", "number", "title", "lead_unit_id", "deadline",
          "status", "progress_note", "is_illustrative", "illustrative_note", "updated_at", "updated_by_id")


def seed(apps, schema_editor):
    Task = apps.get_model("resolutions", "Task")
    HistoricalTask = apps.get_model("resolutions", "HistoricalTask")
    recorded = set(HistoricalTask.objects.values_list("id", flat=True).distinct())
    rows = [
        HistoricalTask(**{f: getattr(t, f) for f in COPIED}, history_date=t.updated_at, history_type="+",
                       history_change_reason="Ghi nhận tình trạng hiện có")
        for t in Task.objects.exclude(pk__in=recorded).iterator()
    ]
    HistoricalTask.objects.bulk_create(rows, batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ("resolutions", "0002_task_illustrative"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
