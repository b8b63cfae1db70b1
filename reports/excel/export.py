"""The RENDERING of the Excel reports: openpyxl workbooks in the official layout.

Input: the dataclasses of `reports.documents.report_data` (nothing is computed here).
Every workbook is written in openpyxl's write-only (streaming) mode, so the
per-unit sheet of a whole province (~1.100 units × 60 indicators) goes to
disk row by row and memory stays flat.

Conventions (DESIGN.md §6): the document frame of `reports.documents.layout` (agency
and national motto, number, place and date, "BÁO CÁO" and the trích yếu,
signature block and "Nơi nhận"; or the annex lines of a table sent with a
report), numbered rows (STT as numbers), merged header cells, real numbers
with number formats (`#,##0`, percentages as fractions with `0.00%`, so a
Vietnamese Excel shows 22,22%), status words with their colours, the
delegations' summary line; Times New Roman, borders on every table cell of
every sheet, A4 landscape fitted to the page width, header rows frozen and
repeated on each printed page, the signature never alone on a last page
(`Sheet.keep_closing_with_table`). Text typed by users never starts a
formula (`safe_text`).
"""

from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.properties import PageSetupProperties

from indicators.models import Measure, SubmissionStatus
from indicators.rules import PERCENT_DECIMALS, SHARES, Status, yes_no_word
from resolutions.models import TaskStatus

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

FONT_NAME = "Times New Roman"  # the font of Vietnamese administrative documents
COUNT_FORMAT = "#,##0"
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
# What makes Excel (or LibreOffice, Sheets) read a cell's text as a formula or a DDE call: the one list,
# used by safe_text here and by the import template's cells (reports.excel.template).
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


def unit_figure(value, measure, decimals=2):
    """(cell value, number format) of ONE unit's figure: a yes/no answer is its word ("Có"/"Không",
    judged as 100% / 0%: rules.yes_no_word), anything else as `figure`."""
    if measure == Measure.BOOLEAN:
        return yes_no_word(value), "@"
    return figure(value, measure, decimals)


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


class _StyledCell(Cell):
    """A write-only cell sharing a registered style: its index is looked up once per style, not per cell.

    openpyxl would hash the style of every cell of a 60.000-row sheet when
    writing it; the cells of one style share one (never modified) StyleArray.
    """

    __slots__ = ("_style_id",)

    @property
    def style_id(self):
        return self._style_id

    @property
    def has_style(self):
        return True

    def __repr__(self):
        # openpyxl tries a cell as a value first and formats it into the error it then catches: keep that cheap.
        return "<Cell>"


# A4 landscape as printed (points): the printable box inside the margins set in Sheet.setup.
PAGE_WIDTH_PT = (29.7 / 2.54 - 2 * 0.5) * 72
PAGE_HEIGHT_PT = (21.0 / 2.54 - 2 * 0.6) * 72
DEFAULT_ROW_PT = 16.0


def _column_points(width):
    """A column width in characters as LibreOffice prints it (measured: about 7 pt per character).

    The PDF that is signed is LibreOffice's (reports.documents.convert), so the page fill
    of keep_closing_with_table follows it; Excel prints columns a little narrower.
    """
    return width * 7.0


class Sheet:
    """A write-only worksheet with a row counter, merges, shared styles and the document frame."""

    def __init__(self, wb, title, widths):
        self.ws = wb.create_sheet(title=title[:31])
        self.row = 0
        self.ncols = len(widths)
        self.widths = list(widths)
        self.heights = []  # printed height of each row written (points), for keep_closing_with_table
        self.title_rows = None
        self._templates = {}
        for i, w in enumerate(widths, start=1):
            self.ws.column_dimensions[get_column_letter(i)].width = w
        self._hand_over_ready_rows()

    def _hand_over_ready_rows(self):
        """Rows made only of styled cells (Sheet.styled) go to openpyxl's writer as they are.

        openpyxl converts each appended value again, even a ready cell (it first
        tries the cell as a value, fails, then takes it): for a province's
        per-unit sheet that doubled the cost of styling every cell. Other rows
        take openpyxl's own path.
        """
        convert = self.ws._values_to_row

        def values_to_row(values, row_idx):
            if values and all(isinstance(c, _StyledCell) for c in values):
                for col_idx, cell in enumerate(values, 1):
                    cell.column, cell.row = col_idx, row_idx
                    yield cell
            else:
                yield from convert(values, row_idx)

        self.ws._values_to_row = values_to_row

    # before the first row
    def setup(self, freeze=None):
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

    def repeat_rows(self, first, last):
        """Print these (header) rows at the top of every page."""
        self.title_rows = (first, last)
        self.ws.print_title_rows = f"{first}:{last}"

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

    def styled(self, value, key, cell=None, **kw):
        """A cell of a style built and registered once (`key`): the long per-unit sheet styles every cell cheaply.

        `cell`: a cell of the previous row to reuse. openpyxl writes a row of a
        write-only sheet as it is appended (it reuses its own cell object the same way).
        """
        known = self._templates.get(key)
        if known is None:
            template = self.cell(None, **kw)
            known = self._templates[key] = (template._style, template.style_id)
        c = cell if cell is not None else _StyledCell(self.ws, row=1, column=1)
        c.value = value
        c._style, c._style_id = known
        return c

    def text(self, value, **kw):
        return self.cell(safe_text(value), **kw)

    def frame_text(self, value, **kw):
        """Text of the document frame ("- UBND tỉnh (để báo cáo);"): never a formula, shown as typed.

        A text that would read as a formula is written as a string with Excel's
        quotePrefix flag instead of a visible apostrophe (reports.excel.template does the same).
        """
        c = self.cell(None, **kw)
        text = "" if value is None else str(value)
        c.value = text
        if text.startswith(FORMULA_STARTS):
            c.data_type = "s"
            c.quotePrefix = True
        return c

    def number(self, value, fmt, **kw):
        kw.setdefault("align", "right")
        return self.cell(value, fmt=fmt if value is not None else None, **kw)

    def status(self, status, styled=False, cell=None):
        """The status word on its colour; `styled`: a shared style (the long per-unit sheet), reusing `cell`."""
        if styled and f"status-{status}" in self._templates:
            return self.styled(Status.LABELS[status], f"status-{status}", cell)
        kw = dict(bold=True, align="center", colour="FFFFFF", fill=PatternFill("solid", fgColor=Status.COLOURS[status].lstrip("#")))
        if styled:
            return self.styled(Status.LABELS[status], f"status-{status}", cell, **kw)
        return self.cell(Status.LABELS[status], **kw)

    def coloured(self, label, hex_colour):
        return self.cell(label, bold=True, align="center", colour="FFFFFF",
                         fill=PatternFill("solid", fgColor=hex_colour.lstrip("#")))

    def append(self, cells, height=None, fit=True):
        """Write one row; its height given, estimated for wrapped text (`fit`), or left to the application."""
        self.row += 1
        height = height or (self._fit_height(cells) if fit else None)
        if height:
            self.ws.row_dimensions[self.row].height = height
        self.heights.append(height or DEFAULT_ROW_PT)
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

    def _halves(self):
        """(last column of the left block, first column of the right block) of the heading and signature."""
        n = self.ncols
        split = max(2, n * 2 // 5)
        return split, (split + 2 if n - split >= 4 else split + 1)

    def two_blocks(self, left, right, height=None):
        """Rows of a left block and a right block side by side: [(text, style)] each, merged across their columns."""
        split, right_col = self._halves()
        for i in range(max(len(left), len(right))):
            ltext, lkw = left[i] if i < len(left) else ("", {})
            rtext, rkw = right[i] if i < len(right) else ("", {})
            cells = [self.frame_text(ltext, align="center", border=False, **lkw)] + [None] * (right_col - 2)
            cells.append(self.frame_text(rtext, align="center", border=False, **rkw))
            self.append(cells, height)
            self.merge(1, split)
            self.merge(right_col, self.ncols)

    # the official frame (reports.documents.layout.Document) -----------------------------------------
    def heading(self, doc):
        """The top of the document: agency and motto, number and place-date, "BÁO CÁO" and the trích yếu.

        A table sent with a report (doc.annex) carries the annex lines instead:
        "Phụ lục", its title, "(Kèm theo Báo cáo số … ngày … của …)".
        """
        if doc.annex:
            self.line(doc.annex_label, bold=True, size=13, align="center", height=20)
            self.line(doc.subject.upper(), bold=True, size=13, align="center")
            self.line(safe_text(doc.annex_line), italic=True, size=12, align="center")
            if doc.subtitle:
                self.line(safe_text(doc.subtitle), italic=True, size=11, align="center")
            self.blank()
            return
        left = []
        if doc.governing_body:
            left.append((doc.governing_body, dict(size=12)))
        left += [(line, dict(bold=True, size=12)) for line in doc.official_lines]
        if doc.is_party:
            left.append(("*", dict(size=12)))
            right = [(doc.motto[0], dict(bold=True, size=13, underline="single"))]
        else:
            right = [(doc.motto[0], dict(bold=True, size=12)),
                     (doc.motto[1], dict(bold=True, size=13, underline="single"))]
        self.two_blocks(left, right, 18)
        self.two_blocks([(doc.number_text, dict(size=12))], [(doc.place_date, dict(italic=True, size=12))], 18)
        self.blank()
        self.line(doc.kind_title, bold=True, size=14, align="center", height=20)
        self.line(safe_text(doc.subject), bold=True, size=13, align="center")
        if doc.subtitle:
            self.line(safe_text(doc.subtitle), italic=True, size=11, align="center")

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
        self.append(row1, max(30, self._fit_height(row1) or 0))
        self.append(row2, max(30, self._fit_height(row2) or 0))
        for c1, c2, r1, r2 in merges:
            self.merge(c1, c2, r1, r2)
        if numbered:
            self.append([self.cell(f"({i})", italic=True, size=10, align="center") for i in range(1, col)])
        return first

    def closing(self, doc):
        """The signature block (authority, title, room to sign, name) beside "Nơi nhận" (none for an annex).

        Returns the first row of the block.
        """
        self.blank()
        first = self.row
        if doc.annex:
            return first
        left = [(doc.recipients_heading, dict(bold=not doc.is_party, italic=not doc.is_party, size=12,
                                              underline="single" if doc.is_party else None, align="left"))]
        left += [(line, dict(size=11, align="left")) for line in doc.recipient_lines]
        right = [(line, dict(bold=True, size=12)) for line in doc.authority_lines]
        right.append((doc.signer_title, dict(bold=True, size=12)))
        right += [("", {})] * 3  # room for the signature and the seal
        right.append((doc.signer_name, dict(bold=True, size=12)))
        split, right_col = self._halves()
        for i in range(max(len(left), len(right))):
            ltext, lkw = left[i] if i < len(left) else ("", {})
            rtext, rkw = right[i] if i < len(right) else ("", {})
            lkw = {"align": "center", **lkw}
            cells = [self.frame_text(ltext, border=False, wrap=False, **lkw)] + [None] * (right_col - 2)
            cells.append(self.frame_text(rtext, align="center", border=False, **rkw))
            self.append(cells, 17)
            self.merge(1, split)
            self.merge(right_col, self.ncols)
        return first

    def keep_closing_with_table(self, closing_first, table_last, keep=2):
        """No signature alone on the last printed page: when the closing block (summary, signature,
        "Nơi nhận", from row `closing_first`) would begin a page or break across two, a manual page break
        takes the table's last `keep` rows to that page with it.

        Page fill is estimated from the row heights written and the scale that fits the columns on an A4
        landscape page (what Excel and LibreOffice do with fitToWidth); the header rows repeated on every
        page (repeat_rows) are counted on the pages after the first.
        """
        total_width = sum(_column_points(w) for w in self.widths)
        scale = min(1.0, PAGE_WIDTH_PT / total_width)
        page = PAGE_HEIGHT_PT / scale
        titles = 0.0
        if self.title_rows:
            titles = sum(self.heights[self.title_rows[0] - 1:self.title_rows[1]])
        used, starts = 0.0, {}
        for row, height in enumerate(self.heights, start=1):
            if used + height > page and used > 0:
                used = titles
            starts[row] = used
            used += height
        block = sum(self.heights[closing_first - 1:])
        begin = starts.get(closing_first, 0.0)
        top = titles if self.title_rows and closing_first > self.title_rows[1] else 0.0
        fits = begin + block <= page
        alone = begin <= top + 1e-6 and closing_first > 1
        if (fits and not alone) or block + titles > page:
            return
        row = max(table_last - keep + 1, (self.title_rows[1] + 1) if self.title_rows else 2)
        self.ws.row_breaks.append(Break(id=row - 1))


def heading_rows(doc):
    """How many rows Sheet.heading writes for `doc` (to freeze the panes before writing them)."""
    if doc.annex:
        return 4 + (1 if doc.subtitle else 0)
    left = (1 if doc.governing_body else 0) + len(doc.official_lines) + (1 if doc.is_party else 0)
    return max(left, 1 if doc.is_party else 2) + 1 + 1 + 2 + (1 if doc.subtitle else 0)


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

PROGRESS_WIDTHS = [6, 44, 16, 16, 12, 12, 11, 10, 10, 10, 13, 14, 15]


def estimate_header(report):
    """"Ước thực hiện đến năm 2025", or "… năm mốc" when the indicators' milestones differ (then the
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
        [("STT", 1), ("Chỉ tiêu", 1), ("Cấp đơn vị", 1), ("Mục tiêu", 1), ("Kết quả", 3), ("Số đơn vị", 3),
         (estimate_header(report), 1), ("Khả năng đạt", 1), ("Đánh giá", 1)],
        [report.period.label, prev_label, "Tăng (+) / giảm (−)", "Phải báo cáo", "Đã báo cáo", "Đạt mục tiêu"],
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
        s.append([
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
        ])
    table_last = s.row
    s.blank()
    closing_first = s.row
    s.line(f"Tổng hợp: {report.summary}", bold=True, size=12)
    if report.counts:
        s.line(f"Trong đó: {_summary_words(report.counts)} (một chỉ tiêu đạt khi mọi cấp có mục tiêu đều đạt).",
               italic=True)
    detail = ("chi tiết từng đơn vị ở trang “Chi tiết đơn vị”" if unit_sheet
              else "chi tiết từng đơn vị ở tệp Excel của báo cáo này")
    s.line("Ghi chú: tỷ lệ của nhiều đơn vị = tổng tử số / tổng mẫu số; số liệu tính theo báo cáo đã gửi và đã duyệt;"
           f" ước thực hiện theo xu hướng của tối đa 4 kỳ gần nhất; {detail}.", italic=True, size=10)
    if report.illustrative:
        s.line("Có số liệu minh họa (dữ liệu mẫu, không có trong văn bản nguồn).", italic=True, size=10)
    notes.write(s)
    s.closing(doc)
    s.keep_closing_with_table(closing_first, table_last)
    if unit_sheet:
        write_unit_sheet(wb, report)
    wb.save(target)


UNIT_WIDTHS = [7, 14, 40, 20, 9, 55, 12, 12, 12, 14, 16]
CODE_WIDTH_LIMIT = 60


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
    s.line(f"SỐ LIỆU CỦA TỪNG ĐƠN VỊ — {report.period.label.upper()}", bold=True, size=12, align="center", height=24)
    s.line(safe_text(f"{report.resolution.get_kind_display()} số {report.resolution.code}: {report.resolution.title}"),
           italic=True, align="center")
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
            s.styled(notes.append_to(r.target_text, r.target_note) if r.target_note else r.target_text, "target",
                     c[9], align="center", wrap=False, **base),
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


# --- unit scorecard -------------------------------------------------------------------------

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
        [("STT", 1), ("Văn bản", 1), ("Mã", 1), ("Chỉ tiêu", 1), ("Mục tiêu", 1), (f"Kết quả năm {report.year}", 4),
         ("Đánh giá", 1)],
        report.columns,
    )
    s.repeat_rows(first, first + 2)
    notes = Footnotes()
    for b, block in enumerate(report.blocks, start=1):
        s.append([s.text(_roman(b), bold=True, align="center", fill=GROUP_FILL)]
                 + [s.text(block.unit.name, bold=True, fill=GROUP_FILL)]
                 + [s.cell(None, fill=GROUP_FILL) for _ in range(s.ncols - 2)])
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
        s.line(f"Trong đó: {_summary_words(report.counts)}. Đánh giá theo kỳ gần nhất có số liệu.", italic=True)
    notes.write(s)
    s.closing(doc)
    s.keep_closing_with_table(closing_first, table_last)
    wb.save(target)


def _roman(n):
    vals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
            (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for v, r in vals:
        while n >= v:
            out += r
            n -= v
    return out


# --- completeness ------------------------------------------------------------------------------

COMPLETENESS_WIDTHS = [6, 18, 40, 20, 12, 12, 12, 12, 11, 11, 12]


def write_completeness(report, target):
    """Units expected, sent, on time per unit kind, the rest as "Chưa nhập / Đang nhập / Bị trả lại"; who is late or missing."""
    from reports.documents.report_data.completeness import NOT_SENT

    wb = new_workbook()
    widths = list(COMPLETENESS_WIDTHS)
    widths[1] = min(CODE_WIDTH_LIMIT, max([widths[1]] + [len(line.unit_code) + 2 for line in report.lines]))
    s = Sheet(wb, "Tình hình gửi báo cáo", widths)
    doc = report.heading
    s.setup()
    s.heading(doc)
    s.blank()
    s.line("I. TỔNG HỢP THEO LOẠI ĐƠN VỊ", bold=True)
    s.header(
        [("STT", 1), ("Loại đơn vị", 2, True), ("Số đơn vị", 3), ("Tỷ lệ đã gửi", 1), ("Chưa gửi", 3),
         ("Ghi chú", 1)],
        ["Phải báo cáo", "Đã gửi", "Đúng hạn"] + [report.state_label(st) for st in NOT_SENT], numbered=False)
    for n, k in enumerate(report.by_kind, start=1):
        s.append([
            s.cell(n, align="center"), s.cell(k["kind_label"]), s.cell(None),
            s.number(k["units_expected"], COUNT_FORMAT), s.number(k["units_reported"], COUNT_FORMAT),
            s.number(k["units_on_time"], COUNT_FORMAT), s.number(fraction(k["rate"]), percent_format(2)),
            *[s.number(k[st], COUNT_FORMAT) for st in NOT_SENT],
            s.cell(None),
        ])
        s.merge(2, 3)
    total = dict(fill=GROUP_FILL, bold=True)
    s.append([
        s.cell(None, fill=GROUP_FILL), s.cell("Tổng cộng", **total), s.cell(None, fill=GROUP_FILL),
        s.number(report.expected, COUNT_FORMAT, **total), s.number(report.reported, COUNT_FORMAT, **total),
        s.number(report.on_time, COUNT_FORMAT, **total),
        s.number(fraction(report.rate), percent_format(2), **total),
        *[s.number(report.not_sent.get(st, 0), COUNT_FORMAT, **total) for st in NOT_SENT],
        s.cell(None, fill=GROUP_FILL),
    ])
    s.merge(2, 3)
    s.blank()
    s.line(f"Tổng hợp: {report.summary}.", bold=True)
    s.blank()
    s.line("II. ĐƠN VỊ GỬI MUỘN, CHƯA GỬI BÁO CÁO", bold=True)
    first = s.header([("STT", 1), ("Mã đơn vị", 1), ("Tên đơn vị", 1), ("Loại đơn vị", 1), ("Tình trạng", 2, True),
                      ("Gửi lúc", 2, True), ("Số ngày trễ", 1), ("Ghi chú", 2, True)], [], numbered=False)
    s.repeat_rows(first, first + 1)
    colours = {"late": Status.COLOURS[Status.AT_RISK], SubmissionStatus.DRAFT: Status.COLOURS[Status.ON_TRACK],
               SubmissionStatus.RETURNED: Status.COLOURS[Status.NOT_MET]}
    for line in report.lines:
        colour = colours.get(line.state, Status.COLOURS[Status.NO_DATA])
        s.append([
            s.cell(line.stt, align="center"), s.text(line.unit_code, wrap=False), s.text(line.unit_name),
            s.cell(line.kind_label), s.coloured(line.state_label, colour), s.cell(None),
            s.number(line.submitted_at.replace(tzinfo=None) if line.submitted_at else None, DATETIME_FORMAT,
                     align="center"), s.cell(None),
            s.number(line.days_late, COUNT_FORMAT), s.cell(None), s.cell(None),
        ])
        for a, b in ((5, 6), (7, 8), (10, 11)):
            s.merge(a, b)
    table_last = s.row
    if not report.lines:
        s.line("Tất cả đơn vị đã gửi báo cáo đúng hạn.", italic=True)
    closing_first = s.closing(doc)
    s.keep_closing_with_table(closing_first, table_last)
    wb.save(target)


# --- tasks --------------------------------------------------------------------------------------

TASK_WIDTHS = [7, 22, 58, 26, 12, 16, 36, 14]


def write_tasks(report, target):
    """Tasks and recommendations, sections numbered without gaps; group headers with their "x/y" lines.

    I. the summary per group or pillar (only when the resolution has tasks of
    its own), II. the tasks under their group headers ("I. Nhóm nhiệm vụ chung
    — 11/11 đã triển khai", numbered inside each group), then the
    supervisions' recommendations; with a period, statuses as at its end.
    """
    wb = new_workbook()
    s = Sheet(wb, "Nhiệm vụ", TASK_WIDTHS)
    doc = report.heading
    s.setup()
    s.heading(doc)
    if report.as_of:
        s.line(f"Tình trạng tính đến hết ngày {report.as_of:%d/%m/%Y} (ngày cuối {report.period.label}), "
               "theo lịch sử cập nhật của từng nhiệm vụ.", italic=True, align="center")
    sections = []
    if report.groups:
        sections.append(("TỔNG HỢP THEO " + ("NHÓM NHIỆM VỤ" if report.by_group else "TRỤ CỘT"), "summary"))
        sections.append(("CHI TIẾT NHIỆM VỤ", "tasks"))
    if report.recommendations:
        sections.append(("KIẾN NGHỊ CỦA ĐOÀN GIÁM SÁT, KIỂM TRA", "recommendations"))
    notes = Footnotes()
    table_last = s.row
    detail_header = [("STT", 1), ("Trụ cột / nguồn", 1), ("Nội dung", 1), ("Đơn vị chủ trì", 1), ("Thời hạn", 1),
                     ("Tình trạng", 1), ("Tiến độ, kết quả", 1), ("Ghi chú", 1)]
    for number, (title, what) in enumerate(sections, start=1):
        s.blank()
        s.line(f"{_roman(number)}. {title}", bold=True)
        if what == "summary":
            s.header([("STT", 1), ("Nhóm nhiệm vụ" if report.by_group else "Trụ cột", 2, True), ("Số nhiệm vụ", 3),
                      ("Quá hạn", 1), ("Ghi chú", 1)], ["Tổng số", "Đã triển khai", "Đã hoàn thành"], numbered=False)
            for n, g in enumerate(report.groups, start=1):
                s.append([
                    s.cell(n, align="center"), s.text(g.label), s.cell(None),
                    s.number(g.total, COUNT_FORMAT), s.number(g.deployed, COUNT_FORMAT),
                    s.number(g.done, COUNT_FORMAT), s.number(g.overdue, COUNT_FORMAT), s.cell(None),
                ])
                s.merge(2, 3)
            s.blank()
            s.line(f"Tổng hợp: {report.summary}.", bold=True)
        elif what == "tasks":
            first = s.header(detail_header, [], numbered=False)
            s.repeat_rows(first, first + 1)
            for g_number, group in enumerate(report.groups, start=1):
                s.append([s.text(_roman(g_number), bold=True, align="center", fill=GROUP_FILL),
                          s.text(f"{group.label} ({group.deployed}/{group.total} nhiệm vụ đã triển khai)", bold=True,
                                 fill=GROUP_FILL)]
                         + [s.cell(None, fill=GROUP_FILL) for _ in range(s.ncols - 2)])
                s.merge(2, s.ncols)
                for t in report.lines_of(group):
                    _task_row(s, t, notes, t.group)
        else:
            s.header(detail_header, [], numbered=False)
            for t in report.recommendations:
                _task_row(s, t, notes, t.source or t.group)
        table_last = s.row
    if not sections:
        s.line("Văn bản chưa có nhiệm vụ, kiến nghị nào được theo dõi.", italic=True)
    if notes.reasons:
        s.blank()
        notes.write(s)
    closing_first = s.closing(doc)
    s.keep_closing_with_table(closing_first, table_last)
    wb.save(target)


def _task_row(s, t, notes, source):
    status = s.coloured(t.status_label + (" (quá hạn)" if t.overdue else ""),
                        OVERDUE_COLOUR if t.overdue else TASK_COLOURS.get(t.status, Status.COLOURS[Status.NO_DATA]))
    s.append([
        s.cell(t.stt, align="center"), s.text(source), s.text(t.title), s.text(t.lead_unit),
        s.number(t.deadline, DATE_FORMAT, align="center"), status, s.text(t.note),
        s.text(notes.mark(t.illustrative_note), align="center", italic=True),
    ])


WRITERS = {
    "progress": write_progress,
    "unit_scorecard": write_unit_scorecard,
    "completeness": write_completeness,
    "tasks": write_tasks,
}
