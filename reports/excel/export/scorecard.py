"""The `unit_scorecard` workbook: one block per unit, one line per (resolution, indicator) it reports."""

from .cells import unit_figure
from .footnotes import Footnotes
from .frame import heading_rows
from .sheet import CODE_WIDTH_LIMIT, Sheet, new_workbook
from .styles import GROUP_FILL
from .words import roman, summary_words

SCORECARD_WIDTHS = [6, 14, 12, 44, 18, 11, 11, 11, 11, 16]


def write_unit_scorecard(report, target):
    """One block per unit; one line per (resolution, indicator) it reports, the resolution named ("Văn bản")."""
    wb = new_workbook()
    lines = [line for block in report.blocks for line in block.lines]
    widths = list(SCORECARD_WIDTHS)
    widths[1] = min(CODE_WIDTH_LIMIT, max([widths[1]] + [len(x.resolution_code) + 2 for x in lines]))
    widths[2] = min(CODE_WIDTH_LIMIT, max([widths[2]] + [len(x.indicator.code) + 2 for x in lines]))
    s = Sheet(wb, f"Năm {report.year}", widths)
    doc = report.heading
    first = heading_rows(doc) + 1
    s.setup(freeze=f"E{first + 3}")
    s.heading(doc)
    s.header(
        [
            ("STT", 1),
            ("Văn bản", 1),
            ("Mã", 1),
            ("Chỉ tiêu", 1),
            ("Mục tiêu", 1),
            (f"Kết quả năm {report.year}", 4),
            ("Đánh giá", 1),
        ],
        report.columns,
    )
    s.repeat_rows(first, first + 2)
    notes = Footnotes()
    for b, block in enumerate(report.blocks, start=1):
        s.append(
            [s.text(roman(b), bold=True, align="center", fill=GROUP_FILL)]
            + [s.text(block.unit.name, bold=True, fill=GROUP_FILL)]
            + [s.cell(None, fill=GROUP_FILL) for _ in range(s.ncols - 2)]
        )
        s.merge(2, s.ncols)
        for line in block.lines:
            ind = line.indicator
            cells = [
                s.cell(line.stt, align="center"),
                s.text(line.resolution_code, align="center", wrap=False),
                s.text(ind.code, align="center", wrap=False),
                s.text(ind.name),
                s.text(notes.append_to(line.target_text, line.target_note), align="center"),
            ]
            for v in line.values:
                value, fmt = unit_figure(v, ind.measure, ind.decimals)
                cells.append(s.number(value, fmt) if fmt != "@" else s.text(value, align="right"))
            cells.append(s.status(line.status))
            s.append(cells)
    table_last = s.row
    s.blank()
    closing_first = s.row
    s.line(f"Tổng hợp: {report.summary}", bold=True, size=12)
    if report.counts:
        s.line(
            f"Trong đó: {summary_words(report.counts)}. Đánh giá theo kỳ gần nhất có số liệu.", italic=True
        )
    notes.write(s)
    s.closing(doc)
    s.keep_closing_with_table(closing_first, table_last)
    wb.save(target)
