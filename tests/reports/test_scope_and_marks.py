"""Issue 11: the unit scorecard counts only the resolutions reaching the unit; invented content says "minh họa".

- The scorecard without a resolution mixed other provinces' resolutions
  ("0/520 chỉ tiêu đạt và vượt"): now it lists what each unit reports
  (indicators.scope), one line per (resolution, indicator), the resolution named.
- Invented demo targets and tasks were shown as fact: pages and workbooks now
  mark them "minh họa" with the reason, and leave stated ones unmarked.
"""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from indicators.models import SubmissionStatus
from reports.documents.report_data.progress import progress_report
from reports.documents.report_data.scorecard import unit_scorecard_report
from reports.documents.report_data.tasks_report import tasks_report
from reports.excel.export.progress import write_progress
from reports.excel.export.scorecard import write_unit_scorecard
from reports.excel.export.tasks_report import write_tasks
from tests.factories import (
    DataValueFactory,
    IndicatorFactory,
    PeriodFactory,
    ResolutionFactory,
    SubmissionFactory,
    TargetFactory,
    TaskFactory,
    VisitFactory,
)
from units.models import UnitKind

pytestmark = pytest.mark.django_db

INVENTED = "Mục tiêu do hệ thống tạo để minh họa; văn bản gốc không nêu số liệu này."


def cells(path):
    ws = load_workbook(path).worksheets[0]
    return ws, [[c.value for c in row] for row in ws.iter_rows()]


def row_with(grid, text):
    return next(r for r in grid if any(isinstance(v, str) and text in v for v in r))


# --- the scorecard -----------------------------------------------------------------------------------------

def test_scorecard_without_a_resolution_lists_only_resolutions_reaching_the_unit(two_provinces, tmp_path):
    s = two_provinces
    for code in ("2024-Q2", "2024-Q3"):
        p = PeriodFactory(code=code)
        SubmissionFactory(unit=s["dept_a"], period=p, status=SubmissionStatus.SUBMITTED)
        DataValueFactory(unit=s["dept_a"], indicator=s["nq_kyso"], period=p, numerator=9, denominator=10)
    report = unit_scorecard_report(s["dept_a"], 2024)
    by_unit = {b.unit.code: [(line.resolution_code, line.indicator.code) for line in b.lines] for b in report.blocks}
    assert by_unit["A"] == [("09-NQ/TU", "VB-KYSO"), ("09-NQ/TU", "HSCV-MANG"), ("KH-2022", "HSCV-MANG")]
    assert by_unit["A1"] == by_unit["A2"] == [("09-NQ/TU", "VB-KYSO"), ("09-NQ/TU", "HSCV-MANG"),
                                              ("09-NQ/TU", "TRUONG"), ("KH-2022", "HSCV-MANG")]
    assert sum(report.counts.values()) == 3 + 4 + 4  # never the other province's indicators
    assert report.summary == "Chưa có mục tiêu để đánh giá"

    path = tmp_path / "scorecard.xlsx"
    write_unit_scorecard(report, path)
    _ws, grid = cells(path)
    header = row_with(grid, "Văn bản")
    assert header[:4] == ["STT", "Văn bản", "Mã", "Chỉ tiêu"]
    line = row_with(grid, "Văn bản đi được ký số")
    assert line[1:3] == ["09-NQ/TU", "VB-KYSO"] and line[6] == pytest.approx(0.9)  # Quý II and III: 90%
    assert not any(isinstance(v, str) and "cáp quang" in v for r in grid for v in r)


# --- "minh họa" marks ---------------------------------------------------------------------------------------

@pytest.fixture
def marked(tree, personas):
    res = ResolutionFactory(code="09-NQ/TU", owner_unit=tree["province"])
    invented = IndicatorFactory(resolution=res, code="DVCTT-PS", order=1, name="Dịch vụ công có phát sinh hồ sơ",
                                applies_to=[UnitKind.DEPARTMENT])
    stated = IndicatorFactory(resolution=res, code="VB-DIENTU", order=2, name="Văn bản điện tử",
                              applies_to=[UnitKind.DEPARTMENT])
    TargetFactory(indicator=invented, operator="gte", value=50, year=2025, is_illustrative=True)
    TargetFactory(indicator=stated, operator="gte", value=96, year=2025, wording="đạt 96%")
    q3 = PeriodFactory(code="2024-Q3")
    for ind in (invented, stated):
        DataValueFactory(unit=tree["dept_a"], indicator=ind, period=q3, numerator=2, denominator=9)
    SubmissionFactory(unit=tree["dept_a"], period=q3, status=SubmissionStatus.SUBMITTED,
                      submitted_at=dt.datetime(2024, 9, 10, 9, tzinfo=dt.UTC))
    invented_task = TaskFactory(resolution=res, number=1, title="Nhiệm vụ do hệ thống đặt tên", is_illustrative=True,
                                illustrative_note="Nội dung và số thứ tự do hệ thống tạo để minh họa.")
    stated_task = TaskFactory(resolution=res, number=2, title="Nhiệm vụ ghi trong văn bản")
    return {**tree, **personas, "res": res, "invented": invented, "stated": stated, "q3": q3,
            "invented_task": invented_task, "stated_task": stated_task}


def badge_rows(page):
    """The table rows of a page that carry the "minh họa" badge."""
    rows = [chunk.split("</tr>")[0] for chunk in page.split("<tr")[1:]]
    return [row for row in rows if 'class="badge illustrative"' in row]


def test_dashboard_marks_an_invented_target_and_not_a_stated_one(client, marked):
    client.force_login(marked["supervisor"])
    page = client.get(reverse("resolution-dashboard", args=[marked["res"].pk]),
                      {"period": "2024-Q3"}).content.decode()
    marked_rows = badge_rows(page)
    assert len(marked_rows) == 1 and "DVCTT-PS" in marked_rows[0] and "VB-DIENTU" not in marked_rows[0]
    assert f'title="{INVENTED}"' in marked_rows[0] and ">minh họa</span>" in marked_rows[0]
    assert "đạt 96%" in page  # the stated target, unmarked


def test_task_list_and_visit_page_mark_invented_tasks_with_the_reason(client, marked, tree):
    client.force_login(marked["supervisor"])
    page = client.get(reverse("resolution-tasks", args=[marked["res"].pk])).content.decode()
    marked_rows = badge_rows(page)
    assert len(marked_rows) == 1 and "Nhiệm vụ do hệ thống đặt tên" in marked_rows[0]
    assert "Nội dung và số thứ tự do hệ thống tạo để minh họa." in page  # the footnote, visible without hovering
    rec = TaskFactory(resolution=None, visit=VisitFactory(unit=tree["dept_a"]), number=3, title="Kiến nghị bịa",
                      is_illustrative=True)
    TaskFactory(resolution=None, visit=rec.visit, number=4, title="Kiến nghị có thật")
    page = client.get(reverse("visit-detail", args=[rec.visit_id])).content.decode()
    marked_rows = badge_rows(page)
    assert len(marked_rows) == 1 and "Kiến nghị bịa" in marked_rows[0]
    assert rec.ILLUSTRATIVE_REASON in page


def test_workbooks_mark_invented_targets_and_tasks_and_explain_them(marked, tmp_path):
    path = tmp_path / "progress.xlsx"
    write_progress(progress_report(marked["res"], marked["q3"]), path)
    _ws, grid = cells(path)
    invented, stated = row_with(grid, "DVCTT-PS."), row_with(grid, "VB-DIENTU.")
    assert invented[3] == "đạt 50% – minh họa (1)"
    assert stated[3] == "đạt 96%"
    assert row_with(grid, "“minh họa (1)”")[0] == f"“minh họa (1)”: {INVENTED}"
    units = load_workbook(path)["Chi tiết đơn vị"]
    unit_rows = [[c.value for c in r] for r in units.iter_rows()]
    assert row_with(unit_rows, "Dịch vụ công có phát sinh hồ sơ")[9] == "đạt 50% – minh họa (1)"
    assert row_with(unit_rows, "Văn bản điện tử")[9] == "đạt 96%"

    path = tmp_path / "tasks.xlsx"
    write_tasks(tasks_report(marked["res"], marked["q3"]), path)
    _ws, grid = cells(path)
    assert row_with(grid, "Nhiệm vụ do hệ thống đặt tên")[7] == "minh họa (1)"
    assert row_with(grid, "Nhiệm vụ ghi trong văn bản")[7] in (None, "")
    assert row_with(grid, "“minh họa (1)”")[0] == "“minh họa (1)”: Nội dung và số thứ tự do hệ thống tạo để minh họa."


def test_import_template_marks_an_invented_target(marked):
    from reports.excel.template import build_template

    wb = load_workbook(io.BytesIO(build_template(marked["dept_a"], marked["q3"], marked["user_a"])))
    ws = wb["Nhập liệu"]
    targets = {ws[f"E{r}"].value: ws[f"H{r}"].value for r in range(8, ws.max_row + 1)}
    assert targets == {"DVCTT-PS": "đạt 50% (năm 2025) – minh họa (1)", "VB-DIENTU": "đạt 96% (năm 2025)"}
    guide = [c.value for (c,) in wb["Hướng dẫn"].iter_rows(max_col=1)]
    assert f"Mục tiêu ghi “minh họa (1)”: {INVENTED}" in guide


def test_scorecard_marks_an_invented_target(marked, tmp_path):
    path = tmp_path / "scorecard.xlsx"
    write_unit_scorecard(unit_scorecard_report(marked["dept_a"], 2024), path)
    _ws, grid = cells(path)
    assert row_with(grid, "Dịch vụ công có phát sinh hồ sơ")[4] == "đạt 50% – minh họa (1)"
    assert row_with(grid, "Văn bản điện tử")[4] == "đạt 96%"
    assert Decimal(str(row_with(grid, "Văn bản điện tử")[7])).quantize(Decimal("0.0001")) == Decimal("0.2222")
