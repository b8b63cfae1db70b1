"""Every unit's own figures (the per-unit sheet of the progress report), streamed batch by batch."""

from dataclasses import dataclass
from decimal import Decimal

from indicators.figures import expected_ids, indicator_scope, unit_figures
from indicators.rules import Status, format_target
from units.models import ReportingUnit
from units.tree import tree_on

from .shared import KIND_LABELS, illustrative_reason

UNIT_BATCH = 250  # units per query batch of the per-unit sheet: memory stays flat


@dataclass
class UnitRow:
    """One unit's own figure for one indicator (the per-unit sheet)."""

    unit_code: str
    unit_name: str
    kind_label: str
    indicator_code: str
    indicator_name: str
    measure: str
    decimals: int
    numerator: Decimal | None
    denominator: Decimal | None
    value: Decimal | None
    target_text: str
    status: str
    target_note: str = ""  # why the target is "minh họa", "" for a stated one

    @property
    def status_label(self):
        return Status.LABELS[self.status]


def progress_unit_ids(period, roots, indicators):
    """Ids of the units expected for any of `indicators` in `period` (each indicator's reach, the tree
    of the period's last day), in tree order."""
    day = period.end
    wanted = set()
    for ind in indicators:
        ids = indicator_scope(ind, roots, day)
        for kind in ind.applies_to:
            wanted.update(expected_ids(ids, day, kind))
    return [pk for pk in tree_on(day).order() if pk in wanted]


def progress_unit_rows(indicators, period, roots, batch=UNIT_BATCH):
    """Every unit's own figures, batch by batch (a generator: the whole province never sits in memory).

    A unit's row for an indicator only when the indicator expects it (kind and reach)."""
    if not indicators:
        return
    ids = progress_unit_ids(period, roots, indicators)
    scopes = {ind.pk: indicator_scope(ind, roots, period.end) for ind in indicators}
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        by_id = ReportingUnit.objects.in_bulk(chunk)
        units = [by_id[pk] for pk in chunk if pk in by_id]
        figures = unit_figures(units, indicators, period)
        for u in units:
            for ind in indicators:
                f = figures.get((u.pk, ind.pk))
                if f is None or (scopes[ind.pk] is not None and u.pk not in scopes[ind.pk]):
                    continue
                yield UnitRow(
                    unit_code=u.code,
                    unit_name=u.name,
                    kind_label=KIND_LABELS.get(u.kind, u.kind),
                    indicator_code=ind.code,
                    indicator_name=ind.name,
                    measure=ind.measure,
                    decimals=ind.decimals,
                    numerator=f.numerator,
                    denominator=f.denominator,
                    value=f.value,
                    target_text=format_target(f.target, ind.measure),
                    status=f.status,
                    target_note=illustrative_reason(f.target),
                )
