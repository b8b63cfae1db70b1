"""Reading an uploaded import file: is it one of our templates (signed `_meta` sheet), which version
(layout), and its rows with a figure, fast (calamine) when the file holds no formula.

Nothing here judges a figure: that is `reports.excel.checks`.
"""

import datetime as dt
import re
import zipfile
from dataclasses import dataclass

from django.core import signing
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from config.spreadsheets import WorkbookErrors, file_error, limit, open_workbook
from indicators.models import Period
from indicators.rules import format_number
from units.models import ReportingUnit

from .template import (
    DATA_SHEET,
    HEADER_ROW,
    LAYOUT,
    LAYOUTS,
    META_SHEET,
    SIGNING_SALT,
    Layout,
)

# Lazy: translated when a file is refused (file_error takes them as str: the errors may be stored as JSON).
MSG_NOT_TEMPLATE = gettext_lazy("Tệp không phải mẫu nhập liệu của hệ thống (không tìm thấy chữ ký mẫu). "
                                "Hãy tải mẫu từ trang “Nhập số liệu từ Excel”, điền số liệu vào mẫu đó rồi tải lên.")
MSG_BAD_SIGNATURE = gettext_lazy("Tệp không phải mẫu nhập liệu của hệ thống: chữ ký mẫu không hợp lệ (phần nhận "
                                 "dạng của tệp đã bị sửa hoặc mẫu được tạo từ hệ thống khác). Hãy tải mẫu mới.")
MSG_DAMAGED = gettext_lazy("Tệp bị hỏng: không đọc được sheet “%(sheet)s”. Hãy mở tệp bằng Excel, lưu lại (Excel "
                           "Workbook *.xlsx) rồi tải lên; nếu vẫn lỗi, hãy tải mẫu mới.")

ImportErrors = WorkbookErrors  # the refusal of an import: config.spreadsheets' one class of workbook errors


def _open_workbook(fileobj):
    return open_workbook(fileobj)


def _read_meta(wb):
    if META_SHEET not in wb.sheetnames:
        raise file_error(str(MSG_NOT_TEMPLATE))
    cells = {}
    for row in wb[META_SHEET].iter_rows(min_row=1, max_row=30, max_col=2, values_only=True):
        if row and row[0] is not None:
            cells[str(row[0])] = row[1] if len(row) > 1 else None
    token = cells.get("signature")
    if not token:
        raise file_error(str(MSG_NOT_TEMPLATE))
    try:
        payload = signing.loads(str(token), salt=SIGNING_SALT)
    except signing.BadSignature:
        raise file_error(str(MSG_BAD_SIGNATURE)) from None
    if not isinstance(payload, dict) or payload.get("kind") not in LAYOUTS:
        raise file_error(str(MSG_BAD_SIGNATURE))
    return payload


def _text(value):
    """A cell as text ("" for blank); whole floats without ".0" (Excel stores 12 as 12.0 sometimes)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value).strip()


def is_blank(value):
    """Is a cell empty (None or only spaces)?"""
    return value is None or (isinstance(value, str) and value.strip() == "")


@dataclass
class _Row:
    number: int
    unit_code: str
    indicator_code: str
    indicator_id: object
    resolution_code: str
    numerator: object
    denominator: object
    note: str
    version: object


_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[ >/]")


def _has_formulas(fileobj):
    """Does any worksheet of the package hold a formula? (A byte scan, no XML parsing.)"""
    fileobj.seek(0)
    with zipfile.ZipFile(fileobj) as zf:
        for info in zf.infolist():
            if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                with zf.open(info) as part:
                    tail = b""
                    while chunk := part.read(1 << 20):
                        if _FORMULA_TAG.search(tail + chunk):
                            return True
                        tail = chunk[-16:]
    return False


def _calamine_rows(fileobj, header_row, layout=LAYOUT):
    """The data sheet's rows from `header_row` on, as openpyxl would give them, read by calamine.

    calamine (Rust) reads a 60.000-row sheet about ten times faster than
    openpyxl's read-only mode, but gives a formula's cached result, not the
    formula: it is used only when the package holds no formula at all.
    Values are normalised to openpyxl's: blank -> None, whole floats -> int.
    """
    from python_calamine import CalamineWorkbook

    fileobj.seek(0)
    wb = CalamineWorkbook.from_filelike(fileobj)
    try:
        sheet = wb.get_sheet_by_name(DATA_SHEET)
        _check_row_count(sheet.total_height - header_row)
        width = len(layout.columns)
        for number, values in enumerate(sheet.iter_rows(), start=1):  # row by row, never a grid of them all
            if number < header_row:
                continue
            yield [None if v == "" else int(v) if isinstance(v, float) and v.is_integer() else v
                   for v in values[:width]]
    finally:
        wb.close()


def _check_row_count(rows):
    most = limit("IMPORT_MAX_ROWS", 100_000)
    if rows > most:
        raise file_error(ngettext("Tệp có quá nhiều dòng (hơn %(count)s dòng số liệu); hãy chia thành nhiều "
                                  "tệp nhỏ hơn (ví dụ mỗi tệp một nhóm đơn vị).",
                                  "Tệp có quá nhiều dòng (hơn %(count)s dòng số liệu); hãy chia thành nhiều "
                                  "tệp nhỏ hơn (ví dụ mỗi tệp một nhóm đơn vị).", most)
                         % {"count": format_number(most)})


def _read_rows(rows, header_row, layout=LAYOUT):
    """The rows with a figure (as _Row); raises ImportErrors when the header row was changed.

    `rows` iterates the data sheet's row values from the header row on, in
    `layout` (the template version's columns; v1 has no "Văn bản" column).
    """
    COLUMNS, COL, LETTER = layout.columns, layout.col, layout.letter  # noqa: N806 - the module's names, per layout
    width = len(COLUMNS)
    rows = iter(rows)
    header = next(rows, None)
    header = list(header or []) + [None] * width
    for key, expected, *_rest in COLUMNS:
        got = _text(header[COL[key]])
        if got != expected:
            words = {"column": LETTER[key], "expected": expected, "got": got}
            if got:
                message = _("Cấu trúc mẫu đã bị thay đổi: cột %(column)s phải là “%(expected)s” (đang là "
                            "“%(got)s”). Hãy tải mẫu mới, không thêm/xóa cột.") % words
            else:
                message = _("Cấu trúc mẫu đã bị thay đổi: cột %(column)s phải là “%(expected)s”. Hãy tải mẫu "
                            "mới, không thêm/xóa cột.") % words
            raise ImportErrors([{"sheet": DATA_SHEET, "row": header_row, "column": LETTER[key], "message": message}])
    out = []
    for number, values in enumerate(rows, start=header_row + 1):
        if number - header_row > limit("IMPORT_MAX_ROWS", 100_000):
            _check_row_count(number - header_row)  # openpyxl's reader does not know the count in advance
        values = list(values) + [None] * (width - len(values))
        num, den = values[COL["numerator"]], values[COL["denominator"]]
        if is_blank(num) and is_blank(den):
            continue  # empty figures: leave the stored value alone
        out.append(_Row(
            number=number,
            unit_code=_text(values[COL["unit_code"]]),
            indicator_code=_text(values[COL["indicator_code"]]),
            indicator_id=values[COL["indicator_id"]],
            resolution_code=_text(values[COL["resolution_code"]]) if "resolution_code" in COL else "",
            numerator=num,
            denominator=den,
            note=_text(values[COL["note"]]),
            version=values[COL["version"]],
        ))
    return out


@dataclass
class Upload:
    """A filled template as read: its rows with a figure, for the template's unit, period and resolution."""

    rows: list
    unit: object  # the template's ReportingUnit
    period: object
    resolution: object  # or None: every resolution that reaches the units
    layout: Layout


def read_upload(fileobj):
    """Open an uploaded file, verify it is one of our templates (signed), read its rows; ImportErrors if not."""
    wb = _open_workbook(fileobj)
    try:
        meta = _read_meta(wb)
        if DATA_SHEET not in wb.sheetnames:
            raise file_error(_("Không tìm thấy sheet “%(sheet)s” trong tệp; hãy tải mẫu mới.") % {"sheet": DATA_SHEET})
        header_row = int(meta.get("header_row") or HEADER_ROW)
        layout = LAYOUTS[meta["kind"]]
        try:
            if _has_formulas(fileobj):
                # openpyxl shows formulas as written, so a formula in a figure cell is reported, not guessed.
                ws = wb[DATA_SHEET]
                ws.reset_dimensions()  # do not trust the stored <dimension>: read every row present
                rows = _read_rows(ws.iter_rows(min_row=header_row, max_col=len(layout.columns), values_only=True),
                                  header_row, layout)
            else:
                rows = _read_rows(_calamine_rows(fileobj, header_row, layout), header_row, layout)
        except ImportErrors:
            raise
        except Exception:  # noqa: BLE001 - a damaged sheet (broken XML) is the file's problem, said as such
            raise file_error(MSG_DAMAGED % {"sheet": DATA_SHEET}) from None
    finally:
        wb.close()

    template_unit = ReportingUnit.objects.filter(pk=meta.get("unit")).first()
    period = Period.objects.filter(code=meta.get("period")).first()
    if template_unit is None or period is None:
        raise file_error(_("Đơn vị hoặc kỳ báo cáo của mẫu không còn trên hệ thống; hãy tải mẫu mới."))
    resolution = None
    if meta.get("resolution"):
        from resolutions.models import Resolution

        resolution = Resolution.objects.filter(pk=meta["resolution"]).first()
        if resolution is None:
            raise file_error(_("Nghị quyết / kế hoạch của mẫu không còn trên hệ thống; hãy tải mẫu mới."))
    return Upload(rows, template_unit, period, resolution, layout)
