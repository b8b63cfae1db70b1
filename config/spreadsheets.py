"""Uploaded workbooks, read safely: the one check every upload of an .xlsx goes through.

The Excel import (reports.excel.reading), the appendix of targets
(resolutions.target_reading.appendix) and the mapping of a reorganisation
(units.reorganisation_rows) open what people upload with `open_workbook`:
- the size is refused before anything is read (settings.IMPORT_MAX_BYTES);
- a .xls or anything that is not an .xlsx package is named as such;
- the unzipped size is bounded (a zip bomb; settings.IMPORT_MAX_UNZIPPED_BYTES).
A refused file raises `WorkbookErrors`, whose list (sheet, row, column,
message) is capped at settings.IMPORT_MAX_ERRORS with "… và N lỗi khác".
Nothing here knows a domain; the messages are Vietnamese.
"""

import zipfile
from decimal import Decimal

from django.conf import settings
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from openpyxl import load_workbook

MAX_UPLOAD_BYTES = 10 * 1024 * 1024  # the default of settings.IMPORT_MAX_BYTES
MSG_NOT_XLSX = _("Tệp không phải bảng tính Excel .xlsx. Hãy dùng đúng tệp mẫu tải từ hệ thống "
                 "(nếu đã lưu thành .xls hoặc .csv, hãy mở lại bằng Excel và lưu dưới dạng “Excel Workbook (*.xlsx)”).")
MSG_XLS = _("Tệp Excel 97-2003 (.xls) không được hỗ trợ. Hãy mở bằng Excel và lưu dưới dạng "
            "“Excel Workbook (*.xlsx)”, hoặc tải mẫu mới từ hệ thống.")


def limit(name, default):
    """An upload limit from the settings (README "Configuration")."""
    return getattr(settings, name, default)


def max_upload_bytes():
    return limit("IMPORT_MAX_BYTES", MAX_UPLOAD_BYTES)


def vn_number(value, decimals=0):
    """1.937 / 1,5 (Django's formats with the project's vi module: '.' groups, ',' decimals)."""
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


class WorkbookErrors(Exception):
    """The file was refused; nothing was saved. `errors`: [{"sheet","row","column","message"}].

    At most IMPORT_MAX_ERRORS are listed; then one more line says "… và N lỗi khác" (`total` counts all).
    """

    def __init__(self, errors, total=None):
        # Messages are text in the request's language (a lazy one would not survive JSON or the database).
        errors = [{**e, "message": str(e["message"])} if isinstance(e.get("message"), Promise) else e for e in errors]
        cap = limit("IMPORT_MAX_ERRORS", 200)
        self.total = max(total or 0, len(errors))
        self.errors = errors[:cap]
        if self.total > len(self.errors):
            more = self.total - len(self.errors)
            message = ngettext(
                "… và %(more)s lỗi khác (tổng cộng %(total)s lỗi). Hãy sửa các lỗi trên rồi tải lên lại để xem tiếp.",
                "… và %(more)s lỗi khác (tổng cộng %(total)s lỗi). Hãy sửa các lỗi trên rồi tải lên lại để xem tiếp.",
                more) % {"more": vn_number(more), "total": vn_number(self.total)}
            self.errors.append({"sheet": None, "row": None, "column": None, "message": message})
        super().__init__(f"{self.total} lỗi; chưa lưu số liệu nào.")

    @property
    def message(self):
        """The first problem (for a page that shows one line)."""
        return self.errors[0]["message"] if self.errors else ""


def file_error(message):
    """A refusal of the whole file (no row, no column)."""
    return WorkbookErrors([{"sheet": None, "row": None, "column": None, "message": str(message)}])


def file_size(fileobj):
    size = getattr(fileobj, "size", None)
    if size is None:
        pos = fileobj.tell()
        fileobj.seek(0, 2)
        size = fileobj.tell()
        fileobj.seek(pos)
    return size


def check_size(fileobj, most=None):
    """Refuse a file above `most` (default IMPORT_MAX_BYTES) before reading any of it."""
    size, most = file_size(fileobj), most or max_upload_bytes()
    if size > most:
        megabytes = vn_number(Decimal(size) / (1024 * 1024), 1)
        raise file_error(gettext("Tệp quá lớn (%(size)s MB); tối đa %(most)s MB. "
                                 "Hãy chia thành nhiều tệp (ví dụ mỗi tệp một nhóm đơn vị).")
                         % {"size": megabytes, "most": vn_number(Decimal(most) / (1024 * 1024))})
    return size


def open_workbook(fileobj, data_only=False, most=None):
    """The uploaded .xlsx opened read-only, after the checks of the module; WorkbookErrors otherwise."""
    check_size(fileobj, most)
    fileobj.seek(0)
    head = fileobj.read(8)
    fileobj.seek(0)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise file_error(MSG_XLS)
    if not head.startswith(b"PK\x03\x04"):
        raise file_error(MSG_NOT_XLSX)
    try:
        with zipfile.ZipFile(fileobj) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
            unzipped = sum(i.file_size for i in infos)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise file_error(MSG_NOT_XLSX) from None
    if "xl/workbook.xml" not in names:
        raise file_error(MSG_NOT_XLSX)
    if unzipped > limit("IMPORT_MAX_UNZIPPED_BYTES", 64 * 1024 * 1024):
        raise file_error(gettext("Tệp giải nén quá lớn, không xử lý được; hãy chia thành nhiều tệp nhỏ hơn "
                                 "(ví dụ mỗi tệp một nhóm đơn vị)."))
    fileobj.seek(0)
    try:
        return load_workbook(fileobj, read_only=True, data_only=data_only, keep_links=False)
    except Exception:  # openpyxl raises many kinds for a broken package
        raise file_error(MSG_NOT_XLSX) from None
