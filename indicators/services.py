"""Writes of figures and submissions: the one path UI, API, Excel and admin use.

Services write; `indicators.figures` reads. Every write validates with
`indicators.rules`, checks the workflow gate and the optimistic version, and
leaves an audit record (django-simple-history) with who and why.
"""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from config.language import Words

from .models import DataValue, Submission, SubmissionStatus
from .policy import check_entry, entry_denied
from .rules import (
    FigureError,
    check_period,
    clean_note,
    compute_value,
    unit_period_problem,
    validate_figures,
)
from .scope import check_applicable


class WriteConflict(Exception):
    """A write refused by state: stale version, locked period, submitted report (HTTP 409)."""

    def __init__(self, message, current=None):
        super().__init__(message)
        self.message = message
        self.current = current  # the DataValue as it stands now, when relevant


def lock_submissions(units, period):
    """{unit id: Submission} of `units` for `period`, locked (SELECT … FOR UPDATE) until the transaction ends.

    The one row every change of a unit's report for a period locks: writing a
    figure (record_value, bulk.write_values) and moving the report (workflow:
    submit, approve, return, reopen). A figure written at the moment of a
    submit is therefore either in the submission (it committed first) or
    refused with a conflict (the submit committed first): an approver never
    approves figures changed after sending. A missing row is created as a
    draft, race-safely (INSERT … ON CONFLICT DO NOTHING, then the lock), and
    without signals: a draft row changes no figure, so no cache is emptied.
    Rows are locked in unit order, so two writers never deadlock. Must run
    inside a transaction.
    """
    ids = sorted({u.pk if hasattr(u, "pk") else u for u in units})
    period_id = getattr(period, "pk", period)
    locked = {s.unit_id: s for s in Submission.objects.select_for_update()
              .filter(period_id=period_id, unit_id__in=ids).order_by("unit_id")}
    missing = [i for i in ids if i not in locked]
    if missing:
        Submission.objects.bulk_create([Submission(unit_id=i, period_id=period_id) for i in missing],
                                       ignore_conflicts=True)
        locked.update({s.unit_id: s for s in Submission.objects.select_for_update()
                       .filter(period_id=period_id, unit_id__in=missing).order_by("unit_id")})
    return locked


def ensure_writable(unit, period):
    """Raise WriteConflict unless figures of `unit` for `period` may change now."""
    message = writable_states([unit], period)[unit.pk]
    if message:
        raise WriteConflict(message)


def write_problem(user, unit, period):
    """Why `user` may not write figures of `unit` for `period` now (role, then state), or ""."""
    message = entry_denied(user, unit, period)
    if message:
        return message
    try:
        ensure_writable(unit, period)
    except WriteConflict as exc:
        return exc.message
    return ""


def writable_states(units, period):
    """{unit id: None when its figures for `period` may change now, else the Vietnamese reason}.

    Refused: a unit not active on the period's last day (`rules.unit_period_problem`:
    a dissolved unit gets no figures for a period after it ended), a locked
    period, a report sent or approved. One query for any number of units (the
    Excel import checks a thousand).
    """
    units = list(units)
    out = {u.pk: unit_period_problem(u, period) for u in units}
    if period.is_locked:
        locked = _("%(period)s đã khóa sổ; không thể sửa số liệu.") % {"period": period.label}
        return {u.pk: out[u.pk] or locked for u in units}
    statuses = dict(
        Submission.objects.filter(period=period, unit_id__in=[u.pk for u in units]).values_list("unit_id", "status")
    )
    labels = Words(SubmissionStatus.choices)
    for u in units:
        if out[u.pk]:
            continue
        status = statuses.get(u.pk)
        blocked = status is not None and status not in (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED)
        out[u.pk] = (_("Báo cáo %(period)s của %(unit)s %(status)s; không thể sửa số liệu.")
                     % {"period": period.label, "unit": u.name, "status": labels[status].lower()}
                     if blocked else None)
    return out


def clean_value(unit, indicator, numerator, denominator, localized=False, period=None):
    """Validate one value: applicability (to the unit, and to `period` when given) and figures.

    The one check every write path makes (form, API, bulk, Excel import):
    `scope.check_applicable` (indicator to unit; unit active on the period's
    last day), `rules.check_period` (the indicator's frequency) and
    `rules.validate_figures` (numbers, whole counts, no negatives, numerator
    ≤ denominator, yes/no as 1/0). Returns (num, den, value).
    """
    check_applicable(indicator, unit, period)
    if period is not None:
        check_period(indicator, period)
    num, den = validate_figures(indicator, numerator, denominator, localized=localized)
    return num, den, compute_value(indicator.measure, num, den)


@transaction.atomic
def record_value(*, unit, indicator, period, numerator, denominator, note="", user=None, version=None, reason="",
                 quality_confirmed=None):
    """Create or update one value, checking rules, workflow and version.

    `version` is the version the writer read; None creates (or fails with a
    conflict when the value already exists). Raises FigureError for bad
    figures and WriteConflict for state conflicts; nothing is saved then.
    `quality_confirmed` records that the writer confirms a flagged figure;
    when None, a changed figure clears an earlier confirmation.
    Returns (DataValue, created). The writer's right to enter the unit's figures for the period is
    checked here (indicators.policy; EntryDenied, HTTP 403); `user=None` is the system itself (loaders).
    """
    if user is not None:
        check_entry(user, unit, period)
    num, den, value = clean_value(unit, indicator, numerator, denominator, period=period)
    note = clean_note(note)  # None keeps the stored note
    lock_submissions([unit], period)  # a submit waits for this write, or this write sees the submit (409)
    ensure_writable(unit, period)
    existing = DataValue.objects.select_for_update().filter(unit=unit, indicator=indicator, period=period).first()
    if existing is None:
        if version not in (None, 0):
            raise WriteConflict(_("Số liệu này đã bị xóa hoặc chưa từng được lưu."))
        dv = DataValue(unit=unit, indicator=indicator, period=period, numerator=num, denominator=den,
                       value=value, note=note or "", updated_by=user, version=1,
                       quality_confirmed=bool(quality_confirmed))
        dv._change_reason = reason or "Nhập mới"
        try:
            with transaction.atomic():
                dv.save()
        except IntegrityError:
            raise WriteConflict(_("Số liệu này vừa được người khác nhập; hãy tải lại để xem số mới.")) from None
        return dv, True
    if version is None or int(version) != existing.version:
        raise WriteConflict(
            _("Số liệu đã được người khác sửa trong lúc bạn nhập; dưới đây là số hiện tại."), current=existing
        )
    figures_changed = (existing.numerator, existing.denominator) != (num, den)
    existing.numerator, existing.denominator, existing.value = num, den, value
    if quality_confirmed is not None:
        existing.quality_confirmed = quality_confirmed
    elif figures_changed:
        existing.quality_confirmed = False
    if note is not None:
        existing.note = note
    existing.updated_by = user
    existing.version += 1
    existing._change_reason = reason or "Cập nhật"
    existing.save()
    return existing, False


ALLOWED_EVIDENCE = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xls": "application/vnd.ms-excel",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
}
MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
# The first bytes of each kind: the extension alone is not trusted.
_SIGNATURES = {
    ".pdf": (b"%PDF",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG",),
    ".doc": (b"\xd0\xcf\x11\xe0",),
    ".xls": (b"\xd0\xcf\x11\xe0",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".odt": (b"PK\x03\x04",),
    ".ods": (b"PK\x03\x04",),
}


def check_evidence_file(uploaded):
    """Raise FigureError("evidence", …) unless the file is an allowed kind and size."""
    import os

    name = uploaded.name or ""
    ext = os.path.splitext(name)[1].lower()
    if ext not in ALLOWED_EVIDENCE:
        raise FigureError("evidence", _("Tệp “%(name)s”: chỉ nhận PDF, ảnh (JPG, PNG) hoặc văn bản "
                                        "Word/Excel/OpenDocument.") % {"name": name})
    if uploaded.size > MAX_EVIDENCE_BYTES:
        raise FigureError("evidence", _("Tệp “%(name)s” quá lớn (%(size)s MB); tối đa 10 MB.")
                          % {"name": name, "size": uploaded.size // 1024 // 1024})
    head = uploaded.read(8)
    uploaded.seek(0)
    if not head.startswith(_SIGNATURES[ext]):
        raise FigureError("evidence", _("Tệp “%(name)s” không đúng định dạng %(format)s.")
                          % {"name": name, "format": ext[1:].upper()})
    return ext


def attach_evidence(data_value, uploaded, user):
    """Store a supporting file for a value after checking its kind and size."""
    from .models import Evidence

    ext = check_evidence_file(uploaded)
    return Evidence.objects.create(
        data_value=data_value, file=uploaded, original_name=uploaded.name[:255], size=uploaded.size,
        content_type=ALLOWED_EVIDENCE[ext], uploaded_by=user,
    )


@transaction.atomic
def set_period_lock(period, locked, user, reason):
    """Lock (khóa sổ) or unlock a period; admins only, with a reason kept in the history."""
    if not (user.is_authenticated and user.is_staff):
        raise WriteConflict(_("Chỉ quản trị viên được khóa hoặc mở khóa kỳ báo cáo."))
    reason = (reason or "").strip()
    if not reason:
        raise FigureError("reason", _("Cần nêu lý do khóa/mở khóa kỳ báo cáo."))
    period.is_locked = locked
    text = f"{'Khóa sổ' if locked else 'Mở khóa'}: {reason}"
    period._change_reason = text if len(text) <= 100 else text[:99] + "…"
    period.save(update_fields=["is_locked"])
    return period


__all__ = [
    "FigureError", "WriteConflict", "attach_evidence", "check_evidence_file", "clean_value", "ensure_writable",
    "lock_submissions", "record_value", "set_period_lock",
]
