"""The RENDERING of the Excel reports: openpyxl workbooks in the official layout.

Input: the dataclasses of `reports.report_data` (nothing is computed here).
Every workbook is written in openpyxl's write-only (streaming) mode, so the
per-unit sheet of a whole province (~1.100 units × 60 indicators) goes to
disk row by row and memory stays flat.

Conventions (DESIGN.md §6): national heading, agency, title, numbered rows
(STT), merged header cells, real numbers with number formats (`#,##0`,
percentages as fractions with `0.00%`, so a Vietnamese Excel shows 22,22%),
status words with their colours, the delegations' summary line, signature
block, A4 landscape fitted to the page width, frozen header rows. Text typed
by users never starts a formula (`safe_text`).
"""

from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

from indicators.models import Measure
from indicators.rules import PERCENT_DECIMALS, SHARES, Status
from resolutions.models import TaskStatus

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

FONT_NAME = "Times New Roman"  # the font of Vietnamese administrative documents
COUNT_FORMAT = "#,##0"
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
# What makes Excel (or LibreOffice, Sheets) read a cell's text as a formula or a DDE call: the one list,
# used by safe_text here and by the import template's cells (reports.imports).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")

THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="DCE6F0")
GROUP_FILL = PatternFill("solid", fgColor="F2F2F2")
TASK_COLOURS = {
    TaskStatus.DONE: Status.COLOURS[Status.MET],
    TaskStatus.IN_PROGRESS: Status.COLOURS[Status.ON_TRACK],
    TaskStatus.NOT_STARTED: Status.COLOURS[Status.NO_DATA],
}
OVERDUE_COLOUR = Status.COLOURS[Status.NOT_MET]


def safe_text(value):
    """User text for a cell: never a formula. "=HYPERLINK(…)" -> "'=HYPERLINK(…)"."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def percent_format(decimals=2):
    return "0." + "0" * decimals + "%" if decimals else "0%"


def change_format(base):
    return f"+{base};-{base};{base}"


def fraction(value):
    """A stored percentage (22.2222) as the fraction Excel formats with `0.00%` (0.222222)."""
    return None if value is None else float(Decimal(value) / 100)


def measure_format(measure, decimals=2):
    """A percentage has PERCENT_DECIMALS places (22,22%), more only when the indicator asks (rules.percent_decimals)."""
    return percent_format(max(PERCENT_DECIMALS, decimals or 0)) if measure in SHARES else COUNT_FORMAT


def change_figure(change, measure, decimals=2):
    """(cell value, number format) of a change between two periods (rules.format_change).

    A rate's change is in percentage points, "+1,38 điểm %" (the number of
    points, not a fraction: "+1,38%" would read as a relative change); a
    count's is a signed number.
    """
    value = None if change is None else float(change)
    if measure in SHARES:
        places = max(PERCENT_DECIMALS, decimals or 0)
        return value, change_format("0." + "0" * places + '" điểm %"')
    return value, change_format(COUNT_FORMAT)


def figure(value, measure, decimals=2):
    """(cell value, number format) of an indicator's value."""
    fmt = measure_format(measure, decimals)
    if value is None:
        return None, fmt
    if measure in (Measure.PERCENT, Measure.BOOLEAN):
        return fraction(value), fmt
    return float(value), fmt


def _font(bold=False, italic=False, size=12, colour=None, underline=None):
    return Font(name=FONT_NAME, bold=bold, italic=italic, size=size, color=colour, underline=underline)


class Sheet:
    """A write-only worksheet with a row counter, merges and shared styles."""

    def __init__(self, wb, title, widths):
        self.ws = wb.create_sheet(title=title[:31])
        self.row = 0
        self.ncols = len(widths)
        self.widths = list(widths)
        for i, w in enumerate(widths, start=1):
            self.ws.column_dimensions[get_column_letter(i)].width = w

    # before the first row
    def setup(self, header_rows=None, freeze=None):
        ws = self.ws
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = 9  # A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        ws.page_margins.left = ws.page_margins.right = 0.5
        ws.page_margins.top = ws.page_margins.bottom = 0.6
        ws.print_options.horizontalCentered = True
        if freeze:
            ws.freeze_panes = freeze
        if header_rows:
            ws.print_title_rows = header_rows

    def cell(self, value=None, *, bold=False, italic=False, size=11, fmt=None, align="left", wrap=True,
             border=True, fill=None, colour=None, underline=None, valign="center"):
        if isinstance(value, str):
            value = ILLEGAL_CHARACTERS_RE.sub("", value)  # text saved before control characters were stripped
        c = WriteOnlyCell(self.ws, value=value)
        c.font = _font(bold, italic, size, colour, underline)
        c.alignment = Alignment(horizontal=align, vertical=valign, wrap_text=wrap)
        if border:
            c.border = BORDER
        if fill is not None:
            c.fill = fill
        if fmt:
            c.number_format = fmt
        return c

    def text(self, value, **kw):
        return self.cell(safe_text(value), **kw)

    def number(self, value, fmt, **kw):
        kw.setdefault("align", "right")
        return self.cell(value, fmt=fmt if value is not None else None, **kw)

    def status(self, status):
        colour = Status.COLOURS[status].lstrip("#")
        return self.cell(Status.LABELS[status], bold=True, align="center", colour="FFFFFF",
                         fill=PatternFill("solid", fgColor=colour))

    def coloured(self, label, hex_colour):
        return self.cell(label, bold=True, align="center", colour="FFFFFF",
                         fill=PatternFill("solid", fgColor=hex_colour.lstrip("#")))

    def append(self, cells, height=None):
        self.row += 1
        height = height or self._fit_height(cells)
        if height:
            self.ws.row_dimensions[self.row].height = height
        self.ws.append(cells)
        return self.row

    def _fit_height(self, cells):
        """Spreadsheets do not grow rows for wrapped text written in streaming mode: estimate it."""
        lines = 1
        for i, c in enumerate(cells):
            if not isinstance(c, Cell) or not isinstance(c.value, str) or not c.alignment.wrap_text:
                continue
            width = self.widths[i] if i < len(self.widths) else 10
            per_line = max(1.0, (width - 1) * (1.0 if c.font.b else 1.1))
            lines = max(lines, sum(-(-max(1, len(part)) // int(per_line)) for part in c.value.split("\n")))
        return 15.5 * lines if lines > 1 else None

    def merge(self, first_col, last_col, row=None, last_row=None):
        row = row or self.row
        self.ws.merged_cells.add(
            f"{get_column_letter(first_col)}{row}:{get_column_letter(last_col)}{last_row or row}"
        )

    def blank(self):
        self.append([])

    def line(self, value, first=1, last=None, height=None, **kw):
        """One text spanning columns `first`..`last` (merged)."""
        kw.setdefault("border", False)
        last = last or self.ncols
        cell = self.cell(value, **kw)
        if height is None and isinstance(value, str):
            span = sum(self.widths[first - 1:last])
            lines = -(-len(value) // max(1, int(span * 0.95)))
            height = 16.0 * lines if lines > 1 else None
        cells = [None] * (first - 1) + [cell]
        self.append(cells, height or 16.0)
        if last > first:
            self.merge(first, last)

    # the official frame ---------------------------------------------------------------
    def heading(self, h):
        """Agency (left) and national heading (right), place and date, title."""
        n = self.ncols
        split = max(2, n * 2 // 5)
        right = split + 2 if n - split >= 4 else split + 1
        rows = [
            (h.parent_agency, dict(size=11), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", dict(bold=True, size=11)),
            (h.agency, dict(bold=True, size=11), "Độc lập - Tự do - Hạnh phúc", dict(bold=True, size=12, underline="single")),
            ("", {}, h.place_date, dict(italic=True, size=11)),
        ]
        for left, lkw, rtext, rkw in rows:
            cells = [self.text(left, align="center", border=False, **lkw)] + [None] * (right - 2)
            cells.append(self.cell(rtext, align="center", border=False, **rkw))
            self.append(cells, 18)
            self.merge(1, split)
            self.merge(right, n)
        self.blank()
        self.line(h.title, bold=True, size=13, align="center", height=36)
        if h.subtitle:
            self.line(safe_text(h.subtitle), italic=True, size=11, align="center", height=30)

    def header(self, top, sub=None, numbered=True):
        """Two header rows: `top` = [(label, span)], `sub` = labels under spanned groups.

        A label with span 1 (or a third item True) is merged over both rows; a
        span > 1 heads the next `span` labels of `sub`. Then a row numbering the columns (1), (2)...
        """
        first = self.row + 1
        row1, row2, col, sub = [], [], 1, list(sub or [])
        merges = []
        for label, span, *whole in top:
            kw = dict(bold=True, align="center", fill=HEADER_FILL)
            row1.append(self.cell(label, **kw))
            if span == 1 or whole:  # one block over both rows
                row1.extend(self.cell(None, **kw) for _ in range(span - 1))
                row2.extend(self.cell(None, **kw) for _ in range(span))
                merges.append((col, col + span - 1, first, first + 1))
            else:
                row1.extend(self.cell(None, **kw) for _ in range(span - 1))
                for _ in range(span):
                    row2.append(self.cell(sub.pop(0), **kw))
                merges.append((col, col + span - 1, first, first))
            col += span
        self.append(row1, 30)
        self.append(row2, max(30, self._fit_height(row2) or 0))
        for c1, c2, r1, r2 in merges:
            self.merge(c1, c2, r1, r2)
        if numbered:
            self.append([self.cell(f"({i})", italic=True, size=10, align="center") for i in range(1, col)])
        return first

    def signatures(self, left="NGƯỜI LẬP BIỂU", right="THỦ TRƯỞNG ĐƠN VỊ"):
        n = self.ncols
        split = max(2, n * 2 // 5)
        right_col = split + 2 if n - split >= 4 else split + 1
        self.blank()
        for ltext, rtext, kw in (
            (left, right, dict(bold=True)),
            ("(Ký, ghi rõ họ tên)", "(Ký tên, đóng dấu)", dict(italic=True)),
        ):
            cells = [self.cell(ltext, align="center", border=False, **kw)] + [None] * (right_col - 2)
            cells.append(self.cell(rtext, align="center", border=False, **kw))
            self.append(cells)
            self.merge(1, split)
            self.merge(right_col, n)


def _summary_words(counts):
    parts = [f"{counts[s]} {Status.LABELS[s].lower()}" for s in
             (Status.MET, Status.ON_TRACK, Status.AT_RISK, Status.NOT_MET, Status.NO_DATA, Status.NO_TARGET)
             if counts.get(s)]
    return "; ".join(parts)


def new_workbook():
    return Workbook(write_only=True)


ILLUSTRATIVE_MARK = "minh họa"


class Footnotes:
    """The "minh họa" marks of one sheet: invented targets and tasks are never written as fact.

    `mark(reason)` gives the cell's mark, "minh họa (1)", numbering each
    distinct reason once; `write(sheet)` lists the reasons under the table.
    """

    def __init__(self):
        self.reasons = {}

    def mark(self, reason):
        if not reason:
            return ""
        n = self.reasons.setdefault(reason, len(self.reasons) + 1)
        return f"{ILLUSTRATIVE_MARK} ({n})"

    def append_to(self, text, reason):
        """`text` with the mark after it ("đạt 90% – minh họa (1)"), or unchanged for a stated target."""
        mark = self.mark(reason)
        return f"{text} – {mark}" if mark and text else (mark or text)

    def write(self, sheet, **kw):
        for reason, n in self.reasons.items():
            sheet.line(safe_text(f"“{ILLUSTRATIVE_MARK} ({n})”: {reason}"), italic=True, size=10, **kw)


# --- progress ------------------------------------------------------------------------------

PROGRESS_WIDTHS = [6, 47, 18, 17, 12, 12, 11, 10, 10, 10, 16]


def write_progress(report, target):
    """The `progress` report: sheet 1 per indicator and unit kind, sheet 2 every unit's figures."""
    wb = new_workbook()
    s = Sheet(wb, "Tổng hợp", PROGRESS_WIDTHS)
    first_header = 5 + (1 if report.heading.subtitle else 0) + 2
    s.setup(header_rows=f"{first_header}:{first_header + 2}", freeze=f"C{first_header + 3}")
    s.heading(report.heading)
    window = f"Kỳ báo cáo: {report.period.label} (số liệu từ {report.period.start:%d/%m/%Y} đến {report.period.end:%d/%m/%Y})"
    if report.scope_unit is not None:
        window += f"; phạm vi: {report.scope_unit.name}"
    s.line(safe_text(window), italic=True, align="center")
    prev_label = report.previous_period.label if report.previous_period else "Kỳ trước"
    s.header(
        [("STT", 1), ("Chỉ tiêu", 1), ("Cấp đơn vị", 1), ("Mục tiêu", 1), ("Kết quả", 3), ("Số đơn vị", 3), ("Đánh giá", 1)],
        [report.period.label, prev_label, "Tăng (+) / giảm (−)", "Phải báo cáo", "Đã báo cáo", "Đạt mục tiêu"],
    )
    notes = Footnotes()
    for r in report.rows:
        ind = r.indicator
        value, _ = figure(r.value, ind.measure, ind.decimals)
        prev, _ = figure(r.previous, ind.measure, ind.decimals)
        change, change_fmt = change_figure(r.change, ind.measure, ind.decimals)
        fmt = measure_format(ind.measure, ind.decimals)
        bold = r.level == 0
        fill = GROUP_FILL if r.level == 0 and r.stt and not r.target_text and r.kind_label else None
        s.append([
            s.text(r.stt, align="center", bold=bold, fill=fill),
            s.text(f"{ind.code}. {r.label}" if r.level == 0 else r.label, bold=bold, fill=fill),
            s.text(r.kind_label, fill=fill),
            s.text(notes.append_to(r.target_text, r.target_note), align="center", fill=fill),
            s.number(value, fmt, bold=bold, fill=fill),
            s.number(prev, fmt, fill=fill),
            s.number(change, change_fmt, fill=fill),
            s.number(r.units_expected, COUNT_FORMAT, fill=fill),
            s.number(r.units_reported, COUNT_FORMAT, fill=fill),
            s.number(r.units_met, COUNT_FORMAT, fill=fill),
            s.status(r.status),
        ])
    s.blank()
    s.line(f"Tổng hợp: {report.summary}", bold=True, size=12)
    if report.counts:
        s.line(f"Trong đó: {_summary_words(report.counts)} (một chỉ tiêu đạt khi mọi cấp có mục tiêu đều đạt).",
               italic=True)
    s.line("Ghi chú: tỷ lệ của nhiều đơn vị = tổng tử số / tổng mẫu số; số liệu tính theo báo cáo đã gửi và đã duyệt;"
           " chi tiết từng đơn vị ở trang “Chi tiết đơn vị”.", italic=True, size=10)
    if report.illustrative:
        s.line("Có số liệu minh họa (dữ liệu mẫu, không có trong văn bản nguồn).", italic=True, size=10)
    notes.write(s)
    s.signatures()
    write_unit_sheet(wb, report)
    wb.save(target)


UNIT_WIDTHS = [7, 14, 40, 20, 9, 50, 12, 12, 12, 14, 16]


def write_unit_sheet(wb, report):
    """Sheet 2: every unit's own figures, streamed batch by batch."""
    s = Sheet(wb, "Chi tiết đơn vị", UNIT_WIDTHS)
    s.setup(header_rows="3:5", freeze="D6")
    s.line(f"SỐ LIỆU CỦA TỪNG ĐƠN VỊ — {report.period.label.upper()}", bold=True, size=12, align="center", height=24)
    s.line(safe_text(f"{report.resolution.get_kind_display()} số {report.resolution.code}: {report.resolution.title}"),
           italic=True, align="center")
    s.header(
        [("STT", 1), ("Đơn vị", 3), ("Chỉ tiêu", 2), ("Số liệu", 3), ("Mục tiêu", 1), ("Đánh giá", 1)],
        ["Mã", "Tên đơn vị", "Loại", "Mã", "Tên chỉ tiêu", "Tử số / số lượng", "Mẫu số", "Kết quả"],
    )
    n = 0
    notes = Footnotes()
    status_cells = {st: s.status(st) for st in Status.ALL}
    for r in report.unit_rows():
        n += 1
        if r.measure == Measure.BOOLEAN:
            # One unit's yes/no figure is its answer, written as the word (judged as 100% / 0%).
            value, fmt = (None if r.value is None else ("Có" if r.value > 0 else "Không")), "@"
        else:
            value, fmt = figure(r.value, r.measure, r.decimals)
        den = float(r.denominator) if r.denominator is not None else None
        num = float(r.numerator) if r.numerator is not None else None
        s.append([
            n,
            safe_text(r.unit_code),
            safe_text(r.unit_name),
            r.kind_label,
            safe_text(r.indicator_code),
            safe_text(r.indicator_name),
            _plain(s, num, COUNT_FORMAT if r.measure != Measure.BOOLEAN else "0"),
            _plain(s, den, COUNT_FORMAT),
            _plain(s, value, fmt),
            notes.append_to(r.target_text, r.target_note) if r.target_note else r.target_text,
            _status_copy(s, status_cells[r.status]),
        ])
    s.blank()
    s.line(f"Tổng số dòng: {n:,}".replace(",", "."), italic=True, first=1, last=4)
    notes.write(s)


def _plain(s, value, fmt):
    """A lightly styled numeric cell for the long per-unit sheet."""
    if value is None:
        return None
    c = WriteOnlyCell(s.ws, value=value)
    c.number_format = fmt
    return c


def _status_copy(s, template):
    c = WriteOnlyCell(s.ws, value=template.value)
    c._style = template._style
    return c


# --- unit scorecard -------------------------------------------------------------------------

SCORECARD_WIDTHS = [6, 14, 12, 44, 18, 11, 11, 11, 11, 16]


def write_unit_scorecard(report, target):
    """One block per unit; one line per (resolution, indicator) it reports, the resolution named ("Văn bản")."""
    wb = new_workbook()
    s = Sheet(wb, f"Năm {report.year}", SCORECARD_WIDTHS)
    first = 5 + (1 if report.heading.subtitle else 0) + 1
    s.setup(header_rows=f"{first}:{first + 2}", freeze=f"E{first + 3}")
    s.heading(report.heading)
    s.header(
        [("STT", 1), ("Văn bản", 1), ("Mã", 1), ("Chỉ tiêu", 1), ("Mục tiêu", 1), (f"Kết quả năm {report.year}", 4),
         ("Đánh giá", 1)],
        report.columns,
    )
    notes = Footnotes()
    for b, block in enumerate(report.blocks, start=1):
        s.append([s.text(_roman(b), bold=True, align="center", fill=GROUP_FILL)]
                 + [s.text(block.unit.name, bold=True, fill=GROUP_FILL)]
                 + [s.cell(None, fill=GROUP_FILL) for _ in range(s.ncols - 2)])
        s.merge(2, s.ncols)
        for line in block.lines:
            ind = line.indicator
            cells = [
                s.text(line.stt, align="center"),
                s.text(line.resolution_code, align="center"),
                s.text(ind.code, align="center"),
                s.text(ind.name),
                s.text(notes.append_to(line.target_text, line.target_note), align="center"),
            ]
            for v in line.values:
                value, fmt = figure(v, ind.measure, ind.decimals)
                cells.append(s.number(value, fmt))
            cells.append(s.status(line.status))
            s.append(cells)
    s.blank()
    s.line(f"Tổng hợp: {report.summary}", bold=True, size=12)
    if report.counts:
        s.line(f"Trong đó: {_summary_words(report.counts)}. Đánh giá theo kỳ gần nhất có số liệu.", italic=True)
    notes.write(s)
    s.signatures()
    wb.save(target)


def _roman(n):
    vals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for v, r in vals:
        while n >= v:
            out += r
            n -= v
    return out


# --- completeness ------------------------------------------------------------------------------

COMPLETENESS_WIDTHS = [6, 16, 46, 22, 14, 18, 12, 14]


def write_completeness(report, target):
    wb = new_workbook()
    s = Sheet(wb, "Tình hình gửi báo cáo", COMPLETENESS_WIDTHS)
    s.setup()
    s.heading(report.heading)
    s.blank()
    s.line("I. TỔNG HỢP THEO LOẠI ĐƠN VỊ", bold=True)
    s.header([("STT", 1), ("Loại đơn vị", 2, True), ("Số đơn vị", 3), ("Tỷ lệ đã gửi", 1), ("Ghi chú", 1)],
             ["Phải báo cáo", "Đã gửi", "Đúng hạn"], numbered=False)
    for n, k in enumerate(report.by_kind, start=1):
        s.append([
            s.cell(n, align="center"), s.cell(k["kind_label"]), s.cell(None),
            s.number(k["units_expected"], COUNT_FORMAT), s.number(k["units_reported"], COUNT_FORMAT),
            s.number(k["units_on_time"], COUNT_FORMAT), s.number(fraction(k["rate"]), percent_format(2)),
            s.cell(None),
        ])
        s.merge(2, 3)
    s.append([
        s.cell(None, fill=GROUP_FILL), s.cell("Tổng cộng", bold=True, fill=GROUP_FILL), s.cell(None, fill=GROUP_FILL),
        s.number(report.expected, COUNT_FORMAT, bold=True, fill=GROUP_FILL),
        s.number(report.reported, COUNT_FORMAT, bold=True, fill=GROUP_FILL),
        s.number(report.on_time, COUNT_FORMAT, bold=True, fill=GROUP_FILL),
        s.number(fraction(report.rate), percent_format(2), bold=True, fill=GROUP_FILL),
        s.cell(None, fill=GROUP_FILL),
    ])
    s.merge(2, 3)
    s.blank()
    s.line(f"Tổng hợp: {report.summary}.", bold=True)
    s.blank()
    s.line("II. ĐƠN VỊ GỬI MUỘN, CHƯA GỬI BÁO CÁO", bold=True)
    s.header([("STT", 1), ("Mã đơn vị", 1), ("Tên đơn vị", 1), ("Loại đơn vị", 1), ("Tình trạng", 1),
              ("Gửi lúc", 1), ("Số ngày trễ", 1), ("Ghi chú", 1)], [], numbered=False)
    for line in report.lines:
        colour = Status.COLOURS[Status.AT_RISK if line.state == "late" else Status.NOT_MET]
        s.append([
            s.cell(int(line.stt), align="center"), s.text(line.unit_code), s.text(line.unit_name),
            s.cell(line.kind_label), s.coloured(line.state_label, colour),
            s.number(line.submitted_at.replace(tzinfo=None) if line.submitted_at else None, DATETIME_FORMAT,
                     align="center"),
            s.number(line.days_late, COUNT_FORMAT), s.cell(None),
        ])
    if not report.lines:
        s.line("Tất cả đơn vị đã gửi báo cáo đúng hạn.", italic=True)
    s.signatures()
    wb.save(target)


# --- tasks --------------------------------------------------------------------------------------

TASK_WIDTHS = [6, 22, 58, 26, 12, 16, 36, 14]


def write_tasks(report, target):
    wb = new_workbook()
    s = Sheet(wb, "Nhiệm vụ", TASK_WIDTHS)
    s.setup()
    s.heading(report.heading)
    s.blank()
    s.line("I. TỔNG HỢP THEO TRỤ CỘT / NHÓM NHIỆM VỤ", bold=True)
    s.header([("STT", 1), ("Trụ cột", 2, True), ("Số nhiệm vụ", 3), ("Quá hạn", 1)],
             ["Tổng số", "Đã triển khai", "Đã hoàn thành"], numbered=False)
    for n, g in enumerate(report.groups, start=1):
        s.append([
            s.cell(n, align="center"), s.text(g.label), s.cell(None),
            s.number(g.total, COUNT_FORMAT), s.number(g.deployed, COUNT_FORMAT), s.number(g.done, COUNT_FORMAT),
            s.number(g.overdue, COUNT_FORMAT),
        ])
        s.merge(2, 3)
    s.blank()
    s.line(f"Tổng hợp: {report.summary}.", bold=True)
    notes = Footnotes()
    for title, lines in (("II. CHI TIẾT NHIỆM VỤ", report.tasks), ("III. KIẾN NGHỊ CỦA ĐOÀN GIÁM SÁT, KIỂM TRA", report.recommendations)):
        if not lines:
            continue
        s.blank()
        s.line(title, bold=True)
        s.header([("STT", 1), ("Trụ cột / nguồn", 1), ("Nội dung", 1), ("Đơn vị chủ trì", 1), ("Thời hạn", 1),
                  ("Tình trạng", 1), ("Tiến độ, kết quả", 1), ("Ghi chú", 1)], [], numbered=False)
        for t in lines:
            status = s.coloured(t.status_label + (" (quá hạn)" if t.overdue else ""),
                                OVERDUE_COLOUR if t.overdue else TASK_COLOURS.get(t.status, Status.COLOURS[Status.NO_DATA]))
            s.append([
                s.text(t.stt, align="center"), s.text(t.source or t.group), s.text(t.title), s.text(t.lead_unit),
                s.number(t.deadline, DATE_FORMAT, align="center"), status, s.text(t.note),
                s.text(notes.mark(t.illustrative_note), align="center", italic=True),
            ])
    if notes.reasons:
        s.blank()
        notes.write(s)
    s.signatures()
    wb.save(target)


WRITERS = {
    "progress": write_progress,
    "unit_scorecard": write_unit_scorecard,
    "completeness": write_completeness,
    "tasks": write_tasks,
}
