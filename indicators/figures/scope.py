"""Scopes of the figure engine: whose values count, and which units are in a scope.

`roots` is a unit, a list of units (a user's several subtrees) or None (the
whole province, for admins). A merged unit's subtree includes its
predecessors' subtrees (merge/rename successions), so a successor's figures
show its predecessors' history, recomputed from numerators/denominators.
"""

from django.db.models import Exists, OuterRef, Q

from units.models import ReportingUnit, SuccessionKind, UnitSuccession

from .. import figure_cache
from ..models import COUNTED_STATUSES, DataValue, Submission, SubmissionStatus


def as_roots(roots):
    """None (everything), or the roots as a list."""
    if roots is None:
        return None
    if isinstance(roots, ReportingUnit):
        return [roots]
    return list(roots)


def expand_with_predecessors(roots):
    """Roots plus, transitively, the units merged into them or renamed to them.

    The added predecessors carry their id and tree path only (what scopes need);
    the chain is cached under the global generation (successions and moves bump it).
    """
    roots = as_roots(roots)
    if roots is None:
        return None

    def chain():
        seen = {u.pk for u in roots}
        frontier, found = list(seen), []
        while frontier:
            links = UnitSuccession.objects.filter(
                successor_id__in=frontier, kind__in=[SuccessionKind.MERGE, SuccessionKind.RENAME]
            ).values_list("predecessor_id", "predecessor__path")
            frontier = []
            for pk, path in links:
                if pk not in seen:
                    seen.add(pk)
                    found.append((pk, path))
                    frontier.append(pk)
        return found

    extra = figure_cache.cached("predecessors", (tuple(sorted(u.pk for u in roots)),), chain, periods=[])
    return list(roots) + [ReportingUnit(pk=pk, path=path) for pk, path in extra]


def subtree_q(roots, prefix="", include_predecessors=True):
    """Q matching rows whose unit (via `prefix`, e.g. "unit__") lies in the roots' subtrees."""
    roots = expand_with_predecessors(roots) if include_predecessors else as_roots(roots)
    if roots is None:
        return Q()
    q = Q(pk__in=[]) if not prefix else Q(**{f"{prefix}pk__in": []})
    for r in roots:
        q |= Q(**{f"{prefix}path__startswith": r.path})
    return q


def active_on_q(day, prefix=""):
    """Q matching units active on `day` (DESIGN.md §5: a unit is expected for a period when it is
    active on the period's last day, so a unit dissolved mid-window is its successor's to report)."""
    return (Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": day})) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": day})
    )


def counted_statuses(approved_only=False):
    """The submission states whose figures the dashboards count (DESIGN.md §5)."""
    return (SubmissionStatus.APPROVED,) if approved_only else COUNTED_STATUSES


def counted_values(approved_only=False):
    """Values whose unit's submission for the period is submitted/approved (or approved only)."""
    submitted = Submission.objects.filter(
        unit_id=OuterRef("unit_id"), period_id=OuterRef("period_id"), status__in=counted_statuses(approved_only)
    )
    return DataValue.objects.filter(Exists(submitted))


