"""How a sheet prints: A4 landscape fitted to the page width, and no signature alone on the last page."""

from openpyxl.worksheet.pagebreak import Break

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


class PagingMixin:
    """Page breaks of a `Sheet` (reports.excel.export.sheet), from the heights of the rows it wrote."""

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
            titles = sum(self.heights[self.title_rows[0] - 1 : self.title_rows[1]])
        used, starts = 0.0, {}
        for row, height in enumerate(self.heights, start=1):
            if used + height > page and used > 0:
                used = titles
            starts[row] = used
            used += height
        block = sum(self.heights[closing_first - 1 :])
        begin = starts.get(closing_first, 0.0)
        top = titles if self.title_rows and closing_first > self.title_rows[1] else 0.0
        fits = begin + block <= page
        alone = begin <= top + 1e-6 and closing_first > 1
        if (fits and not alone) or block + titles > page:
            return
        row = max(table_last - keep + 1, (self.title_rows[1] + 1) if self.title_rows else 2)
        self.ws.row_breaks.append(Break(id=row - 1))
