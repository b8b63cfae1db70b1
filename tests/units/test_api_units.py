"""REST API v1: token sign-in and its throttle, units scope, users (admin)."""

import pytest
from django.core.cache import cache
from knox.models import AuthToken

from tests.api_helpers import client_for
from tests.factories import MembershipFactory, UnitFactory, UserFactory
from units.models import Membership, SuccessionKind, UnitKind, UnitSuccession

TOKEN = "/api/v1/auth/token/"


@pytest.fixture(autouse=True)
def _clear_throttles():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def people_and_units(personas, tree):
    return {**personas, **tree}


# --- token (sign-in throttling and token lifetimes: tests/units/test_logins.py) ---------------------------

def test_token_sign_in_and_use(people_and_units):
    r = client_for().post(TOKEN, {"username": "nhaplieu_a", "password": "matkhau-demo-123"}, format="json")
    assert r.status_code == 200, r.content
    token = r.json()["token"]
    assert r.json()["expiry"]  # tokens expire (API_TOKEN_HOURS)
    assert AuthToken.objects.get(user=people_and_units["user_a"]).token_key == token[:15]  # stored hashed, never in clear
    c = client_for()
    c.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert c.get("/api/v1/units/").status_code == 200
    assert client_for().get("/api/v1/units/").status_code == 401


def test_wrong_credentials_are_400_in_vietnamese(people_and_units):
    r = client_for().post(TOKEN, {"username": "nhaplieu_a", "password": "sai"}, format="json")
    assert r.status_code == 400
    assert "không đúng" in r.json()["detail"]
    assert client_for().post(TOKEN, {"username": "nhaplieu_a"}, format="json").status_code == 400


def test_successful_sign_ins_are_not_throttled(people_and_units):
    c = client_for()
    for _ in range(8):
        assert c.post(TOKEN, {"username": "nhaplieu_a", "password": "matkhau-demo-123"}, format="json").status_code == 200


# --- units -----------------------------------------------------------------------------------

def ids(response):
    return {x["id"] for x in response.json()["results"]}


def test_units_list_is_scoped(people_and_units):
    t = people_and_units
    assert ids(client_for(t["user_a"]).get("/api/v1/units/")) == {t["dept_a"].pk, t["school_a1"].pk, t["school_a2"].pk}
    assert ids(client_for(t["user_b"]).get("/api/v1/units/")) == {t["dept_b"].pk}
    assert len(ids(client_for(t["supervisor"]).get("/api/v1/units/"))) == 5
    assert client_for(t["user_b"]).get(f"/api/v1/units/{t['dept_a'].pk}/").status_code == 404
    nobody = UserFactory(username="khong_vai_tro")
    assert client_for(nobody).get("/api/v1/units/").json()["count"] == 0


def test_units_filters_and_fields(people_and_units):
    c = client_for(people_and_units["supervisor"])
    assert ids(c.get("/api/v1/units/", {"within": people_and_units["dept_a"].pk})) == {people_and_units["dept_a"].pk, people_and_units["school_a1"].pk,
                                                                       people_and_units["school_a2"].pk}
    assert ids(c.get("/api/v1/units/", {"kind": "department"})) == {people_and_units["dept_a"].pk, people_and_units["dept_b"].pk}
    assert ids(c.get("/api/v1/units/", {"parent": people_and_units["dept_a"].pk})) == {people_and_units["school_a1"].pk, people_and_units["school_a2"].pk}
    assert ids(c.get("/api/v1/units/", {"code": "A1"})) == {people_and_units["school_a1"].pk}
    item = c.get(f"/api/v1/units/{people_and_units['school_a1'].pk}/").json()
    assert item == {"id": people_and_units["school_a1"].pk, "code": "A1", "name": "Trường THPT Số 1", "kind": "school",
                    "parent": people_and_units["dept_a"].pk, "valid_from": "2015-01-01", "valid_to": None, "successor": None,
                    "predecessors": [], "successors": []}  # API.md "Units as of a date": links as ids


def test_unit_successor_is_reported(people_and_units):
    old = UnitFactory(code="OLD", kind=UnitKind.DEPARTMENT, parent=people_and_units["province"], valid_to="2025-06-30")
    UnitSuccession.objects.create(predecessor=old, successor=people_and_units["dept_b"], kind=SuccessionKind.MERGE,
                                  effective_on="2025-07-01")
    c = client_for(people_and_units["supervisor"])
    assert c.get(f"/api/v1/units/{old.pk}/").json()["successor"] == people_and_units["dept_b"].pk
    listed = {x["id"]: x["successor"] for x in c.get("/api/v1/units/").json()["results"]}
    assert listed[old.pk] == people_and_units["dept_b"].pk and listed[people_and_units["dept_a"].pk] is None


def test_units_write_is_admin_only(people_and_units):
    data = {"code": "A3", "name": "Trường THPT Số 3", "kind": "school", "parent": people_and_units["dept_a"].pk}
    assert client_for(people_and_units["user_a"]).post("/api/v1/units/", data, format="json").status_code == 403
    r = client_for(people_and_units["admin"]).post("/api/v1/units/", data, format="json")
    assert r.status_code == 201, r.content
    r = client_for(people_and_units["admin"]).patch(f"/api/v1/units/{people_and_units['dept_a'].pk}/", {"parent": people_and_units["school_a1"].pk}, format="json")
    assert r.status_code == 400 and "parent" in r.json()
    assert client_for(people_and_units["admin"]).delete(f"/api/v1/units/{people_and_units['dept_a'].pk}/").status_code == 409


# --- users --------------------------------------------------------------------------------------

def test_users_admin_only(people_and_units):
    assert client_for(people_and_units["user_a"]).get("/api/v1/users/").status_code == 403
    assert client_for(people_and_units["supervisor"]).get("/api/v1/users/").status_code == 403
    body = client_for(people_and_units["admin"]).get("/api/v1/users/", {"username": "nhaplieu_a"}).json()
    assert body["count"] == 1
    item = body["results"][0]
    assert "password" not in item
    assert item["memberships"] == [{"unit": people_and_units["dept_a"].pk, "role": "entry"}]
    assert item["is_admin"] is False


def test_user_create_and_update_memberships(people_and_units):
    c = client_for(people_and_units["admin"])
    r = c.post("/api/v1/users/", {"username": "canbo_moi", "full_name": "Trần Thị Bình", "email": "b@example.vn",
                                  "password": "Mat-khau-dai-2024!",
                                  "memberships": [{"unit": people_and_units["dept_b"].pk, "role": "approver"}]}, format="json")
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["full_name"] == "Trần Thị Bình" and "password" not in body
    uid = body["id"]
    login = client_for().post(TOKEN, {"username": "canbo_moi", "password": "Mat-khau-dai-2024!"}, format="json")
    assert login.status_code == 200
    r = c.patch(f"/api/v1/users/{uid}/", {"memberships": [{"unit": people_and_units["dept_a"].pk, "role": "viewer"},
                                                          {"unit": people_and_units["dept_b"].pk, "role": "approver"}]},
                format="json")
    assert r.status_code == 200
    assert set(Membership.objects.filter(user_id=uid).values_list("role", flat=True)) == {"viewer", "approver"}
    r = c.patch(f"/api/v1/users/{uid}/", {"memberships": [{"unit": people_and_units["dept_a"].pk, "role": "boss"}]}, format="json")
    assert r.status_code == 400
    r = c.patch(f"/api/v1/users/{uid}/", {"password": "123"}, format="json")
    assert r.status_code == 400 and "password" in r.json()


def test_membership_scope_follows_api_changes(people_and_units):
    user = UserFactory(username="doi_vai_tro")
    MembershipFactory(user=user, unit=people_and_units["dept_b"], role="viewer")
    assert ids(client_for(user).get("/api/v1/units/")) == {people_and_units["dept_b"].pk}
