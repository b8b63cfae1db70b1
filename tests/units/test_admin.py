"""The Django admin (quản trị) of every app: pages open, forms apply the rules."""

import datetime as dt
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from indicators.models import DataValue, Evidence, Indicator, Period, Submission, Target
from reports.models import ReportRun
from resolutions.models import Finding, Pillar, Resolution, Supervision, Task, Visit
from tests.factories import (
    DataValueFactory,
    FindingFactory,
    IndicatorFactory,
    PeriodFactory,
    PillarFactory,
    ResolutionFactory,
    SubmissionFactory,
    TargetFactory,
    TaskFactory,
    VisitFactory,
)
from units.models import Membership, ReportingUnit, UnitKind, UnitSuccession

User = get_user_model()

OUR_MODELS = [
    ReportingUnit,
    UnitSuccession,
    Membership,
    Resolution,
    Pillar,
    Supervision,
    Visit,
    Finding,
    Task,
    Indicator,
    Target,
    Period,
    DataValue,
    Evidence,
    Submission,
    ReportRun,
]
HISTORY_MODELS = [ReportingUnit, Task, Indicator, Target, Period, DataValue, Submission]
READ_ONLY_MODELS = [ReportRun]


def url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture(autouse=True)
def media_and_static(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # personas hash 5 passwords
    # DEBUG is off under pytest, so the manifest storage would need collectstatic first.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def admin_client(client, personas):
    client.force_login(personas["admin"])
    return client


@pytest.fixture
def world(tree, personas):
    """One row of every model, so changelists render their computed columns."""
    resolution = ResolutionFactory(code="09-NQ/TU", owner_unit=tree["province"])
    pillar = PillarFactory()
    indicator = IndicatorFactory(resolution=resolution, code="CT1", pillar=pillar)
    TargetFactory(
        indicator=indicator, unit_kind=UnitKind.DEPARTMENT, operator="gt", value=Decimal("95"), year=2022
    )
    TargetFactory(
        indicator=indicator, unit_kind=UnitKind.SCHOOL, operator="gte", value=Decimal("52"), year=2022
    )
    period = PeriodFactory(code="2024-Q3")
    value = DataValueFactory(
        unit=tree["dept_a"],
        indicator=indicator,
        period=period,
        numerator=Decimal("2"),
        denominator=Decimal("9"),
    )
    evidence = Evidence.objects.create(
        data_value=value,
        file=SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 demo"),
        original_name="bien-ban.pdf",
        size=13,
        content_type="application/pdf",
        uploaded_by=personas["admin"],
    )
    submission = SubmissionFactory(unit=tree["dept_a"], period=period)
    visit = VisitFactory(unit=tree["dept_a"], supervision__resolution=resolution)
    finding = FindingFactory(visit=visit, indicator=indicator, value=Decimal("22.22"))
    task = TaskFactory(
        resolution=resolution, pillar=pillar, lead_unit=tree["dept_a"], deadline=dt.date(2025, 12, 31)
    )
    recommendation = TaskFactory(
        resolution=None, visit=visit, number=1, title="Đẩy mạnh dịch vụ công trực tuyến"
    )
    old = ReportingUnit.objects.create(
        code="OLD", name="Sở Thông tin và Truyền thông", kind=UnitKind.DEPARTMENT
    )
    succession = UnitSuccession.objects.create(
        predecessor=old,
        successor=tree["dept_a"],
        kind="merge",
        effective_on=dt.date(2025, 3, 1),
        legal_basis="NQ 1",
    )
    run = ReportRun.objects.create(
        kind="progress", requested_by=personas["admin"], error="Traceback: lỗi mẫu"
    )
    return {
        ReportingUnit: tree["school_a1"],
        UnitSuccession: succession,
        Membership: Membership.objects.first(),
        Resolution: resolution,
        Pillar: pillar,
        Supervision: visit.supervision,
        Visit: visit,
        Finding: finding,
        Task: task,
        Indicator: indicator,
        Target: indicator.targets.first(),
        Period: period,
        DataValue: value,
        Evidence: evidence,
        Submission: submission,
        ReportRun: run,
        User: personas["user_a"],
        "recommendation": recommendation,
    }


# --- registration and access -------------------------------------------------


def test_every_model_is_registered_with_history_where_it_has_one():
    for model in OUR_MODELS:
        assert admin.site.is_registered(model), model
    for model in HISTORY_MODELS:
        assert isinstance(admin.site._registry[model], SimpleHistoryAdmin), model
    user_admin = admin.site._registry[User]
    assert any(inline.model is Membership for inline in user_admin.inlines)


@pytest.mark.parametrize("model", OUR_MODELS + [User], ids=lambda m: m._meta.label)
def test_admin_opens_changelist_add_and_change_pages(admin_client, world, model):
    assert admin_client.get(url(model, "changelist")).status_code == 200
    expected_add = 403 if model in READ_ONLY_MODELS else 200
    assert admin_client.get(url(model, "add")).status_code == expected_add
    assert admin_client.get(url(model, "change", world[model].pk)).status_code == 200
    if model in HISTORY_MODELS:
        assert admin_client.get(url(model, "history", world[model].pk)).status_code == 200


def test_changelists_search_and_filter(admin_client, world):
    for model in OUR_MODELS + [User]:
        response = admin_client.get(url(model, "changelist"), {"q": "Sở"})
        assert response.status_code == 200, model


@pytest.mark.parametrize("who", ["anonymous", "user_a"])
def test_non_staff_is_sent_to_admin_login(client, personas, who):
    if who != "anonymous":
        client.force_login(personas[who])
    for model in (ReportingUnit, DataValue, Period):
        response = client.get(url(model, "changelist"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


def test_admin_index_lists_vietnamese_names(admin_client, world):
    html = admin_client.get(reverse("admin:index")).content.decode()
    for name in (
        "Đơn vị báo cáo",
        "Chỉ tiêu",
        "Kỳ báo cáo",
        "Số liệu",
        "Nhiệm vụ, kiến nghị",
        "Lượt tạo báo cáo",
    ):
        assert name in html


# --- units and users -------------------------------------------------------


def test_unit_change_page_shows_breadcrumb_and_inlines(admin_client, tree, world):
    html = admin_client.get(url(ReportingUnit, "change", tree["school_a1"].pk)).content.decode()
    assert "Tỉnh Mẫu › Sở Giáo dục và Đào tạo › Trường THPT Số 1" in html
    assert "succeeded_by-TOTAL_FORMS" in html
    assert "memberships-TOTAL_FORMS" in html


def test_unit_changelist_active_filter_and_dates(admin_client, tree):
    tree["dept_b"].valid_to = dt.date(2025, 6, 30)
    tree["dept_b"].save()
    active = admin_client.get(url(ReportingUnit, "changelist"), {"con_hoat_dong": "1"})
    names = [u.name for u in active.context["cl"].result_list]
    assert "Sở Lao động - Thương binh và Xã hội" not in names
    assert "Sở Giáo dục và Đào tạo" in names
    gone = admin_client.get(url(ReportingUnit, "changelist"), {"con_hoat_dong": "0"})
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


def test_unit_cannot_move_below_itself(admin_client, tree):
    dept = tree["dept_a"]
    response = admin_client.post(
        url(ReportingUnit, "change", dept.pk), unit_post(dept, parent=tree["school_a1"].pk)
    )
    assert response.status_code == 200
    assert "không được là chính đơn vị này" in response.content.decode()
    dept.refresh_from_db()
    assert dept.parent == tree["province"]


def test_unit_added_with_membership_inline_and_path(admin_client, tree, personas):
    data = unit_post(
        ReportingUnit(code="A3", name="Trường THPT Số 3", kind=UnitKind.SCHOOL, parent=tree["dept_a"]),
        **{
            "memberships-TOTAL_FORMS": 1,
            "memberships-0-user": personas["user_b"].pk,
            "memberships-0-role": "entry",
        },
    )
    response = admin_client.post(url(ReportingUnit, "add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    unit = ReportingUnit.objects.get(code="A3")
    assert unit.path == tree["dept_a"].path + f"{unit.pk}/"
    assert Membership.objects.filter(unit=unit, user=personas["user_b"], role="entry").exists()
    assert unit.history.exists()


def test_user_admin_gives_roles(admin_client, tree, personas):
    user = personas["user_b"]
    page = admin_client.get(url(User, "change", user.pk)).content.decode()
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
    response = admin_client.post(url(User, "change", user.pk), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert set(user.memberships.values_list("role", "unit__code")) == {("entry", "B"), ("viewer", "P")}


# --- resolutions, indicators, targets -----------------------------------------


def test_indicator_add_page_has_fieldsets_checkboxes_and_target_inline(admin_client, personas):
    html = admin_client.get(url(Indicator, "add")).content.decode()
    for heading in ("Thông tin chung", "Cách tính", "Áp dụng"):
        assert heading in html
    assert 'type="checkbox" name="applies_to" value="school"' in html
    assert "targets-TOTAL_FORMS" in html
    for name in (
        "targets-0-unit_kind",
        "targets-0-unit",
        "targets-0-operator",
        "targets-0-value",
        "targets-0-year",
    ):
        assert f'name="{name}"' in html


def indicator_post(resolution, **extra):
    data = {
        "resolution": resolution.pk,
        "code": "CT9",
        "name": "Tỷ lệ hồ sơ công việc xử lý trên môi trường mạng",
        "description": "",
        "order": 1,
        "is_active": "on",
        "measure": "percent",
        "numerator_label": "Số hồ sơ xử lý trên môi trường mạng",
        "denominator_label": "Tổng số hồ sơ",
        "unit_label": "%",
        "decimals": 2,
        "direction": "increase",
        "temporal": "flow",
        "frequency": "quarterly",
        "applies_to": ["department", "district_office", "school"],
        "targets-TOTAL_FORMS": 0,
        "targets-INITIAL_FORMS": 0,
    }
    data.update(extra)
    return data


def target_rows(*rows):
    data = {"targets-TOTAL_FORMS": len(rows), "targets-INITIAL_FORMS": 0}
    for i, (kind, operator, value, year) in enumerate(rows):
        data |= {
            f"targets-{i}-unit_kind": kind,
            f"targets-{i}-unit": "",
            f"targets-{i}-operator": operator,
            f"targets-{i}-value": value,
            f"targets-{i}-year": year,
            f"targets-{i}-wording": "",
        }
    return data


def test_indicator_added_with_per_level_targets(admin_client, personas):
    resolution = ResolutionFactory(code="001-KH/SGDĐT")
    data = indicator_post(
        resolution,
        **target_rows(
            ("department", "gt", "95", 2022),
            ("district_office", "gt", "75", 2022),
            ("school", "gte", "52", 2022),
        ),
    )
    response = admin_client.post(url(Indicator, "add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    indicator = Indicator.objects.get(code="CT9")
    assert indicator.applies_to == ["department", "district_office", "school"]
    assert indicator.targets.count() == 3
    listing = admin_client.get(url(Indicator, "changelist")).content.decode()
    assert "trên 95% (Sở, 2022)" in listing
    assert "trên 75% (Phòng, 2022)" in listing
    assert "đạt 52% (Trường, 2022)" in listing
    assert "Sở, ban, ngành, Phòng chuyên môn cấp huyện, Cơ sở giáo dục" in listing


def test_duplicate_targets_in_the_inline_are_refused(admin_client, personas):
    resolution = ResolutionFactory()
    data = indicator_post(
        resolution, **target_rows(("department", "gt", "95", 2022), ("department", "gte", "90", 2022))
    )
    response = admin_client.post(url(Indicator, "add"), data)
    assert response.status_code == 200
    assert "trùng phạm vi áp dụng và năm mốc 2022" in response.content.decode()
    assert not Indicator.objects.filter(code="CT9").exists()


def test_target_with_both_kind_and_unit_is_refused(admin_client, tree):
    indicator = IndicatorFactory()
    data = {
        "indicator": indicator.pk,
        "unit_kind": "school",
        "unit": tree["school_a1"].pk,
        "operator": "gte",
        "value": "50",
        "year": 2025,
        "wording": "",
    }
    response = admin_client.post(url(Target, "add"), data)
    assert response.status_code == 200
    assert "không chọn cả hai" in response.content.decode()
    assert not Target.objects.exists()


def test_existing_target_milestone_is_refused_in_vietnamese(admin_client, world):
    indicator = world[Indicator]
    data = {
        "indicator": indicator.pk,
        "unit_kind": "department",
        "unit": "",
        "operator": "gte",
        "value": "90",
        "year": 2022,
        "wording": "",
    }
    response = admin_client.post(url(Target, "add"), data)
    assert response.status_code == 200
    assert "đã có mục tiêu năm 2022 cho loại đơn vị “Sở, ban, ngành”" in response.content.decode()


def test_resolution_page_lists_indicators_with_links_and_tasks(admin_client, world):
    resolution, indicator = world[Resolution], world[Indicator]
    html = admin_client.get(url(Resolution, "change", resolution.pk)).content.decode()
    assert "indicators-TOTAL_FORMS" in html
    assert "tasks-TOTAL_FORMS" in html
    assert url(Indicator, "change", indicator.pk) in html
    assert "trên 95% (Sở, 2022)" in html
    add_link = url(Indicator, "add") + f"?resolution={resolution.pk}"
    assert add_link in html
    prefilled = admin_client.get(add_link)
    assert prefilled.context["adminform"].form.initial["resolution"] == str(resolution.pk)


def test_task_status_is_editable_from_the_list(admin_client, world):
    task = world[Task]
    data = {
        "form-TOTAL_FORMS": 2,
        "form-INITIAL_FORMS": 2,
        "form-0-id": world["recommendation"].pk,
        "form-0-status": "not_started",
        "form-1-id": task.pk,
        "form-1-status": "done",
        "_save": "Lưu",
    }
    # The changelist formset matches rows by id; send every row of the page.
    response = admin_client.post(url(Task, "changelist"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    task.refresh_from_db()
    assert task.status == "done"
    assert task.history.count() == 2


def test_visit_page_has_findings_and_recommendations(admin_client, world):
    html = admin_client.get(url(Visit, "change", world[Visit].pk)).content.decode()
    assert "findings-TOTAL_FORMS" in html
    assert "recommendations-TOTAL_FORMS" in html
    assert "Đẩy mạnh dịch vụ công trực tuyến" in html
    listing = admin_client.get(url(Finding, "changelist")).content.decode()
    assert "22,22%" in listing


# --- periods -----------------------------------------------------------------


def test_period_added_with_default_window(admin_client, personas):
    response = admin_client.post(url(Period, "add"), {"kind": "quarter", "year": 2024, "number": 3})
    assert response.status_code == 302, response.content.decode()[:3000]
    period = Period.objects.get()
    assert period.code == "2024-Q3"
    assert (period.start, period.end, period.deadline) == (
        dt.date(2024, 6, 15),
        dt.date(2024, 9, 14),
        dt.date(2024, 9, 20),
    )
    listing = admin_client.get(url(Period, "changelist")).content.decode()
    assert "Quý III/2024" in listing
    assert "15/06/2024" in listing and "14/09/2024" in listing and "20/09/2024" in listing


def test_period_add_keeps_given_dates_and_refuses_bad_numbers(admin_client, personas):
    response = admin_client.post(
        url(Period, "add"),
        {
            "kind": "half_year",
            "year": 2024,
            "number": 1,
            "start": "01/01/2024",
            "end": "30/06/2024",
            "deadline": "",
        },
    )
    assert response.status_code == 302
    period = Period.objects.get(code="2024-H1")
    assert (period.start, period.end, period.deadline) == (
        dt.date(2024, 1, 1),
        dt.date(2024, 6, 30),
        dt.date(2024, 6, 20),
    )
    response = admin_client.post(url(Period, "add"), {"kind": "quarter", "year": 2024, "number": 5})
    assert response.status_code == 200
    assert "từ 1 đến 4" in response.content.decode()
    response = admin_client.post(url(Period, "add"), {"kind": "half_year", "year": 2024, "number": 1})
    assert response.status_code == 200  # already exists
    assert Period.objects.count() == 1


def test_period_code_is_fixed_after_creation(admin_client, world):
    html = admin_client.get(url(Period, "change", world[Period].pk)).content.decode()
    assert "2024-Q3" in html
    assert 'name="kind"' not in html and 'name="year"' not in html


def test_lock_and_unlock_actions(admin_client, personas):
    q3, q4 = PeriodFactory(code="2024-Q3"), PeriodFactory(code="2024-Q4")
    # The lock needs a reason, as in the application (services.set_period_lock): asked on a page first.
    asked = admin_client.post(url(Period, "changelist"), {"action": "lock_periods", "_selected_action": [q3.pk, q4.pk]})
    assert asked.status_code == 200 and 'name="reason"' in asked.content.decode()
    assert not Period.objects.filter(is_locked=True).exists()
    response = admin_client.post(
        url(Period, "changelist"),
        {"action": "lock_periods", "_selected_action": [q3.pk, q4.pk], "apply": "1", "reason": "Chốt số liệu quý"},
        follow=True,
    )
    assert "Đã khóa sổ 2 kỳ báo cáo." in response.content.decode()
    assert set(Period.objects.values_list("is_locked", flat=True)) == {True}
    assert q3.history.count() == 2
    assert q3.history.first().history_change_reason == "Khóa sổ: Chốt số liệu quý"
    response = admin_client.post(
        url(Period, "changelist"),
        {"action": "unlock_periods", "_selected_action": [q3.pk], "apply": "1", "reason": "Sửa số liệu trường A"},
        follow=True,
    )
    assert "Đã mở khóa 1 kỳ báo cáo." in response.content.decode()
    q3.refresh_from_db()
    q4.refresh_from_db()
    assert not q3.is_locked and q4.is_locked


# --- data values ---------------------------------------------------------------


def value_post(unit, indicator, period, numerator, denominator, **extra):
    data = {
        "unit": unit.pk,
        "indicator": indicator.pk,
        "period": period.pk,
        "numerator": numerator,
        "denominator": denominator,
        "note": "",
        "evidence-TOTAL_FORMS": 0,
        "evidence-INITIAL_FORMS": 0,
    }
    data.update(extra)
    return data


@pytest.fixture
def entry(tree):
    indicator = IndicatorFactory(
        code="DVC", numerator_label="Số hồ sơ trực tuyến", denominator_label="Tổng số hồ sơ"
    )
    return tree["dept_a"], indicator, PeriodFactory(code="2024-Q3")


def test_value_with_numerator_above_denominator_is_refused(admin_client, personas, entry):
    response = admin_client.post(url(DataValue, "add"), value_post(*entry, "10", "9"))
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["numerator"] == ["Số hồ sơ trực tuyến (10) không được lớn hơn tổng số hồ sơ (9)."]
    assert "không được lớn hơn tổng số hồ sơ" in response.content.decode()
    assert not DataValue.objects.exists()


def test_value_save_computes_value_and_bumps_version(admin_client, personas, entry):
    response = admin_client.post(url(DataValue, "add"), value_post(*entry, "2", "9"))
    assert response.status_code == 302, response.content.decode()[:3000]
    value = DataValue.objects.get()
    assert value.value == Decimal("22.2222")
    assert value.version == 1
    assert value.updated_by == personas["admin"]

    page = admin_client.get(url(DataValue, "change", value.pk)).content.decode()
    assert "22,22%" in page
    response = admin_client.post(
        url(DataValue, "change", value.pk), value_post(*entry, "1.937", "3.296", expected_version=1)
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    value.refresh_from_db()
    assert (value.numerator, value.denominator) == (Decimal("1937"), Decimal("3296"))
    assert value.value == Decimal("58.7682")
    assert value.version == 2
    assert value.history.count() == 2
    # Saving again without a change keeps the version.
    response = admin_client.post(
        url(DataValue, "change", value.pk), value_post(*entry, "1.937", "3.296", expected_version=2)
    )
    assert response.status_code == 302
    value.refresh_from_db()
    assert value.version == 2
    listing = admin_client.get(url(DataValue, "changelist")).content.decode()
    assert "58,77%" in listing and "1.937" in listing


def test_stale_value_edit_is_refused(admin_client, personas, entry):
    value = DataValueFactory(
        unit=entry[0], indicator=entry[1], period=entry[2], numerator=1, denominator=2, version=3
    )
    response = admin_client.post(
        url(DataValue, "change", value.pk), value_post(*entry, "2", "9", expected_version=2)
    )
    assert response.status_code == 200
    assert "vừa được người khác cập nhật" in response.content.decode()
    value.refresh_from_db()
    assert value.numerator == 1 and value.version == 3


def test_value_in_locked_period_is_refused(admin_client, personas, entry):
    unit, indicator, period = entry
    period.is_locked = True
    period.save()
    response = admin_client.post(url(DataValue, "add"), value_post(unit, indicator, period, "2", "9"))
    assert response.status_code == 200
    assert "đã khóa sổ" in response.content.decode()
    assert not DataValue.objects.exists()


def test_count_value_refuses_a_denominator(admin_client, personas, tree):
    indicator = IndicatorFactory(measure="count", unit_label="máy", numerator_label="Số máy tính")
    period = PeriodFactory(code="2024-Q3")
    response = admin_client.post(
        url(DataValue, "add"), value_post(tree["dept_a"], indicator, period, "1.937", "5")
    )
    assert response.status_code == 200
    assert "Chỉ tiêu này không có mẫu số" in response.content.decode()
    response = admin_client.post(
        url(DataValue, "add"), value_post(tree["dept_a"], indicator, period, "1.937", "")
    )
    assert response.status_code == 302
    assert DataValue.objects.get().value == Decimal("1937")


def test_value_evidence_upload_fills_name_size_and_type(admin_client, personas, entry):
    data = value_post(*entry, "2", "9")
    data |= {
        "evidence-TOTAL_FORMS": 1,
        "evidence-0-file": SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4 x", "application/pdf"),
    }
    response = admin_client.post(url(DataValue, "add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    evidence = Evidence.objects.get()
    assert (evidence.original_name, evidence.size, evidence.content_type) == (
        "bao-cao.pdf",
        10,
        "application/pdf",
    )
    assert evidence.uploaded_by == personas["admin"]


def test_evidence_of_a_forbidden_type_is_refused(admin_client, personas, entry):
    data = value_post(*entry, "2", "9")
    data |= {
        "evidence-TOTAL_FORMS": 1,
        "evidence-0-file": SimpleUploadedFile("x.exe", b"MZ", "application/octet-stream"),
    }
    response = admin_client.post(url(DataValue, "add"), data)
    assert response.status_code == 200
    assert "chỉ nhận PDF" in response.content.decode()
    assert not DataValue.objects.exists()


def test_submission_list_shows_vietnamese_status(admin_client, world):
    html = admin_client.get(url(Submission, "changelist")).content.decode()
    assert "Đã gửi" in html


def test_report_runs_are_read_only(admin_client, world):
    run = world[ReportRun]
    html = admin_client.get(url(ReportRun, "change", run.pk)).content.decode()
    assert "Traceback: lỗi mẫu" in html
    assert 'name="status"' not in html
    listing = admin_client.get(url(ReportRun, "changelist"), {"status__exact": "queued"}).content.decode()
    assert "Đang chờ" in listing


# --- round trip: every change form saves back unchanged ------------------------


class _FormFields(HTMLParser):
    """The values a browser would submit for the admin's main form."""

    def __init__(self):
        super().__init__()
        self.data, self._select, self._textarea, self._in_form = [], None, None, False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("id", "").endswith("_form"):
            self._in_form = True
        if not self._in_form:
            return
        name = a.get("name")
        if tag == "input" and name and "__prefix__" not in name:
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.data.append((name, a.get("value", "on")))
            elif kind not in ("submit", "button", "file", "image"):
                self.data.append((name, a.get("value", "")))
        elif tag == "select" and name and "__prefix__" not in name:
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            self.data.append((self._select, a.get("value", "")))
        elif tag == "textarea" and name and "__prefix__" not in name:
            self._textarea = name
            self.data.append((name, ""))

    def handle_data(self, data):
        if self._textarea:
            name, value = self.data[-1]
            self.data[-1] = (name, value + data)

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            if self._textarea:
                name, value = self.data[-1]
                self.data[-1] = (name, value.removeprefix("\n"))
            self._textarea = None
        elif tag == "form":
            self._in_form = False


def form_data(html):
    parser = _FormFields()
    parser.feed(html)
    data = {}
    for name, value in parser.data:
        data.setdefault(name, []).append(value)
    return data


@pytest.mark.parametrize(
    "model", [m for m in OUR_MODELS if m not in READ_ONLY_MODELS] + [User], ids=lambda m: m._meta.label
)
def test_change_form_saves_back_unchanged(admin_client, world, model):
    obj = world[model]
    page = admin_client.get(url(model, "change", obj.pk))
    data = form_data(page.content.decode())
    data["_save"] = ["Lưu lại"]
    response = admin_client.post(url(model, "change", obj.pk), data)
    if response.status_code != 302:
        context = response.context
        errors = [context["adminform"].form.errors] + [
            fs.formset.errors for fs in context["inline_admin_formsets"]
        ]
        errors += [fs.formset.non_form_errors() for fs in context["inline_admin_formsets"]]
        pytest.fail(f"{model.__name__} did not save: {errors}")


def test_staff_admin_who_is_not_superuser_manages_the_data(client, personas):
    staff = User.objects.create_user("vanphong", password="x", is_staff=True)
    client.force_login(staff)
    index = client.get(reverse("admin:index")).content.decode()
    assert "Chỉ tiêu" in index or "chỉ tiêu" in index
    assert client.get(reverse("admin:indicators_indicator_changelist")).status_code == 200
    assert client.get(reverse("admin:indicators_indicator_add")).status_code == 200
    assert client.get(reverse("admin:units_membership_changelist")).status_code == 200
    # A non-staff user with memberships still cannot open the admin.
    client.force_login(personas["supervisor"])
    assert client.get(reverse("admin:indicators_indicator_changelist")).status_code == 302


def test_admin_is_vietnamese_even_for_an_english_browser(client, personas):
    client.force_login(personas["admin"])
    page = client.get(reverse("admin:indicators_indicator_add"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Lưu lại" in page and "Save and add another" not in page


def test_a_parent_changed_in_the_admin_is_a_dated_move_that_keeps_the_past(admin_client, tree):
    import datetime as dt

    from units.tree import tree_on

    school = tree["school_a1"]
    data = unit_post(school, parent=tree["dept_b"].pk, move_on="01/07/2025", move_basis="Quyết định số 1/QĐ-UBND")
    data |= {"placements-TOTAL_FORMS": 1, "placements-INITIAL_FORMS": 1,
             "placements-0-id": school.placements.get().pk, "placements-0-unit": school.pk}
    response = admin_client.post(url(ReportingUnit, "change", school.pk), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert tree_on(dt.date(2025, 6, 30)).parent[school.pk] == tree["dept_a"].pk
    assert tree_on(dt.date(2025, 7, 1)).parent[school.pk] == tree["dept_b"].pk
    moved = school.placements.get(valid_from=dt.date(2025, 7, 1))
    assert moved.legal_basis == "Quyết định số 1/QĐ-UBND"
    page = admin_client.get(url(ReportingUnit, "change", school.pk)).content.decode()
    assert "Vị trí trong cây đơn vị theo thời gian" in page and "Quyết định số 1/QĐ-UBND" in page


# --- the last admin is kept ----------------------------------------------------------------------------------


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
