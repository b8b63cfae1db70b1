"""The report workbooks: openpyxl workbooks in the official layout, one module per report kind (`WRITERS`).

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
(`PagingMixin.keep_closing_with_table`). Text typed by users never starts a
formula (`cells.safe_text`).

The writers: `progress` (with `unit_sheet`, its per-unit sheet), `scorecard`,
`completeness`, `tasks_report`. What they share: `sheet` (workbooks, `Sheet`
and its rows), `frame` (the document frame as rows), `paging` (printed pages),
`cells` (values and number formats), `styles` (font, borders, fills),
`footnotes` (the "minh họa" marks), `words` (the status counts line, Roman numbers).
"""

from .completeness import write_completeness
from .progress import write_progress
from .scorecard import write_unit_scorecard
from .tasks_report import write_tasks

WRITERS = {
    "progress": write_progress,
    "unit_scorecard": write_unit_scorecard,
    "completeness": write_completeness,
    "tasks": write_tasks,
}
