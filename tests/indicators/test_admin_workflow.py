"""The admin moves submissions and period locks only through the workflow services, with their reasons."""

import datetime as dt

import pytest
from django.urls import reverse

from indicators.models import DataValue, Submission, SubmissionStatus
from tests.factories import IndicatorFactory, PeriodFactory, SubmissionFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:indicators_submission_changelist"


@pytest.fixture
def s(tree, personas, client, settings):
    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    client.force_login(personas["admin"])
    q3 = PeriodFactory(code="2024-Q3")
    sub = SubmissionFactory(unit=tree["dept_a"], period=q3, status=SubmissionStatus.SUBMITTED,
                            submitted_by=personas["user_a"])
    return {**tree, **personas, "q3": q3, "sub": sub, "client": client}


def act(s, action, ids, **extra):
    return s["client"].post(reverse(CHANGELIST), {"action": action, "_selected_action": ids, **extra}, follow=True)


def test_status_is_read_only_on_the_change_page(s):
    url = reverse("admin:indicators_submission_change", args=[s["sub"].pk])
    page = s["client"].get(url).content.decode()
    assert 'name="status"' not in page and "Đã gửi" in page
    s["client"].post(url, {"status": "approved", "unit": s["dept_b"].pk})
    s["sub"].refresh_from_db()
    assert (s["sub"].status, s["sub"].unit) == (SubmissionStatus.SUBMITTED, s["dept_a"])


def test_approve_action_calls_the_workflow(s):
    page = act(s, "approve_reports", [s["sub"].pk]).content.decode()
    assert "Đã duyệt 1 báo cáo của đơn vị." in page
    s["sub"].refresh_from_db()
    assert (s["sub"].status, s["sub"].approved_by) == (SubmissionStatus.APPROVED, s["admin"])
    assert s["sub"].history.first().history_change_reason == "Duyệt báo cáo"
    # A second approval is refused by the workflow with its own message.
    page = act(s, "approve_reports", [s["sub"].pk]).content.decode()
    assert "Chỉ duyệt được báo cáo đã gửi" in page


def test_return_action_asks_for_a_reason_then_returns(s):
    asked = s["client"].post(reverse(CHANGELIST), {"action": "return_reports", "_selected_action": [s["sub"].pk]})
    assert asked.status_code == 200 and 'name="reason"' in asked.content.decode()
    blank = act(s, "return_reports", [s["sub"].pk], apply="1", reason="   ")
    assert "Cần nêu lý do." in blank.content.decode()
    s["sub"].refresh_from_db()
    assert s["sub"].status == SubmissionStatus.SUBMITTED
    page = act(s, "return_reports", [s["sub"].pk], apply="1", reason="Mẫu số chưa khớp").content.decode()
    assert "Đã trả lại 1 báo cáo của đơn vị." in page
    s["sub"].refresh_from_db()
    assert (s["sub"].status, s["sub"].return_reason) == (SubmissionStatus.RETURNED, "Mẫu số chưa khớp")
    assert s["sub"].history.first().history_change_reason == "Trả lại: Mẫu số chưa khớp"


def test_reopen_action_needs_a_reason_and_an_approved_report(s):
    page = act(s, "reopen_reports", [s["sub"].pk], apply="1", reason="Sửa số liệu").content.decode()
    assert "Chỉ mở lại được báo cáo đã duyệt" in page
    s["sub"].status = SubmissionStatus.APPROVED
    s["sub"].save()
    act(s, "reopen_reports", [s["sub"].pk], apply="1", reason="Sở đề nghị sửa số liệu")
    s["sub"].refresh_from_db()
    assert s["sub"].status == SubmissionStatus.DRAFT
    assert s["sub"].history.first().history_change_reason == "Mở lại: Sở đề nghị sửa số liệu"


def test_submit_action_refuses_a_dissolved_unit_for_a_later_period(s):
    q4 = PeriodFactory(code="2026-Q4")
    draft = SubmissionFactory(unit=s["school_a1"], period=q4, status=SubmissionStatus.DRAFT)
    s["school_a1"].valid_to = dt.date(2025, 6, 30)
    s["school_a1"].save()
    page = act(s, "submit_reports", [draft.pk]).content.decode()
    assert "chỉ hoạt động đến ngày 30/06/2025" in page
    draft.refresh_from_db()
    assert draft.status == SubmissionStatus.DRAFT


def test_history_revert_of_a_submission_or_a_lock_is_refused(s):
    version = s["sub"].history.first()
    url = reverse("admin:indicators_submission_simple_history", args=[s["sub"].pk, version.history_id])
    assert s["client"].post(url, {}).status_code == 403
    period = s["q3"]
    url = reverse("admin:indicators_period_simple_history", args=[period.pk, period.history.first().history_id])
    assert s["client"].post(url, {}).status_code == 403


def test_submission_cannot_be_deleted_around_the_workflow(s):
    url = reverse("admin:indicators_submission_delete", args=[s["sub"].pk])
    assert s["client"].post(url, {"post": "yes"}).status_code == 403
    assert Submission.objects.filter(pk=s["sub"].pk).exists()


def test_period_lock_is_read_only_on_the_change_page(s):
    url = reverse("admin:indicators_period_change", args=[s["q3"].pk])
    assert 'name="is_locked"' not in s["client"].get(url).content.decode()


def test_admin_value_of_a_dissolved_unit_for_a_later_period_is_refused(s):
    q4 = PeriodFactory(code="2026-Q4")
    indicator = IndicatorFactory()
    s["dept_a"].valid_to = dt.date(2025, 6, 30)
    s["dept_a"].save()
    response = s["client"].post(reverse("admin:indicators_datavalue_add"), {
        "unit": s["dept_a"].pk, "indicator": indicator.pk, "period": q4.pk, "numerator": "2", "denominator": "9",
        "note": "", "evidence-TOTAL_FORMS": 0, "evidence-INITIAL_FORMS": 0,
    })
    assert response.status_code == 200
    assert "chỉ hoạt động đến ngày 30/06/2025" in response.content.decode()
    assert not DataValue.objects.exists()
