"""Writes of the unit tree: a move is a dated placement, never an overwrite of the past.

`record_placement` is the one way a unit's placement changes: `ReportingUnit.save()` calls it for a
new unit and for every changed parent (the admin, the API and a reorganisation date the move through
`_move_on`/`_move_basis`; without them it is a move from today).
"""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext

from .models import UnitPlacement


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
            gettext("“%(unit)s” đã có vị trí từ ngày %(placed)s, sau ngày %(date)s; "
                    "không chuyển được về trước ngày đó.")
            % {"unit": unit.name, "placed": f"{later[0].valid_from:%d/%m/%Y}", "date": f"{on:%d/%m/%Y}"}
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
