"""REST API v1 reference data: periods, indicators, targets, resolutions, pillars; schema and docs."""

import pytest

from indicators.models import Indicator, Period
from tests.api_helpers import client_for
from tests.factories import IndicatorFactory, PeriodFactory, PillarFactory, ResolutionFactory, TargetFactory


@pytest.fixture
def people_and_units(personas, tree):
    return {**personas, **tree}


def test_period_post_with_only_a_code_derives_everything(people_and_units):
    r = client_for(people_and_units["admin"]).post("/api/v1/periods/", {"code": "2024-Q3"}, format="json")
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["kind"] == "quarter" and body["year"] == 2024 and body["number"] == 3
    assert body["start"] == "2024-06-15" and body["end"] == "2024-09-14" and body["deadline"] == "2024-09-20"
    assert body["label"] == "Quý III/2024" and body["is_locked"] is False and body["code"] == "2024-Q3"
    assert Period.objects.get(code="2024-Q3").deadline.isoformat() == "2024-09-20"


def test_period_duplicate_code_is_409_with_id(people_and_units):
    existing = PeriodFactory(code="2024-Q3")
    r = client_for(people_and_units["admin"]).post("/api/v1/periods/", {"code": "2024-q3"}, format="json")
    assert r.status_code == 409 and r.json()["id"] == existing.pk


def test_period_bad_code_is_400(people_and_units):
    r = client_for(people_and_units["admin"]).post("/api/v1/periods/", {"code": "2024-Q5"}, format="json")
    assert r.status_code == 400 and "code" in r.json()
    assert client_for(people_and_units["admin"]).post("/api/v1/periods/", {}, format="json").status_code == 400


def test_period_write_is_admin_only_and_lock(people_and_units):
    p = PeriodFactory(code="2024-H1")
    assert client_for(people_and_units["user_a"]).post("/api/v1/periods/", {"code": "2025"}, format="json").status_code == 403
    assert client_for(people_and_units["user_a"]).get("/api/v1/periods/", {"code": "2024-H1"}).json()["count"] == 1
    r = client_for(people_and_units["admin"]).patch(f"/api/v1/periods/{p.pk}/", {"is_locked": True}, format="json")
    assert r.status_code == 200 and r.json()["is_locked"] is True
    r = client_for(people_and_units["user_a"]).get("/api/v1/periods/", {"year": 2024, "kind": "half_year"})
    assert [x["label"] for x in r.json()["results"]] == ["6 tháng đầu năm 2024"]


def test_indicators_with_targets_and_filters(people_and_units):
    ind = IndicatorFactory(code="CT1", pillar=PillarFactory())
    TargetFactory(indicator=ind, value="95", year=2025)
    IndicatorFactory(code="CT2")
    c = client_for(people_and_units["user_a"])
    body = c.get("/api/v1/indicators/", {"resolution": ind.resolution_id, "code": "CT1"}).json()
    assert body["count"] == 1
    item = body["results"][0]
    assert item["applies_to"] == ["department", "district_office", "school"]
    assert item["targets"] == [{"id": ind.targets.get().pk, "unit_kind": None, "unit": None, "operator": "gte",
                                "value": "95.0000", "year": 2025}]
    assert c.get("/api/v1/indicators/", {"pillar": ind.pillar_id}).json()["count"] == 1


def test_indicator_admin_write(people_and_units):
    res = ResolutionFactory()
    data = {"resolution": res.pk, "code": "CT9", "name": "Tỷ lệ dịch vụ công trực tuyến toàn trình",
            "measure": "percent", "applies_to": ["commune", "district"], "frequency": "quarterly"}
    assert client_for(people_and_units["user_a"]).post("/api/v1/indicators/", data, format="json").status_code == 403
    r = client_for(people_and_units["admin"]).post("/api/v1/indicators/", data, format="json")
    assert r.status_code == 201, r.content
    assert Indicator.objects.get(code="CT9").applies_to == ["district", "commune"]
    bad = {**data, "code": "CT10", "applies_to": ["planet"]}
    assert client_for(people_and_units["admin"]).post("/api/v1/indicators/", bad, format="json").status_code == 400
    assert client_for(people_and_units["admin"]).post("/api/v1/indicators/", data, format="json").status_code == 409


def test_targets_endpoint(people_and_units):
    t = TargetFactory()
    c = client_for(people_and_units["admin"])
    assert c.get("/api/v1/targets/", {"indicator": t.indicator_id}).json()["count"] == 1
    r = c.post("/api/v1/targets/", {"indicator": t.indicator_id, "unit_kind": "school", "operator": "gt",
                                    "value": "90", "year": 2030}, format="json")
    assert r.status_code == 201, r.content
    r = c.post("/api/v1/targets/", {"indicator": t.indicator_id, "unit_kind": "school", "unit": people_and_units["dept_a"].pk,
                                    "operator": "gt", "value": "90", "year": 2030}, format="json")
    assert r.status_code == 400
    assert client_for(people_and_units["user_a"]).delete(f"/api/v1/targets/{t.pk}/").status_code == 403


def test_resolutions_and_pillars(people_and_units):
    res = ResolutionFactory(code="09-NQ/TU")
    PillarFactory(code="kinh_te_so", name="Kinh tế số")
    c = client_for(people_and_units["user_b"])
    body = c.get("/api/v1/resolutions/", {"code": "09-NQ/TU"}).json()
    assert body["count"] == 1 and body["results"][0]["id"] == res.pk
    assert set(body["results"][0]) == {"id", "code", "kind", "title", "issuer", "owner_unit", "issued_on",
                                       "start_year", "end_year", "vision_year", "implements"}
    assert c.get("/api/v1/pillars/", {"code": "kinh_te_so"}).json()["results"][0]["name"] == "Kinh tế số"
    assert c.post("/api/v1/pillars/", {"code": "x", "name": "X"}, format="json").status_code == 403
    assert client_for(people_and_units["admin"]).post("/api/v1/pillars/", {"code": "x", "name": "X"}, format="json").status_code == 201
    r = client_for(people_and_units["admin"]).post("/api/v1/resolutions/", {"code": "01/KH-UBND", "kind": "plan", "title": "Kế hoạch",
                                                           "start_year": 2025, "end_year": 2021}, format="json")
    assert r.status_code == 400 and "end_year" in r.json()


def test_reference_read_needs_sign_in(db):
    assert client_for().get("/api/v1/indicators/").status_code == 401


def test_schema_and_docs_are_served_offline_to_signed_in_users(client, db):
    from tests.factories import UserFactory

    # Decided (docs/security.md): the schema and the docs are for signed-in users and token holders.
    assert client.get("/api/schema/").status_code == 401
    r = client.get("/api/docs/")
    assert r.status_code == 302 and r["Location"].startswith("/dang-nhap/")
    client.force_login(UserFactory(username="xem_tai_lieu"))
    r = client.get("/api/schema/")
    assert r.status_code == 200
    assert b"/api/v1/values/bulk/" in r.content and b"/api/v1/submissions/{id}/approve/" in r.content
    r = client.get("/api/docs/")
    assert r.status_code == 200
    html = r.content.decode().lower()
    for external in ("cdn", "unpkg", "jsdelivr", "https://", "http://"):
        assert external not in html, external
    assert "<script>" not in html  # Swagger UI's start-up script is a file (Content-Security-Policy)
    script = client.get("/api/docs/?script")
    assert script.status_code == 200 and b"SwaggerUIBundle" in script.content


def test_schema_generates_without_warnings(db, tmp_path):
    from django.core.management import call_command

    # --fail-on-warn: an unnamed enum or an undocumented view would make outside clients' generated code worse.
    call_command("spectacular", "--file", str(tmp_path / "schema.yml"), "--validate", "--fail-on-warn")
    assert "UnitKindEnum" in (tmp_path / "schema.yml").read_text()
