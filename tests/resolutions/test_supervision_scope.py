"""Supervision writes only in the caller's subtree and for resolutions that reach it (units.access).

Two provinces; a district-level supervisor in province P. Every probe of something outside their reach
answers exactly like a probe of something that does not exist (404, same words), and a recommendation of
another unit's visit cannot be taken over by pointing it at one's own visit.
"""

import datetime as dt

import pytest
from django.urls import reverse

from resolutions.models import Supervision, Task, Visit
from tests.api_helpers import client_for
from tests.factories import (
    FindingFactory,
    IndicatorFactory,
    MembershipFactory,
    ResolutionFactory,
    SupervisionFactory,
    TaskFactory,
    UnitFactory,
    UserFactory,
    VisitFactory,
)
from units.models import UnitKind

pytestmark = pytest.mark.django_db

MISSING = 999999


@pytest.fixture
def supervised_units(db):
    p = UnitFactory(code="P", name="Tỉnh P", kind=UnitKind.PROVINCE)
    district = UnitFactory(code="H1", name="Huyện Một", kind=UnitKind.DISTRICT, parent=p)
    office = UnitFactory(code="H1-GD", name="Phòng GDĐT Huyện Một", kind=UnitKind.DISTRICT_OFFICE, parent=district)
    district2 = UnitFactory(code="H2", name="Huyện Hai", kind=UnitKind.DISTRICT, parent=p)
    q = UnitFactory(code="Q", name="Tỉnh Q", kind=UnitKind.PROVINCE)
    q_dept = UnitFactory(code="Q-S", name="Sở Q", kind=UnitKind.DEPARTMENT, parent=q)
    res_p = ResolutionFactory(code="09-NQ/TU", owner_unit=p)
    res_q = ResolutionFactory(code="05-NQ/TU", owner_unit=q)
    sup_user = UserFactory(username="giamsat_huyen")
    MembershipFactory(user=sup_user, unit=district, role="supervisor")
    mine = SupervisionFactory(resolution=res_p)
    my_visit = VisitFactory(supervision=mine, unit=office, date=dt.date(2024, 3, 1))
    other_sup = SupervisionFactory(resolution=res_p)  # province-level: also visits Huyện Hai
    other_visit = VisitFactory(supervision=other_sup, unit=district2, date=dt.date(2024, 3, 2))
    q_sup = SupervisionFactory(resolution=res_q)
    q_visit = VisitFactory(supervision=q_sup, unit=q_dept, date=dt.date(2024, 3, 3))
    other_task = TaskFactory(resolution=None, visit=other_visit, number=1, title="Kiến nghị của Huyện Hai",
                             lead_unit=district2)
    q_finding = FindingFactory(visit=q_visit)
    return {"p": p, "district": district, "office": office, "district2": district2, "q_dept": q_dept,
            "res_p": res_p, "res_q": res_q, "user": sup_user, "mine": mine, "my_visit": my_visit,
            "other_sup": other_sup, "other_visit": other_visit, "q_sup": q_sup, "q_visit": q_visit,
            "other_task": other_task, "q_finding": q_finding}


def test_own_subtree_writes_succeed(supervised_units):
    api = client_for(supervised_units["user"])
    r = api.post("/api/v1/visits/", {"supervision": supervised_units["mine"].pk, "unit": supervised_units["office"].pk, "date": "2024-05-02"},
                 format="json")
    assert r.status_code == 201, r.content
    r = api.post("/api/v1/findings/", {"visit": supervised_units["my_visit"].pk, "kind": "strength", "text": "Tốt"}, format="json")
    assert r.status_code == 201, r.content
    r = api.post("/api/v1/tasks/", {"visit": supervised_units["my_visit"].pk, "number": 1, "title": "Kiến nghị",
                                    "lead_unit": supervised_units["office"].pk}, format="json")
    assert r.status_code == 201, r.content
    assert api.patch(f"/api/v1/supervisions/{supervised_units['mine'].pk}/", {"title": "Giám sát huyện"}, format="json").status_code == 200


@pytest.mark.parametrize("path,body", [
    ("/api/v1/visits/", lambda supervised_units, x: {"supervision": x, "unit": supervised_units["office"].pk, "date": "2024-05-02"}),
    ("/api/v1/visits/", lambda supervised_units, x: {"supervision": supervised_units["mine"].pk, "unit": x, "date": "2024-05-02"}),
    ("/api/v1/findings/", lambda supervised_units, x: {"visit": x, "kind": "strength", "text": "x"}),
    ("/api/v1/tasks/", lambda supervised_units, x: {"visit": x, "number": 9, "title": "x"}),
    ("/api/v1/supervisions/", lambda supervised_units, x: {"decision_ref": "1-QĐ", "title": "x", "chair": "x", "resolution": x}),
])
def test_foreign_and_unknown_references_look_the_same(supervised_units, path, body):
    api = client_for(supervised_units["user"])
    foreign = {"/api/v1/visits/": None, "/api/v1/findings/": supervised_units["q_visit"].pk, "/api/v1/tasks/": supervised_units["other_visit"].pk,
               "/api/v1/supervisions/": supervised_units["res_q"].pk}[path]
    if foreign is None:  # which id of the visit body is probed
        sample = body(supervised_units, 0)
        foreign = supervised_units["q_sup"].pk if sample["supervision"] == 0 else supervised_units["district2"].pk
    unknown, outside = api.post(path, body(supervised_units, MISSING), format="json"), api.post(path, body(supervised_units, foreign), format="json")
    assert unknown.status_code == outside.status_code == 404, (unknown.content, outside.content)
    assert unknown.json() == outside.json()


def test_supervisions_outside_the_subtree_cannot_be_edited_reassigned_or_deleted(supervised_units):
    api = client_for(supervised_units["user"])
    # Visible (their province's resolution) but visiting Huyện Hai: not theirs to change.
    assert api.patch(f"/api/v1/supervisions/{supervised_units['other_sup'].pk}/", {"title": "x"}, format="json").status_code == 403
    assert api.delete(f"/api/v1/supervisions/{supervised_units['other_sup'].pk}/").status_code == 403
    # Re-assigning their own to another province's resolution: that resolution is "not found" to them.
    r = api.patch(f"/api/v1/supervisions/{supervised_units['mine'].pk}/", {"resolution": supervised_units["res_q"].pk}, format="json")
    assert r.status_code == 404
    # Another province's supervision is not even visible.
    assert api.patch(f"/api/v1/supervisions/{supervised_units['q_sup'].pk}/", {"title": "x"}, format="json").status_code == 404
    assert api.delete(f"/api/v1/supervisions/{supervised_units['q_sup'].pk}/").status_code == 404
    assert Supervision.objects.count() == 3
    assert Supervision.objects.get(pk=supervised_units["other_sup"].pk).title != "x"


def test_a_task_cannot_be_taken_over_by_pointing_it_at_ones_own_visit(supervised_units):
    api = client_for(supervised_units["user"])
    task = supervised_units["other_task"]
    r = api.patch(f"/api/v1/tasks/{task.pk}/", {"visit": supervised_units["my_visit"].pk, "title": "Của tôi"}, format="json")
    assert r.status_code in (403, 404)
    task.refresh_from_db()
    assert task.visit_id == supervised_units["other_visit"].pk and task.title == "Kiến nghị của Huyện Hai"
    assert api.delete(f"/api/v1/tasks/{task.pk}/").status_code in (403, 404)
    assert Task.objects.filter(pk=task.pk).exists()
    # A task of the province's resolution, visible to them, is not theirs either.
    plan_task = TaskFactory(resolution=supervised_units["res_p"], visit=None, number=5, title="Nhiệm vụ của tỉnh", lead_unit=supervised_units["p"])
    r = api.patch(f"/api/v1/tasks/{plan_task.pk}/", {"visit": supervised_units["my_visit"].pk, "resolution": None}, format="json")
    assert r.status_code == 403
    plan_task.refresh_from_db()
    assert plan_task.visit_id is None and plan_task.resolution_id == supervised_units["res_p"].pk


def test_visits_and_findings_outside_cannot_be_changed(supervised_units):
    api = client_for(supervised_units["user"])
    assert api.patch(f"/api/v1/visits/{supervised_units['q_visit'].pk}/", {"summary": "x"}, format="json").status_code == 404
    assert api.patch(f"/api/v1/findings/{supervised_units['q_finding'].pk}/", {"text": "x"}, format="json").status_code == 404
    # Moving one's own visit to a unit outside the subtree: that unit is "not found".
    r = api.patch(f"/api/v1/visits/{supervised_units['my_visit'].pk}/", {"unit": supervised_units["district2"].pk}, format="json")
    assert r.status_code == 404
    assert Visit.objects.get(pk=supervised_units["my_visit"].pk).unit_id == supervised_units["office"].pk


def test_a_visit_must_lie_within_the_resolutions_reach(supervised_units):
    """An admin too: a visit of Sở Q in a supervision of Tỉnh P's resolution is refused (400, named)."""
    admin = UserFactory(username="quantri_scope", is_staff=True)
    r = client_for(admin).post("/api/v1/visits/", {"supervision": supervised_units["mine"].pk, "unit": supervised_units["q_dept"].pk,
                                                   "date": "2024-05-02"}, format="json")
    assert r.status_code == 400 and "ngoài phạm vi" in r.json()["unit"][0]


def test_findings_name_indicators_of_the_supervised_resolution(supervised_units):
    api = client_for(supervised_units["user"])
    foreign_ind = IndicatorFactory(resolution=supervised_units["res_q"])
    r = api.post("/api/v1/findings/", {"visit": supervised_units["my_visit"].pk, "kind": "strength", "text": "x",
                                       "indicator": foreign_ind.pk}, format="json")
    assert r.status_code == 404


def test_page_refuses_a_visit_in_a_supervision_of_another_province(client, supervised_units):
    q_supervisor = UserFactory(username="giamsat_q")
    MembershipFactory(user=q_supervisor, unit=supervised_units["q_dept"], role="supervisor")
    client.force_login(q_supervisor)
    # Tỉnh P's supervision is not visible to them: 404, nothing recorded.
    r = client.post(reverse("supervision-detail", args=[supervised_units["mine"].pk]),
                    {"unit": supervised_units["q_dept"].pk, "date": "02/05/2024", "summary": ""})
    assert r.status_code == 404
    assert not Visit.objects.filter(unit=supervised_units["q_dept"], supervision=supervised_units["mine"]).exists()
