"""The first screen: resolutions with their indicators' latest figures and statuses."""

import datetime as dt

import pytest
from django.urls import reverse

from indicators.models import SubmissionStatus
from tests.factories import (
    DataValueFactory,
    IndicatorFactory,
    PeriodFactory,
    PillarFactory,
    ResolutionFactory,
    SubmissionFactory,
    TargetFactory,
    TaskFactory,
)
from units.models import UnitKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def resolution(tree):
    res = ResolutionFactory(code="09-NQ/TU", title="Về chuyển đổi số tỉnh Mẫu", owner_unit=tree["province"])
    ind = IndicatorFactory(resolution=res, code="DVCTT", name="Tỷ lệ dịch vụ công trực tuyến có phát sinh hồ sơ",
                           applies_to=[UnitKind.DEPARTMENT])
    TargetFactory(indicator=ind, operator="gt", value=50, year=2023)
    q3 = PeriodFactory(code="2023-Q3")
    SubmissionFactory(unit=tree["dept_a"], period=q3, status=SubmissionStatus.APPROVED)
    DataValueFactory(unit=tree["dept_a"], indicator=ind, period=q3, numerator=2, denominator=9)
    return res


def test_anonymous_is_sent_to_the_vietnamese_login(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302 and reverse("login") in response["Location"]
    page = client.get(reverse("login")).content.decode()
    assert "Đăng nhập" in page and "Mật khẩu" in page


def test_home_shows_the_seed_figure_target_and_status(client, personas, resolution):
    client.force_login(personas["supervisor"])
    page = client.get(reverse("home")).content.decode()
    assert "09-NQ/TU" in page
    assert "Quý III/2023" in page
    assert "22,22%" in page
    assert "trên 50%" in page
    assert "st-not_met" in page and "Chưa đạt" in page
    assert "0/1 chỉ tiêu đạt và vượt" in page


def test_home_shows_task_counts_per_pillar(client, personas, resolution):
    pillar = PillarFactory(code="chinh_quyen_so", name="Chính quyền số")
    for i in range(21):
        TaskFactory(resolution=resolution, pillar=pillar, status="in_progress" if i < 11 else "not_started")
    TaskFactory(resolution=resolution, pillar=pillar, status="in_progress", deadline=dt.date(2020, 12, 31))
    client.force_login(personas["admin"])
    page = client.get(reverse("home")).content.decode()
    assert "<b>12/22</b> chính quyền số" in page
    assert "(1 quá hạn chưa hoàn thành)" in page  # under way, but past its deadline


def test_a_user_without_membership_sees_no_resolution(client, resolution):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    page = client.get(reverse("home")).content.decode()
    assert "09-NQ/TU" not in page
    assert "chưa được phân quyền" in page


def test_a_user_sees_only_figures_of_their_subtree(client, personas, resolution, tree):
    # user_b (Sở LĐTBXH) reaches the province's resolution but not Sở GDĐT's figure.
    client.force_login(personas["user_b"])
    page = client.get(reverse("home")).content.decode()
    assert "09-NQ/TU" in page
    assert "22,22%" not in page
