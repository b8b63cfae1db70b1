"""Submission workflow: the service (indicators.workflow) and the API over it."""

import pytest

from indicators import workflow
from indicators.models import Submission, SubmissionStatus
from indicators.services import WriteConflict
from tests.api_helpers import client_for
from tests.factories import (
    DataValueFactory,
    IndicatorFactory,
    MembershipFactory,
    PeriodFactory,
    SubmissionFactory,
    UserFactory,
)

URL = "/api/v1/submissions/"


@pytest.fixture
def people_and_period(personas, tree):
    return {**personas, **tree, "period": PeriodFactory(code="2024-Q3")}


def sub(people_and_period, unit="dept_a", status=SubmissionStatus.DRAFT):
    return SubmissionFactory(unit=people_and_period[unit], period=people_and_period["period"], status=status)


# --- the service -----------------------------------------------------------------------

def test_legal_path_submit_return_submit_approve_reopen(people_and_period):
    first = workflow.submit(people_and_period["dept_a"], people_and_period["period"], people_and_period["user_a"])
    assert first.status == SubmissionStatus.SUBMITTED and first.submitted_by == people_and_period["user_a"]
    returned = workflow.return_submission(first, people_and_period["head_a"], "Thiếu minh chứng")
    assert returned.status == SubmissionStatus.RETURNED and returned.return_reason == "Thiếu minh chứng"
    again = workflow.submit(people_and_period["dept_a"], people_and_period["period"], people_and_period["user_a"])
    assert again.status == SubmissionStatus.SUBMITTED and again.return_reason == ""
    approved = workflow.approve(again, people_and_period["head_a"])
    assert approved.status == SubmissionStatus.APPROVED and approved.approved_by == people_and_period["head_a"]
    reopened = workflow.reopen(approved, people_and_period["admin"], "Sửa sai sót số liệu")
    assert reopened.status == SubmissionStatus.DRAFT
    reasons = list(Submission.history.filter(id=reopened.pk).order_by("history_date")
                   .values_list("history_change_reason", flat=True))
    assert "Trả lại: Thiếu minh chứng" in reasons and "Mở lại: Sửa sai sót số liệu" in reasons
    assert "Gửi báo cáo" in reasons and "Duyệt báo cáo" in reasons


@pytest.mark.parametrize(
    ("status", "action"),
    [
        (SubmissionStatus.SUBMITTED, "submit"),
        (SubmissionStatus.APPROVED, "submit"),
        (SubmissionStatus.DRAFT, "approve"),
        (SubmissionStatus.RETURNED, "approve"),
        (SubmissionStatus.APPROVED, "approve"),
        (SubmissionStatus.DRAFT, "return"),
        (SubmissionStatus.APPROVED, "return"),
        (SubmissionStatus.DRAFT, "reopen"),
        (SubmissionStatus.SUBMITTED, "reopen"),
        (SubmissionStatus.RETURNED, "reopen"),
    ],
)
def test_illegal_transitions_raise_conflict(people_and_period, status, action):
    obj = sub(people_and_period, status=status)
    with pytest.raises(WriteConflict):
        if action == "submit":
            workflow.submit(people_and_period["dept_a"], people_and_period["period"], people_and_period["user_a"])
        elif action == "approve":
            workflow.approve(obj, people_and_period["head_a"])
        elif action == "return":
            workflow.return_submission(obj, people_and_period["head_a"], "lý do")
        else:
            workflow.reopen(obj, people_and_period["admin"], "lý do")
    obj.refresh_from_db()
    assert obj.status == status


def test_role_failures_raise_permission_denied(people_and_period):
    with pytest.raises(workflow.WorkflowPermissionDenied):
        workflow.submit(people_and_period["dept_a"], people_and_period["period"], people_and_period["head_a"])
    submitted = sub(people_and_period, status=SubmissionStatus.SUBMITTED)
    with pytest.raises(workflow.WorkflowPermissionDenied):
        workflow.approve(submitted, people_and_period["user_a"])
    with pytest.raises(workflow.WorkflowPermissionDenied):
        workflow.return_submission(submitted, people_and_period["supervisor"], "lý do")
    approved = sub(people_and_period, unit="dept_b", status=SubmissionStatus.APPROVED)
    with pytest.raises(workflow.WorkflowPermissionDenied):
        workflow.reopen(approved, people_and_period["head_a"], "lý do")


def test_blank_reason_is_refused(people_and_period):
    submitted = sub(people_and_period, status=SubmissionStatus.SUBMITTED)
    with pytest.raises(workflow.ReasonRequired):
        workflow.return_submission(submitted, people_and_period["head_a"], "   ")
    approved = sub(people_and_period, unit="dept_b", status=SubmissionStatus.APPROVED)
    with pytest.raises(workflow.ReasonRequired):
        workflow.reopen(approved, people_and_period["admin"], "")


def test_submit_in_locked_period_is_conflict(people_and_period):
    people_and_period["period"].is_locked = True
    people_and_period["period"].save()
    with pytest.raises(WriteConflict):
        workflow.submit(people_and_period["dept_a"], people_and_period["period"], people_and_period["user_a"])


def test_approver_of_parent_approves_child(people_and_period):
    obj = sub(people_and_period, unit="school_a1", status=SubmissionStatus.SUBMITTED)
    assert workflow.approve(obj, people_and_period["head_a"]).status == SubmissionStatus.APPROVED


# --- the API ---------------------------------------------------------------------------------

ROLES = ["entry", "approver", "supervisor", "viewer"]
UNITS = ["dept_a", "school_a1", "dept_b"]


@pytest.mark.parametrize("role", ROLES)
def test_submit_permission_matrix(people_and_period, role):
    user = UserFactory(username=f"u_{role}")
    MembershipFactory(user=user, unit=people_and_period["dept_a"], role=role)
    c = client_for(user)
    for unit in UNITS:
        r = c.post(f"{URL}submit/", {"unit": people_and_period[unit].pk, "period": people_and_period["period"].pk}, format="json")
        expected = 404 if unit == "dept_b" else (200 if role == "entry" else 403)
        assert r.status_code == expected, (role, unit, r.content)
        if expected == 200:
            assert r.json()["status"] == "submitted" and r.json()["submitted_by"] == user.username
    assert Submission.objects.filter(status=SubmissionStatus.SUBMITTED).count() == (2 if role == "entry" else 0)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ["approve", "return"])
def test_approve_and_return_permission_matrix(people_and_period, role, action):
    user = UserFactory(username=f"u_{role}")
    MembershipFactory(user=user, unit=people_and_period["dept_a"], role=role)
    c = client_for(user)
    for unit in UNITS:
        obj = sub(people_and_period, unit=unit, status=SubmissionStatus.SUBMITTED)
        r = c.post(f"{URL}{obj.pk}/{action}/", {"reason": "Số liệu chưa khớp"}, format="json")
        expected = 404 if unit == "dept_b" else (200 if role == "approver" else 403)
        assert r.status_code == expected, (role, unit, r.content)
        obj.refresh_from_db()
        if expected == 200:
            assert obj.status == ("approved" if action == "approve" else "returned")
            assert r.json()["status"] == obj.status
        else:
            assert obj.status == SubmissionStatus.SUBMITTED


def test_list_is_scoped_and_filtered(people_and_period):
    a = sub(people_and_period, status=SubmissionStatus.SUBMITTED)
    a1 = sub(people_and_period, unit="school_a1")
    b = sub(people_and_period, unit="dept_b", status=SubmissionStatus.APPROVED)
    ids = lambda r: {x["id"] for x in r.json()["results"]}  # noqa: E731
    assert ids(client_for(people_and_period["user_a"]).get(URL)) == {a.pk, a1.pk}
    assert ids(client_for(people_and_period["supervisor"]).get(URL)) == {a.pk, a1.pk, b.pk}
    assert ids(client_for(people_and_period["supervisor"]).get(URL, {"status": "approved"})) == {b.pk}
    assert ids(client_for(people_and_period["supervisor"]).get(URL, {"unit": people_and_period["school_a1"].pk, "period": people_and_period["period"].pk})) == {a1.pk}
    item = client_for(people_and_period["user_a"]).get(f"{URL}{a.pk}/").json()
    assert set(item) == {"id", "unit", "period", "status", "submitted_at", "submitted_by", "approved_at",
                         "approved_by", "return_reason"}
    assert client_for(people_and_period["user_b"]).get(f"{URL}{a.pk}/").status_code == 404


def test_illegal_transition_via_api_is_409(people_and_period):
    c = client_for(people_and_period["head_a"])
    draft = sub(people_and_period)
    assert c.post(f"{URL}{draft.pk}/approve/").status_code == 409
    assert c.post(f"{URL}{draft.pk}/return/", {"reason": "x"}, format="json").status_code == 409
    submitted = client_for(people_and_period["user_a"]).post(f"{URL}submit/", {"unit": people_and_period["dept_a"].pk, "period": people_and_period["period"].pk},
                                             format="json")
    assert submitted.status_code == 200
    again = client_for(people_and_period["user_a"]).post(f"{URL}submit/", {"unit": people_and_period["dept_a"].pk, "period": people_and_period["period"].pk},
                                         format="json")
    assert again.status_code == 409 and again.json()["detail"]


def test_return_requires_a_reason(people_and_period):
    obj = sub(people_and_period, status=SubmissionStatus.SUBMITTED)
    r = client_for(people_and_period["head_a"]).post(f"{URL}{obj.pk}/return/", {"reason": " "}, format="json")
    assert r.status_code == 400 and "reason" in r.json()
    r = client_for(people_and_period["head_a"]).post(f"{URL}{obj.pk}/return/", {}, format="json")
    assert r.status_code == 400
    obj.refresh_from_db()
    assert obj.status == SubmissionStatus.SUBMITTED


def test_returned_report_is_editable_again(people_and_period):
    indicator = IndicatorFactory()
    dv = DataValueFactory(unit=people_and_period["dept_a"], indicator=indicator, period=people_and_period["period"])
    entry, head = client_for(people_and_period["user_a"]), client_for(people_and_period["head_a"])
    r = entry.post(f"{URL}submit/", {"unit": people_and_period["dept_a"].pk, "period": people_and_period["period"].pk}, format="json")
    sub_id = r.json()["id"]
    assert entry.patch(f"/api/v1/values/{dv.pk}/", {"numerator": 0, "version": 1}, format="json").status_code == 409
    assert head.post(f"{URL}{sub_id}/return/", {"reason": "Kiểm tra lại"}, format="json").status_code == 200
    assert entry.patch(f"/api/v1/values/{dv.pk}/", {"numerator": 0, "version": 1}, format="json").status_code == 200


def test_reopen_is_admin_only(people_and_period):
    obj = sub(people_and_period, status=SubmissionStatus.APPROVED)
    assert client_for(people_and_period["head_a"]).post(f"{URL}{obj.pk}/reopen/", {"reason": "x"}, format="json").status_code == 403
    r = client_for(people_and_period["admin"]).post(f"{URL}{obj.pk}/reopen/", {"reason": "Sai số liệu"}, format="json")
    assert r.status_code == 200 and r.json()["status"] == "draft"


def test_submit_unknown_period_is_400(people_and_period):
    r = client_for(people_and_period["user_a"]).post(f"{URL}submit/", {"unit": people_and_period["dept_a"].pk, "period": 99999}, format="json")
    assert r.status_code == 400 and "period" in r.json()
