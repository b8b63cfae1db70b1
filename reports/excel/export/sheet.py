"""Workbooks and their write-only sheets: rows, merged cells, shared styles and header rows.

A `Sheet` streams its rows to disk (openpyxl's write-only mode) and writes the
document frame (`FrameMixin`) and its page breaks (`PagingMixin`).
"""

from copy import copy

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

from indicators.rules import Status

from .cells import FORMULA_STARTS, safe_text
from .frame import FrameMixin
from .paging import DEFAULT_ROW_PT, PagingMixin
from .styles import BORDER, HEADER_FILL, font

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CODE_WIDTH_LIMIT = 60  # the widest a code column grows to show whole codes


def new_workbook():
    """An empty write-only (streaming) workbook: the rows go to disk as they are written."""
    return Workbook(write_only=True)


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


class Sheet(FrameMixin, PagingMixin):
    """A write-only worksheet with a row counter, merges, shared styles and the document frame."""

    def __init__(self, wb, title, widths):
        self.ws = wb.create_sheet(title=title[:31])
        self.row = 0
        self.ncols = len(widths)
        self.widths = list(widths)
        self.heights = []  # printed height of each row written (points), for keep_closing_with_table
        self.title_rows = None
        self._templates = {}
        self._cell_styles = {}  # cell()'s style arguments -> the StyleArray registered for them
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

    def cell(
        self,
        value=None,
        *,
        bold=False,
        italic=False,
        size=11,
        fmt=None,
        align="left",
        wrap=True,
        border=True,
        fill=None,
        colour=None,
        underline=None,
        valign="center",
    ):
        if isinstance(value, str):
            value = ILLEGAL_CHARACTERS_RE.sub("", value)  # text saved before control characters were stripped
        c = WriteOnlyCell(self.ws, value=value)
        # Building and registering a style (fonts, alignments, borders hashed by openpyxl) cost more than the
        # rest of a cell: a style is built once per workbook and copied after (the same ids, the same file).
        key = (bold, italic, size, fmt, align, wrap, border, fill and (fill.fill_type, fill.fgColor.rgb), colour,
               underline, valign)
        known = self._cell_styles.get(key)
        if known is not None:
            c._style = copy(known)
            return c
        c.font = font(bold, italic, size, colour, underline)
        c.alignment = Alignment(horizontal=align, vertical=valign, wrap_text=wrap)
        if border:
            c.border = BORDER
        if fill is not None:
            c.fill = fill
        if fmt:
            c.number_format = fmt
        self._cell_styles[key] = copy(c._style)
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
        kw = dict(
            bold=True,
            align="center",
            colour="FFFFFF",
            fill=PatternFill("solid", fgColor=Status.COLOURS[status].lstrip("#")),
        )
        if styled:
            return self.styled(Status.LABELS[status], f"status-{status}", cell, **kw)
        return self.cell(Status.LABELS[status], **kw)

    def coloured(self, label, hex_colour):
        return self.cell(
            label,
            bold=True,
            align="center",
            colour="FFFFFF",
            fill=PatternFill("solid", fgColor=hex_colour.lstrip("#")),
        )

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
            span = sum(self.widths[first - 1 : last])
            lines = -(-len(value) // max(1, int(span * 0.95)))
            height = 16.0 * lines if lines > 1 else None
        cells = [None] * (first - 1) + [cell]
        self.append(cells, height or 16.0)
        if last > first:
            self.merge(first, last)

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
