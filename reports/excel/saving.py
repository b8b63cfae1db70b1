"""Saving an upload, all or nothing: `import_workbook` reads it (`reports.excel.reading`), checks every
row (`reports.excel.checks`) and, when no row has a problem, writes them in one transaction set-based
through `indicators.bulk` (the write path's gate and history), else raises ImportErrors listing them.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from config.spreadsheets import file_error
from indicators.bulk import NotWritable, PlannedWrite, StaleWrites, write_values

from .checks import MSG_STALE, check_rows
from .reading import ImportErrors, read_upload
from .template import DATA_SHEET, LAYOUT

CHANGE_REASON = "Nhập từ Excel"


@dataclass
class ImportResult:
    created: int
    updated: int
    unchanged: int = 0  # rows whose figures and note equal what is stored (nothing written)


def import_workbook(fileobj, user, progress=None):
    """Read a filled template and save every figure, or nothing.

    Returns ImportResult(created, updated); raises ImportErrors listing the
    problems ({"sheet","row","column","message"}, at most IMPORT_MAX_ERRORS
    and a line counting the rest), with nothing saved. `progress(phase, done,
    total)` is called as the work goes (reports.excel.jobs shows it).
    """
    progress = progress or (lambda *args: None)
    progress("read", 0, 0)
    upload = read_upload(fileobj)
    planned, errors, unchanged = check_rows(upload.rows, user, upload.unit, upload.period, upload.resolution,
                                            upload.layout, progress)
    if errors:
        raise ImportErrors(errors, total=errors.total)
    progress("write", len(upload.rows), len(upload.rows))
    return _write(planned, user, upload.period, unchanged, upload.layout)


def _write(planned, user, period, unchanged, layout=LAYOUT):
    """Save the checked rows in one transaction (indicators.bulk), with audit history."""
    writes = [
        PlannedWrite(ref=number, unit=unit, indicator=indicator, period=period, numerator=num, denominator=den,
                     value=value, note=note, current=current, expected_version=version)
        for number, unit, indicator, num, den, value, note, current, version in planned
    ]
    try:
        created, updated = write_values(writes, user, CHANGE_REASON)
    except NotWritable as exc:
        raise ImportErrors([{"sheet": DATA_SHEET, "row": number, "column": layout.letter["unit_code"],
                             "message": reason} for number, reason in sorted(exc.reasons.items())]) from None
    except StaleWrites as exc:
        if not exc.refs:
            raise file_error(_("Trong lúc nhập, một số số liệu vừa được người khác lưu; chưa lưu số liệu nào. "
                               "Hãy tải mẫu mới rồi nhập lại.")) from None
        raise ImportErrors([{"sheet": DATA_SHEET, "row": number, "column": layout.letter["version"],
                             "message": f"{MSG_STALE}."} for number in exc.refs]) from None
    return ImportResult(created=created, updated=updated, unchanged=unchanged)
