"""The `progress` workbook: sheet 1 per indicator and unit kind, sheet 2 every unit's own figures."""

from .cells import COUNT_FORMAT, change_figure, figure, measure_format, safe_text
from .footnotes import Footnotes
from .frame import heading_rows
from .sheet import Sheet, new_workbook
from .styles import GROUP_FILL
from .unit_sheet import write_unit_sheet
from .words import summary_words

PROGRESS_WIDTHS = [6, 44, 16, 16, 12, 12, 11, 10, 10, 10, 13, 14, 15]


def estimate_header(report):
    """ "Ước thực hiện đến năm 2025", or "… năm mốc" when the indicators' milestones differ (then the
    target cell names its year)."""
    years = report.milestones
    return f"Ước thực hiện đến năm {years[0]}" if len(years) == 1 else "Ước thực hiện đến năm mốc"


def write_progress(report, target, unit_sheet=True):
    """The `progress` report: sheet 1 per indicator and unit kind, sheet 2 every unit's figures.

    `unit_sheet=False` leaves the per-unit sheet out (the PDF: a province's
    units would fill a thousand pages; the workbook carries them).
    """
    wb = new_workbook()
    s = Sheet(wb, "Tổng hợp", PROGRESS_WIDTHS)
    doc = report.heading
    first_header = heading_rows(doc) + 2
    s.setup(freeze=f"C{first_header + 3}")
    s.heading(doc)
    window = f"Kỳ báo cáo: {report.period.label} (số liệu từ {report.period.start:%d/%m/%Y} đến {report.period.end:%d/%m/%Y})"
    if report.scope_unit is not None:
        window += f"; phạm vi: {report.scope_unit.name}"
    s.line(safe_text(window), italic=True, align="center")
    prev_label = report.previous_period.label if report.previous_period else "Kỳ trước"
    first = s.header(
        [
            ("STT", 1),
            ("Chỉ tiêu", 1),
            ("Cấp đơn vị", 1),
            ("Mục tiêu", 1),
            ("Kết quả", 3),
            ("Số đơn vị", 3),
            (estimate_header(report), 1),
            ("Khả năng đạt", 1),
            ("Đánh giá", 1),
        ],
        [
            report.period.label,
            prev_label,
            "Tăng (+) / giảm (−)",
            "Phải báo cáo",
            "Đã báo cáo",
            "Đạt mục tiêu",
        ],
    )
    s.repeat_rows(first, first + 2)
    several_years = len(report.milestones) > 1
    notes = Footnotes()
    for r in report.rows:
        ind = r.indicator
        value, _ = figure(r.value, ind.measure, ind.decimals)
        prev, _ = figure(r.previous, ind.measure, ind.decimals)
        estimate, _ = figure(r.estimate, ind.measure, ind.decimals)
        change, change_fmt = change_figure(r.change, ind.measure, ind.decimals)
        fmt = measure_format(ind.measure, ind.decimals)
        bold = r.level == 0
        fill = GROUP_FILL if r.level == 0 and not r.target_text and r.kind_label else None
        target_text = r.target_text
        if several_years and r.milestone and target_text:
            target_text = f"{target_text} (năm {r.milestone})"
        s.append(
            [
                s.cell(r.stt, align="center", bold=bold, fill=fill),
                s.text(f"{ind.code}. {r.label}" if r.level == 0 else r.label, bold=bold, fill=fill),
                s.text(r.kind_label, fill=fill),
                s.text(notes.append_to(target_text, r.target_note), align="center", fill=fill),
                s.number(value, fmt, bold=bold, fill=fill),
                s.number(prev, fmt, fill=fill),
                s.number(change, change_fmt, fill=fill),
                s.number(r.units_expected, COUNT_FORMAT, fill=fill),
                s.number(r.units_reported, COUNT_FORMAT, fill=fill),
                s.number(r.units_met, COUNT_FORMAT, fill=fill),
                s.number(estimate, fmt, fill=fill),
                s.text(r.outlook if (r.milestone or r.level == 0) else "", align="center", fill=fill),
                s.status(r.status),
            ]
        )
    table_last = s.row
    s.blank()
    closing_first = s.row
    s.line(f"Tổng hợp: {report.summary}", bold=True, size=12)
    if report.counts:
        s.line(
            f"Trong đó: {summary_words(report.counts)} (một chỉ tiêu đạt khi mọi cấp có mục tiêu đều đạt).",
            italic=True,
        )
    detail = (
        "chi tiết từng đơn vị ở trang “Chi tiết đơn vị”"
        if unit_sheet
        else "chi tiết từng đơn vị ở tệp Excel của báo cáo này"
    )
    s.line(
        "Ghi chú: tỷ lệ của nhiều đơn vị = tổng tử số / tổng mẫu số; số liệu tính theo báo cáo đã gửi và đã duyệt;"
        f" ước thực hiện theo xu hướng của tối đa 4 kỳ gần nhất; {detail}.",
        italic=True,
        size=10,
    )
    if report.illustrative:
        s.line("Có số liệu minh họa (dữ liệu mẫu, không có trong văn bản nguồn).", italic=True, size=10)
    notes.write(s)
    s.closing(doc)
    s.keep_closing_with_table(closing_first, table_last)
    if unit_sheet:
        write_unit_sheet(wb, report)
    wb.save(target)
