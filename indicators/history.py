"""The audit history of a value as a list of field changes (who, when, old, new, why).

One implementation for the history page and the API (`/values/{id}/history/`).
"""

from dataclasses import dataclass
from datetime import datetime

HISTORY_FIELDS = ("numerator", "denominator", "value", "note", "quality_confirmed")
_DIFF_FIELDS = ["numerator", "denominator", "note", "quality_confirmed"]


@dataclass
class Change:
    at: datetime
    by: object  # User or None
    field: str
    old: object
    new: object
    reason: str


def value_history(data_value):
    """Every change of a value, oldest first; the first record lists what it was created with."""
    records = list(
        data_value.history.select_related("history_user", "updated_by").order_by("history_date", "history_id")
    )
    out, previous = [], None
    for rec in records:
        by = rec.history_user or rec.updated_by
        reason = rec.history_change_reason or ""
        if previous is None:
            changes = [(f, None, getattr(rec, f)) for f in HISTORY_FIELDS if getattr(rec, f) not in (None, "", False)]
        else:
            # diff_against skips non-editable fields (model_to_dict): `value` is compared here.
            changes = [(c.field, c.old, c.new) for c in rec.diff_against(previous, included_fields=_DIFF_FIELDS).changes]
            if rec.value != previous.value:
                changes.append(("value", previous.value, rec.value))
            changes.sort(key=lambda c: HISTORY_FIELDS.index(c[0]))
        out.extend(Change(rec.history_date, by, field, old, new, reason) for field, old, new in changes)
        previous = rec
    return out
