"""The reorganisation as one operation: merge, split, rename and move, checked before and after the date
from both sides (issue 12). A past figure is the same whoever asks and whenever."""

import datetime as dt
from decimal import Decimal

import pytest

from indicators.figures import completeness, rollup_by_kind
from indicators.models import Measure, SubmissionStatus, Temporal
from resolutions.models import TaskStatus
from tests.api_helpers import client_for
from tests.factories import (
    DataValueFactory,
    IndicatorFactory,
    MembershipFactory,
    PeriodFactory,
    ResolutionFactory,
    SubmissionFactory,
    TargetFactory,
    TaskFactory,
    UnitFactory,
    UserFactory,
)
from units import reorganisation
from units.models import Membership, Reorganisation, ReportingUnit, UnitKind, UnitSuccession

pytestmark = pytest.mark.django_db

ON = dt.date(2025, 7, 1)
BASIS = "Nghị quyết số 202/2025/QH15"


@pytest.fixture
def two_provinces_before_merger(db):
    """Two provinces before 1/7/2025: P1 (to be merged into P2), each with a Sở GDĐT, a Phòng and schools.

    P1 ─ X (Sở GDĐT) ─ O1 (Phòng) ─ s1, s2          P2 ─ Y (Sở GDĐT) ─ y1
                     └ x3                               └ Y2 (Sở Y tế: not in P1's plan)
    """
    u = {}
    u["P1"] = UnitFactory(code="P1", name="Tỉnh Một", kind=UnitKind.PROVINCE)
    u["P2"] = UnitFactory(code="P2", name="Tỉnh Hai", kind=UnitKind.PROVINCE)
    u["X"] = UnitFactory(code="X", name="Sở GDĐT Tỉnh Một", kind=UnitKind.DEPARTMENT, parent=u["P1"])
    u["Y"] = UnitFactory(code="Y", name="Sở GDĐT Tỉnh Hai", kind=UnitKind.DEPARTMENT, parent=u["P2"])
    u["Y2"] = UnitFactory(code="Y2", name="Sở Y tế Tỉnh Hai", kind=UnitKind.DEPARTMENT, parent=u["P2"])
    u["O1"] = UnitFactory(code="O1", name="Phòng GDĐT Thành phố", kind=UnitKind.DISTRICT_OFFICE, parent=u["X"])
    u["s1"] = UnitFactory(code="s1", name="Trường Một", kind=UnitKind.SCHOOL, parent=u["O1"])
    u["s2"] = UnitFactory(code="s2", name="Trường Hai", kind=UnitKind.SCHOOL, parent=u["O1"])
    u["x3"] = UnitFactory(code="x3", name="Trường Ba", kind=UnitKind.SCHOOL, parent=u["X"])
    u["y1"] = UnitFactory(code="y1", name="Trường Bốn", kind=UnitKind.SCHOOL, parent=u["Y"])
    res = ResolutionFactory(code="07-NQ/TU", owner_unit=u["P1"], start_year=2021, end_year=2025)
    ind = IndicatorFactory(resolution=res, code="HSCV", temporal=Temporal.FLOW,
                           applies_to=[UnitKind.DEPARTMENT, UnitKind.DISTRICT_OFFICE, UnitKind.SCHOOL])
    TargetFactory(indicator=ind, unit_kind=UnitKind.SCHOOL, operator="gte", value=50, year=2025)
    TargetFactory(indicator=ind, unit_kind=UnitKind.DEPARTMENT, operator="gt", value=90, year=2025)
    q4, q3 = PeriodFactory(code="2024-Q4"), PeriodFactory(code="2025-Q3")
    for code, num, den in (("X", 9, 10), ("O1", 3, 4), ("s1", 6, 10), ("s2", 2, 10), ("x3", 5, 10)):
        SubmissionFactory(unit=u[code], period=q4, status=SubmissionStatus.APPROVED)
        DataValueFactory(unit=u[code], indicator=ind, period=q4, numerator=num, denominator=den)
    admin = UserFactory(username="quantri", is_staff=True, is_superuser=True)
    return {**u, "res": res, "ind": ind, "q4": q4, "q3": q3, "admin": admin}


def progress(user, res, period, unit=None):
    params = {"resolution": res.pk, "period": period.code}
    if unit is not None:
        params["unit"] = unit.pk
    response = client_for(user).get("/api/v1/progress/", params)
    assert response.status_code == 200, response.content
    return response.content


def merge_provinces(w):
    """P1 into P2 and X into Y on 1/7/2025; the Phòng ends (district level), its schools go to Y."""
    plan = reorganisation.build_plan({"effective_on": "2025-07-01", "legal_basis": BASIS, "steps": [
        {"kind": "merge", "from": [w["P1"].pk], "into": w["P2"].pk},
        {"kind": "merge", "from": [w["X"].pk], "into": w["Y"].pk},
        {"kind": "move", "units": [w["s1"].pk, w["s2"].pk], "to": w["Y"].pk},
        {"kind": "merge", "from": [w["O1"].pk], "into": {"code": "O2", "name": "Phòng GDĐT mới",
                                                          "kind": "district_office", "parent": w["Y"].pk}},
    ]})
    return reorganisation.apply(plan, w["admin"])


def school_row(w, period, root):
    rows = rollup_by_kind([w["ind"]], period, root)[w["ind"].pk]
    return next(r for r in rows if r.unit_kind == "school")


def test_merge_keeps_every_past_figure_byte_identical_and_the_successor_sees_the_same(two_provinces_before_merger):
    w = two_provinces_before_merger
    before_p1 = progress(w["admin"], w["res"], w["q4"], w["P1"])
    before_x = progress(w["admin"], w["res"], w["q4"], w["X"])
    before_all = progress(w["admin"], w["res"], w["q4"])
    merge_provinces(w)
    # The predecessor's scope: byte-identical.
    assert progress(w["admin"], w["res"], w["q4"], w["P1"]) == before_p1
    assert progress(w["admin"], w["res"], w["q4"], w["X"]) == before_x
    assert progress(w["admin"], w["res"], w["q4"]) == before_all
    # The successor's scope: the same figures (its own Sở Y tế and school were not in P1's plan in 2024).
    import json

    mine = {(i["indicator"], k["unit_kind"]): k for i in json.loads(before_p1)["indicators"] for k in i["by_kind"]}
    theirs = {(i["indicator"], k["unit_kind"]): k
              for i in json.loads(progress(w["admin"], w["res"], w["q4"], w["P2"]))["indicators"] for k in i["by_kind"]}
    assert theirs == mine
    school = mine[(w["ind"].pk, "school")]
    assert (school["numerator"], school["denominator"], school["units_expected"]) == ("13", "30", 3)


def test_after_the_date_the_plan_reaches_the_successor_and_no_dissolved_unit_is_expected(two_provinces_before_merger):
    w = two_provinces_before_merger
    merge_provinces(w)
    rows = {r.unit_kind: r for r in rollup_by_kind([w["ind"]], w["q3"], None)[w["ind"].pk]}
    # Q3/2025 (window from 15/06): P2's Sở GDĐT and Sở Y tế, its schools and the moved ones; nobody dissolved.
    assert rows["school"].units_expected == 4  # s1, s2, x3 (under Y now), y1
    assert rows["department"].units_expected == 2  # Y, Y2 (X dissolved)
    assert rows["district_office"].units_expected == 1  # the new O2
    done = completeness(w["q3"], None, w["res"])
    ended = {w["P1"].pk, w["X"].pk, w["O1"].pk}
    assert not ended & set(done.missing_ids)


def test_the_schools_continue_under_their_new_parent_and_keep_their_history(two_provinces_before_merger):
    w = two_provinces_before_merger
    merge_provinces(w)
    s1 = ReportingUnit.objects.get(pk=w["s1"].pk)
    assert s1.valid_to is None and s1.parent_id == w["Y"].pk
    # Q4/2024 of the old Phòng still counts s1 and s2 (the tree of 14/12/2024).
    row = school_row(w, w["q4"], ReportingUnit.objects.get(pk=w["O1"].pk))
    assert (row.numerator, row.denominator) == (Decimal(8), Decimal(20))
    # The successor Phòng O2 has none of them in 2024 (it did not exist), nor the moved schools in 2025.
    o2 = ReportingUnit.objects.get(code="O2")
    assert o2.valid_from == ON and school_row(w, w["q3"], o2).units_expected == 0
    assert school_row(w, w["q3"], ReportingUnit.objects.get(pk=w["Y"].pk)).units_expected == 4


def test_a_move_does_not_change_the_past_figure_of_the_old_parent(two_provinces_before_merger, settings):
    """Phòng GDĐT Đồng Hới's Q3/2024 figure (221/327) changed to 179/267 when a school was moved: not any more."""
    w = two_provinces_before_merger
    o1 = w["O1"]
    before = progress(w["admin"], w["res"], w["q4"], o1)
    plan = reorganisation.build_plan({"effective_on": "2025-07-01", "legal_basis": BASIS, "steps": [
        {"kind": "move", "units": [w["s1"].pk], "to": w["X"].pk}]})
    reorganisation.apply(plan, w["admin"])
    assert progress(w["admin"], w["res"], w["q4"], o1) == before
    assert school_row(w, w["q3"], o1).units_expected == 1  # s2 only from 1/7/2025
    # Moving by the admin (a changed parent, without a date) is a move from today, never a rewrite of 2024.
    s2 = ReportingUnit.objects.get(pk=w["s2"].pk)
    s2.parent = w["X"]
    s2.save()
    assert progress(w["admin"], w["res"], w["q4"], o1) == before


def test_rename_and_split_pass_children_and_fold_history(two_provinces_before_merger):
    w = two_provinces_before_merger
    plan = reorganisation.build_plan({"effective_on": "2025-07-01", "legal_basis": BASIS, "steps": [
        {"kind": "rename", "from": w["x3"].pk, "into": {"code": "x3b", "name": "Trường Ba (tên mới)"}},
        {"kind": "split", "from": w["O1"].pk,
         "into": [{"code": "O1a", "name": "Phòng A", "kind": "district_office", "parent": w["X"].pk},
                  {"code": "O1b", "name": "Phòng B", "kind": "district_office", "parent": w["X"].pk}],
         "children": {str(w["s1"].pk): "O1a", str(w["s2"].pk): "O1b"}},
    ]})
    reorg = reorganisation.apply(plan, w["admin"])
    renamed = ReportingUnit.objects.get(code="x3b")
    assert renamed.parent_id == w["X"].pk and renamed.valid_from == ON
    assert UnitSuccession.objects.filter(predecessor=w["x3"], successor=renamed, kind="rename").exists()
    # The renamed school's own series before the date is its predecessor's (unit page, "own figure" column).
    from indicators.figures import unit_series

    series = dict(unit_series(renamed, w["ind"], [w["q4"]]))
    assert series[w["q4"]] == Decimal("50.0000")
    from indicators.figures import own_figures

    own = own_figures(renamed, [w["ind"]], w["q4"])[w["ind"].pk]
    assert (own.value, own.inherited_from, own.status) == (Decimal("50.0000"), ("Trường Ba",), "met")
    a, b = ReportingUnit.objects.get(code="O1a"), ReportingUnit.objects.get(code="O1b")
    assert ReportingUnit.objects.get(pk=w["s1"].pk).parent_id == a.pk
    assert ReportingUnit.objects.get(pk=w["s2"].pk).parent_id == b.pk
    assert sorted(reorganisation.public_result(reorg)["ended"]) == sorted([w["x3"].pk, w["O1"].pk])


def test_a_split_must_say_where_each_child_goes(two_provinces_before_merger):
    w = two_provinces_before_merger
    with pytest.raises(reorganisation.ReorganisationInvalid) as exc:
        reorganisation.build_plan({"effective_on": "2025-07-01", "legal_basis": BASIS, "steps": [
            {"kind": "split", "from": w["O1"].pk,
             "into": [{"code": "O1a", "name": "Phòng A", "kind": "district_office", "parent": w["X"].pk},
                      {"code": "O1b", "name": "Phòng B", "kind": "district_office", "parent": w["X"].pk}],
             "children": {str(w["s1"].pk): "O1a"}}]})
    assert exc.value.errors == [{"step": 0, "field": "children",
                                 "message": "Chưa nêu “Trường Hai” (đơn vị cấp dưới của “Phòng GDĐT Thành phố”) "
                                            "chuyển về đơn vị tiếp nhận nào."}]
    assert not ReportingUnit.objects.filter(code__in=["O1a", "O1b"]).exists()


def test_memberships_tasks_and_recommendations_pass_to_the_successor(two_provinces_before_merger):
    w = two_provinces_before_merger
    user = UserFactory(username="nhaplieu.x")
    MembershipFactory(user=user, unit=w["X"], role="entry")
    open_task = TaskFactory(resolution=w["res"], lead_unit=w["X"], status=TaskStatus.IN_PROGRESS)
    done_task = TaskFactory(resolution=w["res"], lead_unit=w["X"], status=TaskStatus.DONE)
    result = reorganisation.public_result(merge_provinces(w))
    granted = Membership.objects.get(user=user, unit=w["Y"])
    assert (granted.role, granted.valid_from) == ("entry", ON)
    open_task.refresh_from_db()
    done_task.refresh_from_db()
    assert open_task.lead_unit_id == w["Y"].pk and done_task.lead_unit_id == w["X"].pk
    assert (result["memberships"], result["tasks"], result["resolutions"]) == (1, 1, 1)
    # The granted role writes Y's figures from the date only: not its 2024 report.
    from indicators.policy import entry_denied

    assert entry_denied(user, w["y1"], w["q3"]) is None
    assert entry_denied(user, w["y1"], w["q4"]) is not None
    assert entry_denied(user, w["s1"], w["q4"]) is None  # its own old school, for 2024


@pytest.mark.parametrize("steps,error", [
    (lambda w: [{"kind": "merge", "from": [w["X"].pk], "into": w["X"].pk}],
     {"step": 0, "field": "into", "message": "Không thể sáp nhập “Sở GDĐT Tỉnh Một” vào chính nó."}),
    (lambda w: [{"kind": "merge", "from": [w["X"].pk], "into": w["O1"].pk}],
     {"step": 0, "field": "into", "message": "Không thể sáp nhập “Sở GDĐT Tỉnh Một” vào “Phòng GDĐT Thành phố”, "
                                             "một đơn vị cấp dưới của chính nó."}),
    (lambda w: [{"kind": "merge", "from": [w["s1"].pk], "into": w["P2"].pk}],
     {"step": 0, "field": "into", "message": "“Trường Một” (Cơ sở giáo dục) không thể sáp nhập vào một đơn vị loại "
                                             "Tỉnh/Thành phố."}),
    (lambda w: [{"kind": "merge", "from": [w["s1"].pk], "into": w["s2"].pk},
                {"kind": "rename", "from": w["s1"].pk, "into": {"code": "s1b", "name": "Trường Một B"}}],
     {"step": 1, "field": "from", "message": "“Trường Một” đã thôi hoạt động ở bước 1; một đơn vị chỉ được kết thúc "
                                             "bởi một bước."}),
    (lambda w: [{"kind": "move", "units": [w["X"].pk], "to": w["s1"].pk}],
     {"step": 0, "field": "to", "message": "Không thể đặt sở, ban, ngành “Sở GDĐT Tỉnh Một” dưới cơ sở giáo dục "
                                           "“Trường Một”."}),
    (lambda w: [{"kind": "move", "units": [w["X"].pk], "to": w["O1"].pk}],
     {"step": 0, "field": "to", "message": "Không thể đặt sở, ban, ngành “Sở GDĐT Tỉnh Một” dưới phòng chuyên môn "
                                           "cấp huyện “Phòng GDĐT Thành phố”."}),
    (lambda w: [{"kind": "merge", "from": [w["P1"].pk], "into": w["P2"].pk},
                {"kind": "move", "units": [w["y1"].pk], "to": w["P1"].pk}],
     {"step": 1, "field": "to", "message": "“Tỉnh Một” không hoạt động vào ngày 01/07/2025; không chuyển được đơn vị "
                                           "vào đó."}),
    (lambda w: [{"kind": "merge", "from": [99999], "into": w["Y"].pk}],
     {"step": 0, "field": "from", "message": "Không tìm thấy đơn vị “99999”."}),
    (lambda w: [{"kind": "merge", "from": [w["X"].pk], "into": {"code": "Y", "name": "Trùng mã",
                                                                 "kind": "department"}}],
     {"step": 0, "field": "into.code", "message": "Mã “Y” đã được dùng; mã đơn vị không bao giờ dùng lại."}),
    (lambda w: [{"kind": "teleport", "units": []}],
     {"step": 0, "field": "kind", "message": "Loại bước “teleport” không hợp lệ (merge, split, rename, move)."}),
])
def test_bad_steps_are_named_and_nothing_is_saved(two_provinces_before_merger, steps, error):
    w = two_provinces_before_merger
    units_before = ReportingUnit.objects.count()
    response = client_for(w["admin"]).post("/api/v1/reorganisations/", {
        "effective_on": "2025-07-01", "legal_basis": BASIS, "steps": steps(w)}, format="json")
    assert response.status_code == 400
    assert error in response.json()["errors"]
    assert ReportingUnit.objects.count() == units_before and not UnitSuccession.objects.exists()
    assert not Reorganisation.objects.exists()


def test_a_unit_already_ended_or_not_yet_started_cannot_be_reorganised(two_provinces_before_merger):
    w = two_provinces_before_merger
    w["s2"].valid_to = dt.date(2024, 12, 31)
    w["s2"].save()
    late = UnitFactory(code="late", name="Trường Mới", kind=UnitKind.SCHOOL, parent=w["X"], valid_from=dt.date(2025, 9, 1))
    with pytest.raises(reorganisation.ReorganisationInvalid) as exc:
        reorganisation.build_plan({"effective_on": "2025-07-01", "legal_basis": BASIS, "steps": [
            {"kind": "merge", "from": [w["s2"].pk], "into": w["s1"].pk},
            {"kind": "move", "units": [late.pk], "to": w["Y"].pk}]})
    messages = [e["message"] for e in exc.value.errors]
    assert "“Trường Hai” đã thôi hoạt động từ 31/12/2024; không thể sáp nhập từ ngày 01/07/2025." in messages
    assert "“Trường Mới” bắt đầu hoạt động từ 01/09/2025, sau ngày hiệu lực 01/07/2025." in messages


def test_preview_counts_and_saves_nothing_then_apply_answers_the_same(two_provinces_before_merger):
    w = two_provinces_before_merger
    body = {"effective_on": "2025-07-01", "legal_basis": BASIS, "steps": [
        {"kind": "merge", "from": [w["X"].pk], "into": w["Y"].pk}]}
    api = client_for(w["admin"])
    preview = api.post("/api/v1/reorganisations/preview/", body, format="json")
    assert preview.status_code == 200
    assert not UnitSuccession.objects.exists() and ReportingUnit.objects.get(pk=w["X"].pk).valid_to is None
    applied = api.post("/api/v1/reorganisations/", body, format="json")
    assert applied.status_code == 201
    p, a = preview.json(), applied.json()
    assert a["ended"] == p["ended"] == [w["X"].pk]
    assert {m["unit"] for m in a["moved"]} == {m["unit"] for m in p["moved"]} == {w["O1"].pk, w["x3"].pk}
    assert a["id"] == Reorganisation.objects.get().pk
    listed = api.get("/api/v1/reorganisations/").json()["results"]
    assert listed[0]["legal_basis"] == BASIS and listed[0]["applied_by"] == w["admin"].pk
    # Only admins.
    assert client_for(UserFactory()).post("/api/v1/reorganisations/preview/", body, format="json").status_code == 403


def test_revert_while_no_later_figure_then_refused(two_provinces_before_merger):
    w = two_provinces_before_merger
    api = client_for(w["admin"])
    reorg = merge_provinces(w)
    response = api.post(f"/api/v1/reorganisations/{reorg.pk}/revert/")
    assert response.status_code == 200
    assert ReportingUnit.objects.get(pk=w["X"].pk).valid_to is None
    assert ReportingUnit.objects.get(pk=w["s1"].pk).parent_id == w["O1"].pk
    assert not ReportingUnit.objects.filter(code="O2").exists() and not UnitSuccession.objects.exists()
    # Applied again, then a figure for Q3/2025 is entered: no revert any more.
    reorg = merge_provinces(w)
    DataValueFactory(unit=w["s1"], indicator=w["ind"], period=w["q3"], numerator=1, denominator=2)
    response = api.post(f"/api/v1/reorganisations/{reorg.pk}/revert/")
    assert response.status_code == 409 and "không thể hoàn tác" in response.json()["detail"]


def test_units_as_of_a_date(two_provinces_before_merger):
    w = two_provinces_before_merger
    merge_provinces(w)
    api = client_for(w["admin"])
    before = {u["id"]: u for u in api.get("/api/v1/units/", {"on": "2024-12-14", "page_size": 500}).json()["results"]}
    after = {u["id"]: u for u in api.get("/api/v1/units/", {"on": "2025-09-14", "page_size": 500}).json()["results"]}
    assert before[w["s1"].pk]["parent"] == w["O1"].pk and after[w["s1"].pk]["parent"] == w["Y"].pk
    assert w["X"].pk in before and w["X"].pk not in after
    subtree = api.get("/api/v1/units/", {"on": "2024-12-14", "within": w["X"].pk, "page_size": 500}).json()["results"]
    assert {u["code"] for u in subtree} == {"X", "O1", "s1", "s2", "x3"}
    item = api.get(f"/api/v1/units/{w['Y'].pk}/").json()
    assert item["predecessors"] == [w["X"].pk] and api.get(f"/api/v1/units/{w['X'].pk}/").json()["successors"] == [
        w["Y"].pk]
    assert api.get("/api/v1/units/", {"on": "14/12/2024"}).status_code == 400


def test_assigned_units_narrow_who_is_expected(two_provinces_before_merger):
    """07-NQ/TU's school computers belong to Sở GDĐT: another Sở of the province is not expected."""
    w = two_provinces_before_merger
    other = UnitFactory(code="X2", name="Sở LĐTBXH Tỉnh Một", kind=UnitKind.DEPARTMENT, parent=w["P1"])
    pcs = IndicatorFactory(resolution=w["res"], code="MAYTINH", measure=Measure.COUNT, numerator_label="Số máy",
                           denominator_label="", applies_to=[UnitKind.DEPARTMENT])
    rows = {r.unit_kind: r for r in rollup_by_kind([pcs], w["q4"], None)[pcs.pk]}
    assert rows["department"].units_expected == 2
    api = client_for(w["admin"])
    response = api.patch(f"/api/v1/indicators/{pcs.pk}/", {"assigned_units": [w["X"].pk]}, format="json")
    assert response.status_code == 200 and response.json()["assigned_units"] == [w["X"].pk]
    pcs = type(pcs).objects.get(pk=pcs.pk)  # as a page reads it
    rows = {r.unit_kind: r for r in rollup_by_kind([pcs], w["q4"], None)[pcs.pk]}
    assert rows["department"].units_expected == 1
    from indicators.scope import indicators_for_unit

    assert pcs not in indicators_for_unit(other, w["q4"]) and pcs in indicators_for_unit(w["X"], w["q4"])


def test_a_unit_with_figures_after_the_date_cannot_end_before_it(two_provinces_before_merger):
    w = two_provinces_before_merger
    DataValueFactory(unit=w["x3"], indicator=w["ind"], period=w["q3"], numerator=1, denominator=2)
    with pytest.raises(reorganisation.ReorganisationInvalid) as exc:
        reorganisation.build_plan({"effective_on": "2025-07-01", "legal_basis": BASIS, "steps": [
            {"kind": "merge", "from": [w["x3"].pk], "into": w["y1"].pk}]})
    assert exc.value.errors == [{"step": 0, "field": "from", "message": (
        "“Trường Ba” đã có số liệu Quý III/2025, kỳ kết thúc sau ngày 01/07/2025; không thể cho đơn vị thôi "
        "hoạt động trước đó.")}]


@pytest.mark.parametrize("payload", [
    {"effective_on": "2024-13-01", "legal_basis": BASIS, "steps": [{"kind": "move", "units": [1], "to": 2}]},
    {"effective_on": "2025-07-01", "legal_basis": BASIS, "steps": [{"kind": "merge", "from": [10**40], "into": 2**70}]},
    {"effective_on": "2025-07-01", "legal_basis": BASIS, "steps": [[], {"kind": "split", "from": "x" * 500,
                                                                        "into": [None, 1.5], "children": {"9" * 30: 1}}]},
    "not an object",
])
def test_nonsense_is_refused_with_messages_never_a_server_error(two_provinces_before_merger, payload):
    with pytest.raises(reorganisation.ReorganisationInvalid) as exc:
        reorganisation.build_plan(payload)
    assert exc.value.errors and all(e["message"] for e in exc.value.errors)
