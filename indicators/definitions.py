"""Defining indicators and their targets: the checks the admin, the API and the target reader share,
and the one service that creates an indicator with its targets.

- `target_scope_problems`: a target is for a unit kind *or* one unit (never
  both) and its value is not negative. The admin's target form and the API's
  target serializer call it, and so does `create_indicators`.
- `create_indicators`: the review page of targets read from a resolution's
  text (`resolutions.target_views`) and the appendix workbook create what a
  reviewer accepted through it: every row checked first (Vietnamese messages
  naming the row and the field), then everything in one transaction, or
  nothing.
"""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from units.models import UnitKind

from .models import Direction, Indicator, Measure, Operator, Target

YEAR_MIN, YEAR_MAX = 2000, 2100


def target_scope_problems(unit_kind, unit, value):
    """{field: Vietnamese message} for a target's scope and value (empty when fine)."""
    problems = {}
    if unit_kind and unit:
        problems["unit"] = _("Mục tiêu áp dụng cho một loại đơn vị hoặc một đơn vị, không cả hai.")
    if value is not None and value < 0:
        problems["value"] = _("Giá trị mục tiêu không được là số âm.")
    return problems


@dataclass
class TargetSpec:
    unit_kind: str | None
    operator: str
    value: object  # Decimal, or text as typed ("95", "22,22")
    year: object  # int, or text as typed
    wording: str = ""


@dataclass
class IndicatorSpec:
    code: str
    name: str
    measure: str
    unit_label: str = ""
    pillar: object = None  # a resolutions.Pillar or None
    applies_to: list = field(default_factory=list)
    direction: str = Direction.INCREASE
    targets: list = field(default_factory=list)
    description: str = ""


class DefinitionErrors(Exception):
    """Nothing was created. `errors`: [{"row": n (1-based) or None, "field": "…", "message": "…"}]."""

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__(_("%(n)s lỗi; chưa tạo chỉ tiêu nào.") % {"n": len(self.errors)})


def _decimal(raw):
    if isinstance(raw, Decimal):
        return raw
    text = str(raw or "").strip().replace(" ", "").replace("%", "")
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def check_specs(resolution, specs):
    """Every problem of the specs against the rules and the resolution's existing codes (nothing saved)."""
    errors = []
    kinds = set(UnitKind.values)
    taken = {c.casefold() for c in resolution.indicators.values_list("code", flat=True)} if resolution.pk else set()
    seen = {}
    for row, spec in enumerate(specs, start=1):
        def err(field_name, message, row=row):
            errors.append({"row": row, "field": field_name, "message": message})

        code = (spec.code or "").strip()
        if not code:
            err("code", _("Cần mã chỉ tiêu."))
        elif len(code) > 30:
            err("code", _("Mã chỉ tiêu tối đa 30 ký tự."))
        elif code.casefold() in taken:
            err("code", _("Mã “%(code)s” đã có trong văn bản này; hãy đặt mã khác.") % {"code": code})
        elif code.casefold() in seen:
            err("code", _("Mã “%(code)s” trùng với chỉ tiêu dòng %(row)s.") % {"code": code, "row": seen[code.casefold()]})
        else:
            seen[code.casefold()] = row
        name = (spec.name or "").strip()
        if not name:
            err("name", _("Cần tên chỉ tiêu."))
        elif len(name) > 500:
            err("name", _("Tên chỉ tiêu tối đa 500 ký tự."))
        if spec.measure not in Measure.values:
            err("measure", _("Loại số liệu không hợp lệ: chọn Tỷ lệ %, Số lượng hoặc Có/Không."))
        if len(spec.unit_label or "") > 40:
            err("unit_label", _("Đơn vị tính tối đa 40 ký tự."))
        if spec.direction not in Direction.values:
            err("direction", _("Chiều tốt không hợp lệ."))
        applies = [k for k in spec.applies_to if k]
        if not applies:
            err("applies_to", _("Chọn ít nhất một loại đơn vị áp dụng."))
        elif set(applies) - kinds:
            err("applies_to", _("Loại đơn vị áp dụng không hợp lệ."))
        if not spec.targets:
            err("targets", _("Cần ít nhất một mục tiêu (cấp, phép so sánh, giá trị, năm)."))
        pairs = set()
        for t in spec.targets:
            level = dict(UnitKind.choices).get(t.unit_kind, _("Tất cả đơn vị")) if t.unit_kind else _("Tất cả đơn vị")
            if t.unit_kind and t.unit_kind not in kinds:
                err("unit_kind", _("Cấp áp dụng không hợp lệ."))
                continue
            if t.unit_kind and applies and t.unit_kind not in applies:
                err("unit_kind", _("Mục tiêu cho “%(level)s” nhưng chỉ tiêu không áp dụng cho loại đơn vị này.")
                    % {"level": level})
            if t.operator not in Operator.values:
                err("operator", _("Phép so sánh không hợp lệ (trên, đạt, bằng, không quá, dưới)."))
            value = _decimal(t.value)
            if value is None:
                err("value", _("Giá trị mục tiêu “%(value)s” không phải là số.") % {"value": t.value})
            else:
                for field_name, message in target_scope_problems(t.unit_kind, None, value).items():
                    err(field_name, message)
                if spec.measure in (Measure.PERCENT, Measure.BOOLEAN) and value > 100:
                    err("value", _("Mục tiêu tỷ lệ không vượt quá 100%."))
                if value.as_tuple().exponent < -4 or abs(value) >= Decimal(10) ** 16:
                    err("value", _("Giá trị mục tiêu quá dài (tối đa 4 chữ số thập phân)."))
            try:
                year = int(str(t.year).strip())
            except (TypeError, ValueError):
                year = None
            if year is None or not YEAR_MIN <= year <= YEAR_MAX:
                err("year", _("Năm mốc “%(year)s” không hợp lệ (ví dụ 2025).") % {"year": t.year})
            elif (t.unit_kind, year) in pairs:
                err("year", _("Hai mục tiêu cùng cấp “%(level)s” và năm %(year)s.") % {"level": level, "year": year})
            else:
                pairs.add((t.unit_kind, year))
    return errors


@transaction.atomic
def create_indicators(resolution, specs, *, user):
    """Create the indicators and targets of `specs` in `resolution`, all or nothing.

    Admins (staff) only. Raises DefinitionErrors listing every problem; returns the created indicators.
    """
    if not (user and user.is_authenticated and user.is_staff):
        raise PermissionDenied(_("Chỉ quản trị viên được tạo chỉ tiêu."))
    errors = check_specs(resolution, specs)
    if errors:
        raise DefinitionErrors(errors)
    order = (resolution.indicators.aggregate(m=Max("order"))["m"] or 0) + 1
    created = []
    for row, spec in enumerate(specs, start=1):
        indicator = Indicator(
            resolution=resolution, pillar=spec.pillar, code=spec.code.strip(), name=spec.name.strip(),
            description=spec.description or "", measure=spec.measure, unit_label=spec.unit_label or "",
            direction=spec.direction, applies_to=[k for k in spec.applies_to if k], order=order,
            decimals=0 if spec.measure == Measure.COUNT else 2,
        )
        _full_clean(indicator, row)
        indicator._change_reason = "Đọc từ văn bản"  # stored in the history: Vietnamese data
        indicator.save()
        order += 1
        for t in spec.targets:
            target = Target(indicator=indicator, unit_kind=t.unit_kind or None, operator=t.operator,
                            value=_decimal(t.value), year=int(str(t.year).strip()), wording=(t.wording or "")[:255])
            _full_clean(target, row)
            target.save()
        created.append(indicator)
    return created


def _full_clean(obj, row):
    """The model's own validation as the last guard (the checks above already gave Vietnamese messages)."""
    try:
        obj.full_clean()
    except ValidationError as exc:
        raise DefinitionErrors(
            {"row": row, "field": f, "message": " ".join(str(m) for m in msgs)}
            for f, msgs in exc.message_dict.items()
        ) from None
