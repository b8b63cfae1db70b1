"""Reading a reorganisation: build_plan turns the posted body into a Plan, or lists every problem.

Each step (merge, split, rename, move) is read and checked against the tree of the day before: a unit
ends once, successors are active on the date and of a fitting kind, every child of a split unit is
given a successor, nothing moves under itself. Then the tree of the date is checked as a whole, and
every end check another app registered (registries.py) may refuse a unit.
"""

import datetime as dt

from django.utils.dateparse import parse_date
from django.utils.translation import gettext, pgettext_lazy

from ..models import SuccessionKind, UnitKind
from .plan import NewUnit, Plan, ReorganisationInvalid, add_error
from .references import UnitReferences
from .registries import END_CHECKS

KINDS = ("merge", "split", "rename", "move")
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
        add_error(errors, None, "effective_on", gettext("Ngày hiệu lực không hợp lệ (dạng YYYY-MM-DD, ví dụ 2025-07-01)."))
    basis = str(payload.get("legal_basis") or "").strip()
    if not basis:
        add_error(errors, None, "legal_basis", gettext("Cần nêu căn cứ pháp lý (ví dụ: Nghị quyết số 202/2025/QH15)."))
    elif len(basis) > 255:
        add_error(errors, None, "legal_basis", gettext("Căn cứ pháp lý tối đa 255 ký tự."))
    steps = payload.get("steps")
    if not isinstance(steps, list) or not steps:
        add_error(errors, None, "steps", gettext("Cần ít nhất một bước (sáp nhập, chia tách, đổi tên hoặc chuyển đơn vị)."))
        steps = []
    if on is None:
        raise ReorganisationInvalid(errors)
    plan = Plan(on, basis, steps)
    _Reader(plan, errors).read()
    if errors:
        raise ReorganisationInvalid(errors)
    return plan


class _Reader(UnitReferences):
    """Turns the posted steps into a Plan, collecting every problem with its step and field."""

    # -- checks -----------------------------------------------------------------------------
    def ending(self, i, fld, unit, kind):
        """Check that `unit` can end the day before the date (active then, not ended by another step)."""
        on = self.plan.effective_on
        if unit.valid_from is not None and unit.valid_from >= on:
            add_error(self.errors, i, fld, gettext("“%(unit)s” bắt đầu hoạt động từ %(start)s, không trước "
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
            add_error(self.errors, i, fld, message % values)
            return False
        if unit.pk in self.plan.ended:
            first = self.plan.ended[unit.pk][0]
            add_error(self.errors, i, fld, gettext("“%(unit)s” đã thôi hoạt động ở bước %(step)s; một đơn vị chỉ được "
                                                   "kết thúc bởi một bước.") % {"unit": unit.name, "step": first + 1})
            return False
        return True

    def fits(self, i, fld, unit, target):
        """Merge/split/rename: the successor is of the same kind as the unit it takes over, except that a
        district-level unit (abolished on 1/7/2025) may pass to a province, a Sở or a commune."""
        kind = target.kind
        if kind != unit.kind and not (unit.kind in DISTRICT_LEVEL and kind in DISTRICT_HEIRS):
            add_error(self.errors, i, fld, gettext("“%(unit)s” (%(kind)s) không thể sáp nhập vào một đơn vị loại "
                                                   "%(target_kind)s.")
                      % {"unit": unit.name, "kind": UnitKind(unit.kind).label, "target_kind": UnitKind(kind).label})
            return False
        return True

    def read(self):
        self._load()
        for i, step in enumerate(self.plan.steps):
            if not isinstance(step, dict):
                add_error(self.errors, i, "kind", gettext("Mỗi bước là một đối tượng JSON."))
                continue
            kind = step.get("kind")
            if kind not in KINDS:
                add_error(self.errors, i, "kind",
                          gettext("Loại bước “%(kind)s” không hợp lệ (merge, split, rename, move).") % {"kind": kind})
                continue
            getattr(self, f"read_{kind}")(i, step)
        if not self.errors:
            self.check_tree()
        if not self.errors and self.plan.ended:
            for check in END_CHECKS:
                for pk, message in check(sorted(self.plan.ended), self.plan.effective_on).items():
                    add_error(self.errors, self.plan.ended[pk][0], "from", message)

    def _successor_ok(self, i, fld, target, sources):
        """An existing successor must be active on the date and not below (or equal to) a source."""
        if isinstance(target, NewUnit):
            return True
        on = self.plan.effective_on
        if not target.is_active_on(on) or target.pk in self.plan.ended:
            add_error(self.errors, i, fld, gettext("“%(unit)s” không hoạt động vào ngày %(date)s; không nhận được "
                                                   "đơn vị khác.") % {"unit": target.name, "date": f"{on:%d/%m/%Y}"})
            return False
        for s in sources:
            if s.pk == target.pk:
                add_error(self.errors, i, fld, gettext("Không thể sáp nhập “%(unit)s” vào chính nó.") % {"unit": s.name})
                return False
            if self.before.is_within(target.pk, s.pk):
                add_error(self.errors, i, fld, gettext("Không thể sáp nhập “%(unit)s” vào “%(target)s”, "
                                                       "một đơn vị cấp dưới của chính nó.")
                          % {"unit": s.name, "target": target.name})
                return False
        return True

    def read_merge(self, i, step):
        sources = step.get("from")
        if not isinstance(sources, list) or not sources:
            add_error(self.errors, i, "from", gettext("Cần danh sách các đơn vị được sáp nhập."))
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
            add_error(self.errors, i, "into", gettext("Chia tách cần ít nhất hai đơn vị tiếp nhận."))
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
            add_error(self.errors, i, "children", gettext("“children” là một đối tượng {mã số đơn vị con: đơn vị tiếp nhận}."))
            return
        wanted = {}
        for key, ref in mapping.items():
            child = self.existing(i, "children", int(key) if str(key).isdigit() and len(str(key)) < 19 else str(key))
            dest = self.target(i, "children", ref)
            if child is None or dest is None:
                continue
            if not any(dest is t or (not isinstance(t, NewUnit) and not isinstance(dest, NewUnit) and t.pk == dest.pk)
                       for t in targets):
                add_error(self.errors, i, "children", gettext("“%(unit)s” phải chuyển về một trong các đơn vị tiếp nhận "
                                                              "của bước chia tách này.") % {"unit": child.name})
                continue
            wanted[child.pk] = dest
        for child_id in self.before.children.get(unit.pk, ()):
            if not self.before.units[child_id].is_active_on(self.plan.effective_on):
                continue
            if child_id not in wanted:
                name = self.before.units[child_id].name
                add_error(self.errors, i, "children", gettext("Chưa nêu “%(child)s” (đơn vị cấp dưới của “%(unit)s”) "
                                                              "chuyển về đơn vị tiếp nhận nào.")
                          % {"child": name, "unit": unit.name})
        self._split_children = getattr(self, "_split_children", {})
        self._split_children.update({pk: (dest, i) for pk, dest in wanted.items()})

    def read_move(self, i, step):
        refs = step.get("units")
        if not isinstance(refs, list) or not refs:
            add_error(self.errors, i, "units", gettext("Cần danh sách các đơn vị được chuyển."))
            return
        parent = self.target(i, "to", step.get("to"))
        if parent is None:
            return
        on = self.plan.effective_on
        if not isinstance(parent, NewUnit) and (not parent.is_active_on(on) or parent.pk in self.plan.ended):
            add_error(self.errors, i, "to", gettext("“%(unit)s” không hoạt động vào ngày %(date)s; không chuyển "
                                                    "được đơn vị vào đó.") % {"unit": parent.name, "date": f"{on:%d/%m/%Y}"})
            return
        for ref in refs:
            unit = self.existing(i, "units", ref)
            if unit is None:
                continue
            if unit.valid_from is not None and unit.valid_from > on:
                add_error(self.errors, i, "units", gettext("“%(unit)s” bắt đầu hoạt động từ %(start)s, sau "
                                                           "ngày hiệu lực %(date)s.")
                          % {"unit": unit.name, "start": f"{unit.valid_from:%d/%m/%Y}", "date": f"{on:%d/%m/%Y}"})
                continue
            if not unit.is_active_on(on) or unit.pk in self.plan.ended:
                add_error(self.errors, i, "units", gettext("“%(unit)s” không hoạt động vào ngày %(date)s; không chuyển "
                                                           "được.") % {"unit": unit.name, "date": f"{on:%d/%m/%Y}"})
                continue
            if unit.pk in self.plan.moves:
                add_error(self.errors, i, "units", gettext("“%(unit)s” đã được chuyển ở bước %(step)s.")
                          % {"unit": unit.name, "step": self.plan.moves[unit.pk][1] + 1})
                continue
            if not self._level_fits(unit.kind, parent.kind):
                add_error(self.errors, i, "to", gettext("Không thể đặt %(kind)s “%(unit)s” dưới %(parent_kind)s “%(parent)s”.")
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
                    add_error(self.errors, i, "to",
                              gettext("Chuyển “%(unit)s” tạo thành vòng lặp trong cây đơn vị.") % {"unit": unit.name})
                    break
                seen.add(cur)
                cur = parent_on.get(cur)
        for nu in plan.new_units:
            parent = nu.parent
            if isinstance(parent, int):
                p = plan.units.get(parent)
                if p is not None and (not p.is_active_on(plan.effective_on) or parent in plan.ended):
                    add_error(self.errors, nu.step, "into.parent",
                              gettext("“%(unit)s” không hoạt động vào ngày %(date)s; không đặt được đơn vị "
                                      "mới “%(new)s” dưới đơn vị này.")
                              % {"unit": p.name, "date": f"{plan.effective_on:%d/%m/%Y}", "new": nu.name})
