"""The unit picker's search (/don-vi/tim/) and widget: by part of a name without diacritics, the tree shown,
the user's scope for a role, units active on the chosen day."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import MembershipFactory, UnitFactory, UserFactory
from units.models import UnitKind
from units.widgets import UnitPicker

pytestmark = pytest.mark.django_db


@pytest.fixture
def schools(tree, personas):
    hai_dinh = UnitFactory(code="QB.HD", name="Trường Tiểu học Hải Định", kind=UnitKind.SCHOOL,
                           parent=tree["school_a1"].parent)
    closed = UnitFactory(code="QB.HD2", name="Trường Mầm non Hải Định", kind=UnitKind.SCHOOL,
                         parent=tree["dept_a"], valid_to=dt.date(2025, 6, 30))
    return {"hai_dinh": hai_dinh, "closed": closed, **tree, **personas}


def search(client, q, **extra):
    return client.get(reverse("unit-search"), {"q": q, **extra}).json()["results"]


def test_part_of_a_name_without_diacritics_finds_the_school_with_its_ancestors(client, schools):
    client.force_login(schools["user_a"])
    found = search(client, "hai dinh", day="2025-09-30")
    assert [(u["name"], u["ancestors"]) for u in found] == [
        ("Trường Tiểu học Hải Định", ["Tỉnh Mẫu", "Sở Giáo dục và Đào tạo"])]
    assert {u["code"] for u in search(client, "HẢI ĐỊNH", day="2025-06-30")} == {"QB.HD", "QB.HD2"}  # both active


def test_the_scope_of_the_role_is_kept(client, schools):
    viewer = UserFactory(username="xem_tinh")
    MembershipFactory(user=viewer, unit=schools["province"], role="viewer")
    MembershipFactory(user=viewer, unit=schools["dept_a"], role="entry")
    client.force_login(viewer)
    assert search(client, "Sở Lao động")  # reads the province
    assert search(client, "Sở Lao động", roles="entry") == []  # enters only Sở A's subtree
    client.force_login(schools["user_b"])
    assert search(client, "hai dinh") == []


def test_the_widget_carries_code_and_ancestors_for_the_browser(schools):
    from django import forms

    from units.models import ReportingUnit

    class F(forms.Form):
        unit = forms.ModelChoiceField(ReportingUnit.objects.filter(pk=schools["hai_dinh"].pk),
                                      widget=UnitPicker(search_roles=["entry"], day_source="#id_period"))

    html = str(F()["unit"])
    assert 'data-unit-picker="1"' in html and 'data-roles="entry"' in html and 'data-day-source="#id_period"' in html
    assert 'data-code="QB.HD"' in html and 'data-path="Tỉnh Mẫu › Sở Giáo dục và Đào tạo"' in html
