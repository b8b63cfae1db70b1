"""Writes of the unit tree: a move is a dated placement, never an overwrite of the past.

`move_unit` is the one way a unit changes parent (the admin, the API and a
reorganisation call it, or reach it through `ReportingUnit.save()`, which
records a changed parent as a move from today).
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from .models import ReportingUnit, UnitPlacement


class TreeError(Exception):
    """A move the tree cannot take; `message` is Vietnamese and names the units."""

    def __init__(self, message, field="parent"):
        super().__init__(message)
        self.message = message
        self.field = field


def record_placement(unit, parent_id, on=None, legal_basis=""):
    """Place `unit` under `parent_id` from `on` (default today): its placement covering `on` ends
    the day before, later ones are refused. Called by ReportingUnit.save() on a changed parent."""
    on = on or timezone.localdate()
    placements = list(UnitPlacement.objects.select_for_update().filter(unit=unit).order_by("valid_from"))
    later = [p for p in placements if p.valid_from is not None and p.valid_from > on]
    if later:
        raise TreeError(
            f"“{unit.name}” đã có vị trí từ ngày {later[0].valid_from:%d/%m/%Y}, sau ngày {on:%d/%m/%Y}; "
            "không chuyển được về trước ngày đó."
        )
    current = next((p for p in placements if (p.valid_from is None or p.valid_from <= on)
                    and (p.valid_to is None or p.valid_to >= on)), None)
    if current is not None and current.parent_id == parent_id:
        return current
    if current is not None:
        if current.valid_from == on:  # moved twice on one day: the day's placement is the last one
            current.parent_id, current.legal_basis = parent_id, legal_basis or current.legal_basis
            current.save()
            return current
        current.valid_to = on - dt.timedelta(days=1)
        current.save()
    return UnitPlacement.objects.create(unit=unit, parent_id=parent_id, valid_from=on, legal_basis=legal_basis)


@transaction.atomic
def move_unit(unit, parent, on=None, legal_basis=""):
    """Move `unit` (and its subtree) under `parent` from `on` (default today), with its legal basis.

    Refused (TreeError): a parent that is the unit itself or below it on that
    day, or a parent not active on that day. Figures of periods ending
    before `on` keep the old tree.
    """
    from .tree import tree_on

    on = on or timezone.localdate()
    if parent is not None:
        if parent.pk == unit.pk or tree_on(on).is_within(parent.pk, unit.pk) or parent.is_within(unit):
            raise TreeError(f"Không chuyển được “{unit.name}” vào “{parent.name}”: đơn vị cấp trên không được "
                            "là chính nó hoặc đơn vị cấp dưới của nó.")
        if not parent.is_active_on(on):
            raise TreeError(f"Không chuyển được “{unit.name}” vào “{parent.name}”: đơn vị này không hoạt động "
                            f"vào ngày {on:%d/%m/%Y}.")
    unit = ReportingUnit.objects.select_for_update().get(pk=unit.pk)
    unit.parent = parent
    unit._move_on, unit._move_basis = on, legal_basis
    unit.save()
    return unit
