"""reports.documents.report_data: the figures of the Excel reports equal indicators.figures's."""

import datetime as dt
from decimal import Decimal

import pytest

from indicators.figures import completeness, rollup_by_kind, rollup_total, unit_figures
from indicators.models import Measure
from indicators.rules import Status
from reports.documents import report_data as D
from tests.factories import (
    DataValueFactory,
    IndicatorFactory,
    PeriodFactory,
    ResolutionFactory,
    SubmissionFactory,
    TargetFactory,
    TaskFactory,
)
from units.models import UnitKind


@pytest.fixture
def world(tree, personas, settings, tmp_path):
    """A resolution of the province with a percent and a count indicator, Q2 and Q3/2024 figures."""
    settings.MEDIA_ROOT = tmp_path / "media"
    res = ResolutionFactory(code="09-NQ/TU", owner_unit=tree["province"])
    pct = IndicatorFactory(resolution=res, code="CT1", order=1, applies_to=[UnitKind.DEPARTMENT, UnitKind.SCHOOL])
    cnt = IndicatorFactory(resolution=res, code="CT2", order=2, name="Số máy tính", measure=Measure.COUNT,
                           numerator_label="", denominator_label="", unit_label="máy", applies_to=[UnitKind.DEPARTMENT])
    TargetFactory(indicator=pct, operator="gte", value=Decimal("90"), year=2025)
    TargetFactory(indicator=cnt, operator="gte", value=Decimal("1000"), year=2024)
    q2, q3 = PeriodFactory(code="2024-Q2"), PeriodFactory(code="2024-Q3")
    figures = {
        q2: [("dept_a", pct, 80, 100), ("dept_b", pct, 40, 50), ("dept_a", cnt, 1200, None)],
        q3: [("dept_a", pct, 90, 100), ("dept_b", pct, 45, 50), ("school_a1", pct, 9, 10),
             ("dept_a", cnt, 1937, None), ("dept_b", cnt, 325, None)],
    }
    for period, rows in figures.items():
        for unit, ind, num, den in rows:
            DataValueFactory(unit=tree[unit], indicator=ind, period=period, numerator=Decimal(num),
                             denominator=None if den is None else Decimal(den))
            SubmissionFactory(unit=tree[unit], period=period, submitted_at=dt.datetime(2024, 9, 10, 9, tzinfo=dt.UTC))
    return {"res": res, "pct": pct, "cnt": cnt, "q2": q2, "q3": q3, **tree, **personas}


def test_progress_rows_equal_rollups(world):
    report = D.progress_report(world["res"], world["q3"], world["province"])
    rolled = rollup_by_kind([world["pct"], world["cnt"]], world["q3"], [world["province"]])
    by_ind = {r.indicator.pk: r for r in report.rows if r.level == 0}
    _, _, total = rollup_total(rolled[world["pct"].pk])
    assert by_ind[world["pct"].pk].value == total  # (90+45+9)/(100+50+10) = 90%
    assert total == Decimal("90.0000")
    kinds = {r.kind_label: r for r in report.rows if r.level == 1 and r.indicator == world["pct"]}
    assert kinds["Sở, ban, ngành"].value == Decimal("90.0000")  # 135/150, never a mean of rates
    assert kinds["Sở, ban, ngành"].previous == Decimal("80.0000")  # 120/150 in Q2
    assert kinds["Sở, ban, ngành"].change == Decimal("10.0000")
    assert report.previous_period == world["q2"]
    cnt_row = by_ind[world["cnt"].pk]
    assert cnt_row.value == Decimal("2262") and cnt_row.level == 0  # one kind: one row
    assert cnt_row.status == Status.MET and cnt_row.target_text == "đạt 1.000"
    assert report.summary.endswith("chỉ tiêu đạt và vượt")
    assert report.summary.startswith(f"{report.counts.get(Status.MET, 0)}/2")


def test_progress_unit_rows_stream_in_batches(world):
    report = D.progress_report(world["res"], world["q3"], world["province"])
    rows = list(report.unit_rows(batch=1))
    figures = unit_figures([world["dept_a"]], [world["pct"]], world["q3"])
    a = next(r for r in rows if r.unit_code == "A" and r.indicator_code == "CT1")
    assert a.value == figures[(world["dept_a"].pk, world["pct"].pk)].value == Decimal("90.0000")
    missing = next(r for r in rows if r.unit_code == "A2")
    assert missing.status == Status.NO_DATA
    # departments: 2 indicators each, schools: 1 -> 2*2 + 2*1 rows
    assert len(rows) == 6


def test_completeness_report_lists_missing(world):
    report = D.completeness_report(world["q3"], world["province"], world["res"])
    c = completeness(world["q3"], [world["province"]], world["res"])
    assert (report.expected, report.reported) == (c.units_expected, c.units_reported)
    assert [line.unit_code for line in report.lines if line.state != "late"] == ["A2"]
    assert "1 đơn vị chưa gửi (1 chưa nhập)" in report.summary


def test_tasks_report_counts(world):
    TaskFactory(resolution=world["res"], status="done", title="Xây dựng kho dữ liệu")
    TaskFactory(resolution=world["res"], status="not_started", deadline=dt.date(2020, 1, 1))
    report = D.tasks_report(world["res"], today=dt.date(2024, 10, 1))
    assert report.summary.startswith("1/2 nhiệm vụ đã triển khai")
    assert sum(1 for t in report.tasks if t.overdue) == 1


def test_scorecard_places_quarters(world):
    report = D.unit_scorecard_report(world["dept_a"], 2024)
    line = next(x for x in report.blocks[0].lines if x.indicator == world["pct"])
    assert line.values[1:3] == [Decimal("80.0000"), Decimal("90.0000")]


def test_file_names_are_ascii_and_meaningful(world):
    assert D.file_name("progress", world["res"], world["q3"]) == "BaoCao_09-NQ-TU_Quy-III-2024.xlsx"
    assert D.ascii_slug("6 tháng đầu năm 2024") == "6-thang-dau-nam-2024"
    assert D.file_name("unit_scorecard", None, world["q3"], world["dept_a"], 2024) == "ChiTieuDonVi_A_Nam-2024.xlsx"
