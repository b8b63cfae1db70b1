""""Chờ duyệt": every report waiting for an approver, its warnings, bulk approve, return from the list."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from indicators import workflow
from indicators.models import SubmissionStatus
from tests.factories import (
    DataValueFactory,
    IndicatorFactory,
    MembershipFactory,
    PeriodFactory,
    ResolutionFactory,
    SubmissionFactory,
    UnitFactory,
    UserFactory,
)
from units.models import UnitKind

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _eager(eager_celery):
    """E-mails are sent by a task enqueued on commit: run it in-process, even when REDIS_URL is set."""


@pytest.fixture
def approval_queue(tree, personas):
    res = ResolutionFactory(code="09-NQ/TU", owner_unit=tree["province"])
    ind = IndicatorFactory(resolution=res, code="DVCTT", applies_to=[UnitKind.SCHOOL, UnitKind.DEPARTMENT])
    q2, q3 = PeriodFactory(code="2024-Q2"), PeriodFactory(code="2024-Q3")
    # head_a approves Sở A's subtree; a second membership on Sở B (another root) for the queue across both
    MembershipFactory(user=personas["head_a"], unit=tree["dept_b"], role="approver")
    subs = {
        "a1_q3": SubmissionFactory(unit=tree["school_a1"], period=q3),
        "a2_q2": SubmissionFactory(unit=tree["school_a2"], period=q2),
        "b_q3": SubmissionFactory(unit=tree["dept_b"], period=q3),
        "a_q3_draft": SubmissionFactory(unit=tree["dept_a"], period=q3, status=SubmissionStatus.DRAFT),
    }
    other = UnitFactory(kind=UnitKind.PROVINCE, name="Tỉnh Khác")
    SubmissionFactory(unit=UnitFactory(parent=other, name="Trường Tỉnh Khác"), period=q3)
    for s in subs.values():
        DataValueFactory(unit=s.unit, indicator=ind, period=s.period, numerator=5, denominator=10)
    return {"ind": ind, "q2": q2, "q3": q3, **subs, **tree, **personas}


def test_the_queue_covers_every_approver_membership_oldest_deadline_first(approval_queue):
    waiting = workflow.waiting_for_approval(approval_queue["head_a"])
    assert [s.pk for s in waiting] == [approval_queue["a2_q2"].pk, approval_queue["b_q3"].pk, approval_queue["a1_q3"].pk]  # Q2 first, then by name
    # the one-unit form is the same rule, narrowed to a subtree
    assert [s.pk for s in workflow.waiting_for_approval(approval_queue["head_a"], approval_queue["dept_a"])] == [approval_queue["a2_q2"].pk, approval_queue["a1_q3"].pk]
    assert workflow.waiting_for_approval(approval_queue["user_a"]) == []  # entry staff approve nothing


def test_a_membership_ended_before_the_period_does_not_count(approval_queue):
    m = approval_queue["head_a"].memberships.get(unit=approval_queue["dept_b"])
    m.valid_to = dt.date(2024, 6, 30)  # ended before Q3's last day (14/09/2024)
    m.save()
    assert approval_queue["b_q3"].pk not in [s.pk for s in workflow.waiting_for_approval(approval_queue["head_a"])]


def test_the_menu_counts_what_waits_and_moves_when_a_report_is_approved(client, approval_queue):
    client.force_login(approval_queue["head_a"])
    page = client.get(reverse("home")).content.decode()
    assert 'Chờ duyệt <span class="count">3</span>' in page
    workflow.approve(approval_queue["a1_q3"], approval_queue["head_a"])
    assert 'Chờ duyệt <span class="count">2</span>' in client.get(reverse("home")).content.decode()
    client.force_login(approval_queue["user_a"])
    assert "Chờ duyệt" not in client.get(reverse("home")).content.decode()


def test_the_queue_page_shows_warnings_and_bulk_approves_only_clean_reports(client, approval_queue):
    # a jump of 80 points from Q2 to Q3 for school_a2 would flag; here school_a1 jumps from 5/100 in Q2
    SubmissionFactory(unit=approval_queue["school_a1"], period=approval_queue["q2"], status=SubmissionStatus.APPROVED)
    DataValueFactory(unit=approval_queue["school_a1"], indicator=approval_queue["ind"], period=approval_queue["q2"], numerator=5, denominator=100)
    client.force_login(approval_queue["head_a"])
    page = client.get(reverse("approval-queue")).content.decode()
    assert "Báo cáo chờ duyệt (3)" in page
    assert "Tỷ lệ tăng 45,00 điểm % so với kỳ trước" in page
    assert f'value="{approval_queue["a1_q3"].pk}"' not in page  # a flagged report has no checkbox
    # the server judges the warnings again: a flagged report in the batch stops the whole batch
    response = client.post(reverse("approve-many"), {"sub": [approval_queue["a2_q2"].pk, approval_queue["a1_q3"].pk]}, follow=True)
    assert "Chưa duyệt báo cáo nào" in response.content.decode()
    assert approval_queue["a2_q2"].__class__.objects.get(pk=approval_queue["a2_q2"].pk).status == SubmissionStatus.SUBMITTED
    response = client.post(reverse("approve-many"), {"sub": [approval_queue["a2_q2"].pk, approval_queue["b_q3"].pk]}, follow=True)
    assert "Đã duyệt 2 báo cáo." in response.content.decode()
    assert approval_queue["b_q3"].__class__.objects.get(pk=approval_queue["b_q3"].pk).status == SubmissionStatus.APPROVED


def test_bulk_approve_refuses_a_report_out_of_scope(client, approval_queue):
    stranger = UserFactory(username="lanhdao_b")
    MembershipFactory(user=stranger, unit=approval_queue["dept_b"], role="approver")
    client.force_login(stranger)
    response = client.post(reverse("approve-many"), {"sub": [approval_queue["a1_q3"].pk]}, follow=True)
    assert "không có quyền duyệt" in response.content.decode()
    assert approval_queue["a1_q3"].__class__.objects.get(pk=approval_queue["a1_q3"].pk).status == SubmissionStatus.SUBMITTED


def test_return_from_the_queue_reaches_the_unit_by_mail_and_bell(client, approval_queue, django_capture_on_commit_callbacks):
    clerk = UserFactory(username="nhaplieu_truong1", email="truong1@example.vn")
    MembershipFactory(user=clerk, unit=approval_queue["school_a1"], role="entry")
    client.force_login(approval_queue["head_a"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("submission-action", args=["2024-Q3", approval_queue["school_a1"].pk, "tra-lai"]),
                               {"reason": "Thiếu minh chứng cho số liệu; đề nghị bổ sung.",
                                "next": reverse("approval-queue")})
    assert response.url == reverse("approval-queue")
    assert [m.to for m in mail.outbox] == [["truong1@example.vn"]]
    assert "bị trả lại" in mail.outbox[0].subject and "Thiếu minh chứng" in mail.outbox[0].body
    note = clerk.notifications.get()
    assert note.kind == "returned" and "Thiếu minh chứng" in note.body and note.read_at is None
    client.force_login(clerk)
    assert '<span class="bell-count">1</span>' in client.get(reverse("home")).content.decode()


def test_an_approver_with_nothing_to_enter_is_sent_to_the_queue_from_the_periods_page(approval_queue, client):
    head = UserFactory(username="lanhdao_tinh")
    MembershipFactory(user=head, unit=approval_queue["province"], role="approver")  # no indicator applies to a province
    client.force_login(head)
    page = client.get(reverse("periods")).content.decode()
    assert "Chưa có kỳ báo cáo nào đang mở cho đơn vị này." in page
    assert "Có 3 báo cáo của đơn vị cấp dưới đang chờ bạn duyệt" in page
    assert f'href="{reverse("approval-queue")}"' in page
