"""Browser: dashboard → drill down province → school → indicator chart; record a visit, finding, recommendation."""

import datetime as dt

import pytest

from indicators.models import SubmissionStatus
from resolutions.models import Finding, Task, Visit
from tests.factories import (
    DataValueFactory,
    IndicatorFactory,
    PeriodFactory,
    ResolutionFactory,
    SubmissionFactory,
    SupervisionFactory,
    TargetFactory,
)
from units.models import UnitKind

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def school_series(tree):
    res = ResolutionFactory(code="09-NQ/TU", title="Về chuyển đổi số", owner_unit=tree["province"])
    ind = IndicatorFactory(resolution=res, code="HSCV", name="Tỷ lệ hồ sơ công việc xử lý trên môi trường mạng",
                           applies_to=[UnitKind.SCHOOL, UnitKind.DEPARTMENT])
    TargetFactory(indicator=ind, unit_kind=UnitKind.SCHOOL, operator="gte", value=52, year=2025)
    for code, num in (("2024-Q1", 40), ("2024-Q2", 45), ("2024-Q3", 50)):
        p = PeriodFactory(code=code)
        for school in (tree["school_a1"], tree["school_a2"]):
            SubmissionFactory(unit=school, period=p, status=SubmissionStatus.APPROVED)
            DataValueFactory(unit=school, indicator=ind, period=p, numerator=num, denominator=100)
    sup = SupervisionFactory(decision_ref="1521-QĐ/TU", resolution=res)
    return {"res": res, "ind": ind, "sup": sup}


def test_dashboard_drilldown_and_indicator_chart(personas, tree, school_series, login, page, live_server):
    login("giamsat")
    page.goto(f"{live_server.url}/theo-doi/nghi-quyet/{school_series['res'].pk}/")
    row = page.locator("table.dash tbody tr", has_text="Cơ sở giáo dục")
    assert "50,00%" in row.inner_text()
    assert row.locator(".badge").inner_text() in ("Có nguy cơ", "Đúng tiến độ")
    assert page.locator("svg.spark").count() >= 1
    page.goto(f"{live_server.url}/theo-doi/don-vi/{tree['province'].pk}/")
    page.click("table.heat >> text=Sở Giáo dục và Đào tạo")
    page.click("table.heat >> text=Trường THPT Số 1")
    assert "Trường THPT Số 1" in page.inner_text("h1")
    crumbs = page.inner_text("nav.crumbs")
    assert "Tỉnh Mẫu" in crumbs and "Sở Giáo dục và Đào tạo" in crumbs
    page.click("text=Tỉnh Mẫu")
    assert "Tỉnh Mẫu" in page.inner_text("h1")
    page.goto(f"{live_server.url}/theo-doi/chi-tieu/{school_series['ind'].pk}/")
    chart = page.locator("#kind-school svg.chart")
    assert chart.is_visible()
    assert "Mục tiêu 2025: đạt 52%" in chart.inner_html() and "Dự báo 2025" in chart.inner_html()


def test_record_visit_finding_and_recommendation(personas, tree, school_series, login, page, live_server):
    login("giamsat")
    page.goto(f"{live_server.url}/giam-sat/")
    page.click("text=1521-QĐ/TU")
    page.fill("#id_unit", "sở giáo dục")  # the unit picker: part of the name, then the suggestion
    page.click("[role=option]:has-text('Sở Giáo dục và Đào tạo')")
    page.fill("#id_date", "12/09/2023")
    page.fill("#id_summary", "Đoàn giám sát làm việc với Sở Giáo dục và Đào tạo.")
    page.click("text=Lưu buổi giám sát")
    page.wait_for_selector("h1:has-text('Sở Giáo dục và Đào tạo')")
    visit = Visit.objects.get()
    assert visit.date == dt.date(2023, 9, 12)
    form = page.locator("#them-nhan-xet form")
    form.locator("#id_kind").select_option("limitation")
    form.locator("#id_text").fill("Dịch vụ công trực tuyến có phát sinh hồ sơ còn thấp")
    form.locator("#id_indicator").select_option(str(school_series["ind"].pk))
    form.locator("#id_value").fill("22,22")
    form.locator("button[type=submit]").click()
    page.wait_for_selector("text=Đã ghi nhận xét.")
    assert "22,22%" in page.inner_text("ol.findings.limitation")
    form = page.locator("#them-kien-nghi form")
    form.locator("#id_title").fill("Nâng cao chất lượng dịch vụ công trực tuyến toàn trình")
    form.locator("#id_deadline").fill("31/12/2024")
    form.locator("button[type=submit]").click()
    page.wait_for_selector("text=Đã ghi kiến nghị số (1).")
    assert "31/12/2024" in page.inner_text("table.recs")
    assert str(Finding.objects.get().value) == "22.2200"
    assert Task.objects.get(visit=visit).number == 1
