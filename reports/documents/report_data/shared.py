"""The pieces every report's data uses: unit kind labels, the titled reference, the "minh họa" reason, a change."""

from decimal import Decimal

from config.language import Words
from units.models import UnitKind

KIND_LABELS = Words(UnitKind.choices)


def titled_ref(ref, resolution):
    """ "Nghị quyết số 09-NQ/TU về chuyển đổi số …" when the title is a trích yếu ("Về …"), else the reference."""
    title = (resolution.title or "").strip()
    return f"{ref} {title[0].lower()}{title[1:]}" if title[:3].lower() == "về " else ref


def illustrative_reason(obj):
    """Why an invented target or task carries the "minh họa" mark; "" for one its source states (or None)."""
    return getattr(obj, "illustrative_reason", "") if obj is not None else ""


def change_of(value, previous):
    """The change from `previous` to `value` (None when either is missing)."""
    if value is None or previous is None:
        return None
    return Decimal(value) - Decimal(previous)
