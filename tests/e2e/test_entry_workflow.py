"""A school enters a quarter and submits; the phòng head returns it; the school fixes and resubmits; the head approves."""

import pytest
from playwright.sync_api import expect

from indicators.models import DataValue, Submission, SubmissionStatus
from tests.factories import (
    IndicatorFactory,
    MembershipFactory,
    PeriodFactory,
    ResolutionFactory,
    TargetFactory,
    UserFactory,
)
from units.models import UnitKind

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_quarter_entry_return_fix_and_approve(tree, personas, login, page, live_server):
    school, phong = tree["school_a1"], tree["dept_a"]
    res = ResolutionFactory(code="KH-GDĐT-2022", owner_unit=tree["province"])
    ind = IndicatorFactory(resolution=res, code="HSCV", name="Tỷ lệ hồ sơ công việc xử lý trên môi trường mạng",
                           numerator_label="Số hồ sơ xử lý trên môi trường mạng", denominator_label="Tổng số hồ sơ công việc",
                           applies_to=[UnitKind.SCHOOL])
    TargetFactory(indicator=ind, unit_kind=UnitKind.SCHOOL, operator="gte", value=52, year=2024)
    PeriodFactory(code="2024-Q3")
    staff = UserFactory(username="nhaplieu_truong")
    MembershipFactory(user=staff, unit=school, role="entry")
    page.on("dialog", lambda d: d.accept())

    # 1. The school's staff enters the quarter; the rate shows as they type; they submit.
    login("nhaplieu_truong")
    page.goto(f"{live_server.url}/ky-bao-cao/")
    page.click("text=Nhập số liệu >> nth=0")
    page.wait_for_selector("text=Mục tiêu:")
    row = page.locator("tr", has_text="HSCV")
    row.get_by_label("HSCV tử số").fill("26")
    row.get_by_label("HSCV mẫu số").fill("40")
    expect(row.locator("output")).to_have_text("65,00%")  # the server's rule answers the preview
    page.click("button[value=submit]")
    page.wait_for_selector("text=gửi báo cáo Quý III/2024")
    assert Submission.objects.get(unit=school).status == SubmissionStatus.SUBMITTED

    # 2. The phòng head returns it with a reason.
    page.context.clear_cookies()
    login("lanhdao_a")
    page.goto(f"{live_server.url}/ky-bao-cao/?unit={phong.pk}")
    page.click("text=Xem và duyệt")
    page.fill("#return-reason", "Tổng số hồ sơ chưa khớp sổ theo dõi văn bản")
    page.click("button:has-text('Trả lại')")
    page.wait_for_selector("text=Đã trả lại báo cáo")

    # 3. The staff sees the reason, fixes the figure and resubmits.
    page.context.clear_cookies()
    login("nhaplieu_truong")
    page.goto(f"{live_server.url}/ky-bao-cao/")
    assert "Tổng số hồ sơ chưa khớp sổ theo dõi văn bản" in page.inner_text("table.periods")
    page.click("text=Sửa và gửi lại")
    page.locator("tr", has_text="HSCV").get_by_label("HSCV mẫu số").fill("45")
    page.click("button[value=submit]")
    page.wait_for_selector("text=gửi báo cáo Quý III/2024")

    # 4. The head approves.
    page.context.clear_cookies()
    login("lanhdao_a")
    page.goto(f"{live_server.url}/ky-bao-cao/{'2024-Q3'}/{school.pk}/")
    page.click("button:has-text('Duyệt báo cáo')")
    page.wait_for_selector("text=Đã duyệt báo cáo")
    assert Submission.objects.get(unit=school).status == SubmissionStatus.APPROVED
    dv = DataValue.objects.get(unit=school, indicator=ind)
    assert (dv.numerator, dv.denominator, dv.version) == (26, 45, 2)


def test_bad_figure_is_shown_beside_the_field_and_nothing_is_saved(tree, personas, login, page, live_server):
    res = ResolutionFactory(code="KH-2", owner_unit=tree["province"])
    IndicatorFactory(resolution=res, code="DVC", applies_to=[UnitKind.DEPARTMENT])
    PeriodFactory(code="2024-Q3")
    login("nhaplieu_a")
    page.goto(f"{live_server.url}/ky-bao-cao/2024-Q3/{tree['dept_a'].pk}/")
    row = page.locator("tr", has_text="DVC")
    # The preview says what the save will say (indicators.rules.validate_figures), not a value.
    row.get_by_label("DVC tử số").fill("-5")
    row.get_by_label("DVC mẫu số").fill("100")
    expect(row.locator("output")).to_have_text("Số hồ sơ xử lý trên môi trường mạng: không được là số âm.")
    row.get_by_label("DVC tử số").fill("12")
    row.get_by_label("DVC mẫu số").fill("9")
    message = "Số hồ sơ xử lý trên môi trường mạng (12) không được lớn hơn tổng số hồ sơ công việc (9)."
    expect(row.locator("output")).to_have_text(message)
    page.click("button[value=save]")
    page.wait_for_selector("p.field-error")
    assert message in page.locator("tr", has_text="DVC").locator("p.field-error").inner_text()
    assert not DataValue.objects.exists()
