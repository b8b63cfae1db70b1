"""An admin pastes the Quảng Bình 2022 plan's targets paragraph, accepts, and sees them on the dashboard."""

import json
from pathlib import Path

import pytest

from indicators.models import Indicator
from tests.factories import PeriodFactory, PillarFactory, ResolutionFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SEED_PARAGRAPH = json.loads(
    (Path(__file__).parents[1] / "resolutions" / "target_corpus" / "01_quang_binh_gddt_2022.json").read_text()
)["sentences"][0]["text"]


def test_admin_reads_the_seed_paragraph_accepts_and_sees_the_dashboard(personas, tree, login, page, live_server):
    for code, name in (("chinh_quyen_so", "Chính quyền số"), ("kinh_te_so", "Kinh tế số")):
        PillarFactory(code=code, name=name)
    plan = ResolutionFactory(code="KH-CĐS-GDĐT-2022", kind="plan", title="Kế hoạch chuyển đổi số ngành Giáo dục năm 2022",
                             start_year=2022, end_year=2022, vision_year=None, owner_unit=tree["dept_a"])
    PeriodFactory(code="2022-Q4")

    login("quantri")
    page.goto(f"{live_server.url}/theo-doi/nghi-quyet/{plan.pk}/")
    page.click("text=Đọc chỉ tiêu từ văn bản")
    page.fill("#id_text", SEED_PARAGRAPH)
    page.click("#read-form button[type=submit]")
    page.wait_for_selector("#accept-form")
    assert "13 chỉ tiêu đề xuất" in page.inner_text(".rt-table h2")
    assert page.locator("mark.rt-mark").count() == 16  # every target phrase highlighted in the text
    dossiers = page.locator("fieldset#row-3")
    assert dossiers.locator("textarea").input_value() == "Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng"
    assert dossiers.locator("select[name='i2-t0-unit_kind']").input_value() == "department"
    assert dossiers.locator("select[name='i2-t0-operator']").input_value() == "gt"
    assert dossiers.locator("input[name='i2-t0-value']").input_value() == "95"
    page.click("#accept-form button[type=submit]")
    page.wait_for_selector("#created, .alert-error")
    assert page.locator(".alert-error").count() == 0, page.inner_text("main")[:3000]
    assert "Đã tạo 13 chỉ tiêu" in page.inner_text("#created h2")
    page.click("text=Xem bảng theo dõi của văn bản")
    page.wait_for_selector("table.grid.dash")
    dashboard = page.inner_text("main")
    assert "Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng" in dashboard
    row = page.locator("table.grid.dash tbody tr", has_text="Tỷ lệ hồ sơ công việc được xử lý").first
    assert "trên 95%" in row.inner_text()
    assert Indicator.objects.filter(resolution=plan).count() == 13
    for ind in Indicator.objects.filter(resolution=plan):
        assert ind.code in dashboard
