"""The requester's overrides of a report's document frame (number, place, signer, recipients, …).

Checked when a run is requested (clean_document), read back when it is written (document_overrides),
and offered as defaults on the "Báo cáo" page (document_defaults). The frame itself is
reports.documents.layout's.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reports.documents.layout import build_document, issuer_for, regime_for
from resolutions.models import Resolution
from units.access import has_role
from units.models import AUTHORITY_PREFIXES, ReportingUnit, authority_message

from .access import REQUEST_ROLES, can_request, default_scope

# The "document" overrides (API.md "Documents"): field -> (words for a message, longest text).
DOCUMENT_FIELDS = {
    "number": (gettext_lazy("Số văn bản"), 40),
    "place": (gettext_lazy("Địa danh"), 60),
    "signer": (gettext_lazy("Họ tên người ký"), 120),
    "signer_title": (gettext_lazy("Chức vụ người ký"), 120),
    "authority": (gettext_lazy("Thẩm quyền ký"), 200),
}
MAX_RECIPIENTS = 30


def clean_document(raw, resolution=None):
    """The requester's overrides of the issuing unit's number, place, signer… (API.md "Documents").

    Blank fields are dropped (the unit's own apply). Returns a JSON-safe dict;
    raises ValidationError naming the field in Vietnamese.
    """
    if raw in (None, ""):
        return {}
    if not isinstance(raw, dict):
        raise ValidationError({"document": _("Thông tin văn bản phải là một đối tượng JSON "
                                             "(number, place, signer, signer_title, authority, recipients).")})
    unknown = sorted(set(raw) - set(DOCUMENT_FIELDS) - {"recipients", "date", "annex"})
    if unknown:
        raise ValidationError({"document": _("Thông tin văn bản không có trường: %(fields)s.")
                                           % {"fields": ", ".join(unknown)}})
    out, errors = {}, []
    for key, (words, longest) in DOCUMENT_FIELDS.items():
        value = raw.get(key)
        if value in (None, ""):
            continue
        if not isinstance(value, str):
            errors.append(_("%(words)s (%(key)s): phải là chữ.") % {"words": words, "key": key})
            continue
        value = value.strip().replace("\r\n", "\n")
        if len(value) > longest:
            errors.append(_("%(words)s (%(key)s): tối đa %(n)s ký tự.") % {"words": words, "key": key, "n": longest})
        elif value:
            out[key] = value
    if "authority" in out:
        regime = regime_for(resolution)
        bad = [x.strip() for x in out["authority"].splitlines()
               if x.strip() and not x.strip().startswith(AUTHORITY_PREFIXES[regime])]
        if bad:
            errors.append(_("Thẩm quyền ký (authority): %(message)s") % {"message": authority_message(regime, bad[0])})
    recipients = raw.get("recipients")
    if isinstance(recipients, str):
        recipients = recipients.splitlines()
    if recipients not in (None, ""):
        if not isinstance(recipients, list) or not all(isinstance(x, str) for x in recipients):
            errors.append(_("Nơi nhận (recipients): phải là danh sách các dòng chữ."))
        else:
            lines = [x.strip() for x in recipients if x.strip()]
            if len(lines) > MAX_RECIPIENTS or any(len(x) > 200 for x in lines):
                errors.append(_("Nơi nhận (recipients): tối đa %(n)s dòng, mỗi dòng tối đa 200 ký tự.")
                              % {"n": MAX_RECIPIENTS})
            elif lines:
                out["recipients"] = lines
    if raw.get("date") not in (None, ""):
        day = _parse_day(raw["date"])
        if day is None:
            errors.append(_("Ngày văn bản (date): “%(date)s” không phải ngày hợp lệ (YYYY-MM-DD hoặc dd/mm/yyyy).")
                          % {"date": raw["date"]})
        else:
            out["date"] = day.isoformat()
    if raw.get("annex") not in (None, "", False, "0", "false"):
        out["annex"] = True
    if errors:
        raise ValidationError({"document": errors})
    return out


def _parse_day(raw):
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(str(raw).strip(), fmt).date()
        except ValueError:
            continue
    return None


def document_overrides(params):
    """The stored "document" overrides as reports.documents.layout.build_document takes them (the date as a date)."""
    document = dict((params or {}).get("document") or {})
    if document.get("date"):
        document["date"] = dt.date.fromisoformat(document["date"])
    return document


def document_defaults(user, resolution_id=None, unit_id=None, day=None):
    """What a document would carry by default for a request: the issuing unit's heading, number, signer….

    The Báo cáo page fills its document fields with these (and refreshes them
    when the resolution or the unit changes). A unit outside the user's scope
    is ignored; {} when there is no issuing unit to speak of.
    """
    if not can_request(user):
        raise PermissionDenied(_("Bạn không có quyền tạo báo cáo."))
    resolution = unit = None
    if str(resolution_id or "").isdigit():
        resolution = Resolution.objects.select_related("owner_unit").filter(pk=resolution_id).first()
    if str(unit_id or "").isdigit():
        unit = ReportingUnit.objects.filter(pk=unit_id).first()
        if unit is not None and not has_role(user, unit, REQUEST_ROLES):
            unit = None
    if unit is None:
        try:
            unit = default_scope(user, resolution)
        except ValidationError:
            unit = None
    issuer = issuer_for(resolution, unit)
    if issuer is None:
        return {}
    frame = build_document("", issuer, resolution, day)
    return {
        "issuer": " / ".join(([frame.governing_body] if frame.governing_body else []) + frame.official_lines),
        "regime": regime_for(resolution),
        "number_text": frame.number_text,
        "place": frame.place,
        "authority": "\n".join(frame.authority_lines),
        "signer_title": frame.signer_title,
        "signer": frame.signer_name,
        "recipients": "\n".join(frame.recipients),
        "derived": frame.derived,
    }
