"""Scopes of the figure engine: whose values count, and which units a scope holds on a day.

Every figure of a period reads the tree as of the period's last day
(`units.tree.tree_on`): a move or a reorganisation never changes a past
figure, whoever asks. The units whose values count for an indicator on a
day are (`indicator_scope`):
- the viewer's scope: the roots' subtrees on that day, with the subtrees of
  the units merged or renamed into them (a successor's figures before the
  merger are its predecessors', recomputed from numerators/denominators);
- ∩ the indicator's reach: its resolution's owner subtree (its successor's
  after the owner ended), narrowed to its assigned units
  (`indicators.reach.units_reached`).
So a past figure is the same from the predecessor's scope, the successor's,
an API client or a workbook.

`roots` is a unit, a list of units (a user's several subtrees) or None (the
whole tree, for admins).
"""

from django.db.models import Exists, OuterRef, Q

from config import request_memo
from units.models import ReportingUnit
from units.tree import predecessors_of, tree_on

from ..models import COUNTED_STATUSES, DataValue, Submission, SubmissionStatus
from ..reach import units_reached

MEMO = "figure-scopes"


def as_roots(roots):
    """None (everything), or the roots as a list."""
    if roots is None:
        return None
    if isinstance(roots, ReportingUnit):
        return [roots]
    return list(roots)


def roots_key(roots):
    """Hashable form of a scope: None (everything) or the sorted root ids."""
    roots = as_roots(roots)
    return None if roots is None else tuple(sorted(r.pk for r in roots))


def expand_with_predecessors(roots):
    """Roots plus, transitively, the units merged into them or renamed to them (ids and paths only)."""
    roots = as_roots(roots)
    if roots is None:
        return None
    extra = predecessors_of([u.pk for u in roots])
    paths = dict(ReportingUnit.objects.filter(pk__in=extra).values_list("pk", "path")) if extra else {}
    return list(roots) + [ReportingUnit(pk=pk, path=paths.get(pk, "")) for pk in extra]


def viewer_ids(roots, day, include_predecessors=True):
    """Ids of the units in the roots' subtrees on `day` (with their predecessors'); None = everything."""
    key = roots_key(roots)
    if key is None:
        return None
    ids = list(key) + (predecessors_of(list(key)) if include_predecessors else [])
    return tree_on(day).subtrees(ids)


def _intersect(a, b):
    if a is None:
        return b
    if b is None:
        return a
    return a & b


def reach_info(indicator):
    """(owner unit id, assigned unit ids) of an indicator: what its reach depends on.

    Read for many indicators at once from the figure cache (global generation),
    so a cached dashboard asks the database nothing for it."""
    info = getattr(indicator, "_reach_info", None)
    if info is None:
        load_reach_info([indicator])
        info = indicator._reach_info
    return info


def load_reach_info(indicators):
    """Attach reach_info to every indicator in `indicators` (one cache read, or two queries on a miss)."""
    from .. import figure_cache
    from ..models import Indicator

    todo = [i for i in indicators if getattr(i, "_reach_info", None) is None and i.pk is not None]
    if not todo:
        return

    def compute():
        owners, assigned = {}, {}
        for pk, owner_id, unit_id in Indicator.objects.filter(pk__in=sorted({i.pk for i in todo})).values_list(
                "pk", "resolution__owner_unit_id", "assigned_units"):
            owners[pk] = owner_id
            if unit_id is not None:
                assigned.setdefault(pk, set()).add(unit_id)
        return {pk: (owner_id, tuple(sorted(assigned.get(pk, ())))) for pk, owner_id in owners.items()}

    infos = figure_cache.cached("reach-info", (tuple(sorted({i.pk for i in todo})),), compute, periods=[])
    for ind in todo:
        ind._reach_info = infos.get(ind.pk, (None, ()))


def indicator_scope_key(indicator):
    """What an indicator's reach depends on (indicators sharing it share their scope)."""
    return reach_info(indicator)


def indicator_scope(indicator, roots, day, include_predecessors=True):
    """Ids of the units whose values count for `indicator` on `day`, of any kind (None = everywhere):
    the viewer's scope ∩ the indicator's reach. Memoised per web request."""
    memo = request_memo.memo(MEMO)
    owner_id, assigned = reach_info(indicator)
    key = (owner_id, assigned, roots_key(roots), day, include_predecessors)
    if memo is not None and key in memo:
        return memo[key]
    ids = _intersect(viewer_ids(roots, day, include_predecessors), units_reached(owner_id, assigned, day))
    if ids is not None:
        ids = frozenset(ids)
    if memo is not None:
        memo[key] = ids
    return ids


def expected_ids(ids, day, kind):
    """The ids among `ids` (None: every unit) of units of `kind` active on `day` (a set)."""
    active = tree_on(day).active_of_kind(kind)
    return active if ids is None else active & ids


def ids_q(ids, prefix=""):
    """Q matching rows whose unit (via `prefix`, e.g. "unit__") is one of `ids` (None: no condition)."""
    if ids is None:
        return Q()
    return Q(**{f"{prefix}pk__in": sorted(ids)}) if prefix else Q(pk__in=sorted(ids))


def subtree_q(roots, prefix="", include_predecessors=True, day=None):
    """Q matching rows whose unit (via `prefix`, e.g. "unit__") lies in the roots' subtrees on `day`
    (default: today's tree)."""
    import datetime as dt

    return ids_q(viewer_ids(roots, day or dt.date.today(), include_predecessors), prefix)


def active_on_q(day, prefix=""):
    """Q matching units active on `day` (DESIGN.md §5: a unit is expected for a period when it is
    active on the period's last day, so a unit dissolved mid-window is its successor's to report)."""
    return (Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": day})) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": day})
    )


def counted_statuses(approved_only=False):
    """The submission states whose figures the dashboards count (DESIGN.md §5)."""
    return (SubmissionStatus.APPROVED,) if approved_only else COUNTED_STATUSES


def counted_values(approved_only=False, period_ids=None, unit_ids=None):
    """Values whose unit's submission for the period is submitted/approved (or approved only).

    `period_ids` / `unit_ids`: when the caller reads only these periods or units, the submissions are
    narrowed to them as well; PostgreSQL then reads the few it needs by index instead of hashing every
    submission of the province (a district's heat map: 12 → 6 ms). The values are not filtered here.
    """
    submitted = Submission.objects.filter(
        unit_id=OuterRef("unit_id"), period_id=OuterRef("period_id"), status__in=counted_statuses(approved_only)
    )
    if period_ids is not None:
        submitted = submitted.filter(period_id__in=list(period_ids))
    if unit_ids is not None:
        submitted = submitted.filter(unit_id__in=list(unit_ids))
    return DataValue.objects.filter(Exists(submitted))


def illustrative_in_scope(indicators, period, roots, approved_only=False):
    """Does any counted figure of `indicators` for `period` in the roots' scope carry the "minh họa" mark?
    (Pages and workbooks then say "dữ liệu minh họa".) Cached like the figures it speaks of."""
    from .. import figure_cache

    ids = [i.pk for i in indicators]
    if not ids:
        return False

    def compute():
        return (counted_values(approved_only).filter(indicator_id__in=ids, period=period, is_illustrative=True)
                .filter(ids_q(viewer_ids(roots, period.end), "unit__")).exists())

    return figure_cache.cached("illustrative", (tuple(sorted(ids)), period.pk, roots_key(roots), approved_only),
                               compute, periods=[period.pk], indicators=ids)
