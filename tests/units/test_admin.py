"""The admin of units and users: the unit tree, dated moves, memberships, the last admin kept."""
import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from tests.helpers import admin_url
from units.models import Membership, ReportingUnit, UnitKind

pytestmark = pytest.mark.usefixtures("admin_pages_settings")

User = get_user_model()


def test_unit_change_page_shows_breadcrumb_and_inlines(superuser_client, tree, one_of_each):
    html = superuser_client.get(admin_url(ReportingUnit, "change", tree["school_a1"].pk)).content.decode()
    assert "Tỉnh Mẫu › Sở Giáo dục và Đào tạo › Trường THPT Số 1" in html
    assert "succeeded_by-TOTAL_FORMS" in html
    assert "memberships-TOTAL_FORMS" in html


def test_unit_changelist_active_filter_and_dates(superuser_client, tree):
    tree["dept_b"].valid_to = dt.date(2025, 6, 30)
    tree["dept_b"].save()
    active = superuser_client.get(admin_url(ReportingUnit, "changelist"), {"con_hoat_dong": "1"})
    names = [u.name for u in active.context["cl"].result_list]
    assert "Sở Lao động - Thương binh và Xã hội" not in names
    assert "Sở Giáo dục và Đào tạo" in names
    gone = superuser_client.get(admin_url(ReportingUnit, "changelist"), {"con_hoat_dong": "0"})
    assert [u.code for u in gone.context["cl"].result_list] == ["B"]
    assert "30/06/2025" in gone.content.decode()  # dates dd/mm/yyyy
    assert "Còn hoạt động" in gone.content.decode()


def unit_post(unit, **changes):
    data = {
        "code": unit.code,
        "statistical_code": unit.statistical_code,
        "agency_code": unit.agency_code,
        "name": unit.name,
        "kind": unit.kind,
        "parent": unit.parent_id or "",
        "valid_from": unit.valid_from.strftime("%d/%m/%Y") if unit.valid_from else "",
        "valid_to": "",
    }
    for prefix in ("placements", "succeeded_by", "preceded_by", "memberships"):
        data |= {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0}
    data.update(changes)
    return data


def test_unit_cannot_move_below_itself(superuser_client, tree):
    dept = tree["dept_a"]
    response = superuser_client.post(
        admin_url(ReportingUnit, "change", dept.pk), unit_post(dept, parent=tree["school_a1"].pk)
    )
    assert response.status_code == 200
    assert "không được là chính đơn vị này" in response.content.decode()
    dept.refresh_from_db()
    assert dept.parent == tree["province"]


def test_unit_added_with_membership_inline_and_path(superuser_client, tree, personas):
    data = unit_post(
        ReportingUnit(code="A3", name="Trường THPT Số 3", kind=UnitKind.SCHOOL, parent=tree["dept_a"]),
        **{
            "memberships-TOTAL_FORMS": 1,
            "memberships-0-user": personas["user_b"].pk,
            "memberships-0-role": "entry",
        },
    )
    response = superuser_client.post(admin_url(ReportingUnit, "add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    unit = ReportingUnit.objects.get(code="A3")
    assert unit.path == tree["dept_a"].path + f"{unit.pk}/"
    assert Membership.objects.filter(unit=unit, user=personas["user_b"], role="entry").exists()
    assert unit.history.exists()


def test_user_admin_gives_roles(superuser_client, tree, personas):
    user = personas["user_b"]
    page = superuser_client.get(admin_url(User, "change", user.pk)).content.decode()
    assert "memberships-TOTAL_FORMS" in page
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "date_joined_0": "01/01/2024",
        "date_joined_1": "08:00:00",
        "memberships-TOTAL_FORMS": 2,
        "memberships-INITIAL_FORMS": 1,
        "memberships-0-id": user.memberships.get().pk,
        "memberships-0-user": user.pk,
        "memberships-0-unit": tree["dept_b"].pk,
        "memberships-0-role": "entry",
        "memberships-1-user": user.pk,
        "memberships-1-unit": tree["province"].pk,
        "memberships-1-role": "viewer",
    }
    response = superuser_client.post(admin_url(User, "change", user.pk), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert set(user.memberships.values_list("role", "unit__code")) == {("entry", "B"), ("viewer", "P")}


def test_a_parent_changed_in_the_admin_is_a_dated_move_that_keeps_the_past(superuser_client, tree):
    import datetime as dt

    from units.tree import tree_on

    school = tree["school_a1"]
    data = unit_post(school, parent=tree["dept_b"].pk, move_on="01/07/2025", move_basis="Quyết định số 1/QĐ-UBND")
    data |= {"placements-TOTAL_FORMS": 1, "placements-INITIAL_FORMS": 1,
             "placements-0-id": school.placements.get().pk, "placements-0-unit": school.pk}
    response = superuser_client.post(admin_url(ReportingUnit, "change", school.pk), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert tree_on(dt.date(2025, 6, 30)).parent[school.pk] == tree["dept_a"].pk
    assert tree_on(dt.date(2025, 7, 1)).parent[school.pk] == tree["dept_b"].pk
    moved = school.placements.get(valid_from=dt.date(2025, 7, 1))
    assert moved.legal_basis == "Quyết định số 1/QĐ-UBND"
    page = superuser_client.get(admin_url(ReportingUnit, "change", school.pk)).content.decode()
    assert "Vị trí trong cây đơn vị theo thời gian" in page and "Quyết định số 1/QĐ-UBND" in page


def test_the_last_admin_cannot_be_deleted_or_demoted(client, db):
    from django.contrib.auth import get_user_model

    from tests.api_helpers import client_for
    from tests.factories import UserFactory

    boss = UserFactory(username="quantri_duy_nhat", is_staff=True, is_superuser=True)
    client.force_login(boss)
    # Admin: no delete (403), the change form refuses the demotion, the bulk delete action refuses too.
    assert client.post(f"/admin/auth/user/{boss.pk}/delete/", {"post": "yes"}).status_code == 403
    page = client.get(f"/admin/auth/user/{boss.pk}/change/")
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list | dict)}
    data.update({"username": boss.username, "is_active": "on", "date_joined_0": "01/01/2024",
                 "date_joined_1": "00:00:00", "memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0"})
    data.pop("is_staff", None)
    r = client.post(f"/admin/auth/user/{boss.pk}/change/", data)
    assert r.status_code == 200 and "quản trị viên cuối cùng" in r.content.decode()
    client.post("/admin/auth/user/", {"action": "delete_selected", "_selected_action": [boss.pk], "post": "yes"})
    boss.refresh_from_db()
    assert boss.is_staff and get_user_model().objects.filter(pk=boss.pk).exists()
    # API: 409 for deleting, demoting or deactivating the last admin.
    api = client_for(boss)
    assert api.delete(f"/api/v1/users/{boss.pk}/").status_code == 409
    r = api.patch(f"/api/v1/users/{boss.pk}/", {"is_admin": False}, format="json")
    assert r.status_code == 409 and "quản trị viên cuối cùng" in r.json()["detail"]
    # With a second admin, the first may go.
    UserFactory(username="quantri_hai", is_staff=True)
    assert api.patch(f"/api/v1/users/{boss.pk}/", {"is_admin": False}, format="json").status_code == 200
