"""The unit tree as of a day: every figure of a period reads the tree of the period's last day.

A unit's parent is effective-dated (`UnitPlacement`): a move is a new
placement from its date, the previous one ends the day before, and nothing
before the date changes. `ReportingUnit.parent` / `path` mirror the latest
placement (what the admin, pickers and "my units today" use); figures,
expected units, reach and the rights to write a period use `tree_on(day)`.

The whole dated tree is a few thousand rows. It is read once per tree
version (`version()`, moved by any change of units, placements or
successions: units.signals) and kept in this process; a web request reads
the version once (config.request_memo). `tree_on(day)` derives the tree of
one day from it in memory.
"""

import datetime as dt
import time
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field

from django.apps import apps
from django.core.cache import cache
from django.db import transaction

from config import request_memo

VERSION_KEY = "units:tree:version"
MEMO = "unit-tree-version"
_KEEP = 4  # tree versions kept in this process (a deploy or a burst of moves leaves old ones behind)
_rows_by_version = OrderedDict()
_trees_by_version = {}


def _read_version():
    try:
        v = cache.get(VERSION_KEY)
        if v is None:
            cache.add(VERSION_KEY, time.time_ns(), timeout=None)
            v = cache.get(VERSION_KEY)
        return v
    except Exception:  # the cache is an optimisation: without it, read the tree every time
        return None


def version():
    """The current tree version (one cache read per web request); None when the cache is unavailable."""
    memo = request_memo.memo(MEMO)
    if memo is not None and "v" in memo:
        return memo["v"]
    v = _read_version()
    if memo is not None:
        memo["v"] = v
    return v


def changed():
    """The tree changed (a unit, placement or succession was written): move the version now and on commit."""
    def move():
        try:
            cache.incr(VERSION_KEY)
        except ValueError:
            cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        except Exception:  # no cache: nothing cached to invalidate
            pass
    move()
    memo = request_memo.memo(MEMO)
    if memo is not None:
        memo.pop("v", None)
    transaction.on_commit(move)


@dataclass(frozen=True)
class UnitRow:
    """What the tree needs of a unit (plain data)."""

    pk: int
    code: str
    name: str
    kind: str
    valid_from: dt.date | None
    valid_to: dt.date | None

    def is_active_on(self, day):
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or self.valid_to >= day)


@dataclass
class TreeRows:
    """Every unit and every placement (the dated tree), as read from the database."""

    units: dict  # pk -> UnitRow
    placements: dict  # unit pk -> [(valid_from, valid_to, parent pk)] ordered by start
    successions: list  # [(predecessor, successor, kind, effective_on)]


def _load_rows():
    # Through the registry: units.models uses this module (ReportingUnit.ancestors(on=…)).
    UnitPlacement = apps.get_model("units", "UnitPlacement")
    UnitSuccession = apps.get_model("units", "UnitSuccession")

    # Every unit has at least one placement (ReportingUnit.save, rebuild_paths): one query reads both.
    units, placements = {}, defaultdict(list)
    for unit_id, parent_id, start, end, code, name, kind, u_start, u_end in UnitPlacement.objects.values_list(
            "unit_id", "parent_id", "valid_from", "valid_to",
            "unit__code", "unit__name", "unit__kind", "unit__valid_from", "unit__valid_to"):
        placements[unit_id].append((start, end, parent_id))
        if unit_id not in units:
            units[unit_id] = UnitRow(unit_id, code, name, kind, u_start, u_end)
    for rows in placements.values():
        rows.sort(key=lambda r: r[0] or dt.date.min)
    successions = list(UnitSuccession.objects.values_list("predecessor_id", "successor_id", "kind", "effective_on"))
    return TreeRows(units, dict(placements), successions)


def rows():
    """The dated tree's rows at the current version (read once per version in this process)."""
    v = version()
    if v is None:
        return _load_rows()
    found = _rows_by_version.get(v)
    if found is None:
        found = _load_rows()
        _rows_by_version[v] = found
        while len(_rows_by_version) > _KEEP:
            old, _ = _rows_by_version.popitem(last=False)
            _trees_by_version.pop(old, None)
    return found


@dataclass
class Tree:
    """The tree as of one day: parents, children, and helpers on unit ids."""

    day: dt.date
    units: dict  # pk -> UnitRow (every unit, whether or not placed on this day)
    parent: dict  # pk -> parent pk (None for a root), for units placed on `day`
    children: dict = field(default_factory=dict)  # pk -> [child pk] ordered by code

    def subtree(self, root):
        """Ids of `root` and every unit under it on this day (`root` itself even if not placed): a frozenset,
        computed once per tree and root (the tree of a day is shared by every request of the process)."""
        memo = self.__dict__.setdefault("_subtrees", {})
        found = memo.get(root)
        if found is None:
            out, stack = {root}, [root]
            while stack:
                for c in self.children.get(stack.pop(), ()):
                    if c not in out:
                        out.add(c)
                        stack.append(c)
            found = memo[root] = frozenset(out)
        return found

    def subtrees(self, roots):
        """Union of the subtrees of `roots` (ids), a frozenset."""
        roots = list(roots)
        if len(roots) == 1:
            return self.subtree(roots[0])
        out = set()
        for r in roots:
            if r not in out:
                out |= self.subtree(r)
        return frozenset(out)

    def ancestors(self, pk):
        """Ids from the root down to the parent of `pk` on this day."""
        chain, seen = [], {pk}
        p = self.parent.get(pk)
        while p is not None and p not in seen:
            chain.append(p)
            seen.add(p)
            p = self.parent.get(p)
        return chain[::-1]

    def is_within(self, pk, ancestor):
        """Is `pk` the unit `ancestor` or below it on this day?"""
        return pk == ancestor or ancestor in self.ancestors(pk)

    def active_of_kind(self, kind):
        """Ids of the units of `kind` active on this day (a set, computed once per tree)."""
        cache = self.__dict__.setdefault("_active_by_kind", {})
        if kind not in cache:
            cache[kind] = frozenset(pk for pk, u in self.units.items() if u.kind == kind and u.is_active_on(self.day))
        return cache[kind]

    def active(self, ids):
        """The ids among `ids` of units active on this day."""
        return {i for i in ids if i in self.units and self.units[i].is_active_on(self.day)}

    def order(self):
        """Ids of the units placed on this day in tree order (parents first, siblings by code)."""
        roots = sorted((pk for pk, p in self.parent.items() if p is None or p not in self.parent),
                       key=lambda pk: (self.units[pk].code if pk in self.units else "", pk))
        out, stack = [], roots[::-1]
        while stack:
            pk = stack.pop()
            out.append(pk)
            stack.extend(reversed(self.children.get(pk, ())))
        return out

    def active_children(self, pk):
        """Ids of the children of `pk` active on this day, by code."""
        return [c for c in self.children.get(pk, ()) if self.units[c].is_active_on(self.day)]

    def root_of(self, pk):
        """The top unit above `pk` on this day (its province)."""
        chain = self.ancestors(pk)
        return chain[0] if chain else pk


def placement_on(placements, day):
    """The placement (valid_from, valid_to, parent) covering `day` in a unit's ordered list, or None."""
    for start, end, parent in placements:
        if (start is None or start <= day) and (end is None or end >= day):
            return start, end, parent
    return None


def _build(data, day):
    parent = {}
    for pk, placements in data.placements.items():
        found = placement_on(placements, day)
        if found is not None:
            parent[pk] = found[2]
    children = defaultdict(list)
    for pk, p in parent.items():
        if p is not None:
            children[p].append(pk)
    for kids in children.values():
        kids.sort(key=lambda pk: (data.units[pk].code if pk in data.units else "", pk))
    return Tree(day, data.units, parent, dict(children))


def tree_on(day):
    """The tree as of `day` (kept per tree version and day in this process)."""
    v = version()
    data = rows()
    if v is None:
        return _build(data, day)
    trees = _trees_by_version.setdefault(v, {})
    tree = trees.get(day)
    if tree is None:
        tree = _build(data, day)
        if len(trees) > 200:
            trees.clear()
        trees[day] = tree
    return tree


def successors_of(pk, kinds=("merge", "rename")):
    """Ids of the units that took `pk` over (transitively), with the date of each hand-over."""
    data = rows()
    out, frontier = {}, [pk]
    while frontier:
        nxt = []
        for pred, succ, kind, on in data.successions:
            if pred in frontier and kind in kinds and succ not in out and succ != pk:
                out[succ] = on
                nxt.append(succ)
        frontier = nxt
    return out


def predecessors_of(pks, kinds=("merge", "rename")):
    """Ids of the units merged or renamed into any of `pks` (transitively)."""
    data = rows()
    seen, frontier = set(pks), list(pks)
    found = []
    while frontier:
        nxt = []
        for pred, succ, kind, _on in data.successions:
            if succ in frontier and kind in kinds and pred not in seen:
                seen.add(pred)
                found.append(pred)
                nxt.append(pred)
        frontier = nxt
    return found


def holder_on(pk, day, kinds=("merge", "rename")):
    """The units standing for `pk` on `day`: [pk] while it is active (or before it ended), else its
    successors (by `kinds`, transitively) active then (a province's resolution after the merger is
    its successor's), oldest hand-over first."""
    data = rows()
    unit = data.units.get(pk)
    if unit is None or unit.valid_to is None or unit.valid_to >= day:
        return [pk]
    heirs = [s for s, _on in sorted(successors_of(pk, kinds).items(), key=lambda kv: (kv[1], kv[0]))
             if data.units.get(s) and data.units[s].is_active_on(day)]
    return heirs or [pk]
