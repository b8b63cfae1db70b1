"""Which unit a step names: an existing unit by id (int) or code (str), or a new unit a step creates.

A new unit is a dict {code, name, kind, parent}; later steps of the same reorganisation name it by its
code. UnitReferences is the base of the step reader (steps.py): it loads every unit the steps mention in
one query and records a problem for each reference that names nothing.
"""

from django.utils.translation import gettext

from ..models import ReportingUnit, UnitKind
from ..tree import tree_on
from .plan import NewUnit, add_error

MAX_ID = 2**63 - 1  # a unit id the database can hold; a larger number is simply not a unit


class UnitReferences:
    """The units a reorganisation's steps refer to: existing ones by id and code, new ones by code."""

    def __init__(self, plan, errors):
        self.plan, self.errors = plan, errors
        self.before = tree_on(plan.day_before)  # the tree the day before: what ends, and what it holds
        self.by_code = {}
        self.new_codes = {}  # code -> NewUnit

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
            add_error(self.errors, i, fld, gettext("Cần mã số (id) hoặc mã của một đơn vị."))
            return None
        unit = self.plan.units.get(ref) if isinstance(ref, int) else self.by_code.get(ref.strip())
        if unit is None and (0 < ref <= MAX_ID if isinstance(ref, int) else 0 < len(ref.strip()) <= 40):
            unit = (ReportingUnit.objects.filter(pk=ref) if isinstance(ref, int)
                    else ReportingUnit.objects.filter(code=ref.strip())).first()
            if unit is not None:
                self.plan.units[unit.pk] = unit
                self.by_code[unit.code] = unit
        if unit is None:
            add_error(self.errors, i, fld, gettext("Không tìm thấy đơn vị “%(ref)s”.") % {"ref": ref})
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
            add_error(self.errors, i, f"{fld}.code", gettext("Cần mã đơn vị mới (tối đa 40 ký tự)."))
            ok = False
        elif code in self.by_code or code in self.new_codes or ReportingUnit.objects.filter(code=code).exists():
            add_error(self.errors, i, f"{fld}.code",
                      gettext("Mã “%(code)s” đã được dùng; mã đơn vị không bao giờ dùng lại.") % {"code": code})
            ok = False
        if not name or len(name) > 255:
            add_error(self.errors, i, f"{fld}.name", gettext("Cần tên đơn vị mới (tối đa 255 ký tự)."))
            ok = False
        if kind not in UnitKind.values:
            add_error(self.errors, i, f"{fld}.kind", gettext("Loại đơn vị “%(kind)s” không hợp lệ.") % {"kind": kind})
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
