"""A supervisor signs in and reads the first screen in a real browser."""

import pytest

from indicators.models import SubmissionStatus
from tests.factories import (
    DataValueFactory,
    IndicatorFactory,
    PeriodFactory,
    ResolutionFactory,
    SubmissionFactory,
    TargetFactory,
)
from units.models import UnitKind

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_supervisor_signs_in_and_sees_the_resolution_status(personas, tree, login, page):
    res = ResolutionFactory(code="09-NQ/TU", title="Về chuyển đổi số", owner_unit=tree["province"])
    ind = IndicatorFactory(resolution=res, code="DVCTT", name="Tỷ lệ dịch vụ công trực tuyến có phát sinh hồ sơ",
                           applies_to=[UnitKind.DEPARTMENT])
    TargetFactory(indicator=ind, operator="gt", value=50, year=2022)  # its year has ended: "Chưa đạt"
    q3 = PeriodFactory(code="2023-Q3")
    PeriodFactory(code="2025-Q2")
    SubmissionFactory(unit=tree["dept_a"], period=q3, status=SubmissionStatus.APPROVED)
    DataValueFactory(unit=tree["dept_a"], indicator=ind, period=q3, numerator=2, denominator=9)

    login("giamsat")
    page.wait_for_selector("text=Tổng quan thực hiện chỉ tiêu")
    # It opens on the latest period whose deadline has passed, and says how few have reported.
    assert "Quý II/2025" in page.inner_text(".period-pill")
    assert "0/2 đơn vị đã báo cáo" in page.inner_text(".coverage")
    page.select_option("select[name=period]", "2023-Q3")  # the picker reloads the page
    page.wait_for_selector(".period-pill:has-text('Quý III/2023')")
    assert "1/2 đơn vị đã báo cáo" in page.inner_text(".coverage")
    row = page.locator("table.grid tbody tr", has_text="DVCTT")
    assert "22,22%" in row.inner_text()
    assert row.locator(".badge").inner_text() == "Chưa đạt"
    assert "Quý III/2023" in page.inner_text(".period-pill")


def test_wrong_password_gets_a_vietnamese_message(personas, login, page):
    login("giamsat", "sai-mat-khau")
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in page.inner_text("[role=alert]")
