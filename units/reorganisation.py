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
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext, pgettext_lazy

from .models import (
    Membership,
    Reorganisation,
    ReportingUnit,
    SuccessionKind,
    UnitKind,
    UnitPlacement,
    UnitSuccession,
)
from .signals import tree_changed
from .tree import tree_on

KINDS = ("merge", "split", "rename", "move")
MAX_ID = 2**63 - 1  # a unit id the database can hold; a larger number is simply not a unit
KIND_WORDS = {  # the verb of a step inside a sentence ("không thể sáp nhập từ ngày …")
    "merge": pgettext_lazy("reorganisation verb", "sáp nhập"),
    "split": pgettext_lazy("reorganisation verb", "chia tách"),
    "rename": pgettext_lazy("reorganisation verb", "đổi tên"),
    "move": pgettext_lazy("reorganisation verb", "chuyển đơn vị cấp trên"),
}
DISTRICT_LEVEL = (UnitKind.DISTRICT, UnitKind.DISTRICT_OFFICE)
DISTRICT_HEIRS = (UnitKind.PROVINCE, UnitKind.DEPARTMENT, UnitKind.COMMUNE)
# A parent's level must be above its child's ("other" fits anywhere): a school never goes under a school.
LEVEL = {UnitKind.PROVINCE: 0, UnitKind.DEPARTMENT: 1, UnitKind.DISTRICT: 1, UnitKind.DISTRICT_OFFICE: 2,
         UnitKind.COMMUNE: 2, UnitKind.SCHOOL: 3}


class ReorganisationInvalid(Exception):
    """Bad steps: `errors` is [{"step": i or None, "field": "…", "message": "…"}] (Vietnamese)."""

    def __init__(self, errors):
        super().__init__(f"{len(errors)} lỗi")
        self.errors = errors


class RevertRefused(Exception):
    """A reorganisation that can no longer be reverted (figures entered after its date)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


# --- hand-overs registered by other apps ------------------------------------------------------

_HANDOVERS = []


def register_handover(name, apply_fn, revert_fn):
    """Let an app pass what it holds for ended units to their successors.

    `apply_fn(successors, effective_on, dry_run)` gets {ended unit id: [successor ids]} and returns
    (count, undo data as JSON); `revert_fn(undo)` puts things back. `name` is the key in the result
    (e.g. "tasks", "resolutions").
    """
    if name not in {n for n, _, _ in _HANDOVERS}:
        _HANDOVERS.append((name, apply_fn, revert_fn))


_END_CHECKS = []


def register_end_check(fn):
    """Let an app refuse ending units: `fn(unit ids, effective_on)` returns {unit id: Vietnamese reason}.

    indicators registers one: a unit with figures for a period ending on or after the date cannot end
    the day before (those figures would belong to nobody).
    """
    if fn not in _END_CHECKS:
        _END_CHECKS.append(fn)


# --- the plan ---------------------------------------------------------------------------------

@dataclass
class NewUnit:
    """A unit a step creates (its `parent` is a unit id, or a code of another new unit)."""

    step: int
    code: str
    name: str
    kind: str
    parent: object  # int id, str code of a new unit, or None
    pk: int | None = None


@dataclass
class Plan:
    """A validated reorganisation: what ends, what starts, what moves, from `effective_on`."""

    effective_on: dt.date
    legal_basis: str
    steps: list
    new_units: list = field(default_factory=list)  # [NewUnit] in creation order
    ended: dict = field(default_factory=dict)  # ended unit id -> (step index, kind, [successor refs])
    moves: dict = field(default_factory=dict)  # unit id -> (new parent ref, step index)
    units: dict = field(default_factory=dict)  # unit id -> ReportingUnit (every existing unit referred to)

    @property
    def day_before(self):
        return self.effective_on - dt.timedelta(days=1)


def _err(errors, step, fld, message):
    errors.append({"step": step, "field": fld, "message": message})


def build_plan(payload):
    """Read and check a reorganisation (API.md's body); raise ReorganisationInvalid listing every problem."""
    errors = []
    if not isinstance(payload, dict):
        raise ReorganisationInvalid([{"step": None, "field": "non_field_errors",
                                      "message": gettext("Cần một đối tượng JSON có effective_on, legal_basis và steps.")}])
    raw_date = payload.get("effective_on")
    try:
        on = parse_date(raw_date) if isinstance(raw_date, str) else raw_date if isinstance(raw_date, dt.date) else None
    except ValueError:  # well formed but not a day ("2024-13-01")
        on = None
    if on is None:
        _err(errors, None, "effective_on", gettext("Ngày hiệu lực không hợp lệ (dạng YYYY-MM-DD, ví dụ 2025-07-01)."))
    basis = str(payload.get("legal_basis") or "").strip()
    if not basis:
        _err(errors, None, "legal_basis", gettext("Cần nêu căn cứ pháp lý (ví dụ: Nghị quyết số 202/2025/QH15)."))
    elif len(basis) > 255:
        _err(errors, None, "legal_basis", gettext("Căn cứ pháp lý tối đa 255 ký tự."))
    steps = payload.get("steps")
    if not isinstance(steps, list) or not steps:
        _err(errors, None, "steps", gettext("Cần ít nhất một bước (sáp nhập, chia tách, đổi tên hoặc chuyển đơn vị)."))
        steps = []
    if on is None:
        raise ReorganisationInvalid(errors)
    plan = Plan(on, basis, steps)
    _Reader(plan, errors).read()
    if errors:
        raise ReorganisationInvalid(errors)
    return plan


class _Reader:
    """Turns the posted steps into a Plan, collecting every problem with its step and field."""

    def __init__(self, plan, errors):
        self.plan, self.errors = plan, errors
        self.before = tree_on(plan.day_before)  # the tree the day before: what ends, and what it holds
        self.by_code = {}
        self.new_codes = {}  # code -> NewUnit

    # -- references -------------------------------------------------------------------------
    def _load(self):
        ids, codes = set(), set()

        def collect(ref):
            if isinstance(ref, bool):
                return
            if isinstance(ref, int):
                if 0 < ref <= MAX_ID:
                    ids.add(ref)
            elif isinstance(ref, str) and ref.strip() and len(ref) <= 40:
                codes.add(ref.strip())
            elif isinstance(ref, dict):
                collect(ref.get("parent"))
            elif isinstance(ref, list):
                for r in ref:
                    collect(r)

        for step in self.plan.steps:
            if isinstance(step, dict):
                for key in ("from", "into", "units", "to"):
                    collect(step.get(key))
                children = step.get("children")
                if isinstance(children, dict):
                    for k, v in children.items():
                        collect(int(k) if str(k).isdigit() else k)
                        collect(v)
        found = ReportingUnit.objects.filter(pk__in=ids) | ReportingUnit.objects.filter(code__in=codes)
        for u in found:
            self.plan.units[u.pk] = u
            self.by_code[u.code] = u

    def existing(self, i, fld, ref):
        """An existing unit from an id or a code, or None after recording the problem."""
        if isinstance(ref, bool) or not isinstance(ref, int | str):
            _err(self.errors, i, fld, gettext("Cần mã số (id) hoặc mã của một đơn vị."))
            return None
        unit = self.plan.units.get(ref) if isinstance(ref, int) else self.by_code.get(ref.strip())
        if unit is None and (0 < ref <= MAX_ID if isinstance(ref, int) else 0 < len(ref.strip()) <= 40):
            unit = (ReportingUnit.objects.filter(pk=ref) if isinstance(ref, int)
                    else ReportingUnit.objects.filter(code=ref.strip())).first()
            if unit is not None:
                self.plan.units[unit.pk] = unit
                self.by_code[unit.code] = unit
        if unit is None:
            _err(self.errors, i, fld, gettext("Không tìm thấy đơn vị “%(ref)s”.") % {"ref": ref})
        return unit

    def target(self, i, fld, ref, default_kind=None, default_parent=None):
        """A successor: an existing unit (id or code) or a new unit {code, name, kind, parent}."""
        if isinstance(ref, dict):
            return self.new_unit(i, fld, ref, default_kind, default_parent)
        if isinstance(ref, str) and ref.strip() in self.new_codes:
            return self.new_codes[ref.strip()]
        return self.existing(i, fld, ref)

    def new_unit(self, i, fld, spec, default_kind, default_parent):
        code = str(spec.get("code") or "").strip()
        name = str(spec.get("name") or "").strip()
        kind = spec.get("kind") or default_kind
        parent = spec.get("parent", default_parent)
        ok = True
        if not code or len(code) > 40:
            _err(self.errors, i, f"{fld}.code", gettext("Cần mã đơn vị mới (tối đa 40 ký tự)."))
            ok = False
        elif code in self.by_code or code in self.new_codes or ReportingUnit.objects.filter(code=code).exists():
            _err(self.errors, i, f"{fld}.code",
                 gettext("Mã “%(code)s” đã được dùng; mã đơn vị không bao giờ dùng lại.") % {"code": code})
            ok = False
        if not name or len(name) > 255:
            _err(self.errors, i, f"{fld}.name", gettext("Cần tên đơn vị mới (tối đa 255 ký tự)."))
            ok = False
        if kind not in UnitKind.values:
            _err(self.errors, i, f"{fld}.kind", gettext("Loại đơn vị “%(kind)s” không hợp lệ.") % {"kind": kind})
            ok = False
        parent_ref = None
        if parent is not None:
            if isinstance(parent, ReportingUnit):
                parent_ref = parent.pk
            elif isinstance(parent, str) and parent.strip() in self.new_codes:
                parent_ref = parent.strip()
            else:
                p = self.existing(i, f"{fld}.parent", parent)
                if p is None:
                    ok = False
                else:
                    parent_ref = p.pk
        if not ok:
            return None
        unit = NewUnit(i, code, name, kind, parent_ref)
        self.new_codes[code] = unit
        self.plan.new_units.append(unit)
        return unit

    # -- checks -----------------------------------------------------------------------------
    def ending(self, i, fld, unit, kind):
        """Check that `unit` can end the day before the date (active then, not ended by another step)."""
        on = self.plan.effective_on
        if unit.valid_from is not None and unit.valid_from >= on:
            _err(self.errors, i, fld, gettext("“%(unit)s” bắt đầu hoạt động từ %(start)s, không trước "
                                              "ngày hiệu lực %(date)s.")
                 % {"unit": unit.name, "start": f"{unit.valid_from:%d/%m/%Y}", "date": f"{on:%d/%m/%Y}"})
            return False
        if not unit.is_active_on(self.plan.day_before) or (unit.valid_to is not None and unit.valid_to < on):
            values = {"unit": unit.name, "action": KIND_WORDS[kind], "date": f"{on:%d/%m/%Y}"}
            if unit.valid_to:
                message = gettext("“%(unit)s” đã thôi hoạt động từ %(end)s; không thể %(action)s từ ngày %(date)s.")
                values["end"] = f"{unit.valid_to:%d/%m/%Y}"
            else:
                message = gettext("“%(unit)s” đã thôi hoạt động; không thể %(action)s từ ngày %(date)s.")
            _err(self.errors, i, fld, message % values)
            return False
        if unit.pk in self.plan.ended:
            first = self.plan.ended[unit.pk][0]
            _err(self.errors, i, fld, gettext("“%(unit)s” đã thôi hoạt động ở bước %(step)s; một đơn vị chỉ được "
                                              "kết thúc bởi một bước.") % {"unit": unit.name, "step": first + 1})
            return False
        return True

    def fits(self, i, fld, unit, target):
        """Merge/split/rename: the successor is of the same kind as the unit it takes over, except that a
        district-level unit (abolished on 1/7/2025) may pass to a province, a Sở or a commune."""
        kind = target.kind
        if kind != unit.kind and not (unit.kind in DISTRICT_LEVEL and kind in DISTRICT_HEIRS):
            _err(self.errors, i, fld, gettext("“%(unit)s” (%(kind)s) không thể sáp nhập vào một đơn vị loại "
                                              "%(target_kind)s.")
                 % {"unit": unit.name, "kind": UnitKind(unit.kind).label, "target_kind": UnitKind(kind).label})
            return False
        return True

    def read(self):
        self._load()
        for i, step in enumerate(self.plan.steps):
            if not isinstance(step, dict):
                _err(self.errors, i, "kind", gettext("Mỗi bước là một đối tượng JSON."))
                continue
            kind = step.get("kind")
            if kind not in KINDS:
                _err(self.errors, i, "kind",
                     gettext("Loại bước “%(kind)s” không hợp lệ (merge, split, rename, move).") % {"kind": kind})
                continue
            getattr(self, f"read_{kind}")(i, step)
        if not self.errors:
            self.check_tree()
        if not self.errors and self.plan.ended:
            for check in _END_CHECKS:
                for pk, message in check(sorted(self.plan.ended), self.plan.effective_on).items():
                    _err(self.errors, self.plan.ended[pk][0], "from", message)

    def _successor_ok(self, i, fld, target, sources):
        """An existing successor must be active on the date and not below (or equal to) a source."""
        if isinstance(target, NewUnit):
            return True
        on = self.plan.effective_on
        if not target.is_active_on(on) or target.pk in self.plan.ended:
            _err(self.errors, i, fld, gettext("“%(unit)s” không hoạt động vào ngày %(date)s; không nhận được "
                                              "đơn vị khác.") % {"unit": target.name, "date": f"{on:%d/%m/%Y}"})
            return False
        for s in sources:
            if s.pk == target.pk:
                _err(self.errors, i, fld, gettext("Không thể sáp nhập “%(unit)s” vào chính nó.") % {"unit": s.name})
                return False
            if self.before.is_within(target.pk, s.pk):
                _err(self.errors, i, fld, gettext("Không thể sáp nhập “%(unit)s” vào “%(target)s”, "
                                                  "một đơn vị cấp dưới của chính nó.")
                     % {"unit": s.name, "target": target.name})
                return False
        return True

    def read_merge(self, i, step):
        sources = step.get("from")
        if not isinstance(sources, list) or not sources:
            _err(self.errors, i, "from", gettext("Cần danh sách các đơn vị được sáp nhập."))
            return
        units = [u for u in (self.existing(i, "from", r) for r in sources) if u is not None]
        if len(units) != len(sources):
            return
        target = self.target(i, "into", step.get("into"), default_kind=units[0].kind)
        if target is None or not self._successor_ok(i, "into", target, units):
            return
        for u in units:
            if self.ending(i, "from", u, "merge") and self.fits(i, "into", u, target):
                self.plan.ended[u.pk] = (i, SuccessionKind.MERGE, [target])

    def read_rename(self, i, step):
        unit = self.existing(i, "from", step.get("from"))
        if unit is None:
            return
        into = step.get("into")
        if isinstance(into, dict):
            into = {**into, "kind": into.get("kind") or unit.kind}
            into.setdefault("parent", self.before.parent.get(unit.pk))
        target = self.target(i, "into", into, default_kind=unit.kind)
        if target is None or not self._successor_ok(i, "into", target, [unit]):
            return
        if self.ending(i, "from", unit, "rename") and self.fits(i, "into", unit, target):
            self.plan.ended[unit.pk] = (i, SuccessionKind.RENAME, [target])

    def read_split(self, i, step):
        unit = self.existing(i, "from", step.get("from"))
        into = step.get("into")
        if unit is None:
            return
        if not isinstance(into, list) or len(into) < 2:
            _err(self.errors, i, "into", gettext("Chia tách cần ít nhất hai đơn vị tiếp nhận."))
            return
        targets = [self.target(i, "into", r, default_kind=unit.kind) for r in into]
        if any(t is None for t in targets) or not all(self._successor_ok(i, "into", t, [unit]) for t in targets):
            return
        if not (self.ending(i, "from", unit, "split") and all(self.fits(i, "into", unit, t) for t in targets)):
            return
        self.plan.ended[unit.pk] = (i, SuccessionKind.SPLIT, targets)
        # Every child (the day before, still active on the date) goes to a named successor.
        mapping = step.get("children") or {}
        if not isinstance(mapping, dict):
            _err(self.errors, i, "children", gettext("“children” là một đối tượng {mã số đơn vị con: đơn vị tiếp nhận}."))
            return
        wanted = {}
        for key, ref in mapping.items():
            child = self.existing(i, "children", int(key) if str(key).isdigit() and len(str(key)) < 19 else str(key))
            dest = self.target(i, "children", ref)
            if child is None or dest is None:
                continue
            if not any(dest is t or (not isinstance(t, NewUnit) and not isinstance(dest, NewUnit) and t.pk == dest.pk)
                       for t in targets):
                _err(self.errors, i, "children", gettext("“%(unit)s” phải chuyển về một trong các đơn vị tiếp nhận "
                                                         "của bước chia tách này.") % {"unit": child.name})
                continue
            wanted[child.pk] = dest
        for child_id in self.before.children.get(unit.pk, ()):
            if not self.before.units[child_id].is_active_on(self.plan.effective_on):
                continue
            if child_id not in wanted:
                name = self.before.units[child_id].name
                _err(self.errors, i, "children", gettext("Chưa nêu “%(child)s” (đơn vị cấp dưới của “%(unit)s”) "
                                                         "chuyển về đơn vị tiếp nhận nào.")
                     % {"child": name, "unit": unit.name})
        self._split_children = getattr(self, "_split_children", {})
        self._split_children.update({pk: (dest, i) for pk, dest in wanted.items()})

    def read_move(self, i, step):
        refs = step.get("units")
        if not isinstance(refs, list) or not refs:
            _err(self.errors, i, "units", gettext("Cần danh sách các đơn vị được chuyển."))
            return
        parent = self.target(i, "to", step.get("to"))
        if parent is None:
            return
        on = self.plan.effective_on
        if not isinstance(parent, NewUnit) and (not parent.is_active_on(on) or parent.pk in self.plan.ended):
            _err(self.errors, i, "to", gettext("“%(unit)s” không hoạt động vào ngày %(date)s; không chuyển "
                                               "được đơn vị vào đó.") % {"unit": parent.name, "date": f"{on:%d/%m/%Y}"})
            return
        for ref in refs:
            unit = self.existing(i, "units", ref)
            if unit is None:
                continue
            if unit.valid_from is not None and unit.valid_from > on:
                _err(self.errors, i, "units", gettext("“%(unit)s” bắt đầu hoạt động từ %(start)s, sau "
                                                      "ngày hiệu lực %(date)s.")
                     % {"unit": unit.name, "start": f"{unit.valid_from:%d/%m/%Y}", "date": f"{on:%d/%m/%Y}"})
                continue
            if not unit.is_active_on(on) or unit.pk in self.plan.ended:
                _err(self.errors, i, "units", gettext("“%(unit)s” không hoạt động vào ngày %(date)s; không chuyển "
                                                      "được.") % {"unit": unit.name, "date": f"{on:%d/%m/%Y}"})
                continue
            if unit.pk in self.plan.moves:
                _err(self.errors, i, "units", gettext("“%(unit)s” đã được chuyển ở bước %(step)s.")
                     % {"unit": unit.name, "step": self.plan.moves[unit.pk][1] + 1})
                continue
            if not self._level_fits(unit.kind, parent.kind):
                _err(self.errors, i, "to", gettext("Không thể đặt %(kind)s “%(unit)s” dưới %(parent_kind)s “%(parent)s”.")
                     % {"kind": UnitKind(unit.kind).label.lower(), "unit": unit.name,
                        "parent_kind": UnitKind(parent.kind).label.lower(), "parent": parent.name})
                continue
            self.plan.moves[unit.pk] = (parent, i)

    @staticmethod
    def _level_fits(child_kind, parent_kind):
        if child_kind == UnitKind.OTHER or parent_kind == UnitKind.OTHER:
            return True
        return LEVEL.get(parent_kind, 0) < LEVEL.get(child_kind, 9)

    # -- the resulting tree ------------------------------------------------------------------
    def check_tree(self):
        """Children of ended units pass on; the tree of the date must have no cycle."""
        plan = self.plan
        split_children = getattr(self, "_split_children", {})
        for pk, (_, kind, targets) in plan.ended.items():
            for child_id in self.before.children.get(pk, ()):
                child = self.before.units[child_id]
                if child_id in plan.ended or child_id in plan.moves or not child.is_active_on(plan.effective_on):
                    continue  # ended too, or moved by a step of its own (explicit wins)
                dest = split_children[child_id][0] if kind == SuccessionKind.SPLIT else targets[0]
                plan.moves[child_id] = (dest, plan.ended[pk][0])
        # Parents on the date (existing ids; new units by their code) and a walk up from each moved unit.
        parent_on = {}
        for pk, p in self.before.parent.items():
            parent_on[pk] = p
        for pk, (dest, _) in plan.moves.items():
            parent_on[pk] = dest.code if isinstance(dest, NewUnit) else dest.pk
        for nu in plan.new_units:
            parent_on[nu.code] = nu.parent
        for pk, (_dest, i) in plan.moves.items():
            seen, cur = {pk}, parent_on.get(pk)
            while cur is not None:
                if cur in seen:
                    unit = plan.units.get(pk) or self.before.units.get(pk)
                    _err(self.errors, i, "to",
                         gettext("Chuyển “%(unit)s” tạo thành vòng lặp trong cây đơn vị.") % {"unit": unit.name})
                    break
                seen.add(cur)
                cur = parent_on.get(cur)
        for nu in plan.new_units:
            parent = nu.parent
            if isinstance(parent, int):
                p = plan.units.get(parent)
                if p is not None and (not p.is_active_on(plan.effective_on) or parent in plan.ended):
                    _err(self.errors, nu.step, "into.parent",
                         gettext("“%(unit)s” không hoạt động vào ngày %(date)s; không đặt được đơn vị "
                                 "mới “%(new)s” dưới đơn vị này.")
                         % {"unit": p.name, "date": f"{plan.effective_on:%d/%m/%Y}", "new": nu.name})


# --- preview and apply -----------------------------------------------------------------------

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
    memberships = _membership_grants(plan, successors)
    out = {
        "effective_on": plan.effective_on.isoformat(),
        "ended": ended,
        "created": [{"code": nu.code, "name": nu.name} for nu in plan.new_units],
        "moved": moved,
        "memberships": len(memberships),
    }
    ids = {pk: [t.pk for t in targets if not isinstance(t, NewUnit)] for pk, targets in successors.items()}
    for name, apply_fn, _ in _HANDOVERS:
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


def _membership_grants(plan, successors):
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
    for user_id, role, t in _membership_grants(plan, {pk: [p for p in plan.ended[pk][2]] for pk in successors}):
        m, made = Membership.objects.get_or_create(user_id=user_id, unit_id=t.pk, role=role,
                                                   defaults={"valid_from": on})
        if made:
            grants += 1
            undo["memberships"].append(m.pk)
    # 5. What other apps hold for the ended units (tasks, resolutions).
    result = {"effective_on": on.isoformat(), "ended": sorted(plan.ended), "created": created, "moved": moved,
              "memberships": grants}
    for name, apply_fn, _ in _HANDOVERS:
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


def touched_units(reorg):
    """Ids of the units a reorganisation changed, and everything under them on its date."""
    r = reorg.result
    ids = set(r.get("ended", [])) | {c["id"] for c in r.get("created", [])} | {m["unit"] for m in r.get("moved", [])}
    ids |= {m["to"] for m in r.get("moved", [])}
    tree = tree_on(reorg.effective_on)
    return tree.subtrees(ids) | ids


@transaction.atomic
def revert(reorg, user=None):
    """Undo an applied reorganisation while no figure exists for a period ending on or after its date
    in the subtrees it touched (RevertRefused otherwise)."""
    from django.apps import apps

    reorg = Reorganisation.objects.select_for_update().get(pk=reorg.pk)
    if reorg.reverted_at is not None:
        raise RevertRefused(gettext("Đợt sắp xếp này đã được hoàn tác."))
    if reorg.status != Reorganisation.Status.APPLIED:
        raise RevertRefused(gettext("Chỉ hoàn tác được đợt sắp xếp đã áp dụng."))
    later = Reorganisation.objects.filter(reverted_at__isnull=True, status=Reorganisation.Status.APPLIED,
                                          applied_at__gt=reorg.applied_at).exclude(pk=reorg.pk)
    if later.exists():
        raise RevertRefused(gettext("Đã có đợt sắp xếp đơn vị áp dụng sau đợt này; hãy hoàn tác đợt sau trước."))
    DataValue = apps.get_model("indicators", "DataValue")
    touched = touched_units(reorg)
    if DataValue.objects.filter(unit_id__in=sorted(touched), period__end__gte=reorg.effective_on).exists():
        raise RevertRefused(
            gettext("Đã có số liệu của kỳ kết thúc từ ngày %(date)s trở đi cho các đơn vị liên quan; "
                    "không thể hoàn tác đợt sắp xếp này.") % {"date": f"{reorg.effective_on:%d/%m/%Y}"}
        )
    undo = reorg.result.get("undo", {})
    for name, _, revert_fn in reversed(_HANDOVERS):
        if name in undo.get("handovers", {}):
            revert_fn(undo["handovers"][name])
    Membership.objects.filter(pk__in=undo.get("memberships", [])).delete()
    for move in reversed(undo.get("placements", [])):
        pk = move["unit"]
        keep = {p for p, _ in move["before"]}
        UnitPlacement.objects.filter(unit_id=pk).exclude(pk__in=keep).delete()
        for p, end in move["before"]:
            UnitPlacement.objects.filter(pk=p).update(valid_to=parse_date(end) if end else None)
        # The placements are restored above; the parent mirror follows them (paths: rebuild_paths below).
        ReportingUnit.objects.filter(pk=pk).update(parent_id=move["parent"])
    UnitSuccession.objects.filter(pk__in=undo.get("successions", [])).delete()
    for pk, end in undo.get("ended", {}).items():
        ReportingUnit.objects.filter(pk=int(pk)).update(valid_to=parse_date(end) if end else None)
    for pk in reversed(undo.get("created", [])):
        UnitPlacement.objects.filter(unit_id=pk).delete()
        ReportingUnit.objects.filter(pk=pk).delete()
    ReportingUnit.objects.rebuild_paths()
    reorg.reverted_at = timezone.now()
    reorg.reverted_by = user
    reorg.save(update_fields=["reverted_at", "reverted_by"])
    tree_changed()
    return reorg
