"""The admin of indicators, targets, periods, values and submissions: forms apply the rules."""
import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from indicators.models import DataValue, Evidence, Indicator, Period, Submission, Target
from tests.factories import (
    DataValueFactory,
    IndicatorFactory,
    PeriodFactory,
    ResolutionFactory,
)
from tests.helpers import admin_url

pytestmark = pytest.mark.usefixtures("admin_pages_settings")


def test_indicator_add_page_has_fieldsets_checkboxes_and_target_inline(superuser_client, personas):
    html = superuser_client.get(admin_url(Indicator, "add")).content.decode()
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


def test_indicator_added_with_per_level_targets(superuser_client, personas):
    resolution = ResolutionFactory(code="001-KH/SGDĐT")
    data = indicator_post(
        resolution,
        **target_rows(
            ("department", "gt", "95", 2022),
            ("district_office", "gt", "75", 2022),
            ("school", "gte", "52", 2022),
        ),
    )
    response = superuser_client.post(admin_url(Indicator, "add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    indicator = Indicator.objects.get(code="CT9")
    assert indicator.applies_to == ["department", "district_office", "school"]
    assert indicator.targets.count() == 3
    listing = superuser_client.get(admin_url(Indicator, "changelist")).content.decode()
    assert "trên 95% (Sở, 2022)" in listing
    assert "trên 75% (Phòng, 2022)" in listing
    assert "đạt 52% (Trường, 2022)" in listing
    assert "Sở, ban, ngành, Phòng chuyên môn cấp huyện, Cơ sở giáo dục" in listing


def test_duplicate_targets_in_the_inline_are_refused(superuser_client, personas):
    resolution = ResolutionFactory()
    data = indicator_post(
        resolution, **target_rows(("department", "gt", "95", 2022), ("department", "gte", "90", 2022))
    )
    response = superuser_client.post(admin_url(Indicator, "add"), data)
    assert response.status_code == 200
    assert "trùng phạm vi áp dụng và năm mốc 2022" in response.content.decode()
    assert not Indicator.objects.filter(code="CT9").exists()


def test_target_with_both_kind_and_unit_is_refused(superuser_client, tree):
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
    response = superuser_client.post(admin_url(Target, "add"), data)
    assert response.status_code == 200
    assert "không chọn cả hai" in response.content.decode()
    assert not Target.objects.exists()


def test_existing_target_milestone_is_refused_in_vietnamese(superuser_client, one_of_each):
    indicator = one_of_each[Indicator]
    data = {
        "indicator": indicator.pk,
        "unit_kind": "department",
        "unit": "",
        "operator": "gte",
        "value": "90",
        "year": 2022,
        "wording": "",
    }
    response = superuser_client.post(admin_url(Target, "add"), data)
    assert response.status_code == 200
    assert "đã có mục tiêu năm 2022 cho loại đơn vị “Sở, ban, ngành”" in response.content.decode()


def test_period_added_with_default_window(superuser_client, personas):
    response = superuser_client.post(admin_url(Period, "add"), {"kind": "quarter", "year": 2024, "number": 3})
    assert response.status_code == 302, response.content.decode()[:3000]
    period = Period.objects.get()
    assert period.code == "2024-Q3"
    assert (period.start, period.end, period.deadline) == (
        dt.date(2024, 6, 15),
        dt.date(2024, 9, 14),
        dt.date(2024, 9, 20),
    )
    listing = superuser_client.get(admin_url(Period, "changelist")).content.decode()
    assert "Quý III/2024" in listing
    assert "15/06/2024" in listing and "14/09/2024" in listing and "20/09/2024" in listing


def test_period_add_keeps_given_dates_and_refuses_bad_numbers(superuser_client, personas):
    response = superuser_client.post(
        admin_url(Period, "add"),
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
    response = superuser_client.post(admin_url(Period, "add"), {"kind": "quarter", "year": 2024, "number": 5})
    assert response.status_code == 200
    assert "từ 1 đến 4" in response.content.decode()
    response = superuser_client.post(admin_url(Period, "add"), {"kind": "half_year", "year": 2024, "number": 1})
    assert response.status_code == 200  # already exists
    assert Period.objects.count() == 1


def test_period_code_is_fixed_after_creation(superuser_client, one_of_each):
    html = superuser_client.get(admin_url(Period, "change", one_of_each[Period].pk)).content.decode()
    assert "2024-Q3" in html
    assert 'name="kind"' not in html and 'name="year"' not in html


def test_lock_and_unlock_actions(superuser_client, personas):
    q3, q4 = PeriodFactory(code="2024-Q3"), PeriodFactory(code="2024-Q4")
    # The lock needs a reason, as in the application (services.set_period_lock): asked on a page first.
    asked = superuser_client.post(admin_url(Period, "changelist"), {"action": "lock_periods", "_selected_action": [q3.pk, q4.pk]})
    assert asked.status_code == 200 and 'name="reason"' in asked.content.decode()
    assert not Period.objects.filter(is_locked=True).exists()
    response = superuser_client.post(
        admin_url(Period, "changelist"),
        {"action": "lock_periods", "_selected_action": [q3.pk, q4.pk], "apply": "1", "reason": "Chốt số liệu quý"},
        follow=True,
    )
    assert "Đã khóa sổ 2 kỳ báo cáo." in response.content.decode()
    assert set(Period.objects.values_list("is_locked", flat=True)) == {True}
    assert q3.history.count() == 2
    assert q3.history.first().history_change_reason == "Khóa sổ: Chốt số liệu quý"
    response = superuser_client.post(
        admin_url(Period, "changelist"),
        {"action": "unlock_periods", "_selected_action": [q3.pk], "apply": "1", "reason": "Sửa số liệu trường A"},
        follow=True,
    )
    assert "Đã mở khóa 1 kỳ báo cáo." in response.content.decode()
    q3.refresh_from_db()
    q4.refresh_from_db()
    assert not q3.is_locked and q4.is_locked


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


def test_value_with_numerator_above_denominator_is_refused(superuser_client, personas, entry):
    response = superuser_client.post(admin_url(DataValue, "add"), value_post(*entry, "10", "9"))
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["numerator"] == ["Số hồ sơ trực tuyến (10) không được lớn hơn tổng số hồ sơ (9)."]
    assert "không được lớn hơn tổng số hồ sơ" in response.content.decode()
    assert not DataValue.objects.exists()


def test_value_save_computes_value_and_bumps_version(superuser_client, personas, entry):
    response = superuser_client.post(admin_url(DataValue, "add"), value_post(*entry, "2", "9"))
    assert response.status_code == 302, response.content.decode()[:3000]
    value = DataValue.objects.get()
    assert value.value == Decimal("22.2222")
    assert value.version == 1
    assert value.updated_by == personas["admin"]

    page = superuser_client.get(admin_url(DataValue, "change", value.pk)).content.decode()
    assert "22,22%" in page
    response = superuser_client.post(
        admin_url(DataValue, "change", value.pk), value_post(*entry, "1.937", "3.296", expected_version=1)
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    value.refresh_from_db()
    assert (value.numerator, value.denominator) == (Decimal("1937"), Decimal("3296"))
    assert value.value == Decimal("58.7682")
    assert value.version == 2
    assert value.history.count() == 2
    # Saving again without a change keeps the version.
    response = superuser_client.post(
        admin_url(DataValue, "change", value.pk), value_post(*entry, "1.937", "3.296", expected_version=2)
    )
    assert response.status_code == 302
    value.refresh_from_db()
    assert value.version == 2
    listing = superuser_client.get(admin_url(DataValue, "changelist")).content.decode()
    assert "58,77%" in listing and "1.937" in listing


def test_stale_value_edit_is_refused(superuser_client, personas, entry):
    value = DataValueFactory(
        unit=entry[0], indicator=entry[1], period=entry[2], numerator=1, denominator=2, version=3
    )
    response = superuser_client.post(
        admin_url(DataValue, "change", value.pk), value_post(*entry, "2", "9", expected_version=2)
    )
    assert response.status_code == 200
    assert "vừa được người khác cập nhật" in response.content.decode()
    value.refresh_from_db()
    assert value.numerator == 1 and value.version == 3


def test_value_in_locked_period_is_refused(superuser_client, personas, entry):
    unit, indicator, period = entry
    period.is_locked = True
    period.save()
    response = superuser_client.post(admin_url(DataValue, "add"), value_post(unit, indicator, period, "2", "9"))
    assert response.status_code == 200
    assert "đã khóa sổ" in response.content.decode()
    assert not DataValue.objects.exists()


def test_count_value_refuses_a_denominator(superuser_client, personas, tree):
    indicator = IndicatorFactory(measure="count", unit_label="máy", numerator_label="Số máy tính")
    period = PeriodFactory(code="2024-Q3")
    response = superuser_client.post(
        admin_url(DataValue, "add"), value_post(tree["dept_a"], indicator, period, "1.937", "5")
    )
    assert response.status_code == 200
    assert "Chỉ tiêu này không có mẫu số" in response.content.decode()
    response = superuser_client.post(
        admin_url(DataValue, "add"), value_post(tree["dept_a"], indicator, period, "1.937", "")
    )
    assert response.status_code == 302
    assert DataValue.objects.get().value == Decimal("1937")


def test_value_evidence_upload_fills_name_size_and_type(superuser_client, personas, entry):
    data = value_post(*entry, "2", "9")
    data |= {
        "evidence-TOTAL_FORMS": 1,
        "evidence-0-file": SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4 x", "application/pdf"),
    }
    response = superuser_client.post(admin_url(DataValue, "add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    evidence = Evidence.objects.get()
    assert (evidence.original_name, evidence.size, evidence.content_type) == (
        "bao-cao.pdf",
        10,
        "application/pdf",
    )
    assert evidence.uploaded_by == personas["admin"]


def test_evidence_of_a_forbidden_type_is_refused(superuser_client, personas, entry):
    data = value_post(*entry, "2", "9")
    data |= {
        "evidence-TOTAL_FORMS": 1,
        "evidence-0-file": SimpleUploadedFile("x.exe", b"MZ", "application/octet-stream"),
    }
    response = superuser_client.post(admin_url(DataValue, "add"), data)
    assert response.status_code == 200
    assert "chỉ nhận PDF" in response.content.decode()
    assert not DataValue.objects.exists()


def test_submission_list_shows_vietnamese_status(superuser_client, one_of_each):
    html = superuser_client.get(admin_url(Submission, "changelist")).content.decode()
    assert "Đã gửi" in html
