"""What applying a plan would do, counted and listed, with nothing saved (the page's and the API's preview).

The hand-overs other apps registered count what they would pass on (dry run).
"""

from ..models import ReportingUnit
from ..tree import tree_on
from .applying import membership_grants
from .plan import NewUnit
from .registries import HANDOVERS


def _name(plan, ref):
    if isinstance(ref, NewUnit):
        return ref.name
    return ref.name if hasattr(ref, "name") else str(ref)


def _ref_id(ref):
    return ref.pk if isinstance(ref, NewUnit | ReportingUnit) else ref


def preview(plan):
    """What applying `plan` would do, counted and listed (nothing is saved): API.md's answer without ids."""
    before = tree_on(plan.day_before)
    ended = sorted(plan.ended)
    successors = {pk: [t for t in targets] for pk, (_, _, targets) in plan.ended.items()}
    moved = [{"unit": pk, "from": before.parent.get(pk), "to": _ref_id(dest) if not isinstance(dest, NewUnit)
              else None, "to_code": dest.code if isinstance(dest, NewUnit) else None}
             for pk, (dest, _) in sorted(plan.moves.items())]
    memberships = membership_grants(plan, successors)
    out = {
        "effective_on": plan.effective_on.isoformat(),
        "ended": ended,
        "created": [{"code": nu.code, "name": nu.name} for nu in plan.new_units],
        "moved": moved,
        "memberships": len(memberships),
    }
    ids = {pk: [t.pk for t in targets if not isinstance(t, NewUnit)] for pk, targets in successors.items()}
    for name, apply_fn, _ in HANDOVERS:
        count, _undo = apply_fn(ids, plan.effective_on, dry_run=True)
        out[name] = count
    out["details"] = _details(plan, before)
    return out


def _details(plan, before):
    """Readable lines for the page: what ends into what, what moves where."""
    units = before.units
    ends = []
    for pk, (i, kind, targets) in sorted(plan.ended.items(), key=lambda kv: kv[1][0]):
        ends.append({"step": i, "kind": kind, "unit": units[pk].name if pk in units else str(pk),
                     "into": [_name(plan, t) for t in targets]})
    moves = []
    for pk, (dest, i) in sorted(plan.moves.items(), key=lambda kv: (kv[1][1], kv[0])):
        old = before.parent.get(pk)
        moves.append({"step": i, "unit": units[pk].name if pk in units else str(pk),
                      "from": units[old].name if old in units else "—", "to": _name(plan, dest)})
    return {"ended": ends, "moved": moves}
