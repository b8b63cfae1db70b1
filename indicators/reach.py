"""Which units a resolution reaches on a day: its owner unit's subtree, then its successor's.

A resolution binds the subtree of the unit that owns it, as of the day asked
(a Sở's plan reaches that Sở and what is under it; a province's resolution
the province). After the owner ends, its merge/rename/split successors carry
it on from their date (a province's resolution after the 1/7/2025 merger
reaches the merged province). A resolution without an owner reaches
everyone. An indicator may narrow this to the subtrees of its assigned units
(`units_reached` with its `assigned_ids`).

Here, below `resolutions`, because the indicators' scope and checks read it (which units report an
indicator); a resolution's reach over its life and what a user sees of it are `resolutions.scope`.
"""

from units.tree import holder_on, tree_on


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
