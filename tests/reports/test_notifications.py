"""Notifications: preferences, the list, marking read, recommendations, "Nhắc" on the completeness page."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from indicators import workflow
from reports.models import Notification, NotificationPreference, Reminder
from reports.notifications import services as notifications
from tests.factories import (
    IndicatorFactory,
    MembershipFactory,
    PeriodFactory,
    ResolutionFactory,
    SubmissionFactory,
    SupervisionFactory,
    TaskFactory,
    UserFactory,
    VisitFactory,
)
from units.models import UnitKind

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _eager(eager_celery):
    """E-mails are sent by a task enqueued on commit: run it in-process, even when REDIS_URL is set."""


@pytest.fixture
def school_clerk(tree, personas):
    res = ResolutionFactory(code="09-NQ/TU", owner_unit=tree["province"])
    IndicatorFactory(resolution=res, applies_to=[UnitKind.SCHOOL, UnitKind.DEPARTMENT])
    q3 = PeriodFactory(code="2024-Q3")
    clerk = UserFactory(username="nhaplieu_a1", email="a1@example.vn")
    MembershipFactory(user=clerk, unit=tree["school_a1"], role="entry")
    return {"res": res, "q3": q3, "clerk": clerk, **tree, **personas}


def test_each_user_chooses_which_notifications_and_how(client, school_clerk, django_capture_on_commit_callbacks):
    client.force_login(school_clerk["clerk"])
    page = client.get(reverse("notification-settings")).content.decode()
    assert "Báo cáo bị trả lại" in page and "Quá hạn gửi báo cáo" in page
    # e-mail off for "approved", both off for "returned"
    data = {f"app-{k}": "1" for k in ("approved", "deadline", "overdue", "task_assigned", "task_due")}
    data.update({f"mail-{k}": "1" for k in ("deadline", "overdue", "task_assigned", "task_due")})
    client.post(reverse("notification-settings"), data)
    assert NotificationPreference.objects.get(user=school_clerk["clerk"], kind="returned").in_app is False
    sub = SubmissionFactory(unit=school_clerk["school_a1"], period=school_clerk["q3"])
    with django_capture_on_commit_callbacks(execute=True):
        workflow.return_submission(sub, school_clerk["head_a"], "Sai mẫu số")
    assert not Notification.objects.filter(user=school_clerk["clerk"]).exists() and not mail.outbox
    sub.refresh_from_db()
    sub.status = "submitted"
    sub.save()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.approve(sub, school_clerk["head_a"])
    note = Notification.objects.get(user=school_clerk["clerk"])
    assert note.kind == "approved" and note.in_app and not note.by_email and not mail.outbox


def test_the_list_opens_a_notification_and_marks_it_read(client, school_clerk):
    [note] = notifications.notify([school_clerk["clerk"]], "approved", "Báo cáo Quý III/2024 đã được duyệt", "",
                                  reverse("entry", args=["2024-Q3", school_clerk["school_a1"].pk]))
    client.force_login(school_clerk["clerk"])
    page = client.get(reverse("notifications")).content.decode()
    assert "Báo cáo Quý III/2024 đã được duyệt" in page and '<span class="bell-count">1</span>' in page
    response = client.get(reverse("notification-open", args=[note.pk]))
    assert response.url == reverse("entry", args=["2024-Q3", school_clerk["school_a1"].pk])
    note.refresh_from_db()
    assert note.read_at is not None
    assert "bell-count" not in client.get(reverse("notifications")).content.decode()
    # someone else's notification is a 404
    client.force_login(school_clerk["user_b"])
    assert client.get(reverse("notification-open", args=[note.pk])).status_code == 404


def test_the_same_event_is_told_once(school_clerk):
    assert len(notifications.notify([school_clerk["clerk"]], "deadline", "Nhắc", key="remind:d7:1:1")) == 1
    assert notifications.notify([school_clerk["clerk"]], "deadline", "Nhắc", key="remind:d7:1:1") == []


def test_a_recommendation_given_to_a_unit_tells_its_staff(client, school_clerk, django_capture_on_commit_callbacks):
    sup = SupervisionFactory(resolution=school_clerk["res"])
    visit = VisitFactory(supervision=sup, unit=school_clerk["dept_a"], date=dt.date(2023, 9, 12))
    client.force_login(school_clerk["supervisor"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("recommendation-create", args=[visit.pk]), {
            "number": 1, "title": "Nâng tỷ lệ hồ sơ trực tuyến", "lead_unit": school_clerk["dept_a"].pk,
            "deadline": "31/12/2024", "status": "not_started"})
    told = Notification.objects.filter(kind="task_assigned")
    assert {x.user for x in told} == {school_clerk["user_a"], school_clerk["head_a"]}
    assert "Thời hạn: 31/12/2024" in told.first().body
    assert {tuple(m.to) for m in mail.outbox} == {(school_clerk["user_a"].email,), (school_clerk["head_a"].email,)}


def test_recommendations_due_and_overdue_are_announced_once_each(school_clerk):
    task = TaskFactory(resolution=None, visit=VisitFactory(supervision=SupervisionFactory(resolution=school_clerk["res"]),
                                                             unit=school_clerk["dept_a"]),
                       lead_unit=school_clerk["dept_a"], deadline=dt.date(2024, 10, 10))
    assert notifications.remind_due_tasks(dt.date(2024, 9, 1)) == 0  # too early
    assert notifications.remind_due_tasks(dt.date(2024, 10, 5)) == 2  # due: user_a and head_a
    assert notifications.remind_due_tasks(dt.date(2024, 10, 6)) == 0
    assert notifications.remind_due_tasks(dt.date(2024, 10, 11)) == 2  # overdue
    task.status = "done"
    task.save()
    assert notifications.remind_due_tasks(dt.date(2024, 10, 12)) == 0


def test_completeness_page_days_late_and_remind_once_a_day(client, school_clerk, django_capture_on_commit_callbacks):
    SubmissionFactory(unit=school_clerk["school_a2"], period=school_clerk["q3"])  # school_a1 is missing
    client.force_login(school_clerk["head_a"])
    url = reverse("completeness") + f"?period={school_clerk['q3'].code}"
    page = client.get(url).content.decode()
    assert "Số ngày trễ" in page and "Nhắc</button>" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("completeness-remind"),
                               {"unit": school_clerk["school_a1"].pk, "period": school_clerk["q3"].pk, "next": url}, follow=True)
    assert "Đã nhắc Trường THPT Số 1 (1 cán bộ nhập liệu)." in response.content.decode()
    assert [m.to for m in mail.outbox] == [["a1@example.vn"]]
    assert Reminder.objects.get(stage="manual").sent_by == school_clerk["head_a"]
    assert "Đã nhắc lúc" in response.content.decode()
    again = client.post(reverse("completeness-remind"), {"unit": school_clerk["school_a1"].pk, "period": school_clerk["q3"].pk}, follow=True)
    assert "đã được nhắc hôm nay" in again.content.decode() and len(mail.outbox) == 1
    # an entry user may not remind (the role is checked on the server)
    client.force_login(school_clerk["user_a"])
    refused = client.post(reverse("completeness-remind"), {"unit": school_clerk["school_a2"].pk, "period": school_clerk["q3"].pk},
                          follow=True)
    assert "không có quyền nhắc" in refused.content.decode()
