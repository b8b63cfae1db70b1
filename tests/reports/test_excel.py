"""reports.excel.export: workbooks read back with openpyxl, in the layout of a document an office signs."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from indicators.figures import rollup_by_kind
from indicators.rules import Status, project_to_year_end
from reports.documents.report_data.completeness import completeness_report
from reports.documents.report_data.progress import progress_report
from reports.documents.report_data.scorecard import unit_scorecard_report
from reports.documents.report_data.tasks_report import tasks_report
from reports.excel.export.cells import safe_text
from reports.excel.export.completeness import write_completeness
from reports.excel.export.paging import PAGE_HEIGHT_PT, PAGE_WIDTH_PT, _column_points
from reports.excel.export.progress import write_progress
from reports.excel.export.scorecard import write_unit_scorecard
from reports.excel.export.sheet import Sheet
from reports.excel.export.tasks_report import write_tasks
from tests.factories import IssuingProfileFactory, SubmissionFactory, TaskFactory
from units.models import DocumentRegime

DAY = dt.date(2026, 3, 5)


def _find(ws, text):
    for row in ws.iter_rows():
        for c in row:
            if isinstance(c.value, str) and text in c.value:
                return c
    raise AssertionError(f"{text!r} not found")


def _texts(ws):
    return [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]


@pytest.fixture
def profiles(province_figures):
    """The Tỉnh ủy (party, for 09-NQ/TU) and the Sở (state) have their document profiles."""
    IssuingProfileFactory(unit=province_figures["province"], regime=DocumentRegime.PARTY, governing_body="",
                          official_name="TỈNH ỦY MẪU", short_name="Tỉnh ủy Mẫu", place_name="Mẫu",
                          number_suffix="-BC/TU", authority="T/M BAN THƯỜNG VỤ", signer_title="PHÓ BÍ THƯ",
                          signer_name="Bùi Thị K", recipients="Ban Thường vụ Tỉnh ủy;\nLưu Văn phòng Tỉnh ủy.")
    IssuingProfileFactory(unit=province_figures["dept_a"], governing_body="UBND TỈNH MẪU", place_name="Mẫu",
                          short_name="Sở Giáo dục và Đào tạo tỉnh Mẫu")
    return province_figures


@pytest.fixture
def progress_book(profiles, tmp_path):
    w = profiles
    w["dept_b"].name = "=HYPERLINK(\"http://x\",\"bấm\")"
    w["dept_b"].save()
    report = progress_report(w["res"], w["q3"], w["province"], document={"date": DAY, "number": "12"})
    path = tmp_path / "p.xlsx"
    write_progress(report, path)
    return report, load_workbook(path)


def test_progress_heading_number_place_signature_of_a_party_body(progress_book):
    report, wb = progress_book
    ws = wb["Tổng hợp"]
    assert ws["A1"].value == "TỈNH ỦY MẪU" and ws["A1"].font.b
    assert ws["A2"].value == "*"
    motto = _find(ws, "ĐẢNG CỘNG SẢN VIỆT NAM")
    assert motto.row == 1 and motto.font.b and motto.font.u == "single"
    assert ws["A3"].value == "Số 12-BC/TU"
    assert ws.cell(row=3, column=motto.column).value == "Mẫu, ngày 05 tháng 3 năm 2026"
    assert _find(ws, "BÁO CÁO").value == "BÁO CÁO"
    subject = _find(ws, "Kết quả thực hiện các chỉ tiêu Nghị quyết số 09-NQ/TU về chuyển đổi số, Quý III/2024")
    assert subject.font.b and subject.font.name == "Times New Roman"
    texts = _texts(ws)
    assert "Nơi nhận:" in texts and "- Ban Thường vụ Tỉnh ủy;" in texts and "- Lưu Văn phòng Tỉnh ủy." in texts
    signature = _find(ws, "T/M BAN THƯỜNG VỤ")
    below = [ws.cell(row=r, column=signature.column).value for r in range(signature.row, signature.row + 6)]
    assert below[:2] == ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"] and below[-1] == "Bùi Thị K"
    assert "NGƯỜI LẬP BIỂU" not in texts and "THỦ TRƯỞNG ĐƠN VỊ" not in texts
    assert _find(ws, "chỉ tiêu đạt và vượt").value == f"Tổng hợp: {report.summary}"


def test_progress_print_setup_and_header(progress_book):
    _, wb = progress_book
    ws = wb["Tổng hợp"]
    header = next(c for row in ws.iter_rows() for c in row if c.value == "Kết quả")
    merged = [str(r) for r in ws.merged_cells.ranges]
    assert f"{header.coordinate}:{header.offset(column=2).coordinate}" in merged  # spans 3 columns
    stt = _find(ws, "STT")
    assert f"{stt.coordinate}:{stt.offset(row=1).coordinate}" in merged  # over both header rows
    assert ws.print_title_rows == f"${stt.row}:${stt.row + 2}"  # repeated on every printed page
    assert ws.freeze_panes == f"C{stt.row + 3}"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert _find(ws, "Ước thực hiện đến năm").value in ("Ước thực hiện đến năm mốc", "Ước thực hiện đến năm 2025")
    assert _find(ws, "Khả năng đạt")


def test_progress_numbers_estimate_and_outlook(progress_book):
    report, wb = progress_book
    ws = wb["Tổng hợp"]
    row = _find(ws, "CT1.").row
    assert ws.cell(row=row, column=1).value == 1  # STT is a number
    value = ws.cell(row=row, column=5)
    assert isinstance(value.value, float) and value.value == pytest.approx(0.90)
    assert value.number_format == "0.00%"
    status = ws.cell(row=row, column=13)
    assert status.value == Status.LABELS[report.rows[0].status]
    assert status.fill.fgColor.rgb.upper().endswith(Status.COLOURS[report.rows[0].status].lstrip("#").upper())
    count_row = _find(ws, "CT2.").row
    count = ws.cell(row=count_row, column=5)
    assert count.value == 2262 and count.number_format == "#,##0"
    assert ws.cell(row=count_row, column=13).value == "Đạt"
    # CT2 (count, đạt 1.000 by 2024) is met in Quý III: the estimate is the trend to the end of 2024,
    # the same projection the status rule and the indicator page use (rules.project_to_year_end).
    rolled = rollup_by_kind([report.rows[-1].indicator], report.period, [report.scope_unit])
    (k,) = [r for r in rolled[report.rows[-1].indicator.pk] if r.units_expected]
    expected = project_to_year_end([(p.end, v) for p, v in k.series], 2024)
    assert ws.cell(row=count_row, column=11).value == pytest.approx(expected, abs=1e-3)
    assert ws.cell(row=count_row, column=12).value == "Đã đạt"
    # A level of CT1 (target of 2025, judged in 2024): the estimate is the trend's, as its status was judged.
    level = next(r for r in report.rows if r.level == 1 and r.unit_kind == "department")
    cell_row = next(c.row for c in ws["C"] if c.value == "Sở, ban, ngành" and c.row > row)
    assert level.estimate is not None
    assert ws.cell(row=cell_row, column=11).value == pytest.approx(float(level.estimate) / 100)
    assert ws.cell(row=cell_row, column=12).value == Status.OUTLOOK[level.status]
    for r in ws.iter_rows(min_row=row, max_row=count_row, min_col=5, max_col=11):
        for c in r:
            assert c.value is None or isinstance(c.value, int | float)


def test_units_sheet_streams_every_unit_with_fonts_borders_and_whole_codes(progress_book):
    _, wb = progress_book
    ws = wb["Chi tiết đơn vị"]
    codes = [c.value for c in ws["B"] if c.value in ("A", "B", "A1", "A2")]
    assert sorted(set(codes)) == ["A", "A1", "A2", "B"]
    a = next(r for r in ws.iter_rows() if r[1].value == "A" and r[4].value == "CT1")
    assert a[0].value == 1 or isinstance(a[0].value, int)
    assert a[6].value == 90 and a[7].value == 100 and a[8].value == pytest.approx(0.9)
    assert a[8].number_format == "0.00%"
    for c in a:
        assert c.font.name == "Times New Roman" and c.border.left.style == "thin", c.coordinate
    stt = _find(ws, "STT")
    assert ws.print_title_rows == f"${stt.row}:${stt.row + 2}"


def test_long_codes_are_never_cut(profiles, tmp_path):
    w = profiles
    w["school_a1"].code = "QB.DONGHOI.THCS-HAIDINH-NHAP-LIEU-DAI"
    w["school_a1"].save()
    report = progress_report(w["res"], w["q3"], w["province"])
    path = tmp_path / "long.xlsx"
    write_progress(report, path)
    ws = load_workbook(path)["Chi tiết đơn vị"]
    assert ws.column_dimensions["B"].width >= len(w["school_a1"].code)


def test_formula_injection_escaped(progress_book):
    _, wb = progress_book
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", c.coordinate
    cell = _find(wb["Chi tiết đơn vị"], "HYPERLINK")
    assert cell.value.startswith("'=")
    assert safe_text("+1") == "'+1" and safe_text("-x") == "'-x" and safe_text("@a") == "'@a"
    assert safe_text("Sở GDĐT") == "Sở GDĐT"


def test_an_annex_carries_the_annex_lines_and_no_signature(profiles, tmp_path):
    w = profiles
    report = progress_report(w["res"], w["q3"], w["province"],
                               document={"date": DAY, "number": "12", "annex": True})
    path = tmp_path / "annex.xlsx"
    write_progress(report, path)
    ws = load_workbook(path)["Tổng hợp"]
    assert ws["A1"].value == "Phụ lục"
    assert ws["A2"].value.startswith("KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NGHỊ QUYẾT SỐ 09-NQ/TU")
    assert ws["A3"].value == "(Kèm theo Báo cáo số 12-BC/TU ngày 05 tháng 3 năm 2026 của Tỉnh ủy Mẫu)"
    texts = _texts(ws)
    assert "Nơi nhận:" not in texts and "T/M BAN THƯỜNG VỤ" not in texts and "ĐẢNG CỘNG SẢN VIỆT NAM" not in texts


def test_the_signature_never_ends_alone_on_a_page():
    wb = Workbook(write_only=True)
    s = Sheet(wb, "x", [10] * 8)
    s.setup()
    for _ in range(5):
        s.append([s.cell("tiêu đề")], 20)
    first = s.header([("A", 1), ("B", 1), ("C", 1), ("D", 1), ("E", 1), ("F", 1), ("G", 1), ("H", 1)], [])
    s.repeat_rows(first, first + 2)
    page = PAGE_HEIGHT_PT / min(1.0, PAGE_WIDTH_PT / sum(_column_points(w) for w in s.widths))
    # Fill the first page to the last row: the closing block would start the second page alone.
    while sum(s.heights) + 20 <= page:
        s.append([s.cell(1)], 20)
    table_last = s.row
    closing = s.closing(_doc())
    s.keep_closing_with_table(closing, table_last)
    assert [b.id for b in s.ws.row_breaks.brk] == [table_last - 2]  # the last two rows go with it
    wb.save(io.BytesIO())

    wb = Workbook(write_only=True)
    short = Sheet(wb, "y", [10] * 8)
    short.setup()
    for _ in range(10):
        short.append([short.cell(1)], 20)
    closing = short.closing(_doc())
    short.keep_closing_with_table(closing, 10)
    assert short.ws.row_breaks.brk == []  # everything fits on one page: no break
    wb.save(io.BytesIO())


def _doc():
    from reports.documents.layout import Document

    return Document(regime="state", governing_body="UBND TỈNH MẪU", official_lines=["SỞ A"], issuer_name="Sở A",
                    number="", number_suffix="/BC-SA", place="Mẫu", day=DAY, subject="…",
                    authority_lines=["KT. GIÁM ĐỐC"], signer_title="PHÓ GIÁM ĐỐC", signer_name="Nguyễn Văn A")


def test_completeness_splits_what_was_not_sent(profiles, tmp_path):
    w = profiles
    # school_a2 has no figure and no report: "Chưa nhập"; dept_b is sent back: "Bị trả lại".
    SubmissionFactory(unit=w["dept_b"], period=w["q3"]).delete()
    SubmissionFactory(unit=w["dept_b"], period=w["q3"], status="returned", submitted_at=None)
    w["school_a2"].code = "NT.SGDDT.THPT-CHUYEN-LE-QUY-DON"
    w["school_a2"].save()
    report = completeness_report(w["q3"], w["province"], w["res"], document={"date": DAY})
    assert report.not_sent == {"empty": 1, "draft": 0, "returned": 1}
    assert "2 đơn vị chưa gửi (1 chưa nhập, 1 bị trả lại)" in report.summary
    path = tmp_path / "c.xlsx"
    write_completeness(report, path)
    ws = load_workbook(path).worksheets[0]
    for label in ("Chưa nhập", "Đang nhập", "Bị trả lại"):
        assert _find(ws, label)
    total = _find(ws, "Tổng cộng")
    assert [ws.cell(row=total.row, column=c).value for c in (4, 5, 8, 9, 10)] == [
        report.expected, report.reported, 1, 0, 1]
    assert ws.column_dimensions["B"].width >= len("NT.SGDDT.THPT-CHUYEN-LE-QUY-DON")  # never cut
    states = {ws.cell(row=c.row, column=5).value for c in ws["B"] if c.value in (w["school_a2"].code, "B")}
    assert states == {"Chưa nhập", "Bị trả lại"}
    assert _find(ws, "Nơi nhận:") and _find(ws, "T/M BAN THƯỜNG VỤ")


def test_tasks_sections_without_gaps_and_group_headers(profiles, tmp_path):
    w = profiles
    from tests.factories import FindingFactory, SupervisionFactory, VisitFactory

    # 09-NQ/TU has no task of its own, only a supervision's recommendations: section I is those.
    visit = VisitFactory(supervision=SupervisionFactory(resolution=w["res"], decision_ref="1521-QĐ/TU"),
                         unit=w["dept_a"], date=dt.date(2023, 9, 12))
    FindingFactory(visit=visit)
    TaskFactory(resolution=None, visit=visit, number=1, title="=cmd|' /C calc'!A0", status="in_progress")
    report = tasks_report(w["res"], document={"date": DAY})
    assert report.summary == "0/1 kiến nghị đã thực hiện xong"
    path = tmp_path / "t.xlsx"
    write_tasks(report, path)
    texts = _texts(load_workbook(path).worksheets[0])
    assert "I. KIẾN NGHỊ CỦA ĐOÀN GIÁM SÁT, KIỂM TRA" in texts
    assert not any(t.startswith(("II.", "III.")) for t in texts) and not any("0/0" in t for t in texts)
    assert _find(load_workbook(path).worksheets[0], "cmd|").value.startswith("'=")


def test_tasks_of_a_plan_with_groups(profiles, tmp_path):
    w = profiles
    for n, status in enumerate(("done", "in_progress"), start=1):
        TaskFactory(resolution=w["res"], group="Nhóm nhiệm vụ chung", number=n, status=status)
    for n, status in enumerate(("done", "not_started", "not_started"), start=1):
        TaskFactory(resolution=w["res"], group="Phát triển chính quyền số", number=n, status=status)
    report = tasks_report(w["res"], today=dt.date(2024, 10, 1))
    assert [g.phrase for g in report.groups] == ["2/2 nhóm nhiệm vụ chung", "1/3 nhiệm vụ phát triển chính quyền số"]
    assert report.summary.startswith("3/5 nhiệm vụ đã triển khai, trong đó 2 nhiệm vụ đã hoàn thành (2/2 nhóm nhiệm vụ "
                                     "chung; 1/3 nhiệm vụ phát triển chính quyền số)")
    path = tmp_path / "g.xlsx"
    write_tasks(report, path)
    ws = load_workbook(path).worksheets[0]
    texts = _texts(ws)
    assert "I. TỔNG HỢP THEO NHÓM NHIỆM VỤ" in texts and "II. CHI TIẾT NHIỆM VỤ" in texts
    assert "Nhóm nhiệm vụ chung (2/2 nhiệm vụ đã triển khai)" in texts
    assert "Phát triển chính quyền số (1/3 nhiệm vụ đã triển khai)" in texts
    header = _find(ws, "Phát triển chính quyền số (1/3")
    assert ws.cell(row=header.row, column=1).value == "II"
    numbers = [ws.cell(row=r, column=1).value for r in range(header.row + 1, header.row + 4)]
    assert numbers == [1, 2, 3]  # numbers, restarting under their own group header only


def test_scorecard_names_the_resolution_and_fits_codes(profiles, tmp_path):
    w = profiles
    data = unit_scorecard_report(w["dept_a"], 2024, document={"date": DAY})
    path = tmp_path / "s.xlsx"
    write_unit_scorecard(data, path)
    ws = load_workbook(path).worksheets[0]
    assert ws["A1"].value == "UBND TỈNH MẪU" and ws["A2"].value == "SỞ GIÁO DỤC VÀ ĐÀO TẠO"
    assert _find(ws, "Số: ").value.endswith("/BC-SGDĐT")
    assert _find(ws, "Mẫu, ngày 05 tháng 3 năm 2026")
    line = _find(ws, w["pct"].name)
    assert ws.cell(row=line.row, column=8).value == pytest.approx(float(Decimal("0.9")))  # Quý III
    assert ws.cell(row=line.row, column=2).value == "09-NQ/TU"  # the line names its resolution
    assert ws.cell(row=line.row, column=1).value == 1
    assert ws.column_dimensions[get_column_letter(2)].width >= len("09-NQ/TU")
    assert _find(ws, "KT. GIÁM ĐỐC") and _find(ws, "Nguyễn Thị R")


def test_every_value_of_a_sheet_is_in_times_new_roman(progress_book):
    _, wb = progress_book
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None:
                    assert c.font.name == "Times New Roman", (ws.title, c.coordinate)


def test_recipient_lines_are_text_as_typed(profiles, tmp_path):
    w = profiles
    report = progress_report(w["res"], w["q3"], w["province"],
                               document={"recipients": ["=cmd|' /C calc'!A0", "Lưu: VT."]})
    path = tmp_path / "r.xlsx"
    write_progress(report, path)
    ws = load_workbook(path)["Tổng hợp"]
    for text in ("- =cmd|' /C calc'!A0", "- Lưu: VT."):
        cell = _find(ws, text)
        assert cell.value == text and cell.data_type == "s" and cell.quotePrefix  # no apostrophe shown, no formula
