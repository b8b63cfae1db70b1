"""reports.excel: workbooks read back with openpyxl."""

from decimal import Decimal

import pytest
from openpyxl import load_workbook

from indicators.rules import Status
from reports import excel as X
from reports import report_data as D
from tests.reports.test_report_data import world  # noqa: F401  (fixture)


def _find(ws, text):
    for row in ws.iter_rows():
        for c in row:
            if isinstance(c.value, str) and text in c.value:
                return c
    raise AssertionError(f"{text!r} not found")


@pytest.fixture
def progress_book(world, tmp_path):  # noqa: F811
    world["dept_b"].name = "=HYPERLINK(\"http://x\",\"bấm\")"
    world["dept_b"].save()
    report = D.progress_report(world["res"], world["q3"], world["province"])
    path = tmp_path / "p.xlsx"
    X.write_progress(report, path)
    return report, load_workbook(path)


def test_progress_layout(progress_book):
    report, wb = progress_book
    ws = wb["Tổng hợp"]
    assert _find(ws, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert _find(ws, "Độc lập - Tự do - Hạnh phúc")
    assert _find(ws, "TỈNH MẪU")  # the agency
    title = _find(ws, "BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NGHỊ QUYẾT SỐ 09-NQ/TU — QUÝ III/2024")
    assert title.font.b
    assert _find(ws, "NGƯỜI LẬP BIỂU") and _find(ws, "THỦ TRƯỞNG ĐƠN VỊ")
    assert _find(ws, "chỉ tiêu đạt và vượt").value == f"Tổng hợp: {report.summary}"
    header = _find(ws, "Kết quả")
    merged = [str(r) for r in ws.merged_cells.ranges]
    assert f"{header.coordinate}:{header.offset(column=2).coordinate}" in merged  # spans 3 columns
    stt = _find(ws, "STT")
    assert f"{stt.coordinate}:{stt.offset(row=1).coordinate}" in merged  # over both header rows
    assert ws.freeze_panes is not None
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1


def test_progress_numbers_are_numbers(progress_book):
    report, wb = progress_book
    ws = wb["Tổng hợp"]
    row = _find(ws, "CT1.").row
    value = ws.cell(row=row, column=5)
    assert isinstance(value.value, float) and value.value == pytest.approx(0.90)
    assert value.number_format == "0.00%"
    status = ws.cell(row=row, column=11)
    assert status.value in Status.LABELS.values()
    assert status.fill.fgColor.rgb.endswith(Status.COLOURS[report.rows[0].status].lstrip("#").upper()) or \
        status.fill.fgColor.rgb.lower().endswith(Status.COLOURS[report.rows[0].status].lstrip("#"))
    count_row = _find(ws, "CT2.").row
    count = ws.cell(row=count_row, column=5)
    assert count.value == 2262 and count.number_format == "#,##0"
    assert ws.cell(row=count_row, column=11).value == "Đạt"
    # no number stored as text anywhere in the figure columns
    for r in ws.iter_rows(min_row=row, max_row=count_row, min_col=5, max_col=10):
        for c in r:
            assert c.value is None or isinstance(c.value, int | float)


def test_units_sheet_streams_every_unit(progress_book):
    _, wb = progress_book
    ws = wb["Chi tiết đơn vị"]
    codes = [c.value for c in ws["B"] if c.value in ("A", "B", "A1", "A2")]
    assert sorted(set(codes)) == ["A", "A1", "A2", "B"]
    a = next(r for r in ws.iter_rows() if r[1].value == "A" and r[4].value == "CT1")
    assert a[6].value == 90 and a[7].value == 100 and a[8].value == pytest.approx(0.9)
    assert a[8].number_format == "0.00%"


def test_formula_injection_escaped(progress_book):
    _, wb = progress_book
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", c.coordinate
    cell = _find(wb["Chi tiết đơn vị"], "HYPERLINK")
    assert cell.value.startswith("'=")
    assert X.safe_text("+1") == "'+1" and X.safe_text("-x") == "'-x" and X.safe_text("@a") == "'@a"
    assert X.safe_text("Sở GDĐT") == "Sở GDĐT"


def test_other_kinds_render(world, tmp_path):  # noqa: F811
    from tests.factories import TaskFactory

    TaskFactory(resolution=world["res"], title="=cmd|' /C calc'!A0", status="in_progress")
    for kind, data in (
        ("completeness", D.completeness_report(world["q3"], world["province"], world["res"])),
        ("tasks", D.tasks_report(world["res"], world["q3"])),
        ("unit_scorecard", D.unit_scorecard_report(world["dept_a"], 2024)),
    ):
        path = tmp_path / f"{kind}.xlsx"
        X.WRITERS[kind](data, path)
        wb = load_workbook(path)
        ws = wb.worksheets[0]
        assert _find(ws, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        assert _find(ws, "THỦ TRƯỞNG ĐƠN VỊ")
        if kind == "tasks":
            assert _find(ws, "cmd|").value.startswith("'=")
            assert _find(ws, "1/1 nhiệm vụ đã triển khai")
        if kind == "completeness":
            assert _find(ws, "Chưa gửi")
            total = _find(ws, "Tổng cộng")
            assert ws.cell(row=total.row, column=4).value == data.expected
        if kind == "unit_scorecard":
            line = _find(ws, world["pct"].name)
            assert ws.cell(row=line.row, column=8).value == pytest.approx(float(Decimal("0.9")))  # Quý III
            assert ws.cell(row=line.row, column=2).value == "09-NQ/TU"  # the line names its resolution
