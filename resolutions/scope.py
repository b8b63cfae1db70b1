"""A resolution's reach over its life (its owner and the owner's successors) and what a user sees of it.

Its reach on a day (the owner unit's subtree, then its successor's, narrowed for an indicator to its
assigned units) is `indicators.reach`.
"""

from indicators.reach import reaches_ever
from units.access import READ_ROLES, membership_units, roots_within

from .models import Resolution


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
