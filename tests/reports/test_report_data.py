"""reports.documents.report_data: the figures of the Excel reports equal indicators.figures's."""

import datetime as dt
from decimal import Decimal

from indicators.figures import completeness, rollup_by_kind, rollup_total, unit_figures
from indicators.rules import Status
from reports.documents.report_data.completeness import completeness_report
from reports.documents.report_data.file_names import ascii_slug, file_name
from reports.documents.report_data.progress import progress_report
from reports.documents.report_data.scorecard import unit_scorecard_report
from reports.documents.report_data.tasks_report import tasks_report
from tests.factories import (
    TaskFactory,
)


def test_progress_rows_equal_rollups(province_figures):
    report = progress_report(province_figures["res"], province_figures["q3"], province_figures["province"])
    rolled = rollup_by_kind([province_figures["pct"], province_figures["cnt"]], province_figures["q3"], [province_figures["province"]])
    by_ind = {r.indicator.pk: r for r in report.rows if r.level == 0}
    _, _, total = rollup_total(rolled[province_figures["pct"].pk])
    assert by_ind[province_figures["pct"].pk].value == total  # (90+45+9)/(100+50+10) = 90%
    assert total == Decimal("90.0000")
    kinds = {r.kind_label: r for r in report.rows if r.level == 1 and r.indicator == province_figures["pct"]}
    assert kinds["Sở, ban, ngành"].value == Decimal("90.0000")  # 135/150, never a mean of rates
    assert kinds["Sở, ban, ngành"].previous == Decimal("80.0000")  # 120/150 in Q2
    assert kinds["Sở, ban, ngành"].change == Decimal("10.0000")
    assert report.previous_period == province_figures["q2"]
    cnt_row = by_ind[province_figures["cnt"].pk]
    assert cnt_row.value == Decimal("2262") and cnt_row.level == 0  # one kind: one row
    assert cnt_row.status == Status.MET and cnt_row.target_text == "đạt 1.000"
    assert report.summary.endswith("chỉ tiêu đạt và vượt")
    assert report.summary.startswith(f"{report.counts.get(Status.MET, 0)}/2")


def test_progress_unit_rows_stream_in_batches(province_figures):
    report = progress_report(province_figures["res"], province_figures["q3"], province_figures["province"])
    rows = list(report.unit_rows(batch=1))
    figures = unit_figures([province_figures["dept_a"]], [province_figures["pct"]], province_figures["q3"])
    a = next(r for r in rows if r.unit_code == "A" and r.indicator_code == "CT1")
    assert a.value == figures[(province_figures["dept_a"].pk, province_figures["pct"].pk)].value == Decimal("90.0000")
    missing = next(r for r in rows if r.unit_code == "A2")
    assert missing.status == Status.NO_DATA
    # departments: 2 indicators each, schools: 1 -> 2*2 + 2*1 rows
    assert len(rows) == 6


def test_completeness_report_lists_missing(province_figures):
    report = completeness_report(province_figures["q3"], province_figures["province"], province_figures["res"])
    c = completeness(province_figures["q3"], [province_figures["province"]], province_figures["res"])
    assert (report.expected, report.reported) == (c.units_expected, c.units_reported)
    assert [line.unit_code for line in report.lines if line.state != "late"] == ["A2"]
    assert "1 đơn vị chưa gửi (1 chưa nhập)" in report.summary


def test_tasks_report_counts(province_figures):
    TaskFactory(resolution=province_figures["res"], status="done", title="Xây dựng kho dữ liệu")
    TaskFactory(resolution=province_figures["res"], status="not_started", deadline=dt.date(2020, 1, 1))
    report = tasks_report(province_figures["res"], today=dt.date(2024, 10, 1))
    assert report.summary.startswith("1/2 nhiệm vụ đã triển khai")
    assert sum(1 for t in report.tasks if t.overdue) == 1


def test_scorecard_places_quarters(province_figures):
    report = unit_scorecard_report(province_figures["dept_a"], 2024)
    line = next(x for x in report.blocks[0].lines if x.indicator == province_figures["pct"])
    assert line.values[1:3] == [Decimal("80.0000"), Decimal("90.0000")]


def test_file_names_are_ascii_and_meaningful(province_figures):
    assert file_name("progress", province_figures["res"], province_figures["q3"]) == "BaoCao_09-NQ-TU_Quy-III-2024.xlsx"
    assert ascii_slug("6 tháng đầu năm 2024") == "6-thang-dau-nam-2024"
    assert file_name("unit_scorecard", None, province_figures["q3"], province_figures["dept_a"], 2024) == "ChiTieuDonVi_A_Nam-2024.xlsx"
