"""Writes of figures and submissions: the one path UI, API, Excel and admin use.

Services write; `indicators.progress` reads. Every write validates with
`indicators.rules`, checks the workflow gate and the optimistic version, and
leaves an audit record (django-simple-history) with who and why.
"""

from django.db import IntegrityError, transaction

from .models import DataValue, Submission, SubmissionStatus
from .rules import FigureError, check_applicable, compute_value, validate_figures


class WriteConflict(Exception):
    """A write refused by state: stale version, locked period, submitted report (HTTP 409)."""

    def __init__(self, message, current=None):
        super().__init__(message)
        self.message = message
        self.current = current  # the DataValue as it stands now, when relevant


def ensure_writable(unit, period):
    """Raise WriteConflict unless figures of `unit` for `period` may change now."""
    if period.is_locked:
        raise WriteConflict(f"{period.label} đã khóa sổ; không thể sửa số liệu.")
    sub = Submission.objects.filter(unit=unit, period=period).only("status").first()
    if sub and sub.status not in (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED):
        raise WriteConflict(
            f"Báo cáo {period.label} của {unit.name} {sub.get_status_display().lower()}; không thể sửa số liệu."
        )


def clean_value(unit, indicator, numerator, denominator, localized=False):
    """Validate one value: applicability and figures. Returns (num, den, value)."""
    check_applicable(indicator, unit)
    num, den = validate_figures(indicator, numerator, denominator, localized=localized)
    return num, den, compute_value(indicator.measure, num, den)


@transaction.atomic
def record_value(*, unit, indicator, period, numerator, denominator, note="", user=None, version=None, reason=""):
    """Create or update one value, checking rules, workflow and version.

    `version` is the version the writer read; None creates (or fails with a
    conflict when the value already exists). Raises FigureError for bad
    figures and WriteConflict for state conflicts; nothing is saved then.
    Returns (DataValue, created).
    """
    num, den, value = clean_value(unit, indicator, numerator, denominator)
    ensure_writable(unit, period)
    existing = DataValue.objects.select_for_update().filter(unit=unit, indicator=indicator, period=period).first()
    if existing is None:
        if version not in (None, 0):
            raise WriteConflict("Số liệu này đã bị xóa hoặc chưa từng được lưu.")
        dv = DataValue(unit=unit, indicator=indicator, period=period, numerator=num, denominator=den,
                       value=value, note=note or "", updated_by=user, version=1)
        dv._change_reason = reason or "Nhập mới"
        try:
            with transaction.atomic():
                dv.save()
        except IntegrityError:
            raise WriteConflict("Số liệu này vừa được người khác nhập; hãy tải lại để xem số mới.") from None
        return dv, True
    if version is None or int(version) != existing.version:
        raise WriteConflict(
            "Số liệu đã được người khác sửa trong lúc bạn nhập; dưới đây là số hiện tại.", current=existing
        )
    existing.numerator, existing.denominator, existing.value = num, den, value
    if note is not None:
        existing.note = note
    existing.updated_by = user
    existing.version += 1
    existing._change_reason = reason or "Cập nhật"
    existing.save()
    return existing, False


def get_or_create_submission(unit, period):
    sub, _ = Submission.objects.get_or_create(unit=unit, period=period)
    return sub


__all__ = ["FigureError", "WriteConflict", "clean_value", "ensure_writable", "record_value", "get_or_create_submission"]
