"""What each report kind takes and is written as: its parameters, its file formats, their MIME types.

The one table to extend with a new ReportKind (docs/architecture.md "A report kind"), beside
generate.build, which writes it.
"""

import os

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reports.documents import convert
from reports.documents.narrative.word import DOCX_CONTENT_TYPE
from reports.excel.export.sheet import XLSX_CONTENT_TYPE
from reports.models import ReportFormat, ReportKind

# Which parameters each kind needs (True) or accepts (False).
PARAMS = {
    ReportKind.PROGRESS: {"resolution": True, "period": True, "unit": False},
    ReportKind.UNIT_SCORECARD: {"resolution": False, "period": True, "unit": True},
    ReportKind.COMPLETENESS: {"resolution": False, "period": True, "unit": False},
    ReportKind.TASKS: {"resolution": True, "period": False, "unit": False},
    ReportKind.NARRATIVE: {"resolution": True, "period": True, "unit": False},
}
FIELD_WORDS = {"resolution": gettext_lazy("văn bản (nghị quyết, kế hoạch)"), "period": gettext_lazy("kỳ báo cáo"),
               "unit": gettext_lazy("đơn vị")}
# The files each kind is written as (API.md "Documents"), the first one by default; PDF is converted
# from the same document by LibreOffice (reports.documents.convert).
FORMATS = {kind: (ReportFormat.XLSX, ReportFormat.PDF) for kind in ReportKind.values}
FORMATS[ReportKind.NARRATIVE] = (ReportFormat.DOCX, ReportFormat.PDF)
CONTENT_TYPES = {
    ReportFormat.XLSX: XLSX_CONTENT_TYPE,
    ReportFormat.DOCX: DOCX_CONTENT_TYPE,
    ReportFormat.PDF: convert.PDF_CONTENT_TYPE,
}


def param_id(raw, field):
    """The id a request gives for `field` (resolution, period, unit) as an int, None when blank;
    ValidationError naming the field when it is not a number."""
    if raw in (None, ""):
        return None
    try:
        return int(raw)
    except (TypeError, ValueError):
        raise ValidationError({field: _("Mã %(field)s “%(value)s” không hợp lệ.") % {"field": FIELD_WORDS[field], "value": raw}}) from None


def clean_format(kind, raw):
    """The file format asked for, checked against the kind (and the server, for PDF)."""
    allowed = FORMATS[kind]
    if raw in (None, ""):
        return allowed[0]
    if raw not in allowed:
        raise ValidationError({"format": _("Định dạng “%(format)s” không dùng được cho báo cáo “%(kind)s”; "
                                           "chọn một trong: %(allowed)s.")
                               % {"format": raw, "kind": ReportKind(kind).label, "allowed": ", ".join(allowed)}})
    if raw == ReportFormat.PDF and not convert.pdf_available():
        raise ValidationError({"format": _("Máy chủ chưa cài LibreOffice nên chưa tạo được tệp PDF; hãy chọn "
                                           "định dạng %(format)s.") % {"format": allowed[0]}})
    return raw


def run_format(run):
    """The file format of a run (its kind's default when none was asked)."""
    return (run.parameters or {}).get("format") or FORMATS[run.kind][0]


def content_type(file_name):
    """The MIME type of a report file, by its extension."""
    ext = os.path.splitext(file_name or "")[1].lstrip(".").lower()
    return CONTENT_TYPES.get(ext, XLSX_CONTENT_TYPE)


def params_key(kind, params):
    """The key of a kind and its parameters: a scheduled report is never compiled twice for one key."""
    return f"{kind}:{params.get('resolution') or ''}:{params.get('period') or ''}:{params.get('unit') or ''}"
