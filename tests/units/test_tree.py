"""The unit tree, its materialised paths, validity and the access helpers."""

import datetime as dt

import pytest
from django.http import Http404

from tests.factories import MembershipFactory, UnitFactory, UserFactory
from units.access import get_unit_for_user, has_role, roots_within, units_for_user
from units.models import ReportingUnit, UnitKind

pytestmark = pytest.mark.django_db


def test_subtree_is_one_prefix_query_and_follows_moves(tree):
    assert set(ReportingUnit.objects.within(tree["dept_a"])) == {tree["dept_a"], tree["school_a1"], tree["school_a2"]}
    # Moving a department moves its schools with it.
    school = tree["school_a1"]
    tree["dept_a"].parent = tree["dept_b"]
    tree["dept_a"].save()
    school.refresh_from_db()
    assert school.path == f"{tree['province'].path}{tree['dept_b'].pk}/{tree['dept_a'].pk}/{school.pk}/"
    assert school.depth == 3
    assert [u.name for u in school.ancestors()] == ["Tỉnh Mẫu", "Sở Lao động - Thương binh và Xã hội", "Sở Giáo dục và Đào tạo"]


def test_a_unit_cannot_become_its_own_descendant(tree):
    tree["dept_a"].parent = tree["school_a1"]
    with pytest.raises(ValueError, match="không được là chính nó"):
        tree["dept_a"].save()


def test_rebuild_paths_after_bulk_insert(tree):
    ReportingUnit.objects.bulk_create([ReportingUnit(code=f"S{i}", name=f"Trường {i}", kind="school", parent=tree["dept_b"]) for i in range(3)])
    assert ReportingUnit.objects.rebuild_paths() == 3
    assert ReportingUnit.objects.within(tree["dept_b"]).count() == 4


def test_active_between_respects_validity():
    gone = UnitFactory(valid_from=dt.date(2010, 1, 1), valid_to=dt.date(2025, 6, 30))
    new = UnitFactory(valid_from=dt.date(2025, 7, 1))
    q2 = ReportingUnit.objects.active_between(dt.date(2025, 3, 15), dt.date(2025, 6, 14))
    assert gone in q2 and new not in q2
    assert new in ReportingUnit.objects.active_between(dt.date(2025, 7, 1), dt.date(2025, 7, 1))


def test_role_reaches_the_subtree_and_nothing_else(personas, tree):
    user_a = personas["user_a"]
    assert has_role(user_a, tree["school_a1"], ["entry"])
    assert not has_role(user_a, tree["dept_b"], ["entry"])
    assert not has_role(user_a, tree["province"], ["entry"])
    assert not has_role(user_a, tree["school_a1"], ["approver"])
    assert set(units_for_user(user_a)) == {tree["dept_a"], tree["school_a1"], tree["school_a2"]}
    assert get_unit_for_user(user_a, tree["school_a2"].pk) == tree["school_a2"]
    with pytest.raises(Http404):
        get_unit_for_user(user_a, tree["dept_b"].pk)
    with pytest.raises(Http404):
        get_unit_for_user(user_a, 999999)
    assert units_for_user(personas["admin"]).count() == 5


def test_roots_within_a_province(personas, tree):
    assert roots_within(personas["supervisor"], tree["province"]) == [tree["province"]]
    assert roots_within(personas["user_a"], tree["province"]) == [tree["dept_a"]]
    other = UnitFactory(kind=UnitKind.PROVINCE)
    assert roots_within(personas["user_a"], other) == []
    assert roots_within(personas["admin"], other) == [other]


def test_user_with_two_units_has_two_roots(tree):
    user = UserFactory()
    MembershipFactory(user=user, unit=tree["school_a1"], role="entry")
    MembershipFactory(user=user, unit=tree["dept_b"], role="entry")
    assert set(roots_within(user, None)) == {tree["school_a1"], tree["dept_b"]}


def test_creating_a_unit_leaves_one_history_row_with_its_path(tree):
    unit = tree["school_a1"]
    rows = list(unit.history.all())
    assert [r.history_type for r in rows] == ["+"]
    assert rows[0].path == unit.path == f"{tree['province'].path}{tree['dept_a'].pk}/{unit.pk}/"
    assert unit.depth == 2


def test_memberships_read_once_per_request_and_changes_seen_at_once(tree, django_assert_num_queries):
    from config.request_memo import request_scope
    from tests.factories import UserFactory
    from units import access
    from units.models import Membership

    user = UserFactory()
    with request_scope():  # what RequestMemoMiddleware does around a request
        assert not access.has_role(user, tree["school_a1"], access.READ_ROLES)
        with django_assert_num_queries(0):
            assert not access.has_role(user, tree["dept_a"], access.READ_ROLES)
        Membership.objects.create(user=user, unit=tree["dept_a"], role="viewer")
        assert access.has_role(user, tree["school_a1"], access.READ_ROLES)


def test_ancestors_as_of_a_day_follow_a_move(tree, personas):
    from units import reorganisation

    school = tree["school_a1"]
    before = [u.pk for u in school.ancestors()]
    reorganisation.apply(reorganisation.build_plan({
        "effective_on": "2025-07-01", "legal_basis": "Nghị quyết số 202/2025/QH15",
        "steps": [{"kind": "move", "units": [school.pk], "to": tree["dept_b"].pk}]}), personas["admin"])
    school.refresh_from_db()
    assert [u.pk for u in school.ancestors(on=dt.date(2025, 6, 30))] == before  # a 2025-Q2 page: its old parent
    assert school.ancestors(on=dt.date(2025, 7, 1))[-1] == tree["dept_b"]
    assert school.ancestors()[-1] == tree["dept_b"]  # today's tree
