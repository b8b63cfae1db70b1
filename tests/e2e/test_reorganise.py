"""An admin merges a Phòng GDĐT into its Sở on the page "Sắp xếp đơn vị", in a real browser."""

import pytest
from playwright.sync_api import expect

from tests.factories import UnitFactory
from units.models import ReportingUnit, UnitKind

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_admin_finds_units_previews_and_applies_a_merger(personas, tree, login, page, live_server, eager_celery):
    office = UnitFactory(code="PGD-DH", name="Phòng GDĐT thành phố Đồng Hới", kind=UnitKind.DISTRICT_OFFICE,
                         parent=tree["dept_a"])
    UnitFactory(code="DH-HAIDINH", name="Trường THCS Hải Đình", kind=UnitKind.SCHOOL, parent=office)
    login("quantri")
    page.goto(f"{live_server.url}/sap-xep-don-vi/")
    page.fill("#effective_on", "01/07/2025")
    page.fill("#legal_basis", "Nghị quyết số 202/2025/QH15")
    page.select_option("[name=kind-1]", "sáp nhập")
    page.fill("[name=old-1]", "Đồng Hới")  # a part of the name: the codes are suggested with their ancestors
    page.locator("#unit-codes option").first.wait_for(state="attached")
    suggestion = page.eval_on_selector("#unit-codes option", "o => [o.value, o.label]")
    assert suggestion[0] == "PGD-DH" and "Sở Giáo dục và Đào tạo" in suggestion[1]
    page.fill("[name=old-1]", "PGD-DH")
    page.fill("[name=new-1]", "A")
    page.click("button[value=preview]")
    page.wait_for_selector("text=Xem trước — chưa có gì được lưu")
    assert "1 đơn vị thôi hoạt động, 0 đơn vị mới, 1 đơn vị chuyển đơn vị cấp trên" in page.content()
    page.click("button[value=apply]")
    page.wait_for_selector("#reorg-progress [data-label]:has-text('Đã áp dụng')")
    expect(page.locator("#reorg-progress")).to_contain_text("1 đơn vị thôi hoạt động")  # set by the poll
    assert ReportingUnit.objects.get(code="DH-HAIDINH").parent_id == tree["dept_a"].pk
