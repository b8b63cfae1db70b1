"""Which units a resolution reaches on a day: its owner unit's subtree, then its successor's.

A resolution binds the subtree of the unit that owns it, as of the day asked
(a Sở's plan reaches that Sở and what is under it; a province's resolution
the province). After the owner ends, its merge/rename/split successors carry
it on from their date (a province's resolution after the 1/7/2025 merger
reaches the merged province). A resolution without an owner reaches
everyone. An indicator may narrow this to the subtrees of its assigned units
(`units_reached` with its `assigned_ids`).
"""

from units.access import READ_ROLES, membership_units, roots_within
from units.tree import holder_on, tree_on

from .models import Resolution


def owner_holders(owner_id, day):
    """Ids of the units whose subtrees (as of `day`) a resolution owned by `owner_id` reaches:
    the owner while it exists, then its successors; None (everywhere) without an owner."""
    if not owner_id:
        return None
    return holder_on(owner_id, day, kinds=("merge", "rename", "split"))


def reach_roots(resolution, day):
    """Ids of the units whose subtrees (as of `day`) the resolution reaches; None = everywhere."""
    return owner_holders(resolution.owner_unit_id, day)


def reach_units(resolution, day):
    """Ids of every unit the resolution reaches on `day` (any kind, active or not); None = everywhere."""
    roots = reach_roots(resolution, day)
    return None if roots is None else tree_on(day).subtrees(roots)


def units_reached(owner_id, assigned, day):
    """Ids of the units (any kind) reached on `day` by a resolution owned by `owner_id`, narrowed to
    the subtrees of `assigned` unit ids when there are any; None = everywhere."""
    roots = owner_holders(owner_id, day)
    tree = tree_on(day)
    reach = None if roots is None else tree.subtrees(roots)
    if not assigned:
        return reach
    # An assigned unit that ended passes its indicators on to its successors, as an owner does.
    holders = {h for a in assigned for h in holder_on(a, day, kinds=("merge", "rename", "split"))}
    mine = tree.subtrees(holders)
    return mine if reach is None else mine & reach


def assigned_ids(indicator):
    """The ids of the indicator's assigned units ([] when none), read once per instance."""
    cached = getattr(indicator, "_assigned_ids", None)
    if cached is None:
        if indicator.pk is None:
            cached = []
        elif hasattr(indicator, "_prefetched_objects_cache") and "assigned_units" in indicator._prefetched_objects_cache:
            cached = sorted(u.pk for u in indicator.assigned_units.all())
        else:
            cached = sorted(indicator.assigned_units.values_list("pk", flat=True))
        indicator._assigned_ids = cached
    return cached


def reaches(resolution, unit, day):
    """Does the resolution reach `unit` on `day`?"""
    roots = reach_roots(resolution, day)
    if roots is None:
        return True
    tree = tree_on(day)
    return any(tree.is_within(unit.pk, r) for r in roots)


def indicator_reaches(indicator, unit, day):
    """Is `unit` inside the indicator's reach on `day` (its resolution's, narrowed to its assigned units)?"""
    if not reaches(indicator.resolution, unit, day):
        return False
    assigned = assigned_ids(indicator)
    if not assigned:
        return True
    tree = tree_on(day)
    holders = {h for a in assigned for h in holder_on(a, day, kinds=("merge", "rename", "split"))}
    return any(tree.is_within(unit.pk, a) for a in holders)


def reaches_ever(resolution, unit, today=None):
    """Does the resolution reach `unit` on some day of its years (31/12 of each, the unit's last day,
    today)? For lists that span periods (the resolutions a unit's pages offer)."""
    import datetime as dt

    today = today or dt.date.today()
    first = resolution.start_year or today.year
    last = max(resolution.end_year or today.year, first)
    days = {dt.date(y, 12, 31) for y in range(first, min(last, today.year) + 1)} | {today}
    if unit.valid_to is not None:
        days.add(unit.valid_to)
    return any(reaches(resolution, unit, d) for d in sorted(days)
               if (unit.valid_from is None or unit.valid_from <= d) and (unit.valid_to is None or unit.valid_to >= d))


def reach_holders(resolution):
    """The units whose subtrees a resolution reaches over its life: its owner and every successor of it
    (by merge, rename or split, transitively), owner first; [] without an owner (it reaches everyone)."""
    from units.models import ReportingUnit
    from units.tree import successors_of

    if not resolution.owner_unit_id:
        return []
    heirs = successors_of(resolution.owner_unit_id, ("merge", "rename", "split"))
    ids = [resolution.owner_unit_id] + [pk for pk, _on in sorted(heirs.items(), key=lambda kv: (kv[1], kv[0]))]
    by_id = ReportingUnit.objects.in_bulk(ids)
    return [by_id[pk] for pk in ids if pk in by_id]


def overlaps_reach(resolution, unit):
    """May a page or a report of the resolution be scoped to `unit`? When the resolution reaches it on some
    day of its years, or when the unit lies above one of the units it reaches (a province above a Sở's plan)."""
    if reaches_ever(resolution, unit):
        return True
    return any(h.is_within(unit) for h in reach_holders(resolution))


def user_reaches(user, resolution, roles=None):
    """Does `resolution` reach a unit of the user's scope for `roles`? (admins: always; no resolution: True)

    Its reach over its life (its owner and the owner's successors, reach_holders) and the user's scope
    (the subtrees of their memberships) meet when one contains the other.
    """
    if resolution is None or (user.is_authenticated and user.is_staff):
        return True
    units = membership_units(user, roles or READ_ROLES)
    holders = reach_holders(resolution)
    if not holders:
        return bool(units)
    return any(u.is_within(h) or h.is_within(u) for u in units for h in holders)


def resolution_scope(resolution, user):
    """The roots a user sees of a resolution: the subtrees of its owner and of its successors (its reach
    over its life, resolutions.scope.reach_holders) within the user's scope. The figure engine then keeps,
    period by period, what the resolution reached on the period's last day."""
    holders = reach_holders(resolution)
    if not holders:
        return roots_within(user, None)
    roots = []
    for holder in holders:
        for r in roots_within(user, holder):
            if not any(r.is_within(x) for x in roots):
                roots = [x for x in roots if not x.is_within(r)] + [r]
    return roots


def visible_resolutions(user):
    """Active resolutions with something in the user's scope (admins: all)."""
    out = []
    for res in Resolution.objects.filter(is_active=True).select_related("owner_unit").order_by("-issued_on", "code"):
        if resolution_scope(res, user) != []:
            out.append(res)
    return out
