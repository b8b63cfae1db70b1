"""A reorganisation (sắp xếp đơn vị) as one operation: merge, split, rename and move on one date.

    plan = build_plan(payload)        # validated; every problem listed, nothing saved (ReorganisationInvalid)
    preview(plan)                     # what applying would do, counted and listed
    apply(plan, user)                 # one transaction; a Reorganisation row keeps what was done
    revert(reorganisation, user)      # while no figure exists for a period ending on or after its date

Applying (API.md "Reorganisation"; DESIGN.md §4): each ended unit ends the day
before `effective_on` with a succession to its target(s); new units start on
the date; the children of an ended unit pass to its successor (a split names
each child's new parent); `move` changes a parent from the date on (a dated
placement, units.models.record_placement); memberships on an ended unit are
granted on its successor(s) from the date; what other apps hold for an ended
unit (open tasks and recommendations, resolutions it owns) passes on through
the hand-over hooks they register (`register_handover`), so `units` imports
none of them. Nothing before the date changes: every figure of a period reads
the tree of the period's last day.

Steps refer to units by id (int) or by code (str): the code of an existing
unit or of a unit created by an earlier step of the same reorganisation.

The package, one concern a module:

    plan.py          Plan and NewUnit (what a validated reorganisation holds), ReorganisationInvalid
    references.py    which unit a step names: an id, a code, or a unit the same reorganisation creates
    steps.py         build_plan: each step read and checked, the tree of the date checked
    previewing.py    preview: what applying would do, nothing saved
    applying.py      apply (one transaction, undo data kept on the row), public_result
    reverting.py     revert, RevertRefused, touched_units
    registries.py    register_handover and register_end_check: how other apps take part

The entry points are re-exported here because views, the API, the worker's job, the demo, the bench
and the tests all call them as `reorganisation.build_plan(…)`, `reorganisation.apply(…)`: the four
calls above are the package's one public face. The registries are imported from `registries`.
"""

from .applying import apply, public_result
from .plan import ReorganisationInvalid
from .previewing import preview
from .reverting import RevertRefused, revert
from .steps import build_plan

__all__ = ["ReorganisationInvalid", "RevertRefused", "apply", "build_plan", "preview", "public_result", "revert"]
