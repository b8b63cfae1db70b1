"""Dashboard pages: figures equal hand-computed ones, scope, bounded queries, demo facts."""

import pytest
from django.urls import reverse

from indicators.rules import Status
from reports.dashboards.charts import line_chart, sparkline
from reports.dashboards.selectors import child_heatmap
from tests.factories import (
    IndicatorFactory,
    PeriodFactory,
    PillarFactory,
    ResolutionFactory,
    TargetFactory,
    TaskFactory,
    UnitFactory,
)
from tests.helpers import put
from units.models import UnitKind, UnitSuccession

pytestmark = pytest.mark.django_db


@pytest.fixture
def res(tree):
    res = ResolutionFactory(code="09-NQ/TU", owner_unit=tree["province"])
    pillar = PillarFactory(code="chinh_quyen_so", name="Chính quyền số")
    ind = IndicatorFactory(resolution=res, pillar=pillar, code="HSCV", applies_to=[UnitKind.SCHOOL, UnitKind.DEPARTMENT])
    TargetFactory(indicator=ind, unit_kind=UnitKind.SCHOOL, operator="gte", value=52, year=2025)
    TargetFactory(indicator=ind, unit_kind=UnitKind.DEPARTMENT, operator="gt", value=95, year=2025)
    for code, (a1, a2) in {"2024-Q1": (30, 1), "2024-Q2": (50, 1), "2024-Q3": (90, 1)}.items():
        p = PeriodFactory(code=code)
        put(tree["school_a1"], ind, p, a1, 100)
        put(tree["school_a2"], ind, p, a2, 10)
    put(tree["dept_a"], ind, PeriodFactory(code="2024-Q3"), 2, 9)
    for i in range(21):
        TaskFactory(resolution=res, pillar=pillar, status="in_progress" if i < 11 else "not_started")
    return res, ind


def test_dashboard_figures_statuses_tasks_completeness(client, personas, res):
    resolution, ind = res
    client.force_login(personas["supervisor"])
    page = client.get(reverse("resolution-dashboard", args=[resolution.pk])).content.decode()
    assert "Quý III/2024" in page  # latest period with data by default
    assert "82,73%" in page and "91/110" in page  # ratio of sums, not 50%
    assert "22,22%" in page and "trên 95%" in page and "đạt 52%" in page
    assert "<b>11/21</b> nhiệm vụ chính quyền số" in page
    assert "3/4 đơn vị đã gửi" in page  # dept_b has not reported
    assert "svg" in page and "spark" in page
    assert "0/1 chỉ tiêu đạt và vượt" in page  # school met, department not: the indicator is not met overall
    # filters in the URL: schools only, one subtree, an earlier period
    page = client.get(reverse("resolution-dashboard", args=[resolution.pk]),
                      {"kind": "school", "period": "2024-Q1"}).content.decode()
    assert "Quý I/2024" in page and "28,18%" in page and "22,22%" not in page  # 31/110


def test_indicator_page_chart_projection_and_ranking(client, personas, res, tree):
    _, ind = res
    client.force_login(personas["supervisor"])
    page = client.get(reverse("indicator-detail", args=[ind.pk]), {"kind": "school"}).content.decode()
    assert "<svg" in page and "Mục tiêu 2025: đạt 52%" in page and "mốc 2025" in page
    assert "Dự báo 2025" in page
    # best first: school_a1 90% before school_a2 10%
    assert page.index("Trường THPT Số 1") < page.index("Trường THPT Số 2")
    assert reverse("unit-detail", args=[tree["school_a1"].pk]) in page


def test_indicator_page_projection_is_the_reports_estimate(client, personas, res, tree):
    """"Dự báo 2025" on the page and "Ước thực hiện đến năm 2025" in the report: one projection."""
    from indicators.models import Period
    from indicators.rules import format_number
    from reports.documents.report_data.progress import progress_report

    _, ind = res
    client.force_login(personas["supervisor"])
    page = client.get(reverse("indicator-detail", args=[ind.pk]), {"kind": "school"}).content.decode()
    report = progress_report(ind.resolution, Period.objects.get_by_code("2024-Q3"), tree["province"])
    school = next(r for r in report.rows if r.unit_kind == "school" and r.level == 1)
    assert school.estimate == 100  # the trend passes 100%: a share is capped there, on the page too
    assert f"Dự báo 2025: {format_number(school.estimate, 2)}%" in page


def test_chart_helpers_format_vietnamese_numbers():
    from indicators.models import Period

    p = [PeriodFactory(code=c) for c in ("2024-Q1", "2024-Q2")]
    svg = str(line_chart([(p[0], 1937), (p[1], 2000)], percent=False, decimals=0)["svg"])
    assert "1.937" in svg and "2.000" in svg
    assert "<polyline" in str(sparkline([1, None, 3], "met"))
    assert Period.objects.count() == 2


def test_unit_drilldown_breadcrumbs_heatmap_and_scope(client, personas, res, tree):
    resolution, ind = res
    client.force_login(personas["supervisor"])
    page = client.get(reverse("unit-detail", args=[tree["province"].pk])).content.decode()
    assert "Sở Giáo dục và Đào tạo" in page and "st-" in page and "table class=\"heat\"" in page
    page = client.get(reverse("unit-detail", args=[tree["school_a1"].pk])).content.decode()
    assert "Tỉnh Mẫu" in page and "Sở Giáo dục và Đào tạo" in page  # breadcrumbs
    assert "90,00%" in page
    client.force_login(personas["user_b"])
    assert client.get(reverse("unit-detail", args=[tree["school_a1"].pk])).status_code == 404
    assert client.get(reverse("resolution-dashboard", args=[resolution.pk]), {"unit": tree["dept_a"].pk}).status_code == 404


def test_merged_unit_shows_successor_and_history(client, personas, res, tree):
    _, ind = res
    new = UnitFactory(code="A-NEW", name="Sở Giáo dục và Đào tạo (mới)", kind=UnitKind.DEPARTMENT, parent=tree["province"])
    UnitSuccession.objects.create(predecessor=tree["dept_a"], successor=new, kind="merge",
                                  effective_on="2025-07-01", legal_basis="NQ 202/2025/QH15")
    client.force_login(personas["supervisor"])
    page = client.get(reverse("unit-detail", args=[tree["dept_a"].pk])).content.decode()
    assert "Sở Giáo dục và Đào tạo (mới)" in page and "01/07/2025" in page and "NQ 202/2025/QH15" in page
    page = client.get(reverse("unit-detail", args=[new.pk])).content.decode()
    assert "Đơn vị tiền thân" in page and "22,22%" in page  # predecessor's series folded in


def test_heatmap_queries_are_bounded(tree, res, django_assert_max_num_queries):
    resolution, ind = res
    p = PeriodFactory(code="2024-Q3")
    # inner children (with schools below) and leaf children
    for _ in range(6):
        d = UnitFactory(kind=UnitKind.DEPARTMENT, parent=tree["province"])
        for _ in range(3):
            put(UnitFactory(kind=UnitKind.SCHOOL, parent=d), ind, p, 5, 10)
    children = list(tree["province"].children.all())
    with django_assert_max_num_queries(8):
        rows = child_heatmap(children, [ind], p)
    by_unit = {r.unit.pk: r for r in rows}
    cell = by_unit[tree["dept_a"].pk].cells[0]  # dept_a itself + its two schools
    assert cell.status != Status.NO_DATA


def _grow(tree, ind, p, n):
    for i in range(n):
        parent = tree["dept_a"] if i % 2 else tree["dept_b"]
        put(UnitFactory(kind=UnitKind.SCHOOL, parent=parent), ind, p, i % 10, 10)


@pytest.mark.parametrize("n", [10, 40])
def test_dashboard_query_count_independent_of_units(client, personas, res, tree, n, django_assert_max_num_queries):
    resolution, ind = res
    _grow(tree, ind, PeriodFactory(code="2024-Q3"), n)
    client.force_login(personas["admin"])
    with django_assert_max_num_queries(40):
        r = client.get(reverse("resolution-dashboard", args=[resolution.pk]))
    assert r.status_code == 200
    with django_assert_max_num_queries(45):
        assert client.get(reverse("unit-detail", args=[tree["province"].pk])).status_code == 200


def test_completeness_page(client, personas, res, tree):
    client.force_login(personas["supervisor"])
    page = client.get(reverse("completeness"), {"period": "2024-Q3"}).content.decode()
    assert "Sở Lao động - Thương binh và Xã hội" in page and "Chưa gửi báo cáo (1)" in page


def test_demo_figures_on_the_pages(client, db):
    from django.contrib.auth import get_user_model

    from resolutions.demo.loader import load_demo
    from resolutions.models import Resolution

    load_demo()
    client.force_login(get_user_model().objects.get(username="admin"))
    qb = Resolution.objects.get(code="KH-CĐS-GDĐT-2022/QB")
    page = client.get(reverse("resolution-dashboard", args=[qb.pk])).content.decode()
    assert "trên 95%" in page and "trên 75%" in page and "đạt 52%" in page  # per-level targets
    qt = Resolution.objects.get(code="1982/QĐ-UBND")
    page = client.get(reverse("resolution-tasks", args=[qt.pk])).content.decode()
    assert "<b>11/21</b> nhiệm vụ chính quyền số" in page and "<b>11/11</b>" in page


def test_resolution_with_tasks_only_shows_task_progress_not_an_empty_page(client, personas, tree):
    res = ResolutionFactory(code="1982/QĐ-UBND", owner_unit=tree["province"])
    pillar = PillarFactory(code="CQS-T", name="Chính quyền số")
    for i in range(21):
        TaskFactory(resolution=res, pillar=pillar, status="in_progress" if i < 11 else "not_started")
    client.force_login(personas["supervisor"])
    page = client.get(reverse("resolution-dashboard", args=[res.pk])).content.decode()
    assert "<b>11/21</b> nhiệm vụ chính quyền số" in page
    assert "không đặt chỉ tiêu định lượng" in page and "Chưa có số liệu</h2>" not in page
    assert 'name="period"' not in page  # no period filter for a plan without indicators


def test_heat_cells_escape_names_and_show_figures_the_vietnamese_way():
    from decimal import Decimal

    from indicators.models import Indicator, Measure
    from reports.dashboards.selectors import ChildRow, HeatCell
    from reports.templatetags.heatmap import heat_cells
    from units.models import ReportingUnit

    ind = Indicator(code="HS<1>", measure=Measure.PERCENT, decimals=2)
    row = ChildRow(ReportingUnit(name='Trường "A" <b>'), True, [HeatCell("met", Decimal("22.2222"), ind), None])
    html = heat_cells(row)
    assert 'title="Trường &quot;A&quot; &lt;b&gt; – HS&lt;1&gt; (Đạt)">22,22%</td>' in html
    assert html.endswith('<td class="na" title="Không áp dụng">·</td>')


def test_the_chart_projects_a_share_no_higher_than_100_percent():
    # A school share heading steeply up (the demo's "CSDL-NGANH" showed "Dự báo 2025: 117,12%"): the page
    # shows the status rule's own projection, capped at 100% (rules.project_to_year_end).
    p = [PeriodFactory(code=c) for c in ("2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4")]
    chart = line_chart([(p[0], 60), (p[1], 75), (p[2], 85), (p[3], 92)], percent=True, decimals=2)
    year, value = chart["projection"] if chart["projection"] else (None, None)
    assert year is None  # no milestone given: nothing to project to
    from tests.factories import TargetFactory

    target = TargetFactory(operator="gte", value=100, year=2025)
    chart = line_chart([(p[0], 60), (p[1], 75), (p[2], 85), (p[3], 92)], [target], percent=True, decimals=2)
    assert chart["projection"] == (2025, 100.0)
    assert "Dự báo 2025: 100,00%" in str(chart["svg"])
