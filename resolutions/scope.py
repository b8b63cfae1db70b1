"""Which units a resolution reaches: its owner's province, and that province's successors.

A provincial resolution binds the units of its province. After a merger
(1/7/2025) the successor province carries its predecessors' plans on, so its
units are reached too. A resolution without an owner unit reaches everyone.
"""

from units.models import ReportingUnit, SuccessionKind, UnitSuccession


def scope_paths(resolution):
    """Tree paths whose subtrees the resolution reaches; None = everywhere. Cached on the instance."""
    cached = getattr(resolution, "_scope_paths", False)
    if cached is not False:
        return cached
    paths = None
    if resolution.owner_unit_id:
        owner = resolution.owner_unit
        root_id = owner.ancestor_ids[0] if owner.ancestor_ids else owner.pk
        roots, frontier = {root_id}, [root_id]
        while frontier:
            frontier = [
                s for s in UnitSuccession.objects.filter(
                    predecessor_id__in=frontier, kind__in=[SuccessionKind.MERGE, SuccessionKind.RENAME]
                ).values_list("successor_id", flat=True)
                if s not in roots
            ]
            roots.update(frontier)
        paths = sorted(ReportingUnit.objects.filter(pk__in=roots).values_list("path", flat=True))
    resolution._scope_paths = paths
    return paths


def covers(resolution, unit):
    """Does the resolution reach `unit`?"""
    paths = scope_paths(resolution)
    return paths is None or any(unit.path.startswith(p) for p in paths)
