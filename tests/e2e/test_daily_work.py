"""The daily work as the personas do it (issue 15): a head approving from a phone, a return that reaches
the school by e-mail and bell, a draft that survives a closed tab, a school found by part of its name,
the entry form at 390 px, the page after a stale form."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from indicators.models import DataValue, Submission, SubmissionStatus
from tests.factories import (
    DataValueFactory,
    IndicatorFactory,
    MembershipFactory,
    PeriodFactory,
    ResolutionFactory,
    SubmissionFactory,
    UnitFactory,
    UserFactory,
)
from units.models import UnitKind

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def school_with_clerk(tree, personas, eager_celery):
    res = ResolutionFactory(code="KH-GDĐT-2022", owner_unit=tree["province"])
    online = IndicatorFactory(resolution=res, code="HSCV", name="Tỷ lệ hồ sơ công việc xử lý trên môi trường mạng",
                              numerator_label="Số hồ sơ xử lý trên môi trường mạng",
                              denominator_label="Tổng số hồ sơ công việc", applies_to=[UnitKind.SCHOOL])
    computers = IndicatorFactory(resolution=res, code="MAYTINH", name="Số máy vi tính phục vụ dạy học",
                                 measure="count", unit_label="máy", numerator_label="Số máy", denominator_label="",
                                 applies_to=[UnitKind.SCHOOL])
    q3 = PeriodFactory(code="2024-Q3")
    hai_dinh = UnitFactory(code="QB.HD", name="Trường Tiểu học Hải Định", kind=UnitKind.SCHOOL, parent=tree["dept_a"])
    clerk = UserFactory(username="nhaplieu_truong", email="truong@example.vn")
    MembershipFactory(user=clerk, unit=tree["school_a1"], role="entry")
    return {"online": online, "computers": computers, "q3": q3, "hai_dinh": hai_dinh, "clerk": clerk,
            **tree, **personas}


def no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_a_head_approves_three_clean_reports_at_once_from_a_phone(school_with_clerk, login, page, live_server):
    for school in ("school_a1", "school_a2", "hai_dinh"):
        SubmissionFactory(unit=school_with_clerk[school], period=school_with_clerk["q3"])
        DataValueFactory(unit=school_with_clerk[school], indicator=school_with_clerk["online"], period=school_with_clerk["q3"], numerator=30,
                         denominator=40)
    page.set_viewport_size(PHONE)
    login("lanhdao_a")
    # The menu is folded behind one button on a phone; the count of what waits is in it.
    expect(page.locator("#mainmenu")).to_be_hidden()
    page.click("button.menu-toggle")
    expect(page.get_by_role("link", name=re.compile("Chờ duyệt"))).to_contain_text("3")
    page.get_by_role("link", name=re.compile("Chờ duyệt")).click()
    expect(page.locator("h1")).to_have_text("Báo cáo chờ duyệt (3)")
    assert no_sideways_scroll(page)
    page.check("[data-check-all]")
    page.click("text=Duyệt các báo cáo đã chọn")
    expect(page.locator(".msg-success")).to_have_text("Đã duyệt 3 báo cáo.")
    assert set(Submission.objects.values_list("status", flat=True)) == {SubmissionStatus.APPROVED}
    expect(page.locator("text=Không có báo cáo nào đang chờ bạn duyệt.")).to_be_visible()


def test_a_return_reaches_the_school_by_mail_and_bell(school_with_clerk, login, page, live_server):
    SubmissionFactory(unit=school_with_clerk["school_a1"], period=school_with_clerk["q3"])
    login("lanhdao_a")
    page.goto(f"{live_server.url}/cho-duyet/")
    page.click("summary:has-text('Trả lại')")
    page.fill("input[name=reason]", "Thiếu minh chứng cho số liệu; đề nghị bổ sung.")
    page.click("button:has-text('Trả lại cho đơn vị')")
    expect(page.locator(".msg-success")).to_contain_text("Đã trả lại báo cáo")
    assert [m.to for m in mail.outbox] == [["truong@example.vn"]]
    assert "Thiếu minh chứng" in mail.outbox[0].body

    page.context.clear_cookies()
    login("nhaplieu_truong")
    expect(page.locator(".bell-count")).to_have_text("1")
    page.click("a.bell")
    expect(page.locator(".notif.unread")).to_contain_text("Thiếu minh chứng cho số liệu")
    page.click(".notif a")
    expect(page.locator(".alert-warn")).to_contain_text("Báo cáo bị trả lại.")
    expect(page.locator(".bell-count")).to_have_count(0)


def test_a_draft_survives_a_closed_tab(school_with_clerk, login, page, live_server):
    login("nhaplieu_truong")
    url = f"{live_server.url}/ky-bao-cao/2024-Q3/{school_with_clerk['school_a1'].pk}/"
    page.goto(url)
    row = page.locator("tr", has_text="HSCV")
    row.get_by_label("HSCV tử số").fill("26")
    row.get_by_label("HSCV mẫu số").fill("40")
    page.locator("tr", has_text="MAYTINH").get_by_label("MAYTINH tử số").click()  # leaving the row saves it
    expect(row.locator(".row-status")).to_contain_text("Đã lưu lúc")
    expect(page.locator("[data-autosave-status]")).to_contain_text("Đã lưu lúc")
    # A bad cell is marked on its own and does not stop the others.
    page.locator("tr", has_text="MAYTINH").get_by_label("MAYTINH tử số").fill("12,5")
    row.get_by_label("HSCV tử số").click()
    expect(page.locator("tr", has_text="MAYTINH").locator(".row-status")).to_contain_text("phải là số nguyên")
    expect(page.locator("tr", has_text="MAYTINH").get_by_label("MAYTINH tử số")).to_have_class(re.compile("invalid"))
    page.locator("tr", has_text="MAYTINH").get_by_label("MAYTINH tử số").fill("35")
    # The connection drops while the cell is still being typed, and the tab is closed: nothing reaches the
    # server (every request of the page fails, as offline).
    page.evaluate("() => { window.fetch = () => Promise.reject(new TypeError('offline')); }")
    context = page.context
    again = context.new_page()
    page.close(run_before_unload=True)
    again.wait_for_timeout(300)
    assert not DataValue.objects.filter(indicator=school_with_clerk["computers"]).exists()
    saved = DataValue.objects.get(indicator=school_with_clerk["online"])
    assert (saved.numerator, saved.denominator) == (26, 40)

    again.goto(url)
    expect(again.locator("tr", has_text="MAYTINH").get_by_label("MAYTINH tử số")).to_have_value("35")
    expect(again.locator("[data-autosave-status]")).to_contain_text("Đã khôi phục")
    expect(again.locator("tr", has_text="MAYTINH").locator(".row-status")).to_contain_text("Đã lưu lúc")
    assert DataValue.objects.get(indicator=school_with_clerk["computers"]).numerator == 35
    expect(again.locator("tr", has_text="HSCV").get_by_label("HSCV tử số")).to_have_value("26")
    # A tab simply closed while typing: the figure is sent as the page goes away.
    again.locator("tr", has_text="MAYTINH").get_by_label("MAYTINH tử số").fill("40")
    third = context.new_page()
    again.close(run_before_unload=True)
    for _ in range(30):
        if DataValue.objects.get(indicator=school_with_clerk["computers"]).numerator == 40:
            break
        third.wait_for_timeout(100)
    assert DataValue.objects.get(indicator=school_with_clerk["computers"]).numerator == 40


def test_a_school_is_found_by_part_of_its_name_with_the_keyboard(school_with_clerk, login, page, live_server):
    page.set_viewport_size(PHONE)
    login("quantri")
    page.goto(f"{live_server.url}/ky-bao-cao/")
    box = page.get_by_role("combobox", name="Làm việc cho đơn vị:")
    box.fill("hai dinh")
    option = page.get_by_role("option", name=re.compile("Trường Tiểu học Hải Định"))
    expect(option).to_contain_text("Tỉnh Mẫu › Sở Giáo dục và Đào tạo")
    box.press("ArrowDown")
    box.press("Enter")
    expect(page.locator("h1")).to_contain_text("Kỳ báo cáo của Trường Tiểu học Hải Định")
    assert no_sideways_scroll(page)


def test_the_entry_form_on_a_phone(school_with_clerk, login, page, live_server):
    page.set_viewport_size(PHONE)
    login("nhaplieu_truong")
    page.goto(f"{live_server.url}/ky-bao-cao/2024-Q3/{school_with_clerk['school_a1'].pk}/")
    assert no_sideways_scroll(page)
    num = page.get_by_label("HSCV tử số")
    assert num.bounding_box()["width"] > 300  # a thumb-sized field across the card
    assert num.bounding_box()["height"] >= 40
    # The visible labels name each figure (not only a hover title).
    expect(page.locator("tr", has_text="HSCV").locator("label.fld").first).to_contain_text(
        "Số hồ sơ xử lý trên môi trường mạng")
    # Every input can be brought into view without the save bar covering it.
    bar = page.locator(".savebar")
    for name in ("HSCV tử số", "HSCV mẫu số", "MAYTINH tử số"):
        field = page.get_by_label(name)
        field.focus()
        field.scroll_into_view_if_needed()
        f, b = field.bounding_box(), bar.bounding_box()
        assert f["y"] + f["height"] <= b["y"] + 1 or f["y"] >= b["y"] + b["height"], name
    page.get_by_label("HSCV tử số").fill("26")
    page.get_by_label("HSCV mẫu số").fill("40")
    expect(page.locator("tr", has_text="HSCV").locator("output")).to_have_text("65,00%")
    page.on("dialog", lambda d: d.accept())
    page.click("button[value=submit]")
    expect(page.locator(".msg-success")).to_contain_text("gửi báo cáo Quý III/2024")


def test_a_form_left_open_too_long_gets_a_vietnamese_page(school_with_clerk, login, page, live_server):
    login("nhaplieu_truong")
    page.goto(f"{live_server.url}/thong-bao/cai-dat/")
    # Meanwhile the session ended and the user signed in again elsewhere (a new token).
    page.context.clear_cookies()
    other = page.context.new_page()
    other.goto(f"{live_server.url}/dang-nhap/")
    other.fill("#id_username", "nhaplieu_truong")
    other.fill("#id_password", "matkhau-demo-123")
    other.click("main button[type=submit]")
    # Signed in before the tab closes: two requests in flight at once would only test the test server.
    expect(other).not_to_have_url(re.compile(r"/dang-nhap/"))
    other.close()
    page.click("button:has-text('Lưu lựa chọn')")
    expect(page.locator("h1")).to_have_text("Trang đã mở quá lâu nên chưa gửi được")
    assert "CSRF" not in page.inner_text("body")


def test_vietnamese_validation_messages_and_file_input(school_with_clerk, login, page, live_server):
    login("nhaplieu_truong")
    page.goto(f"{live_server.url}/nhap-excel/")
    expect(page.locator(".file-button")).to_have_text("Chọn tệp")
    expect(page.locator(".file-name")).to_have_text("Chưa chọn tệp")
    page.click("button:has-text('Tải lên và lưu')")
    message = page.eval_on_selector("input[type=file]", "el => el.validationMessage")
    assert message == "Vui lòng chọn tệp."
    page.set_input_files("input[type=file]", files=[{"name": "SoLieu.xlsx", "mimeType": "application/octet-stream",
                                                     "buffer": b"PK"}])
    expect(page.locator(".file-name")).to_have_text("SoLieu.xlsx")


def test_a_visit_date_is_picked_in_vietnamese_order(school_with_clerk, login, page, live_server):
    from tests.factories import SupervisionFactory

    sup = SupervisionFactory(resolution=school_with_clerk["online"].resolution)
    UnitFactory(kind=UnitKind.PROVINCE, name="Tỉnh Khác")  # outside the supervisor's scope and the reach
    login("giamsat")
    page.goto(f"{live_server.url}/giam-sat/{sup.pk}/")
    page.fill("#id_date", "05/03/2024")
    page.click("button[aria-label='Chọn ngày']")
    expect(page.locator(".date-title")).to_have_text("Tháng 3/2024")  # 05/03 is the 5th of March
    expect(page.locator(".date-grid th").first).to_have_text("T2")
    page.keyboard.press("ArrowRight")  # from the 5th to the 6th, by keyboard
    page.keyboard.press("Enter")
    expect(page.locator("#id_date")).to_have_value("06/03/2024")
    # Only units the resolution reaches are offered, searched by part of the name.
    page.fill("#id_unit", "so lao dong")
    expect(page.get_by_role("option").first).to_contain_text("Sở Lao động - Thương binh và Xã hội")
    page.fill("#id_unit", "Tỉnh Khác")
    expect(page.locator(".unit-picker-empty")).to_have_text("Không tìm thấy đơn vị nào.")
