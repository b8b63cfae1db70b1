"""The entry form: which rows a unit fills for a period, and saving them all or nothing.

Read side (`unit_entry_groups`, `children_grid`) builds rows with the value,
its target, last period's figure, data-quality warnings and evidence, in a
fixed number of queries. Write side (`save_rows`) validates every row with
`indicators.services` (the same rules as the API and Excel), checks each
row's version, and writes nothing unless every row is clean.

Data-quality warnings (`indicators.quality`: a jump from last period, an
outlier among peers) are advice, never a condition of saving or submitting.
Decision: the form does not ask for a tick and a note before submitting. The
tick "Xác nhận số liệu đúng" stays optional (kept in the value's history and
shown to the approver), and an explanation in the note is invited, not
required. Enforcing them at submit was rejected: a warning depends on peers'
figures that keep arriving (a report clean when saved could be blocked later),
and the API and Excel import have no way to confirm a figure, so the same
submit would pass or fail depending on the path.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import prefetch_related_objects

from . import quality
from .models import DataValue, Indicator
from .reach import reaches_ever
from .rules import FigureError, applicable_target, clean_note
from .services import (
    WriteConflict,
    attach_evidence,
    check_evidence_file,
    clean_value,
    record_value,
    write_problem,
)


@dataclass
class EntryRow:
    unit: object
    indicator: Indicator
    value: DataValue | None = None
    target: object = None
    previous: Decimal | None = None
    warnings: list = field(default_factory=list)
    evidence: list = field(default_factory=list)
    # What the person typed, shown back when the form is rejected.
    raw_numerator: str = ""
    raw_denominator: str = ""
    raw_note: str = ""
    raw_version: str = ""
    raw_confirmed: bool = False
    error_field: str = ""
    error: str = ""
    conflict: DataValue | None = None

    @property
    def key(self):
        """The form field suffix of this row."""
        return f"{self.unit.pk}-{self.indicator.pk}"

    @property
    def shown_value(self):
        return self.value.value if self.value else None


def prefill(row):
    """Show the stored figures in the row's inputs."""
    dv = row.value
    row.raw_numerator = _plain(dv.numerator) if dv else ""
    row.raw_denominator = _plain(dv.denominator) if dv else ""
    row.raw_note = dv.note if dv else ""
    row.raw_version = str(dv.version) if dv else ""
    row.raw_confirmed = bool(dv and dv.quality_confirmed)


def _plain(d):
    """A stored Decimal as a person would type it back in the form ("1.937", "22,5")."""
    if d is None:
        return ""
    from .rules import format_number

    return format_number(d)


def applicable_indicators(unit, period, resolution=None):
    """The indicators the form shows: exactly `indicators.scope.indicators_for_unit` (as the Excel template)."""
    from .scope import indicators_for_unit

    return indicators_for_unit(unit, period, resolution)


def build_rows(units, indicators, period):
    """EntryRows for units × applicable indicators, with values, targets, history, peers, evidence."""
    units, indicators = list(units), list(indicators)
    prefetch_related_objects(indicators, "targets")
    values = {
        (v.unit_id, v.indicator_id): v
        for v in DataValue.objects.filter(unit__in=units, indicator__in=indicators, period=period)
        .select_related("updated_by")
        .prefetch_related("evidence")
    }
    # The previous figure as every other surface shows it (the same as the approval queue's warnings).
    previous = quality.previous_figures(units, indicators, period)
    peers_by_kind = {kind: quality.peer_statistics(indicators, period, kind) for kind in {u.kind for u in units}}
    rows = []
    for u in units:
        for ind in indicators:
            if not ind.applies_to_kind(u.kind):
                continue
            dv = values.get((u.pk, ind.pk))
            row = EntryRow(unit=u, indicator=ind, value=dv, previous=previous.get((u.pk, ind.pk)),
                           target=applicable_target(ind.targets.all(), period.year, unit=u),
                           evidence=list(dv.evidence.all()) if dv else [])
            prefill(row)
            if dv and dv.value is not None:
                row.warnings = quality.warnings_for(ind, dv.value, row.previous, peers_by_kind[u.kind].get(ind.pk))
            rows.append(row)
    return rows


def _int(text):
    try:
        return int(text)
    except (TypeError, ValueError):
        return 0



def group_rows(rows):
    """[(resolution, [(pillar, [rows])])] in the indicators' order."""
    groups = []
    for row in rows:
        res, pillar = row.indicator.resolution, row.indicator.pillar
        if not groups or groups[-1][0] != res:
            groups.append((res, []))
        pillars = groups[-1][1]
        if not pillars or pillars[-1][0] != pillar:
            pillars.append((pillar, []))
        pillars[-1][1].append(row)
    return groups


def read_posted(rows, data, files):
    """Copy what was typed into the rows (before validation)."""
    for row in rows:
        k = row.key
        if f"n-{k}" not in data and f"d-{k}" not in data and f"note-{k}" not in data:
            row.raw_numerator = None  # row not on this form
            continue
        row.raw_numerator = data.get(f"n-{k}", "").strip()
        row.raw_denominator = data.get(f"d-{k}", "").strip()
        row.raw_note = data.get(f"note-{k}", "").strip()
        row.raw_version = data.get(f"ver-{k}", "").strip()
        row.raw_confirmed = data.get(f"ok-{k}") in ("1", "on", "true")
        row.upload = files.get(f"ev-{k}") if files else None


def save_rows(rows, period, user, reason="Nhập trên biểu mẫu", partial=False):
    """Validate every posted row, then write all changed rows in one transaction.

    Returns (saved_count, ok). On any error or version conflict, the rows
    carry `error`/`conflict` and nothing is written — unless `partial`: then
    each clean row is saved on its own (a draft keeps the work) and only the
    bad or conflicting rows are left unsaved, marked (ok is then False).
    """
    plans, failed = [], False
    writable = {}
    for row in rows:
        if row.raw_numerator is None:
            continue
        row.error_field = row.error = ""
        dv = row.value
        upload = getattr(row, "upload", None)
        blank = not (row.raw_numerator or row.raw_denominator or row.raw_note)
        if dv is None and blank and not upload:
            continue
        try:
            num, den, value = clean_value(row.unit, row.indicator, row.raw_numerator, row.raw_denominator,
                                          localized=True, period=period)
            row.raw_note = clean_note(row.raw_note)
            if upload:
                check_evidence_file(upload)
        except FigureError as exc:
            row.error_field, row.error, failed = exc.field, exc.message, True
            continue
        if row.unit.pk not in writable:
            writable[row.unit.pk] = _write_block(row.unit, period, user)
        if writable[row.unit.pk]:
            row.error_field, row.error, failed = "numerator", writable[row.unit.pk], True
            continue
        changed = (
            dv is None
            or (dv.numerator, dv.denominator) != (num, den)
            or dv.note != row.raw_note
            or dv.quality_confirmed != row.raw_confirmed
        )
        if dv is not None and _int(row.raw_version) != dv.version and changed:
            row.conflict, failed = dv, True
            continue
        if changed or upload:
            plans.append((row, num, den))
    if partial:
        return _save_each(plans, period, user, reason), not failed
    if failed:
        return 0, False
    try:
        with transaction.atomic():
            for row, num, den in plans:
                dv, _ = record_value(
                    unit=row.unit, indicator=row.indicator, period=period, numerator=num, denominator=den,
                    note=row.raw_note, user=user, version=row.value.version if row.value else None,
                    reason=reason, quality_confirmed=row.raw_confirmed,
                )
                upload = getattr(row, "upload", None)
                if upload:
                    attach_evidence(dv, upload, user)
    except WriteConflict as exc:
        # Someone saved between our check and our write: report it on that row, keep nothing.
        row.conflict = exc.current or DataValue.objects.filter(
            unit=row.unit, indicator=row.indicator, period=period).first()
        row.error = exc.message
        return 0, False
    return len(plans), True


def _save_each(plans, period, user, reason):
    """Write each planned row in its own transaction; a row that conflicts is marked and left out."""
    saved = 0
    for row, num, den in plans:
        try:
            with transaction.atomic():
                dv, _ = record_value(
                    unit=row.unit, indicator=row.indicator, period=period, numerator=num, denominator=den,
                    note=row.raw_note, user=user, version=row.value.version if row.value else None,
                    reason=reason, quality_confirmed=row.raw_confirmed,
                )
                upload = getattr(row, "upload", None)
                if upload:
                    attach_evidence(dv, upload, user)
        except WriteConflict as exc:
            row.conflict = exc.current or DataValue.objects.filter(
                unit=row.unit, indicator=row.indicator, period=period).first()
            row.error = exc.message
            continue
        row.value, row.raw_version = dv, str(dv.version)
        row.evidence = list(dv.evidence.all())
        saved += 1
    return saved


def _write_block(unit, period, user):
    """Why `user` may not write figures of `unit` for `period` now, or "" when they may (indicators.policy)."""
    return write_problem(user, unit, period)


def can_edit(unit, period, user):
    return not write_problem(user, unit, period)


def period_kinds_for(unit):
    """The period kinds in which a unit reports (from its indicators' frequencies)."""
    qs = Indicator.objects.applicable_to_kind(unit.kind).filter(is_active=True, resolution__is_active=True)
    return ({i.period_kind for i in qs.select_related("resolution__owner_unit") if reaches_ever(i.resolution, unit)}
            or {"quarter"})
