"""Supervision module: pages, forms, permissions, follow-up, task updates, API; the demo supervisions."""

import datetime as dt

import pytest
from django.urls import reverse

from resolutions.models import Finding, Task
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


@pytest.fixture
def visit(tree):
    res = ResolutionFactory(code="09-NQ/TU", owner_unit=tree["province"])
    sup = SupervisionFactory(decision_ref="1521-QĐ/TU", resolution=res, chair="Đồng chí Nguyễn Long Biên",
                             members="Giám đốc Công an tỉnh\nGiám đốc Sở Tài chính")
    v = VisitFactory(supervision=sup, unit=tree["dept_a"], date=dt.date(2023, 9, 12))
    ind = IndicatorFactory(resolution=res, code="DVCTT-PS", name="Dịch vụ công trực tuyến có phát sinh hồ sơ")
    FindingFactory(visit=v, kind="limitation", text="Dịch vụ công trực tuyến có phát sinh hồ sơ còn thấp",
                   indicator=ind, value="22.22")
    TaskFactory(resolution=None, visit=v, number=1, title="Đổi mới cách thức quán triệt", lead_unit=tree["dept_a"],
                deadline=dt.date(2020, 6, 30), status="in_progress")
    return v


def test_pages_show_supervision_visit_finding_and_recommendation(client, personas, visit):
    client.force_login(personas["supervisor"])
    page = client.get(reverse("supervision-list")).content.decode()
    assert "1521-QĐ/TU" in page and "Nguyễn Long Biên" in page and "Giám đốc Sở Tài chính" in page
    page = client.get(reverse("supervision-detail", args=[visit.supervision_id])).content.decode()
    assert "12/09/2023" in page and "Sở Giáo dục và Đào tạo" in page
    page = client.get(reverse("visit-detail", args=[visit.pk])).content.decode()
    assert "<b>22,22%</b>" in page and "dịch vụ công trực tuyến có phát sinh hồ sơ" in page
    assert "(1)" in page and "30/06/2020" in page and "Quá hạn" in page
    page = client.get(reverse("recommendation-followup")).content.decode()
    assert "Đổi mới cách thức quán triệt" in page and "1 quá hạn" in page


def test_supervisor_records_finding_and_recommendation(client, personas, visit, tree):
    client.force_login(personas["supervisor"])
    r = client.post(reverse("finding-create", args=[visit.pk]),
                    {"kind": "strength", "text": "Văn bản điện tử đạt cao", "value": "1.937"})
    assert r.status_code == 302
    assert Finding.objects.filter(visit=visit, text="Văn bản điện tử đạt cao").get().value == 1937
    r = client.post(reverse("recommendation-create", args=[visit.pk]),
                    {"number": 2, "title": "Đẩy mạnh thanh toán không dùng tiền mặt", "lead_unit": tree["dept_a"].pk,
                     "deadline": "05/03/2026", "status": "not_started"})
    assert r.status_code == 302, r.content.decode()
    task = Task.objects.get(visit=visit, number=2)
    assert task.deadline == dt.date(2026, 3, 5)  # dd/mm/yyyy, not the US order
    r = client.post(reverse("recommendation-create", args=[visit.pk]),
                    {"number": 2, "title": "Trùng số", "lead_unit": tree["dept_a"].pk, "status": "not_started"})
    assert r.status_code == 200 and "đã có kiến nghị số (2)" in r.content.decode()


def test_supervisor_records_a_visit_only_in_scope(client, visit, tree):
    sup_a = UserFactory(username="gs_a")
    MembershipFactory(user=sup_a, unit=tree["dept_a"], role="supervisor")
    client.force_login(sup_a)
    url = reverse("supervision-detail", args=[visit.supervision_id])
    r = client.post(url, {"unit": tree["school_a1"].pk, "date": "08/11/2019", "summary": "Kiểm tra"})
    assert r.status_code == 302
    r = client.post(url, {"unit": tree["dept_b"].pk, "date": "08/11/2019"})
    assert r.status_code == 200 and "dept_b" not in r.content.decode()  # not a valid choice: nothing saved
    assert visit.supervision.visits.count() == 2


def test_non_supervisors_cannot_record_and_foreign_visits_are_404(client, personas, visit):
    client.force_login(personas["user_a"])  # entry on dept_a: reads the visit, cannot write findings
    assert client.get(reverse("visit-detail", args=[visit.pk])).status_code == 200
    assert client.post(reverse("finding-create", args=[visit.pk]), {"kind": "strength", "text": "x"}).status_code == 403
    client.force_login(personas["user_b"])
    assert client.get(reverse("visit-detail", args=[visit.pk])).status_code == 404


def test_lead_unit_updates_status_with_history(client, personas, visit):
    task = visit.recommendations.get()
    client.force_login(personas["head_a"])  # approver of the lead unit
    r = client.post(reverse("task-update", args=[task.pk]), {"status": "done", "progress_note": "Đã hoàn thành 9/2024"})
    assert r.status_code == 302
    task.refresh_from_db()
    assert task.status == "done" and task.updated_by == personas["head_a"]
    assert task.history.count() == 2
    page = client.get(reverse("task-update", args=[task.pk])).content.decode()
    assert "Đã hoàn thành 9/2024" in page
    client.force_login(personas["user_b"])
    assert client.post(reverse("task-update", args=[task.pk]), {"status": "not_started"}).status_code == 404


def test_api_crud_for_supervisors_scoped_reads(personas, visit, tree):
    sup = client_for(personas["supervisor"])
    r = sup.post("/api/v1/findings/", {"visit": visit.pk, "kind": "limitation", "text": "Thiếu thiết bị", "value": "25"},
                 format="json")
    assert r.status_code == 201 and r.json()["value"] == "25"
    r = sup.post("/api/v1/visits/", {"supervision": visit.supervision_id, "unit": tree["dept_b"].pk, "date": "2024-05-02"},
                 format="json")
    assert r.status_code == 201
    entry = client_for(personas["user_a"])
    # A visit the caller does not supervise is "not found" to a writer, as an unknown one (404).
    assert entry.post("/api/v1/findings/", {"visit": visit.pk, "kind": "strength", "text": "x"}, format="json").status_code == 404
    task = visit.recommendations.get()
    assert entry.patch(f"/api/v1/tasks/{task.pk}/", {"status": "done"}, format="json").status_code == 200  # lead unit
    assert entry.patch(f"/api/v1/tasks/{task.pk}/", {"title": "khác"}, format="json").status_code == 403
    other = client_for(personas["user_b"])
    assert other.get(f"/api/v1/visits/{visit.pk}/").status_code == 404
    assert other.get("/api/v1/findings/", {"visit": visit.pk}).json()["count"] == 0
    body = sup.get("/api/v1/supervisions/").json()
    assert body["results"][0]["decision_ref"] == "1521-QĐ/TU" and body["results"][0]["member_list"][1] == "Giám đốc Sở Tài chính"


def test_demo_supervisions_are_complete(client, db):
    from resolutions.demo.loader import load_demo

    load_demo()
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="giamsat"))
    page = client.get(reverse("supervision-list")).content.decode()
    assert "1521-QĐ/TU" in page and "Đoàn kiểm tra UBND tỉnh (2019)" in page
    from resolutions.models import Visit

    v = Visit.objects.get(supervision__decision_ref="1521-QĐ/TU")
    page = client.get(reverse("visit-detail", args=[v.pk])).content.decode()
    assert "12/09/2023" in page and "<b>22,22%</b>" in page and "(9)" in page and "(5)" not in page
    for v in Visit.objects.filter(supervision__kind="inspection"):
        page = client.get(reverse("visit-detail", args=[v.pk])).content.decode()
        assert "08/11/2019" in page and "Hạn chế" in page
    page = client.get(reverse("visit-detail", args=[Visit.objects.get(unit__code="NT.SGDDT", date=dt.date(2019, 11, 8)).pk])).content.decode()
    assert "<b>25</b>" in page


def test_foreign_unit_models_untouched(tree):
    assert UnitFactory(kind=UnitKind.SCHOOL).pk


def test_visit_form_offers_only_units_the_resolution_reaches_and_refuses_others(client, tree, personas):
    from tests.factories import UnitFactory as UF

    res = ResolutionFactory(code="KH-SGD", owner_unit=tree["dept_a"])  # a Sở's plan: its own subtree
    sup = SupervisionFactory(resolution=res)
    ended = UF(code="A9", name="Trường đã giải thể", kind=UnitKind.SCHOOL, parent=tree["dept_a"],
               valid_to=dt.date(2020, 1, 1))
    client.force_login(personas["supervisor"])
    page = client.get(reverse("supervision-detail", args=[sup.pk])).content.decode()
    assert "Trường THPT Số 1" in page and "Sở Lao động" not in page and ended.name not in page
    assert 'data-date-picker="1"' in page and 'placeholder="ngày/tháng/năm"' in page
    assert "— Chọn đơn vị —" in page and "---------" not in page  # a Vietnamese blank choice
    # posting a unit outside the reach is refused with the reason, nothing saved
    page = client.post(reverse("supervision-detail", args=[sup.pk]),
                       {"unit": tree["dept_b"].pk, "date": "12/09/2023", "summary": ""}).content.decode()
    assert "Hãy chọn một lựa chọn hợp lệ" in page
    assert not sup.visits.exists()
    # a date typed the Vietnamese way is read as day/month
    response = client.post(reverse("supervision-detail", args=[sup.pk]),
                           {"unit": tree["school_a1"].pk, "date": "05/03/2024", "summary": ""})
    assert response.status_code == 302 and sup.visits.get().date == dt.date(2024, 3, 5)
    page = client.post(reverse("supervision-detail", args=[sup.pk]),
                       {"unit": tree["school_a1"].pk, "date": "2024/31/12", "summary": ""}).content.decode()
    assert "Ngày chưa đúng: nhập theo dạng ngày/tháng/năm" in page
