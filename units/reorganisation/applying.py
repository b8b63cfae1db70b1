"""Applying a plan in one transaction; the Reorganisation row keeps what was done and how to undo it.

New units start on the date, ended units end the day before with a succession to their successors,
moved units get a placement from the date, memberships pass to the successors, and every hand-over
another app registered runs. The undo data (result["undo"]) is what reverting.py reads.
"""

from django.db import transaction

from ..models import Membership, Reorganisation, ReportingUnit, UnitPlacement, UnitSuccession
from ..signals import tree_changed
from ..tree import tree_on
from .registries import HANDOVERS


def membership_grants(plan, successors):
    """[(user id, role, successor ref)] to grant: memberships on an ended unit passed to its successors."""
    grants = []
    rows = Membership.objects.filter(unit_id__in=list(successors)).values_list("user_id", "unit_id", "role")
    for user_id, unit_id, role in rows:
        for t in successors[unit_id]:
            grants.append((user_id, role, t))
    return grants


@transaction.atomic
def apply(plan, user=None, reorg=None, progress=None):
    """Apply `plan` in one transaction; returns the Reorganisation (its `result` is API.md's answer).

    `reorg`: a queued Reorganisation row to fill (the page's background apply), else a new row.
    `progress(done, total)`: told as units are moved (the page shows it; see units.tasks).
    """
    on, basis = plan.effective_on, plan.legal_basis
    undo = {"created": [], "ended": {}, "placements": [], "successions": [], "memberships": [], "handovers": {}}
    before = tree_on(plan.day_before)
    total = len(plan.new_units) + len(plan.ended) + len(plan.moves) + 1
    done = 0

    def tick(n=1):
        nonlocal done
        done += n
        if progress is not None and (done % 25 == 0 or done >= total):
            progress(done, total)

    # 1. New units start on the date (placed under their parent from the date).
    created = []
    for nu in plan.new_units:
        parent_id = nu.parent
        if isinstance(parent_id, str):
            parent_id = next(n.pk for n in plan.new_units if n.code == parent_id)
        unit = ReportingUnit(code=nu.code, name=nu.name, kind=nu.kind, parent_id=parent_id, valid_from=on)
        unit._move_basis = basis
        unit.save()
        nu.pk = unit.pk
        created.append({"id": unit.pk, "code": unit.code, "name": unit.name})
        undo["created"].append(unit.pk)
        tick()
    # 2. Ended units end the day before, with a succession to each successor.
    successors = {}
    for pk, (_, kind, targets) in plan.ended.items():
        unit = ReportingUnit.objects.select_for_update().get(pk=pk)
        undo["ended"][str(pk)] = unit.valid_to.isoformat() if unit.valid_to else None
        unit.valid_to = plan.day_before
        unit.save(update_fields=["valid_to"])
        successors[pk] = [t.pk for t in targets]
        for t in targets:
            link = UnitSuccession.objects.create(predecessor_id=pk, successor_id=t.pk, kind=kind, effective_on=on,
                                                 legal_basis=basis)
            undo["successions"].append(link.pk)
        tick()
    # 3. Moves (children passing on, and explicit moves): a placement from the date.
    moved = []
    for pk, (dest, _) in sorted(plan.moves.items()):
        old_parent = before.parent.get(pk)
        target_id = dest.pk
        placements = list(UnitPlacement.objects.filter(unit_id=pk).values_list("pk", "valid_to"))
        unit = ReportingUnit.objects.select_for_update().get(pk=pk)
        unit.parent_id = target_id
        unit._move_on, unit._move_basis = on, basis
        unit.save()
        undo["placements"].append({"unit": pk, "parent": old_parent, "before": [[p, t.isoformat() if t else None]
                                                                                 for p, t in placements]})
        moved.append({"unit": pk, "from": old_parent, "to": target_id})
        tick()
    # 4. Memberships on ended units are granted on their successors from the date.
    grants = 0
    for user_id, role, t in membership_grants(plan, {pk: [p for p in plan.ended[pk][2]] for pk in successors}):
        m, made = Membership.objects.get_or_create(user_id=user_id, unit_id=t.pk, role=role,
                                                   defaults={"valid_from": on})
        if made:
            grants += 1
            undo["memberships"].append(m.pk)
    # 5. What other apps hold for the ended units (tasks, resolutions).
    result = {"effective_on": on.isoformat(), "ended": sorted(plan.ended), "created": created, "moved": moved,
              "memberships": grants}
    for name, apply_fn, _ in HANDOVERS:
        count, data = apply_fn(successors, on, dry_run=False)
        result[name] = count
        undo["handovers"][name] = data
    if reorg is None:
        reorg = Reorganisation.objects.create(effective_on=on, legal_basis=basis, steps=plan.steps, applied_by=user)
    result["id"] = reorg.pk
    reorg.result = {**result, "undo": undo}
    reorg.status, reorg.error = Reorganisation.Status.APPLIED, ""
    reorg.save(update_fields=["result", "status", "error"])
    tick()
    tree_changed()
    return reorg


def public_result(reorg):
    """API.md's answer for an applied reorganisation (without the undo data)."""
    return {k: v for k, v in reorg.result.items() if k != "undo"}
