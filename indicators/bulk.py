"""Set-based writes of many values at once: the API's bulk upsert and the Excel import.

Callers check their input first (with `services.clean_value` and
`services.ensure_writable`, the rules every other write uses) and hand the
checked writes to `write_values`, which saves them in one transaction with a
handful of queries and an audit record per value, or saves nothing.
`services.record_value` stays the path for one value at a time.
"""

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from units.access import units_for_user
from units.models import ReportingUnit

from .changes import figures_changed
from .models import DataValue, Indicator, Period
from .policy import entry_denied
from .rules import FigureError, clean_note
from .services import clean_value, lock_submissions, writable_states

BATCH = 1000
LOCK_CHUNK = 5000
HISTORY_CHUNK = 2000  # ids per SELECT … FOR UPDATE (keeps the IN list within database limits)
UPDATED_FIELDS = ["numerator", "denominator", "value", "note", "quality_confirmed", "version", "updated_by", "updated_at"]


@dataclass
class PlannedWrite:
    """One checked value to save.

    `ref` is the caller's handle for messages (an item index, a sheet row).
    `current` is the stored value as read while checking (None: create).
    `expected_version` is the version the writer read; None means "whatever
    is stored now" (the API's bulk items without `version`). `note` None keeps
    the stored note.
    """

    ref: Any
    unit: Any
    indicator: Any
    period: Any
    numerator: Any
    denominator: Any
    value: Any
    note: str | None
    current: DataValue | None = None
    expected_version: int | None = None


class StaleWrites(Exception):
    """Some values changed between the check and the write; nothing was saved.

    `refs` are the `ref`s of the values another writer changed (or created)
    meanwhile; empty when the database refused a create of a value someone
    had just created.
    """

    def __init__(self, refs):
        super().__init__(f"{len(refs)} stale writes")
        self.refs = refs


class NotWritable(Exception):
    """Reports sent (or periods locked) between the check and the write; nothing was saved.

    `reasons` maps each write's `ref` to the Vietnamese reason its unit's figures cannot change now.
    """

    def __init__(self, reasons):
        super().__init__(f"{len(reasons)} writes refused")
        self.reasons = reasons


def plan_items(items, user):
    """Check API bulk items (dicts of ids and figures; None for an item that failed parsing).

    Returns (planned writes, errors); errors are (kind, index, field, message)
    with kind "denied" (outside what the user may enter), "invalid" (bad
    figures, unknown ids, duplicates) or "conflict" (locked period,
    submitted report, stale `version`). Lookups are set-based: a few queries
    whatever the number of items, plus one per (unit, period) for the
    workflow state.
    """
    errors, planned = [], []
    ok = [it for it in items if it]
    unit_ids = {it["unit"] for it in ok}
    units = ReportingUnit.objects.in_bulk(unit_ids)
    readable = set(units_for_user(user).filter(pk__in=unit_ids).values_list("pk", flat=True))
    indicators = Indicator.objects.select_related("resolution").in_bulk({it["indicator"] for it in ok})
    periods = Period.objects.in_bulk({it["period"] for it in ok})
    existing = {
        (v.unit_id, v.indicator_id, v.period_id): v
        for v in DataValue.objects.filter(
            unit_id__in=unit_ids, indicator_id__in=indicators.keys(), period_id__in=periods.keys()
        ).only("id", "unit_id", "indicator_id", "period_id", "version")
    }
    state = {}  # period id -> {unit id: None or the reason it cannot change}
    seen = {}
    for i, it in enumerate(items):
        if it is None:
            continue
        unit = units.get(it["unit"])
        if unit is None or it["unit"] not in readable:
            errors.append(("denied", i, "unit", _("Không tìm thấy đơn vị hoặc đơn vị nằm ngoài phạm vi của bạn.")))
            continue
        indicator, period = indicators.get(it["indicator"]), periods.get(it["period"])
        if period is not None:
            denied = entry_denied(user, unit, period)  # the role of the period's last day (indicators.policy)
            if denied:
                errors.append(("denied", i, "unit", denied))
                continue
        if indicator is None:
            errors.append(("invalid", i, "indicator", _("Không tìm thấy chỉ tiêu.")))
        if period is None:
            errors.append(("invalid", i, "period", _("Không tìm thấy kỳ báo cáo.")))
        if indicator is None or period is None:
            continue
        key = (unit.pk, indicator.pk, period.pk)
        if key in seen:
            errors.append(("invalid", i, "non_field_errors",
                           _("Trùng đơn vị, chỉ tiêu và kỳ với dòng %(row)s.") % {"row": seen[key]}))
            continue
        seen[key] = i
        try:
            num, den, value = clean_value(unit, indicator, it.get("numerator"), it.get("denominator"), period=period)
            note = clean_note(it.get("note") or "") if "note" in it else None
        except FigureError as exc:
            errors.append(("invalid", i, exc.field, exc.message))
            continue
        if period.pk not in state:
            state[period.pk] = writable_states([units[pk] for pk in readable if pk in units], period)
        if state[period.pk][unit.pk]:
            errors.append(("conflict", i, "period", state[period.pk][unit.pk]))
            continue
        current = existing.get(key)
        version = it.get("version")
        if version is not None and (current.version if current else 0) != version:
            errors.append(("conflict", i, "version",
                           _("Số liệu đã được người khác sửa (phiên bản khác); hãy tải lại.")))
            continue
        planned.append(PlannedWrite(ref=i, unit=unit, indicator=indicator, period=period, numerator=num,
                                    denominator=den, value=value, note=note, current=current,
                                    expected_version=version if current is not None else None))
    return planned, errors


def _record_history(ids, history_type, user, reason, when):
    """The audit rows of bulk-written values, copied by the database from the rows as saved.

    Same rows as django-simple-history writes for a save() (one per value: the
    values after the change, who, when, why), without building 2 × n model
    instances in Python: one INSERT … SELECT per chunk.
    """
    history = DataValue.history.model
    tracked = [f.column for f in history._meta.concrete_fields if not f.name.startswith("history_")]
    table, source = connection.ops.quote_name(history._meta.db_table), connection.ops.quote_name(DataValue._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(c) for c in tracked)
    user_id = user.pk if user is not None else None
    with connection.cursor() as cursor:
        for start in range(0, len(ids), HISTORY_CHUNK):
            chunk = ids[start:start + HISTORY_CHUNK]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                f"INSERT INTO {table} ({columns}, history_date, history_change_reason, history_type, history_user_id) "
                f"SELECT {columns}, %s, %s, %s, %s FROM {source} WHERE id IN ({marks})",
                [when, reason or None, history_type, user_id, *chunk],
            )


def write_values(planned, user, reason):
    """Save checked writes in one transaction, all or nothing; returns (created, updated).

    First the units' submissions for the periods are locked
    (`services.lock_submissions`, the row a submit locks) and their states
    checked again: a report sent since the writer's check refuses its writes
    (NotWritable), it never receives figures after it was sent. Rows to update
    are locked (SELECT … FOR UPDATE) and their versions compared with what the
    writer read, so a concurrent edit is never overwritten silently:
    StaleWrites is raised instead. A changed figure clears an earlier quality
    confirmation, as `services.record_value` does.
    """
    now = timezone.now()
    author = user if user is not None and user.is_authenticated else None
    new, changed, stale = [], [], []
    try:
        with transaction.atomic():
            units_by_period = defaultdict(dict)
            for p in planned:
                units_by_period[p.period][p.unit.pk] = p.unit
            blocked = {}
            for period, units in sorted(units_by_period.items(), key=lambda item: item[0].pk):
                lock_submissions(units.keys(), period)
                states = writable_states(units.values(), period)
                blocked.update({p.ref: states[p.unit.pk] for p in planned
                                if p.period.pk == period.pk and states[p.unit.pk]})
            if blocked:
                raise NotWritable(blocked)
            update_ids = [p.current.pk for p in planned if p.current is not None]
            locked = {}
            for start in range(0, len(update_ids), LOCK_CHUNK):
                chunk = update_ids[start:start + LOCK_CHUNK]
                locked.update(DataValue.objects.select_for_update().in_bulk(chunk))
            for p in planned:
                if p.current is None:
                    new.append(DataValue(unit=p.unit, indicator=p.indicator, period=p.period, numerator=p.numerator,
                                         denominator=p.denominator, value=p.value, note=p.note or "", version=1,
                                         updated_by=author))
                    continue
                dv = locked.get(p.current.pk)
                if dv is None or (p.expected_version is not None and dv.version != p.expected_version):
                    stale.append(p.ref)
                    continue
                if (dv.numerator, dv.denominator) != (p.numerator, p.denominator):
                    dv.quality_confirmed = False
                dv.numerator, dv.denominator, dv.value = p.numerator, p.denominator, p.value
                if p.note is not None:
                    dv.note = p.note
                dv.version += 1
                dv.updated_by = author
                dv.updated_at = now  # bulk_update does not run auto_now
                changed.append(dv)
            if stale:
                raise StaleWrites(stale)
            touched = defaultdict(set)
            for p in planned:
                touched[p.period.pk].add(p.indicator.pk)
            for period_id, indicator_ids in touched.items():
                figures_changed(period_id=period_id, indicator_ids=indicator_ids)  # bulk writes send no signals
            if new:
                DataValue.objects.bulk_create(new, batch_size=BATCH)
                _record_history([dv.pk for dv in new], "+", author, reason, now)
            if changed:
                DataValue.objects.bulk_update(changed, UPDATED_FIELDS, batch_size=BATCH)
                _record_history([dv.pk for dv in changed], "~", author, reason, now)
    except IntegrityError:
        raise StaleWrites([]) from None
    return len(new), len(changed)
