"""What a validated reorganisation holds (Plan, NewUnit) and the error listing every problem of its steps.

steps.build_plan fills a Plan; previewing, applying read it. Nothing here touches the database.
"""

import datetime as dt
from dataclasses import dataclass, field


class ReorganisationInvalid(Exception):
    """Bad steps: `errors` is [{"step": i or None, "field": "…", "message": "…"}] (Vietnamese)."""

    def __init__(self, errors):
        super().__init__(f"{len(errors)} lỗi")
        self.errors = errors


@dataclass
class NewUnit:
    """A unit a step creates (its `parent` is a unit id, or a code of another new unit)."""

    step: int
    code: str
    name: str
    kind: str
    parent: object  # int id, str code of a new unit, or None
    pk: int | None = None


@dataclass
class Plan:
    """A validated reorganisation: what ends, what starts, what moves, from `effective_on`."""

    effective_on: dt.date
    legal_basis: str
    steps: list
    new_units: list = field(default_factory=list)  # [NewUnit] in creation order
    ended: dict = field(default_factory=dict)  # ended unit id -> (step index, kind, [successor refs])
    moves: dict = field(default_factory=dict)  # unit id -> (new parent ref, step index)
    units: dict = field(default_factory=dict)  # unit id -> ReportingUnit (every existing unit referred to)

    @property
    def day_before(self):
        return self.effective_on - dt.timedelta(days=1)


def add_error(errors, step, fld, message):
    """Record one problem of the posted steps: its step (index, or None for the whole body) and field."""
    errors.append({"step": step, "field": fld, "message": message})
