"""The admin moves submissions and period locks only through the workflow services, with their reasons."""

import datetime as dt

import pytest
from django.urls import reverse

from indicators.models import DataValue, Submission, SubmissionStatus
from tests.factories import IndicatorFactory, PeriodFactory, SubmissionFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:indicators_submission_changelist"


@pytest.fixture
def submitted_q3(tree, personas, client, settings):
    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    client.force_login(personas["admin"])
    q3 = PeriodFactory(code="2024-Q3")
    sub = SubmissionFactory(unit=tree["dept_a"], period=q3, status=SubmissionStatus.SUBMITTED,
                            submitted_by=personas["user_a"])
    return {**tree, **personas, "q3": q3, "sub": sub, "client": client}


def act(submitted_q3, action, ids, **extra):
    return submitted_q3["client"].post(reverse(CHANGELIST), {"action": action, "_selected_action": ids, **extra}, follow=True)


def test_status_is_read_only_on_the_change_page(submitted_q3):
    url = reverse("admin:indicators_submission_change", args=[submitted_q3["sub"].pk])
    page = submitted_q3["client"].get(url).content.decode()
    assert 'name="status"' not in page and "Đã gửi" in page
    submitted_q3["client"].post(url, {"status": "approved", "unit": submitted_q3["dept_b"].pk})
    submitted_q3["sub"].refresh_from_db()
    assert (submitted_q3["sub"].status, submitted_q3["sub"].unit) == (SubmissionStatus.SUBMITTED, submitted_q3["dept_a"])


def test_approve_action_calls_the_workflow(submitted_q3):
    page = act(submitted_q3, "approve_reports", [submitted_q3["sub"].pk]).content.decode()
    assert "Đã duyệt 1 báo cáo của đơn vị." in page
    submitted_q3["sub"].refresh_from_db()
    assert (submitted_q3["sub"].status, submitted_q3["sub"].approved_by) == (SubmissionStatus.APPROVED, submitted_q3["admin"])
    assert submitted_q3["sub"].history.first().history_change_reason == "Duyệt báo cáo"
    # A second approval is refused by the workflow with its own message.
    page = act(submitted_q3, "approve_reports", [submitted_q3["sub"].pk]).content.decode()
    assert "Chỉ duyệt được báo cáo đã gửi" in page


def test_return_action_asks_for_a_reason_then_returns(submitted_q3):
    asked = submitted_q3["client"].post(reverse(CHANGELIST), {"action": "return_reports", "_selected_action": [submitted_q3["sub"].pk]})
    assert asked.status_code == 200 and 'name="reason"' in asked.content.decode()
    blank = act(submitted_q3, "return_reports", [submitted_q3["sub"].pk], apply="1", reason="   ")
    assert "Cần nêu lý do." in blank.content.decode()
    submitted_q3["sub"].refresh_from_db()
    assert submitted_q3["sub"].status == SubmissionStatus.SUBMITTED
    page = act(submitted_q3, "return_reports", [submitted_q3["sub"].pk], apply="1", reason="Mẫu số chưa khớp").content.decode()
    assert "Đã trả lại 1 báo cáo của đơn vị." in page
    submitted_q3["sub"].refresh_from_db()
    assert (submitted_q3["sub"].status, submitted_q3["sub"].return_reason) == (SubmissionStatus.RETURNED, "Mẫu số chưa khớp")
    assert submitted_q3["sub"].history.first().history_change_reason == "Trả lại: Mẫu số chưa khớp"


def test_reopen_action_needs_a_reason_and_an_approved_report(submitted_q3):
    page = act(submitted_q3, "reopen_reports", [submitted_q3["sub"].pk], apply="1", reason="Sửa số liệu").content.decode()
    assert "Chỉ mở lại được báo cáo đã duyệt" in page
    submitted_q3["sub"].status = SubmissionStatus.APPROVED
    submitted_q3["sub"].save()
    act(submitted_q3, "reopen_reports", [submitted_q3["sub"].pk], apply="1", reason="Sở đề nghị sửa số liệu")
    submitted_q3["sub"].refresh_from_db()
    assert submitted_q3["sub"].status == SubmissionStatus.DRAFT
    assert submitted_q3["sub"].history.first().history_change_reason == "Mở lại: Sở đề nghị sửa số liệu"


def test_submit_action_refuses_a_dissolved_unit_for_a_later_period(submitted_q3):
    q4 = PeriodFactory(code="2026-Q4")
    draft = SubmissionFactory(unit=submitted_q3["school_a1"], period=q4, status=SubmissionStatus.DRAFT)
    submitted_q3["school_a1"].valid_to = dt.date(2025, 6, 30)
    submitted_q3["school_a1"].save()
    page = act(submitted_q3, "submit_reports", [draft.pk]).content.decode()
    assert "chỉ hoạt động đến ngày 30/06/2025" in page
    draft.refresh_from_db()
    assert draft.status == SubmissionStatus.DRAFT


def test_history_revert_of_a_submission_or_a_lock_is_refused(submitted_q3):
    version = submitted_q3["sub"].history.first()
    url = reverse("admin:indicators_submission_simple_history", args=[submitted_q3["sub"].pk, version.history_id])
    assert submitted_q3["client"].post(url, {}).status_code == 403
    period = submitted_q3["q3"]
    url = reverse("admin:indicators_period_simple_history", args=[period.pk, period.history.first().history_id])
    assert submitted_q3["client"].post(url, {}).status_code == 403


def test_submission_cannot_be_deleted_around_the_workflow(submitted_q3):
    url = reverse("admin:indicators_submission_delete", args=[submitted_q3["sub"].pk])
    assert submitted_q3["client"].post(url, {"post": "yes"}).status_code == 403
    assert Submission.objects.filter(pk=submitted_q3["sub"].pk).exists()


def test_period_lock_is_read_only_on_the_change_page(submitted_q3):
    url = reverse("admin:indicators_period_change", args=[submitted_q3["q3"].pk])
    assert 'name="is_locked"' not in submitted_q3["client"].get(url).content.decode()


def test_admin_value_of_a_dissolved_unit_for_a_later_period_is_refused(submitted_q3):
    q4 = PeriodFactory(code="2026-Q4")
    indicator = IndicatorFactory()
    submitted_q3["dept_a"].valid_to = dt.date(2025, 6, 30)
    submitted_q3["dept_a"].save()
    response = submitted_q3["client"].post(reverse("admin:indicators_datavalue_add"), {
        "unit": submitted_q3["dept_a"].pk, "indicator": indicator.pk, "period": q4.pk, "numerator": "2", "denominator": "9",
        "note": "", "evidence-TOTAL_FORMS": 0, "evidence-INITIAL_FORMS": 0,
    })
    assert response.status_code == 200
    assert "chỉ hoạt động đến ngày 30/06/2025" in response.content.decode()
    assert not DataValue.objects.exists()
