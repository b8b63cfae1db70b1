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
def s(personas, tree):
    return {**personas, **tree, "period": PeriodFactory(code="2024-Q3")}


def sub(s, unit="dept_a", status=SubmissionStatus.DRAFT):
    return SubmissionFactory(unit=s[unit], period=s["period"], status=status)


# --- the service -----------------------------------------------------------------------

def test_legal_path_submit_return_submit_approve_reopen(s):
    first = workflow.submit(s["dept_a"], s["period"], s["user_a"])
    assert first.status == SubmissionStatus.SUBMITTED and first.submitted_by == s["user_a"]
    returned = workflow.return_submission(first, s["head_a"], "Thiếu minh chứng")
    assert returned.status == SubmissionStatus.RETURNED and returned.return_reason == "Thiếu minh chứng"
    again = workflow.submit(s["dept_a"], s["period"], s["user_a"])
    assert again.status == SubmissionStatus.SUBMITTED and again.return_reason == ""
    approved = workflow.approve(again, s["head_a"])
    assert approved.status == SubmissionStatus.APPROVED and approved.approved_by == s["head_a"]
    reopened = workflow.reopen(approved, s["admin"], "Sửa sai sót số liệu")
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
def test_illegal_transitions_raise_conflict(s, status, action):
    obj = sub(s, status=status)
    with pytest.raises(WriteConflict):
        if action == "submit":
            workflow.submit(s["dept_a"], s["period"], s["user_a"])
        elif action == "approve":
            workflow.approve(obj, s["head_a"])
        elif action == "return":
            workflow.return_submission(obj, s["head_a"], "lý do")
        else:
            workflow.reopen(obj, s["admin"], "lý do")
    obj.refresh_from_db()
    assert obj.status == status


def test_role_failures_raise_permission_denied(s):
    with pytest.raises(workflow.WorkflowPermissionDenied):
        workflow.submit(s["dept_a"], s["period"], s["head_a"])
    submitted = sub(s, status=SubmissionStatus.SUBMITTED)
    with pytest.raises(workflow.WorkflowPermissionDenied):
        workflow.approve(submitted, s["user_a"])
    with pytest.raises(workflow.WorkflowPermissionDenied):
        workflow.return_submission(submitted, s["supervisor"], "lý do")
    approved = sub(s, unit="dept_b", status=SubmissionStatus.APPROVED)
    with pytest.raises(workflow.WorkflowPermissionDenied):
        workflow.reopen(approved, s["head_a"], "lý do")


def test_blank_reason_is_refused(s):
    submitted = sub(s, status=SubmissionStatus.SUBMITTED)
    with pytest.raises(workflow.ReasonRequired):
        workflow.return_submission(submitted, s["head_a"], "   ")
    approved = sub(s, unit="dept_b", status=SubmissionStatus.APPROVED)
    with pytest.raises(workflow.ReasonRequired):
        workflow.reopen(approved, s["admin"], "")


def test_submit_in_locked_period_is_conflict(s):
    s["period"].is_locked = True
    s["period"].save()
    with pytest.raises(WriteConflict):
        workflow.submit(s["dept_a"], s["period"], s["user_a"])


def test_approver_of_parent_approves_child(s):
    obj = sub(s, unit="school_a1", status=SubmissionStatus.SUBMITTED)
    assert workflow.approve(obj, s["head_a"]).status == SubmissionStatus.APPROVED


# --- the API ---------------------------------------------------------------------------------

ROLES = ["entry", "approver", "supervisor", "viewer"]
UNITS = ["dept_a", "school_a1", "dept_b"]


@pytest.mark.parametrize("role", ROLES)
def test_submit_permission_matrix(s, role):
    user = UserFactory(username=f"u_{role}")
    MembershipFactory(user=user, unit=s["dept_a"], role=role)
    c = client_for(user)
    for unit in UNITS:
        r = c.post(f"{URL}submit/", {"unit": s[unit].pk, "period": s["period"].pk}, format="json")
        expected = 404 if unit == "dept_b" else (200 if role == "entry" else 403)
        assert r.status_code == expected, (role, unit, r.content)
        if expected == 200:
            assert r.json()["status"] == "submitted" and r.json()["submitted_by"] == user.username
    assert Submission.objects.filter(status=SubmissionStatus.SUBMITTED).count() == (2 if role == "entry" else 0)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ["approve", "return"])
def test_approve_and_return_permission_matrix(s, role, action):
    user = UserFactory(username=f"u_{role}")
    MembershipFactory(user=user, unit=s["dept_a"], role=role)
    c = client_for(user)
    for unit in UNITS:
        obj = sub(s, unit=unit, status=SubmissionStatus.SUBMITTED)
        r = c.post(f"{URL}{obj.pk}/{action}/", {"reason": "Số liệu chưa khớp"}, format="json")
        expected = 404 if unit == "dept_b" else (200 if role == "approver" else 403)
        assert r.status_code == expected, (role, unit, r.content)
        obj.refresh_from_db()
        if expected == 200:
            assert obj.status == ("approved" if action == "approve" else "returned")
            assert r.json()["status"] == obj.status
        else:
            assert obj.status == SubmissionStatus.SUBMITTED


def test_list_is_scoped_and_filtered(s):
    a = sub(s, status=SubmissionStatus.SUBMITTED)
    a1 = sub(s, unit="school_a1")
    b = sub(s, unit="dept_b", status=SubmissionStatus.APPROVED)
    ids = lambda r: {x["id"] for x in r.json()["results"]}  # noqa: E731
    assert ids(client_for(s["user_a"]).get(URL)) == {a.pk, a1.pk}
    assert ids(client_for(s["supervisor"]).get(URL)) == {a.pk, a1.pk, b.pk}
    assert ids(client_for(s["supervisor"]).get(URL, {"status": "approved"})) == {b.pk}
    assert ids(client_for(s["supervisor"]).get(URL, {"unit": s["school_a1"].pk, "period": s["period"].pk})) == {a1.pk}
    item = client_for(s["user_a"]).get(f"{URL}{a.pk}/").json()
    assert set(item) == {"id", "unit", "period", "status", "submitted_at", "submitted_by", "approved_at",
                         "approved_by", "return_reason"}
    assert client_for(s["user_b"]).get(f"{URL}{a.pk}/").status_code == 404


def test_illegal_transition_via_api_is_409(s):
    c = client_for(s["head_a"])
    draft = sub(s)
    assert c.post(f"{URL}{draft.pk}/approve/").status_code == 409
    assert c.post(f"{URL}{draft.pk}/return/", {"reason": "x"}, format="json").status_code == 409
    submitted = client_for(s["user_a"]).post(f"{URL}submit/", {"unit": s["dept_a"].pk, "period": s["period"].pk},
                                             format="json")
    assert submitted.status_code == 200
    again = client_for(s["user_a"]).post(f"{URL}submit/", {"unit": s["dept_a"].pk, "period": s["period"].pk},
                                         format="json")
    assert again.status_code == 409 and again.json()["detail"]


def test_return_requires_a_reason(s):
    obj = sub(s, status=SubmissionStatus.SUBMITTED)
    r = client_for(s["head_a"]).post(f"{URL}{obj.pk}/return/", {"reason": " "}, format="json")
    assert r.status_code == 400 and "reason" in r.json()
    r = client_for(s["head_a"]).post(f"{URL}{obj.pk}/return/", {}, format="json")
    assert r.status_code == 400
    obj.refresh_from_db()
    assert obj.status == SubmissionStatus.SUBMITTED


def test_returned_report_is_editable_again(s):
    indicator = IndicatorFactory()
    dv = DataValueFactory(unit=s["dept_a"], indicator=indicator, period=s["period"])
    entry, head = client_for(s["user_a"]), client_for(s["head_a"])
    r = entry.post(f"{URL}submit/", {"unit": s["dept_a"].pk, "period": s["period"].pk}, format="json")
    sub_id = r.json()["id"]
    assert entry.patch(f"/api/v1/values/{dv.pk}/", {"numerator": 0, "version": 1}, format="json").status_code == 409
    assert head.post(f"{URL}{sub_id}/return/", {"reason": "Kiểm tra lại"}, format="json").status_code == 200
    assert entry.patch(f"/api/v1/values/{dv.pk}/", {"numerator": 0, "version": 1}, format="json").status_code == 200


def test_reopen_is_admin_only(s):
    obj = sub(s, status=SubmissionStatus.APPROVED)
    assert client_for(s["head_a"]).post(f"{URL}{obj.pk}/reopen/", {"reason": "x"}, format="json").status_code == 403
    r = client_for(s["admin"]).post(f"{URL}{obj.pk}/reopen/", {"reason": "Sai số liệu"}, format="json")
    assert r.status_code == 200 and r.json()["status"] == "draft"


def test_submit_unknown_period_is_400(s):
    r = client_for(s["user_a"]).post(f"{URL}submit/", {"unit": s["dept_a"].pk, "period": 99999}, format="json")
    assert r.status_code == 400 and "period" in r.json()
