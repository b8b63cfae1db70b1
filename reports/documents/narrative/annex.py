"""The annex of the narrative report: the progress table on landscape pages ("Phụ lục … Kèm theo Báo cáo số …")."""

from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm

from indicators.rules import format_change, format_number, format_value

from ..layout import resolution_ref
from .docx_parts import add_paragraph, fix_widths, repeat_as_header

# 26,1 cm: A4 landscape in its margins
ANNEX_WIDTHS_CM = [1.2, 5.6, 2.4, 1.9, 2.0, 2.0, 2.6, 1.8, 2.0, 2.4, 2.2]
ANNEX_FONT = 10


def write_annex(doc, report):
    """The progress table on landscape pages: "Phụ lục", its title, "(Kèm theo Báo cáo số …)", a real table."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    section.top_margin, section.bottom_margin = Cm(2), Cm(1.5)
    section.left_margin, section.right_margin = Cm(2), Cm(1.5)
    p, frame = report.progress, report.annex
    add_paragraph(doc, frame.annex_label, size=14, bold=True)
    add_paragraph(
        doc,
        f"KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU {resolution_ref(report.resolution).upper()}, "
        f"{report.period.label.upper()}",
        size=14,
        bold=True,
    )
    add_paragraph(doc, frame.annex_line, size=13, italic=True, space_after=8)
    years = p.milestones
    estimate_header = f"Ước thực hiện đến năm {years[0]}" if len(years) == 1 else "Ước thực hiện đến năm mốc"
    prev = p.previous_period.label if p.previous_period else "Kỳ trước"
    headers = [
        "STT",
        "Chỉ tiêu",
        "Cấp đơn vị",
        "Mục tiêu",
        p.period.label,
        prev,
        "Tăng (+) / giảm (−)",
        "Đã báo cáo / phải báo cáo",
        estimate_header,
        "Khả năng đạt",
        "Đánh giá",
    ]
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    repeat_as_header(table.rows[0])
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
        add_paragraph(cell, text, size=ANNEX_FONT, bold=True)
    several = len(years) > 1
    for r in p.rows:
        ind = r.indicator
        target = r.target_text if r.target_text != "—" else ""
        if several and r.milestone and target:
            target += f" (năm {r.milestone})"
        if r.target_note and target:
            target += " (minh họa)"
        label = f"{ind.code}. {r.label}" if r.level == 0 else r.label
        values = [
            str(r.stt) if r.stt else "",
            label,
            r.kind_label,
            target,
            format_value(ind, r.value, share=True) if r.value is not None else "—",
            format_value(ind, r.previous, share=True) if r.previous is not None else "—",
            format_change(_share_of(ind), r.change) if r.change is not None else "—",
            f"{format_number(r.units_reported or 0)}/{format_number(r.units_expected or 0)}",
            format_value(ind, r.estimate, share=True) if r.estimate is not None else "—",
            r.outlook if (r.milestone or r.level == 0) else "",
            r.status_label,
        ]
        cells = table.add_row().cells
        for i, (cell, text) in enumerate(zip(cells, values, strict=True)):
            cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
            align = (
                WD_ALIGN_PARAGRAPH.LEFT
                if i in (1, 2)
                else (WD_ALIGN_PARAGRAPH.RIGHT if 4 <= i <= 8 else WD_ALIGN_PARAGRAPH.CENTER)
            )
            add_paragraph(cell, text, size=ANNEX_FONT, bold=r.level == 0 and i in (0, 1, 4), align=align)
    fix_widths(table, ANNEX_WIDTHS_CM)
    add_paragraph(doc, "", size=6)
    add_paragraph(
        doc,
        f"Tổng hợp: {p.summary}. Tỷ lệ của nhiều đơn vị = tổng tử số / tổng mẫu số; ước thực hiện theo xu "
        "hướng của tối đa 4 kỳ gần nhất.",
        size=12,
        italic=True,
        align=WD_ALIGN_PARAGRAPH.LEFT,
    )


class _ShareOf:
    def __init__(self, ind):
        self.measure = "percent" if ind.measure == "boolean" else ind.measure
        self.decimals = ind.decimals
        self.unit_label = ind.unit_label


def _share_of(ind):
    """A yes/no indicator over many units is a share: its change is in percentage points, like a rate's."""
    return _ShareOf(ind)
