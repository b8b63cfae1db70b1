"""The schedule: which reports are due on a date, reminders, subscriptions, beat rows."""

import datetime as dt

import pytest
from django.core import mail
from django_celery_beat.models import PeriodicTask

from reports.models import Reminder, ReportKind, ReportRun, ReportSubscription, RunStatus
from reports.notifications import reminders
from reports.runs import after_deadline, requests
from tests.factories import MembershipFactory, UserFactory


@pytest.fixture(autouse=True)
def _eager(eager_celery):
    """These tests run tasks in-process, even when REDIS_URL is set (the worker test covers Redis)."""

def test_due_runs_after_deadline(province_figures):
    q3 = province_figures["q3"]  # deadline 20/09/2024
    assert after_deadline.due_runs(q3.deadline) == []  # not passed yet
    due = after_deadline.due_runs(q3.deadline + dt.timedelta(days=1))
    assert {(d.kind, d.params["period"], d.params["unit"]) for d in due} == {
        (ReportKind.PROGRESS, q3.pk, province_figures["province"].pk),
        (ReportKind.COMPLETENESS, q3.pk, province_figures["province"].pk),
    }
    # a missed day is caught up, an old period is not
    assert len(after_deadline.due_runs(q3.deadline + dt.timedelta(days=5))) == 2
    assert after_deadline.due_runs(q3.deadline + dt.timedelta(days=60)) == []


def test_compile_due_never_twice(province_figures, django_capture_on_commit_callbacks):
    day = province_figures["q3"].deadline + dt.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        runs = after_deadline.compile_due(day)
    assert len(runs) == 2
    assert all(r.scheduled for r in ReportRun.objects.all())
    assert set(ReportRun.objects.values_list("status", flat=True)) == {RunStatus.DONE}
    assert after_deadline.compile_due(day) == [] and after_deadline.due_runs(day + dt.timedelta(days=1)) == []
    # even a failed scheduled run is not compiled again by the schedule (retry is manual)
    ReportRun.objects.update(status=RunStatus.FAILED)
    assert after_deadline.due_runs(day) == []


def test_reminders_7_3_1_days_then_overdue_each_once(province_figures, django_capture_on_commit_callbacks):
    q3 = province_figures["q3"]  # deadline 20/09/2024
    clerk = UserFactory(username="nhaplieu_a2", email="a2@example.vn")
    MembershipFactory(user=clerk, unit=province_figures["school_a2"], role="entry")  # school_a2 has not submitted
    viewer = UserFactory(username="xem_a2", email="xem@example.vn")
    MembershipFactory(user=viewer, unit=province_figures["school_a2"], role="viewer")
    assert reminders.reminder_targets(q3.deadline - dt.timedelta(days=8)) == []  # too early
    targets = reminders.reminder_targets(q3.deadline - dt.timedelta(days=7))
    assert [(u, p, stage, users) for u, p, stage, users in targets] == [(province_figures["school_a2"], q3, "d7", [clerk])]

    def run(days_before):
        with django_capture_on_commit_callbacks(execute=True):
            return reminders.send_reminders(q3.deadline - dt.timedelta(days=days_before))

    assert run(7) == 1 and run(6) == 0 and run(5) == 0  # d7 once
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["a2@example.vn"]
    assert "Quý III/2024" in mail.outbox[0].subject and "20/09/2024" in mail.outbox[0].body
    assert "còn 7 ngày" in mail.outbox[0].body
    assert run(3) == 1 and run(2) == 0  # d3
    assert run(1) == 1 and run(0) == 0  # d1 (the deadline day itself is the same stage)
    assert run(-1) == 1 and run(-2) == 0  # overdue, once
    assert "đã quá hạn 1 ngày" in mail.outbox[-1].body and mail.outbox[-1].subject.startswith("Quá hạn")
    assert len(mail.outbox) == 4
    assert sorted(Reminder.objects.filter(unit=province_figures["school_a2"], period=q3).values_list("stage", flat=True)) == [
        "d1", "d3", "d7", "overdue"]
    # in the app too: the clerk's bell, never the viewer's
    assert clerk.notifications.count() == 4 and not viewer.notifications.exists()
    # an old period is not chased for ever
    assert reminders.reminder_targets(q3.deadline + dt.timedelta(days=40)) == []


def test_subscribers_get_scheduled_reports(province_figures, django_capture_on_commit_callbacks):
    province_figures["supervisor"].email = "gs@example.vn"
    province_figures["supervisor"].save()
    ReportSubscription.objects.create(user=province_figures["supervisor"], kind=ReportKind.PROGRESS, unit=province_figures["province"])
    ReportSubscription.objects.create(user=province_figures["user_b"], kind=ReportKind.PROGRESS, unit=province_figures["dept_b"])
    ReportSubscription.objects.create(user=province_figures["admin"], kind=ReportKind.TASKS)
    with django_capture_on_commit_callbacks(execute=True):
        after_deadline.compile_due(province_figures["q3"].deadline + dt.timedelta(days=1))
    assert [m.to for m in mail.outbox] == [["gs@example.vn"]]
    name, content, mimetype = mail.outbox[0].attachments[0]
    assert name == "BaoCao_09-NQ-TU_Quy-III-2024.xlsx" and content[:2] == b"PK"
    assert mimetype.startswith("application/vnd.openxmlformats")


def test_requested_runs_are_not_mailed(province_figures, django_capture_on_commit_callbacks):
    ReportSubscription.objects.create(user=province_figures["admin"], kind=ReportKind.PROGRESS)
    with django_capture_on_commit_callbacks(execute=True):
        requests.request_report("progress", {"resolution": province_figures["res"].pk, "period": province_figures["q3"].pk}, province_figures["admin"])
    assert mail.outbox == []


def test_beat_schedule_rows(db):
    tasks = dict(PeriodicTask.objects.values_list("task", "enabled"))
    assert tasks["reports.tasks.compile_after_deadline"] and tasks["reports.tasks.send_deadline_reminders"]
    assert tasks["reports.tasks.detect_stuck_runs"]
    daily = PeriodicTask.objects.get(task="reports.tasks.send_deadline_reminders")
    assert (daily.crontab.hour, daily.crontab.minute) == ("7", "30")
