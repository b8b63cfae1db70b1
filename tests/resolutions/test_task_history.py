"""A task's status as at a period's end, from its history: the tasks report of an earlier period reads the same later."""

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from reports.documents.report_data.tasks_report import tasks_report
from resolutions.models import Task
from resolutions.progress import statuses_on, task_summary
from tests.factories import PeriodFactory, ResolutionFactory, TaskFactory


def _backdate(task, day):
    """Say the task's recorded history so far happened on `day` (as if entered then)."""
    at = timezone.make_aware(dt.datetime.combine(day, dt.time(9)))
    task.history.update(history_date=at)


@pytest.fixture
def plan(tree):
    res = ResolutionFactory(code="1982/QĐ-UBND", kind="decision", owner_unit=tree["province"])
    tasks = []
    for n, status in enumerate(("in_progress", "not_started", "not_started"), start=1):
        t = TaskFactory(resolution=res, group="Phát triển chính quyền số", number=n, status=status,
                        deadline=dt.date(2024, 12, 31))
        _backdate(t, dt.date(2024, 3, 1))
        tasks.append(t)
    general = TaskFactory(resolution=res, group="Nhóm nhiệm vụ chung", number=1, status="in_progress",
                          deadline=dt.date(2024, 3, 31))
    _backdate(general, dt.date(2024, 3, 1))
    # Later in 2024 the first task is done and the second starts.
    tasks[0].status = "done"
    tasks[0].save()
    tasks[1].status = "in_progress"
    tasks[1].save()
    return {"res": res, "tasks": tasks, "general": general, "h1": PeriodFactory(code="2024-H1")}


def test_statuses_as_at_the_end_of_a_day(plan):
    ids = Task.objects.filter(resolution=plan["res"])
    then = statuses_on(ids, dt.date(2024, 6, 14))
    assert [then[t.pk] for t in plan["tasks"]] == ["in_progress", "not_started", "not_started"]
    now = statuses_on(ids, timezone.localdate())
    assert [now[t.pk] for t in plan["tasks"]] == ["done", "in_progress", "not_started"]
    # Before anything was recorded: the first recorded status (what is known; it never changes later).
    assert statuses_on(ids, dt.date(2023, 1, 1))[plan["tasks"][0].pk] == "in_progress"


def test_tasks_report_of_an_earlier_period(plan):
    report = tasks_report(plan["res"], plan["h1"])
    assert report.as_of == plan["h1"].end
    assert [g.phrase for g in report.groups] == ["1/3 nhiệm vụ phát triển chính quyền số", "1/1 nhóm nhiệm vụ chung"]
    lines = {t.stt: t for t in report.lines_of(report.groups[0])}
    assert lines[1].status == "in_progress" and lines[1].status_label == "Đang triển khai"
    # Overdue is judged on the period's last day: the general task (due 31/03/2024) is, the others not yet.
    assert report.lines_of(report.groups[1])[0].overdue
    assert not any(t.overdue for t in report.lines_of(report.groups[0]))
    assert report.heading.subject == ("Tình hình thực hiện nhiệm vụ Quyết định số 1982/QĐ-UBND về chuyển đổi số, "
                                      "6 tháng đầu năm 2024")
    today = tasks_report(plan["res"], today=dt.date(2026, 12, 6))
    assert [g.phrase for g in today.groups] == ["2/3 nhiệm vụ phát triển chính quyền số", "1/1 nhóm nhiệm vụ chung"]
    # Nothing was saved by reading the past.
    assert Task.objects.get(pk=plan["tasks"][0].pk).status == "done"


def test_summary_from_statuses_equals_the_database_count(plan):
    tasks = Task.objects.filter(resolution=plan["res"])
    today = dt.date(2026, 12, 6)
    current = {t.pk: t.status for t in tasks}
    by_sql = task_summary(tasks, today, by="group")
    by_statuses = task_summary(tasks, today, by="group", statuses=current)
    assert [(g.label, g.total, g.done, g.in_progress, g.not_started, g.overdue) for g in by_sql] == \
        [(g.label, g.total, g.done, g.in_progress, g.not_started, g.overdue) for g in by_statuses]


def test_migration_gives_every_task_a_first_record(plan):
    bulk = Task.objects.bulk_create([Task(resolution=plan["res"], group="Phát triển xã hội số", number=1,
                                          title="Nhập hàng loạt", status="in_progress")])[0]
    assert not bulk.history.exists()
    seed = importlib.import_module("resolutions.migrations.0003_seed_task_history").seed
    seed(apps, None)
    first = bulk.history.get()
    assert first.status == "in_progress" and first.history_type == "+"
    seed(apps, None)  # idempotent
    assert bulk.history.count() == 1


@pytest.mark.django_db
def test_a_save_that_changed_nothing_is_not_an_event_of_the_task():
    from resolutions.progress import task_changes
    from tests.factories import TaskFactory

    task = TaskFactory(status="in_progress", progress_note="Đang triển khai")
    task.save()  # the same form saved twice
    task.status, task.progress_note = "done", "Đã hoàn thành"
    task.save()
    assert [(h.status, h.progress_note) for h in task_changes(task)] == [
        ("done", "Đã hoàn thành"), ("in_progress", "Đang triển khai")]
