"""The demo loader (`manage.py load_demo`): seed facts checked by hand-computed figures, idempotency.

The demo is loaded once per module inside an outer transaction that is rolled
back at the end; every test runs in its own savepoint on top of it.
"""

import datetime as dt
import hashlib
import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from indicators.models import DataValue, Indicator, Period, Submission, SubmissionStatus, Target
from indicators.rules import compute_value
from resolutions.demo.loader import load_demo
from resolutions.models import Finding, Pillar, Resolution, Supervision, Task, TaskStatus, Visit
from units.models import Membership, ReportingUnit, UnitSuccession


# The loader checks and sets passwords; a fast hasher keeps the module quick.
def fast_hashers():
    return override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])



DEPLOYED = (TaskStatus.IN_PROGRESS, TaskStatus.DONE)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), fast_hashers(), transaction.atomic():
        out = io.StringIO()
        load_demo(stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def fast_hasher():
    with fast_hashers():
        yield


def unit(code):
    return ReportingUnit.objects.get(code=code)


def value_of(unit_code, res_code, ind_code, period_code):
    return DataValue.objects.get(
        unit__code=unit_code, indicator__resolution__code=res_code, indicator__code=ind_code, period__code=period_code
    )


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


# --- reference data and units ----------------------------------------------------------------------


def test_pillars_are_the_nine_in_order():
    assert list(Pillar.objects.order_by("order").values_list("name", flat=True)) == [
        "Nhận thức số", "Thể chế số", "Hạ tầng số", "Dữ liệu số", "Nhân lực số", "An toàn thông tin mạng",
        "Chính quyền số", "Kinh tế số", "Xã hội số",
    ]
    assert Pillar.objects.get(code="chinh_quyen_so").order == 7


BEFORE, AFTER = dt.date(2025, 6, 30), dt.date(2025, 7, 1)


def under(code, day, kind=None):
    """The units under `code` on `day` (the dated tree), optionally of one kind."""
    from units.tree import tree_on

    tree = tree_on(day)
    ids = tree.subtree(unit(code).pk)
    qs = ReportingUnit.objects.filter(pk__in=ids)
    return qs.filter(kind=kind) if kind else qs


def children_on(code, day, kind=None):
    from units.tree import tree_on

    qs = ReportingUnit.objects.filter(pk__in=tree_on(day).children.get(unit(code).pk, []))
    return qs.filter(kind=kind) if kind else qs


def test_quang_binh_tree_before_the_merger_and_the_schools_after_it():
    qb = unit("QB")
    assert qb.name == "Tỉnh Quảng Bình" and qb.kind == "province" and qb.statistical_code == "44"
    so = unit("QB.SGDDT")
    assert so.name == "Sở Giáo dục và Đào tạo Quảng Bình" and so.parent == qb
    offices = children_on("QB.SGDDT", BEFORE, "district_office")
    assert sorted(o.name.removeprefix("Phòng Giáo dục và Đào tạo ") for o in offices) == sorted([
        "thành phố Đồng Hới", "thị xã Ba Đồn", "huyện Bố Trạch", "huyện Quảng Ninh", "huyện Lệ Thủy",
        "huyện Quảng Trạch", "huyện Tuyên Hóa", "huyện Minh Hóa",
    ])
    for office in offices:
        assert 6 <= children_on(office.code, BEFORE, "school").count() <= 10
    assert children_on("QB.SGDDT", BEFORE, "school").count() >= 3  # THPT under the Sở
    hai_dinh = ReportingUnit.objects.get(name="Trường THCS Hải Đình")
    assert [u.code for u in under("QB.PGD-DONGHOI", BEFORE)].count(hai_dinh.code) == 1
    # The province, its Sở and its Phòng end on 30/6/2025; the schools continue, under Sở GDĐT Quảng Trị.
    ended = under("QB", BEFORE).exclude(kind="school")
    assert not ended.exclude(valid_to=BEFORE).exists()
    schools = under("QB", BEFORE, "school")
    assert not schools.exclude(valid_to=None).exists()
    assert set(schools.values_list("parent__code", flat=True)) == {"QT.SGDDT"}
    assert set(under("QT.SGDDT", AFTER, "school")) == set(schools)
    assert not any(u.agency_code for u in under("QB", BEFORE))  # not known: never derived from anything


def test_soc_trang_has_11_offices_and_479_schools():
    assert under("ST", BEFORE, "district_office").count() == 11
    assert under("ST", BEFORE, "school").count() == 479
    assert unit("ST.SLDTBXH").name == "Sở Lao động - Thương binh và Xã hội Sóc Trăng"
    # paths of the bulk-created schools are right, and every unit is placed
    assert ReportingUnit.objects.rebuild_paths() == 0
    school = under("ST.PGD-KESACH", BEFORE, "school").first()
    from units.tree import tree_on

    assert tree_on(BEFORE).ancestors(school.pk) == [unit("ST").pk, unit("ST.SGDDT").pk, unit("ST.PGD-KESACH").pk]
    assert school.ancestors() == [unit("CT"), unit("CT.SGDDT")]  # today's tree


def test_mergers_of_1_7_2025_by_one_reorganisation():
    from units.models import Reorganisation

    reorg = Reorganisation.objects.get()
    assert (reorg.effective_on, reorg.legal_basis) == (AFTER, "Nghị quyết 202/2025/QH15")
    pairs = {
        (s.predecessor.name, s.successor.name)
        for s in UnitSuccession.objects.select_related("predecessor", "successor")
    }
    assert {
        ("Tỉnh Quảng Bình", "Tỉnh Quảng Trị"),
        ("Sở Giáo dục và Đào tạo Quảng Bình", "Sở Giáo dục và Đào tạo Quảng Trị"),
        ("Tỉnh Ninh Thuận", "Tỉnh Khánh Hòa"),
        ("Tỉnh Sóc Trăng", "Thành phố Cần Thơ"),
        ("Phòng Giáo dục và Đào tạo thành phố Đồng Hới", "Sở Giáo dục và Đào tạo Quảng Trị"),
        ("UBND huyện Bác Ái", "Tỉnh Khánh Hòa"),
        ("Sở Lao động - Thương binh và Xã hội Sóc Trăng", "Sở Nội vụ thành phố Cần Thơ"),
    } <= pairs
    for s in UnitSuccession.objects.all():
        assert (s.kind, s.effective_on, s.legal_basis) == ("merge", AFTER, "Nghị quyết 202/2025/QH15")
    assert unit("QB").successor == unit("QT")
    assert unit("QT").valid_to is None
    assert unit("NT.UBND-BACAI").kind == "district" and unit("NT.UBND-BACAI").valid_to == BEFORE
    # giamsat keeps seeing the same schools after the date: the supervisor role passed to the successors.
    giamsat = Membership.objects.filter(user__username="giamsat")
    assert {(m.unit.code, m.valid_from) for m in giamsat} == {("NT", None), ("QB", None), ("KH", AFTER),
                                                             ("QT", AFTER)}


def test_periods_follow_the_decree_windows():
    quarters = Period.objects.filter(kind="quarter", year__range=(2022, 2026))
    assert quarters.count() == 20
    q3 = Period.objects.get_by_code("2024-Q3")
    assert (q3.start, q3.end, q3.deadline) == (dt.date(2024, 6, 15), dt.date(2024, 9, 14), dt.date(2024, 9, 20))
    assert Period.objects.get_by_code("2024-H1").label == "6 tháng đầu năm 2024"
    assert Period.objects.filter(kind="year", year__range=(2022, 2025)).count() == 4


# --- seed 001: the Quảng Bình education plan 2022 --------------------------------------------------------


def test_quang_binh_plan_targets():
    plan = Resolution.objects.get(code="KH-CĐS-GDĐT-2022/QB")
    assert (plan.kind, plan.owner_unit.code, plan.start_year, plan.end_year) == ("plan", "QB.SGDDT", 2022, 2022)
    assert plan.indicators.count() == 13
    assert set(Target.objects.filter(indicator__resolution=plan).values_list("year", flat=True)) == {2022}

    def targets(code):
        return {
            (t.unit_kind, t.operator, t.value)
            for t in Target.objects.filter(indicator__resolution=plan, indicator__code=code)
        }

    assert targets("VB-DIENTU") == {(None, "gte", Decimal(96))}
    # one indicator, three per-level targets: >95% Sở, >75% phòng, 52% schools
    assert targets("HSCV-MANG") == {
        ("department", "gt", Decimal(95)), ("district_office", "gt", Decimal(75)), ("school", "gte", Decimal(52)),
    }
    assert targets("HAILONG") == {("department", "gt", Decimal(85)), ("district_office", "gt", Decimal(80))}
    assert targets("BC-HETHONG") == {(None, "gt", Decimal(80))}
    assert targets("CSDL-KETNOI") == {(None, "gt", Decimal(50))}
    assert targets("KT-MOITRUONGSO") == {(None, "gt", Decimal(30))}
    for code in ("DVCTT-CONGQG", "GD-XACTHUC", "ATTT-PHOBIEN", "ATTT-DAOTAO", "TO-CDS"):
        assert targets(code) == {(None, "gte", Decimal(100))}, code
    assert targets("KDTM-TRUONG") == {(None, "gte", Decimal(50))}
    assert targets("KDTM-GIATRI") == {(None, "gte", Decimal(50))}
    hscv_so = Target.objects.get(indicator__resolution=plan, indicator__code="HSCV-MANG", unit_kind="department")
    assert hscv_so.wording.startswith("trên 95%")
    steering = plan.indicators.get(code="TO-CDS")
    assert (steering.measure, steering.temporal) == ("boolean", "stock")
    assert steering.applies_to == ["department", "district_office", "school"]
    assert plan.indicators.get(code="KDTM-TRUONG").applies_to == ["school"]
    assert plan.indicators.get(code="HSCV-MANG").temporal == "flow"


def test_illustrative_series_cover_the_plans_year():
    plan = Resolution.objects.get(code="KH-CĐS-GDĐT-2022/QB")
    qb_units = under("QB", BEFORE)
    values = DataValue.objects.filter(indicator__resolution=plan, unit__in=qb_units)
    assert not values.filter(is_illustrative=False).exists()
    periods = set(values.values_list("period__code", flat=True))
    # A plan for 2022 asks for the figures of 2022 only (the resolution's horizon).
    assert periods == {"2022-Q1", "2022-Q2", "2022-Q3", "2022-Q4"}
    # every (unit, applicable indicator) pair in the plan's reach (Sở GDĐT Quảng Bình's subtree) has a series
    reached = under("QB.SGDDT", dt.date(2022, 12, 14))
    expected_pairs = sum(len(plan.indicators.applicable_to_kind(u.kind)) for u in reached)
    pairs = set(values.values_list("unit_id", "indicator_id"))
    assert len(pairs) == expected_pairs
    assert values.count() > 0.9 * expected_pairs * 4
    # values are derived by the rules, figures are consistent
    for dv in values.select_related("indicator")[:500]:
        assert dv.value == compute_value(dv.indicator.measure, dv.numerator, dv.denominator)
        if dv.denominator is not None:
            assert dv.numerator <= dv.denominator
    assert set(values.filter(indicator__code="TO-CDS").values_list("numerator", flat=True)) == {0, 1}


def test_the_successor_carries_09_nq_tu_on_after_the_merger():
    """From 1/7/2025 09-NQ/TU reaches Khánh Hòa (its owner's successor); its milestones run to 2030."""
    values = DataValue.objects.filter(indicator__resolution__code="09-NQ/TU", period__year__gte=2025,
                                      period__end__gte=AFTER)
    units = set(values.values_list("unit__code", flat=True))
    assert "KH.SGDDT" in units and "KH.SKHCN" in units
    assert not {u for u in units if u in ("NT", "NT.SGDDT", "NT.STTTT", "NT.UBND-BACAI", "NT.PGD-BACAI")}
    schools = set(values.filter(unit__kind="school").values_list("unit__code", flat=True))
    assert schools and all(code.startswith("NT.") for code in schools)  # Ninh Thuận's schools continue
    assert set(values.values_list("period__code", flat=True)) == {"2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2",
                                                                  "2026-Q3", "2026-Q4"}
    assert Submission.objects.get(unit__code="KH.SGDDT", period__code="2026-Q4").status == SubmissionStatus.DRAFT


def test_submissions_give_every_persona_something_to_do():
    subs = Submission.objects.filter(period__code="2026-Q4")  # the quarter being entered on the demo's day
    assert set(subs.values_list("status", flat=True)) == set(SubmissionStatus.values)
    returned = Submission.objects.get(unit__name="Trường THCS Hải Đình", period__code="2022-Q4")
    assert returned.status == SubmissionStatus.RETURNED and returned.return_reason
    assert returned.submitted_by.username == "nhaplieu.truong"
    pending = Submission.objects.filter(period__code="2022-Q4", status=SubmissionStatus.SUBMITTED,
                                        unit__in=under("QB.PGD-DONGHOI", BEFORE))
    assert pending.count() >= 2  # for lanhdao.phong
    assert Submission.objects.get(unit__code="NT.SGDDT", period__code="2025-Q2").status == SubmissionStatus.APPROVED
    # older quarters: approved, some late, every unit with values has a submission
    older = Submission.objects.filter(period__code="2022-Q2", unit__code__startswith="QB")
    assert set(older.values_list("status", flat=True)) == {SubmissionStatus.APPROVED}
    assert all(s.approved_at > s.submitted_at for s in older)
    late = [s for s in Submission.objects.filter(status="approved").select_related("period")
            if s.submitted_at.date() > s.period.deadline]
    assert late
    with_values = set(DataValue.objects.values_list("unit_id", "period_id").distinct())
    assert with_values == set(Submission.objects.values_list("unit_id", "period_id"))


# --- seed 002: Sóc Trăng, 07-NQ/TU -------------------------------------------------------------------------


def test_soc_trang_figures_of_24_12_2023():
    res = Resolution.objects.get(code="07-NQ/TU")
    assert (res.issuer, res.issued_on, res.end_year, res.vision_year) == (
        "Ban Chấp hành Đảng bộ tỉnh Sóc Trăng khóa XIV", dt.date(2021, 10, 27), 2025, 2030,
    )
    facts = DataValue.objects.filter(indicator__resolution=res, period__code="2023-Q4", is_illustrative=False)
    fibre = facts.filter(indicator__code="CAPQUANG", numerator=1)
    then = under("ST", dt.date(2023, 12, 14))
    assert fibre.filter(unit__kind="district_office", unit__in=then).count() == 11
    assert fibre.filter(unit__kind="school", unit__in=then).count() == 479
    assert all("Báo Sóc Trăng, 24/12/2023" in dv.note for dv in facts)
    computers = {dv.indicator.code: int(dv.value) for dv in facts.filter(unit__code="ST.SGDDT", indicator__measure="count")}
    assert computers == {
        "MT-QL-THPT": 325, "MT-QL-THCS": 629, "MT-QL-TH": 342,
        "MT-GD-THPT": 1937, "MT-GD-THCS": 3296, "MT-GD-TH": 1566,
    }
    social = {
        dv.indicator.code: (int(dv.numerator), int(dv.denominator), dv.value)
        for dv in facts.filter(unit__code="ST.SLDTBXH")
    }
    # hand-computed: 116/15828 = 0,7329%; 8339/9189 = 90,7498%; 241715/296117 = 81,6282%; 41322/43882 = 94,1662%
    assert social == {
        "BHTN-TRUCTUYEN": (116, 15828, Decimal("0.7329")),
        "NCC-CAPNHAT": (8339, 9189, Decimal("90.7498")),
        "TREEM-CAPNHAT": (241715, 296117, Decimal("81.6282")),
        "BTXH-DINHDANH": (41322, 43882, Decimal("94.1662")),
    }
    assert Submission.objects.filter(period__code="2023-Q4", unit__in=then,
                                     status=SubmissionStatus.APPROVED).count() == 1 + 1 + 11 + 479


# --- seed 000: 09-NQ/TU and the supervision under 1521-QĐ/TU ---------------------------------------------


def test_resolution_09():
    res = Resolution.objects.get(code="09-NQ/TU")
    assert res.title == "Về chuyển đổi số tỉnh Ninh Thuận giai đoạn 2021-2025, tầm nhìn năm 2030"
    assert (res.kind, res.issuer, res.issued_on) == ("resolution", "Ban Thường vụ Tỉnh ủy Ninh Thuận", dt.date(2021, 11, 29))
    assert (res.start_year, res.end_year, res.vision_year) == (2021, 2025, 2030)
    assert res.indicators.count() >= 5
    assert Target.objects.filter(indicator__resolution=res, year=2025).exists()
    assert Target.objects.filter(indicator__resolution=res, year=2030).exists()
    nt_values = DataValue.objects.filter(indicator__resolution=res, is_illustrative=True)
    assert set(nt_values.values_list("unit__code", flat=True)) >= {"NT.SGDDT", "NT.UBND-BACAI", "NT.STTTT"}


def test_supervision_1521_finding_and_value():
    sup = Supervision.objects.get(decision_ref="1521-QĐ/TU")
    assert (sup.kind, sup.decision_date, sup.resolution.code) == ("supervision", dt.date(2023, 6, 28), "09-NQ/TU")
    assert sup.chair == "Đồng chí Nguyễn Long Biên, Phó Chủ tịch UBND tỉnh"
    assert sup.member_list == [
        "Giám đốc Công an tỉnh", "Giám đốc Sở Tài chính", "Giám đốc Sở Thông tin và Truyền thông",
        "Giám đốc Sở Khoa học và Công nghệ", "Chánh Văn phòng UBND tỉnh",
    ]
    visit = sup.visits.get()
    assert (visit.unit.name, visit.date) == ("Sở Giáo dục và Đào tạo Ninh Thuận", dt.date(2023, 9, 12))
    assert visit.findings.filter(kind="strength").count() == 6
    assert visit.findings.filter(kind="limitation").count() == 4
    finding = visit.findings.get(text__contains="22,22%")
    assert finding.kind == "limitation" and finding.value == Decimal("22.22")
    assert finding.indicator.code == "DVCTT-PS" and finding.indicator.resolution.code == "09-NQ/TU"
    dv = value_of("NT.SGDDT", "09-NQ/TU", "DVCTT-PS", "2023-Q3")
    assert (dv.numerator, dv.denominator, dv.is_illustrative) == (2, 9, False)
    assert dv.value.quantize(Decimal("0.01")) == Decimal("22.22")  # 2/9 = 22,2222...%
    assert "22,22%" in dv.note
    # recommendations keep the seed's numbering, which has no (5)
    recs = visit.recommendations.order_by("number")
    assert list(recs.values_list("number", flat=True)) == [1, 2, 3, 4, 6, 7, 8, 9]
    # The open ones passed to Sở GDĐT Khánh Hòa with the merger; the done ones keep their history.
    assert {r.lead_unit.code for r in recs if r.status != "done"} == {"KH.SGDDT"}
    assert {r.lead_unit.code for r in recs if r.status == "done"} == {"NT.SGDDT"}
    assert len(set(recs.values_list("status", flat=True))) == 3
    assert recs.get(number=8).title.startswith("Đẩy mạnh hoạt động không dùng tiền mặt")


# --- seed 003: the 2019 inspection -------------------------------------------------------------------------


def test_inspection_2019():
    sup = Supervision.objects.get(kind="inspection")
    assert sup.resolution is None
    assert sup.chair == "Đồng chí Lê Văn Bình, UVTV Tỉnh ủy, Phó Chủ tịch UBND tỉnh"
    visits = {v.unit.code: v for v in sup.visits.all()}
    assert set(visits) == {"NT.UBND-BACAI", "NT.SGDDT"}
    assert {v.date for v in visits.values()} == {dt.date(2019, 11, 8)}
    td_office = Finding.objects.get(visit=visits["NT.SGDDT"], value__isnull=False)
    assert td_office.value == 25 and "25 đơn vị trực thuộc" in td_office.text
    assert visits["NT.UBND-BACAI"].findings.filter(text__contains="TD.Office").exists()
    for v in visits.values():
        numbers = list(v.recommendations.order_by("number").values_list("number", flat=True))
        assert numbers == list(range(1, len(numbers) + 1)) and numbers
    assert Visit.objects.count() == 3


# --- seed 004: Quảng Trị, 1982/QĐ-UBND -----------------------------------------------------------------------


def test_decision_1982_task_counts_at_mid_2024():
    res = Resolution.objects.get(code="1982/QĐ-UBND")
    assert (res.kind, res.issuer, res.issued_on) == ("decision", "UBND tỉnh Quảng Trị", dt.date(2022, 7, 29))
    tasks = Task.objects.filter(resolution=res, visit__isnull=True)

    def deployed(group):
        g = tasks.filter(group=group)
        return g.filter(status__in=DEPLOYED).count(), g.count()

    assert deployed("Nhóm nhiệm vụ chung") == (11, 11)
    assert deployed("Phát triển chính quyền số") == (11, 21)
    assert deployed("Phát triển kinh tế số") == (5, 9)
    assert deployed("Phát triển xã hội số") == (1, 6)
    # by pillar, as resolutions.progress counts them
    assert deployed_by_pillar(tasks, "chinh_quyen_so") == (11, 21)
    assert deployed_by_pillar(tasks, "kinh_te_so") == (5, 9)
    assert deployed_by_pillar(tasks, "xa_hoi_so") == (1, 6)
    assert not tasks.filter(lead_unit__isnull=True).exists()
    assert not tasks.filter(deadline__isnull=True).exists()
    assert {t.lead_unit.code.split(".")[0] for t in tasks.select_related("lead_unit")} == {"QT"}


def deployed_by_pillar(tasks, pillar):
    g = tasks.filter(pillar__code=pillar)
    return g.filter(status__in=DEPLOYED).count(), g.count()


# --- users ----------------------------------------------------------------------------------------------------


def test_demo_users_and_roles(fast_hasher):
    User = get_user_model()
    users = {u.username: u for u in User.objects.all()}
    assert set(users) >= {"admin", "nhaplieu.truong", "nhaplieu.so", "lanhdao.phong", "lanhdao.so", "giamsat", "xem"}
    for u in users.values():
        assert u.check_password("demo1234"), u.username
        assert u.get_full_name().strip()
    assert users["admin"].is_staff and users["admin"].is_superuser
    assert not users["giamsat"].is_staff

    def roles(username):
        return {(m.unit.code, m.role) for m in Membership.objects.filter(user__username=username).select_related("unit")}

    # The demo's roles, and those the 1/7/2025 reorganisation granted on the successors from that date.
    assert roles("nhaplieu.truong") == {("QB.DONGHOI.THCS-HAIDINH", "entry")}
    assert roles("nhaplieu.so") == {("NT.SGDDT", "entry"), ("KH.SGDDT", "entry")}
    assert roles("lanhdao.phong") == {("QB.PGD-DONGHOI", "approver"), ("QT.SGDDT", "approver")}
    assert roles("lanhdao.so") == {("QB.SGDDT", "approver"), ("QT.SGDDT", "approver")}
    assert roles("giamsat") == {("NT", "supervisor"), ("QB", "supervisor"), ("KH", "supervisor"),
                                ("QT", "supervisor")}
    assert roles("xem") == {("ST", "viewer"), ("CT", "viewer")}
    assert not Membership.objects.filter(unit__code__in=["KH.SGDDT", "QT.SGDDT", "KH", "QT", "CT"]).exclude(
        valid_from=dt.date(2025, 7, 1)).exists()


# --- idempotency ---------------------------------------------------------------------------------------------------


def _snapshot():
    from django.apps import apps

    counts = {m._meta.label: m.objects.count() for m in apps.get_models()
              if m._meta.app_label in ("units", "resolutions", "indicators", "auth")}
    digest = hashlib.sha256()
    for row in DataValue.objects.order_by("unit_id", "indicator_id", "period_id").values_list(
        "unit_id", "indicator_id", "period_id", "numerator", "denominator", "value", "note", "is_illustrative"
    ):
        digest.update(repr(row).encode())
    for row in Submission.objects.order_by("unit_id", "period_id").values_list(
        "unit_id", "period_id", "status", "submitted_at", "approved_at", "return_reason"
    ):
        digest.update(repr(row).encode())
    return counts, digest.hexdigest()


def test_second_run_changes_nothing(fast_hasher):
    before = _snapshot()
    ids = set(DataValue.objects.values_list("id", flat=True))
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert _snapshot() == before  # history tables included: nothing was saved again
    assert set(DataValue.objects.values_list("id", flat=True)) == ids
    text = out.getvalue()
    assert "Không có thay đổi" in text
    for username in ("admin", "nhaplieu.truong", "nhaplieu.so", "lanhdao.phong", "lanhdao.so", "giamsat", "xem"):
        assert username in text
    assert "demo1234" in text and "Trường THCS Hải Đình" in text


def test_run_repairs_edited_illustrative_values(fast_hasher):
    dv = DataValue.objects.filter(is_illustrative=True, indicator__measure="percent").first()
    original = (dv.numerator, dv.denominator, dv.value)
    DataValue.objects.filter(pk=dv.pk).update(numerator=0)
    extra = DataValue.objects.filter(is_illustrative=True).exclude(pk=dv.pk).first()
    extra_key = (extra.unit_id, extra.indicator_id, extra.period_id)
    extra.delete()
    load_demo()
    dv.refresh_from_db()
    assert (dv.numerator, dv.denominator, dv.value) == original
    assert DataValue.objects.filter(unit_id=extra_key[0], indicator_id=extra_key[1], period_id=extra_key[2]).exists()


def test_indicator_codes_unique_per_resolution():
    for res in Resolution.objects.all():
        codes = list(Indicator.objects.filter(resolution=res).values_list("code", flat=True))
        assert len(codes) == len(set(codes))


# --- issue 11: demo honesty and scope ------------------------------------------------------------------------


def test_invented_targets_and_tasks_are_flagged_and_stated_ones_are_not():
    # Seed 000 states no target of 09-NQ/TU; seed 001 states every target of the Quảng Bình plan (with its wording).
    nq09 = Target.objects.filter(indicator__resolution__code="09-NQ/TU")
    assert nq09.exists() and not nq09.filter(is_illustrative=False).exists()
    assert all("09-NQ/TU" in t.illustrative_reason for t in nq09)
    qb = Target.objects.filter(indicator__resolution__code="KH-CĐS-GDĐT-2022/QB")
    assert qb.count() == 16 and not qb.filter(is_illustrative=True).exists()
    assert all(t.wording and not t.illustrative_reason for t in qb)
    # Seed 004 gives counts per group only: the 47 tasks' titles, numbering, leads and deadlines are invented.
    tasks = Task.objects.filter(resolution__code="1982/QĐ-UBND")
    assert tasks.count() == 47 and not tasks.filter(is_illustrative=False).exists()
    assert all("11/21" in t.illustrative_reason and "số thứ tự" in t.illustrative_reason for t in tasks)
    # Recommendations: texts from the seeds; what is invented is named (the 2019 numbering, deadlines, statuses).
    recs_1521 = Task.objects.filter(visit__supervision__decision_ref="1521-QĐ/TU")
    assert all(r.is_illustrative and r.illustrative_reason.startswith("Nội dung và số thứ tự theo kết luận")
               for r in recs_1521)
    recs_2019 = Task.objects.filter(visit__supervision__kind="inspection")
    assert recs_2019.count() == 9
    assert all("số thứ tự do hệ thống đánh" in r.illustrative_reason for r in recs_2019)


def test_so_gddt_ninh_thuan_template_lists_its_entry_forms_five_rows(fast_hasher):
    """The defect of issue 11: 27 template rows (Quảng Bình's and Sóc Trăng's too) against 5 on the form."""
    from openpyxl import load_workbook

    from indicators.entry import applicable_indicators
    from reports.documents.report_data.scorecard import unit_scorecard_report
    from reports.excel.template import FIRST_DATA_ROW, LETTER, build_template

    so = unit("NT.SGDDT")
    period = Period.objects.get(code="2025-Q2")
    user = get_user_model().objects.get(username="nhaplieu.so")
    ws = load_workbook(io.BytesIO(build_template(so, period, user)))["Nhập liệu"]
    rows = [(ws[f"{LETTER['resolution_code']}{r}"].value, ws[f"{LETTER['indicator_code']}{r}"].value)
            for r in range(FIRST_DATA_ROW, ws.max_row + 1)]
    assert rows == [(i.resolution.code, i.code) for i in applicable_indicators(so, period)]
    assert len(rows) == 5 and {r for r, _c in rows} == {"09-NQ/TU"}
    report = unit_scorecard_report(so, 2024)
    assert {line.resolution_code for b in report.blocks for line in b.lines} == {"09-NQ/TU"}
    assert report.summary.endswith(f"/{sum(len(b.lines) for b in report.blocks)} chỉ tiêu đạt và vượt")


# --- issue 12: who is expected, the successor in its own name ---------------------------------------------


def test_who_is_expected_follows_reach_and_assigned_units():
    from indicators.figures import rollup_by_kind

    def rows(res_code, period_code, root=None):
        res = Resolution.objects.get(code=res_code)
        period = Period.objects.get(code=period_code)
        inds = list(res.indicators.all())
        return {(i.code, r.unit_kind): r for i, rs in ((i, rollup_by_kind([i], period, root)[i.pk]) for i in inds)
                for r in rs}

    # Quảng Bình's education plan reaches Sở GDĐT Quảng Bình's subtree only: no Sở of Quảng Trị is expected.
    qb = rows("KH-CĐS-GDĐT-2022/QB", "2022-Q4")
    assert qb[("TO-CDS", "department")].units_expected == 1
    # 07-NQ/TU's school computers belong to Sở GDĐT, its social dossiers to Sở LĐTBXH: 1/1, not 1/2.
    st = rows("07-NQ/TU", "2023-Q4")
    assert (st[("MT-QL-THPT", "department")].units_reported, st[("MT-QL-THPT", "department")].units_expected) == (1, 1)
    assert st[("BHTN-TRUCTUYEN", "department")].units_expected == 1
    # Cần Thơ sees Sóc Trăng's Q4/2023 fibre figure for departments as Sóc Trăng does: 100%.
    ct, soc = rows("07-NQ/TU", "2023-Q4", unit("CT")), rows("07-NQ/TU", "2023-Q4", unit("ST"))
    assert ct[("CAPQUANG", "department")].value == soc[("CAPQUANG", "department")].value == 100


def test_the_successor_acts_in_its_own_name(fast_hasher):
    from django.test import Client

    from reports.dashboards.selectors import scope_units
    from reports.runs.requests import clean_params

    admin = get_user_model().objects.get(username="admin")
    res = Resolution.objects.get(code="09-NQ/TU")
    period = Period.objects.get(code="2026-Q3")
    params, scope = clean_params("progress", {"resolution": res.pk, "period": period.pk, "unit": unit("KH").pk}, admin)
    assert scope == unit("KH")
    _, default = clean_params("progress", {"resolution": res.pk, "period": period.pk}, admin)
    assert default == unit("KH")  # the unit holding the resolution on the period's last day
    listed = {u.code for u in scope_units(admin, None, res)}
    assert {"KH", "KH.SGDDT", "NT", "NT.SGDDT"} <= listed
    client = Client()
    client.force_login(get_user_model().objects.get(username="nhaplieu.so"))
    page = client.get("/ky-bao-cao/").content.decode()
    assert "Kỳ báo cáo của Sở Giáo dục và Đào tạo Khánh Hòa" in page and "Quá hạn" not in page


def test_documents_of_the_demo_carry_the_successors_heading_and_place():
    """Issue 13: a state body after the merger (Sở GDĐT Quảng Trị) and a party body (09-NQ/TU)."""
    from reports.documents.layout import build_document

    day = dt.date(2026, 3, 5)
    plan = Resolution.objects.get(code="KH-CĐS-GDĐT-2022/QB")
    doc = build_document("…", unit("QB.SGDDT"), plan, overrides={"date": day, "number": "125"})
    assert (doc.governing_body, doc.official_lines) == ("UBND TỈNH QUẢNG TRỊ", ["SỞ GIÁO DỤC VÀ ĐÀO TẠO"])
    assert doc.number_text == "Số: 125/BC-SGDĐT" and doc.place_date == "Quảng Trị, ngày 05 tháng 3 năm 2026"
    assert doc.authority_lines == ["KT. GIÁM ĐỐC"] and not doc.derived
    before = build_document("…", unit("QB.SGDDT"), plan, day=dt.date(2025, 2, 12))
    assert before.place_date == "Quảng Bình, ngày 12 tháng 02 năm 2025"
    nq09 = Resolution.objects.get(code="09-NQ/TU")
    party = build_document("…", unit("NT"), nq09, overrides={"date": day})
    assert party.is_party and party.official_lines == ["TỈNH ỦY KHÁNH HÒA"] and party.place == "Khánh Hòa"
    so = build_document("…", unit("NT.SGDDT"), nq09, overrides={"date": day, "number": "3"})
    assert (so.governing_body, so.official_lines, so.number_text) == (
        "ĐẢNG BỘ TỈNH KHÁNH HÒA", ["ĐẢNG ỦY SỞ", "GIÁO DỤC VÀ ĐÀO TẠO"], "Số 3-BC/ĐU")
    for code in ("QT", "KH", "CT"):
        state = build_document("…", unit(code), None, day=day)
        assert state.official_lines[0] == "ỦY BAN NHÂN DÂN" and not state.derived


def test_tasks_of_1982_as_reported_for_the_first_half_of_2024():
    from reports.documents.report_data.tasks_report import tasks_report

    report = tasks_report(Resolution.objects.get(code="1982/QĐ-UBND"), Period.objects.get(code="2024-H1"))
    assert [g.phrase for g in report.groups] == [
        "11/11 nhóm nhiệm vụ chung", "11/21 nhiệm vụ phát triển chính quyền số",
        "5/9 nhiệm vụ phát triển kinh tế số", "1/6 nhiệm vụ phát triển xã hội số"]


def test_demo_values_have_history_as_the_demo_entry_so_the_first_edit_shows_the_old_figure():
    from indicators.history import value_history
    from indicators.services import record_value, writable_states
    from resolutions.demo.common import DEMO_REASON

    dv = next(v for v in DataValue.objects.filter(numerator__gt=1, denominator__isnull=False)
              .select_related("unit", "period").order_by("pk")[:2000]
              if writable_states([v.unit], v.period)[v.unit.pk] is None)
    assert dv.history.count() >= 1
    first = value_history(dv)[0]
    assert first.reason == DEMO_REASON and first.by is None and first.old is None
    old = dv.numerator
    record_value(unit=dv.unit, indicator=dv.indicator, period=dv.period, numerator=dv.numerator - 1,
                 denominator=dv.denominator, version=dv.version)
    changed = [c for c in value_history(dv) if c.field == "numerator"][-1]
    assert (changed.old, changed.new) == (old, old - 1)
