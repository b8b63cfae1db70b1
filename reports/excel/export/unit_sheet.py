"""The per-unit sheet of the `progress` workbook: every unit's own figures, streamed batch by batch."""

from indicators.models import Measure

from .cells import COUNT_FORMAT, safe_text, unit_figure
from .footnotes import Footnotes
from .sheet import CODE_WIDTH_LIMIT, Sheet

UNIT_WIDTHS = [7, 14, 40, 20, 9, 55, 12, 12, 12, 14, 16]


def write_unit_sheet(wb, report):
    """Sheet 2: every unit's own figures, streamed batch by batch; every cell in the document's font and borders.

    The cells share a handful of styles built once (Sheet.styled), so styling
    costs little per cell and memory stays flat; the code columns are as wide
    as the longest code (one query), never truncated.
    """
    unit_code, indicator_code = report.code_lengths()
    widths = list(UNIT_WIDTHS)
    widths[1] = min(CODE_WIDTH_LIMIT, max(widths[1], unit_code + 2))
    widths[4] = min(CODE_WIDTH_LIMIT, max(widths[4], indicator_code + 2))
    s = Sheet(wb, "Chi tiết đơn vị", widths)
    s.setup(freeze="D6")
    s.line(
        f"SỐ LIỆU CỦA TỪNG ĐƠN VỊ — {report.period.label.upper()}",
        bold=True,
        size=12,
        align="center",
        height=24,
    )
    s.line(
        safe_text(
            f"{report.resolution.get_kind_display()} số {report.resolution.code}: {report.resolution.title}"
        ),
        italic=True,
        align="center",
    )
    first = s.header(
        [("STT", 1), ("Đơn vị", 3), ("Chỉ tiêu", 2), ("Số liệu", 3), ("Mục tiêu", 1), ("Đánh giá", 1)],
        ["Mã", "Tên đơn vị", "Loại", "Mã", "Tên chỉ tiêu", "Tử số / số lượng", "Mẫu số", "Kết quả"],
    )
    s.repeat_rows(first, first + 2)
    n = 0
    notes = Footnotes()
    base = dict(size=11, valign="center")
    cells = [None] * 11  # one row's cells, reused row after row (Sheet.styled)
    per_line = (int((widths[2] - 1) * 1.25), int((widths[5] - 1) * 1.25))  # Times New Roman 11 is narrow
    for r in report.unit_rows():
        n += 1
        value, fmt = unit_figure(r.value, r.measure, r.decimals)
        den = float(r.denominator) if r.denominator is not None else None
        num = float(r.numerator) if r.numerator is not None else None
        num_fmt = COUNT_FORMAT if r.measure != Measure.BOOLEAN else "0"
        c = cells
        cells = [
            s.styled(n, "stt", c[0], align="center", **base),
            s.styled(safe_text(r.unit_code), "code", c[1], wrap=False, **base),
            s.styled(safe_text(r.unit_name), "name", c[2], **base),
            s.styled(r.kind_label, "kind", c[3], **base),
            s.styled(safe_text(r.indicator_code), "icode", c[4], wrap=False, **base),
            s.styled(safe_text(r.indicator_name), "iname", c[5], **base),
            s.styled(num, f"n{num_fmt}", c[6], fmt=num_fmt, align="right", **base),
            s.styled(den, "den", c[7], fmt=COUNT_FORMAT, align="right", **base),
            s.styled(value, f"v{fmt}", c[8], fmt=fmt, align="center" if fmt == "@" else "right", **base),
            s.styled(
                notes.append_to(r.target_text, r.target_note) if r.target_note else r.target_text,
                "target",
                c[9],
                align="center",
                wrap=False,
                **base,
            ),
            s.status(r.status, styled=True, cell=c[10]),
        ]
        s.append(cells, _name_height(r.unit_name, r.indicator_name, per_line), fit=False)
    s.blank()
    s.line(f"Tổng số dòng: {n:,}".replace(",", "."), italic=True, first=1, last=4)
    notes.write(s)


def _name_height(unit_name, indicator_name, per_line):
    """A per-unit row's height for its wrapped names (only they wrap): cheap enough for a province's rows."""
    lines = max(-(-len(unit_name) // per_line[0]), -(-len(indicator_name) // per_line[1]))
    return 15.5 * lines if lines > 1 else None
