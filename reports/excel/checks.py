"""Checking every row of an upload with the same rules as the form and the API.

`indicators.services.clean_value` and `indicators.rules` for the figures, `units.access` and
`indicators.policy` for who may enter them, `indicators.scope` for the row's indicator against what its
unit reports, `writable_states` (locked period, submitted report) and the optimistic version against the
database. Every problem is collected (sheet, row as Excel shows it, column letter, Vietnamese message);
nothing is written here (`reports.excel.saving`).
"""

from collections import defaultdict

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from config.spreadsheets import limit
from indicators.models import DataValue, Indicator
from indicators.policy import entry_units
from indicators.rules import (
    FigureError,
    clean_note,
    unit_period_problem,
)
from indicators.scope import check_applicable
from indicators.services import clean_value, writable_states
from units.models import ReportingUnit
from units.tree import tree_on

from .reading import is_blank
from .template import DATA_SHEET, LAYOUT, template_scope

MSG_STALE = gettext_lazy("Số liệu đã được người khác sửa sau khi bạn tải mẫu; hãy tải mẫu mới")


class _Errors(list):
    """The errors of a file: the first IMPORT_MAX_ERRORS kept, the rest only counted (`total`)."""

    def __init__(self):
        super().__init__()
        self.cap = limit("IMPORT_MAX_ERRORS", 200)
        self.total = 0

    def append(self, item):
        self.total += 1
        if len(self) < self.cap:
            super().append(item)


def _int_or_none(value):
    """Whole number from a cell; None for blank; raises ValueError otherwise."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError
        number = int(value)
    else:
        number = int(str(value).strip())
    if not 0 <= number < 2 ** 63:  # an id or a version the database can hold (a bigger one reached the query)
        raise ValueError
    return number


def _formula_message(column_label, raw):
    return _("%(column)s: ô chứa công thức hoặc văn bản “%(raw)s”; hãy nhập trực tiếp con số "
             "(dùng Dán giá trị – Paste Values nếu sao chép từ nơi khác).") % {"column": column_label, "raw": raw}


def check_rows(rows, user, template_unit, period, resolution, layout=LAYOUT, progress=None):
    """Validate every row (set-based lookups); returns (planned writes, errors, unchanged count).

    A row's indicator must be one its unit reports for the period
    (`indicators.scope.indicators_for_unit`, the template's own rows): found
    by the hidden id, or for a row added by hand by (văn bản, mã chỉ tiêu),
    or by the code alone when it is unique among the unit's indicators.
    """
    errors = _Errors()
    progress = progress or (lambda *args: None)

    def err(row, key, message):
        errors.append({"sheet": DATA_SHEET, "row": row.number, "column": layout.column(key), "message": message})

    codes = {r.unit_code for r in rows if r.unit_code}
    units = {u.code: u for u in ReportingUnit.objects.filter(code__in=codes)} if codes else {}
    # The tree and the entry role of the period's last day (indicators.policy).
    tree = tree_on(period.end)
    entry_ids = entry_units(user, units.values(), period)
    under = {pk for pk in tree.subtree(template_unit.pk)}
    reports = template_scope([u for u in units.values() if u.pk in entry_ids and u.pk in under],
                             period, resolution)
    by_id = {u: {i.pk: i for i in inds} for u, inds in reports.items()}  # unit pk -> {indicator pk: indicator}
    by_code = {}  # unit pk -> {(resolution code, code): indicator} and {code: [indicators]}
    for u, inds in reports.items():
        pairs, plain = {}, defaultdict(list)
        for ind in inds:
            pairs[(ind.resolution.code, ind.code)] = ind
            plain[ind.code].append(ind)
        by_code[u] = (pairs, plain)
    # Indicators a row names by id but its unit does not report: the shared rule says why (one query).
    named = set()
    for r in rows:
        try:
            named.add(_int_or_none(r.indicator_id))
        except (TypeError, ValueError):
            pass
    known = set().union(*(ids.keys() for ids in by_id.values())) if by_id else set()
    others = {i.pk: i for i in Indicator.objects.filter(pk__in=named - known - {None})
              .select_related("resolution__owner_unit")}
    indicator_ids = sorted(known)
    existing = {
        (v.unit_id, v.indicator_id): v
        for v in DataValue.objects.filter(period=period, unit_id__in=sorted(under & set(reports)),
                                          indicator_id__in=indicator_ids)
        .only("id", "unit_id", "indicator_id", "numerator", "denominator", "note", "version")
    }
    writable = None  # unit id -> None or the reason it cannot change (one query, when first needed)
    seen = {}
    planned, unchanged = [], 0
    num_header = layout.headers[layout.letter["numerator"]]
    den_header = layout.headers[layout.letter["denominator"]]

    def not_reported(ind, unit):
        """Why `unit` does not report `ind` in this template (the write path's words when it has them)."""
        if ind.is_active and ind.resolution.is_active and ind.period_kind == period.kind and (
                resolution is None or ind.resolution_id == resolution.pk):
            try:
                check_applicable(ind, unit, period)
            except FigureError as exc:
                return exc.message
        return _("Chỉ tiêu “%(code)s” (%(resolution)s) không thuộc mẫu này: không còn theo dõi, không báo cáo "
                 "trong %(period)s hoặc không áp dụng cho “%(unit)s”.") % {
            "code": ind.code, "resolution": ind.resolution.code, "period": period.label, "unit": unit.name}

    for done, row in enumerate(rows):
        if done % 1000 == 0:
            progress("check", done, len(rows))
        # -- which unit
        if not row.unit_code:
            err(row, "unit_code", _("Thiếu mã đơn vị."))
            continue
        unit = units.get(row.unit_code)
        if unit is None or unit.pk not in entry_ids:
            err(row, "unit_code", _("Đơn vị mã “%(code)s” không có trên hệ thống hoặc nằm ngoài phạm vi "
                                    "bạn được nhập số liệu.") % {"code": row.unit_code})
            continue
        if not unit.is_within(template_unit):
            err(row, "unit_code", _("Đơn vị mã “%(code)s” không thuộc mẫu này (mẫu của %(unit)s).")
                % {"code": row.unit_code, "unit": template_unit.name})
            continue
        problem = unit_period_problem(unit, period)
        if problem:
            err(row, "unit_code", problem)
            continue
        # -- which indicator: one the unit reports for the period
        indicator = None
        try:
            ind_id = _int_or_none(row.indicator_id)
        except (TypeError, ValueError):
            err(row, "indicator_id", _("Cột nhận dạng chỉ tiêu (ẩn) đã bị sửa; hãy tải mẫu mới."))
            continue
        if ind_id is not None:
            indicator = by_id[unit.pk].get(ind_id)
            if indicator is None:
                other = others.get(ind_id)
                err(row, "indicator_code", not_reported(other, unit) if other is not None else (
                    _("Chỉ tiêu “%(code)s” không thuộc mẫu này (không còn theo dõi "
                      "hoặc không báo cáo trong %(period)s).") % {"code": row.indicator_code, "period": period.label}))
                continue
            if row.indicator_code and row.indicator_code != indicator.code:
                err(row, "indicator_code", _("Mã chỉ tiêu “%(code)s” không khớp với dòng gốc "
                                             "(%(original)s); không sửa các cột nhận dạng, hãy tải mẫu mới.")
                    % {"code": row.indicator_code, "original": indicator.code})
                continue
            if row.resolution_code and row.resolution_code != indicator.resolution.code:
                err(row, "resolution_code", _("Văn bản “%(code)s” không khớp với dòng gốc "
                                              "(%(original)s); không sửa các cột nhận dạng, hãy tải mẫu mới.")
                    % {"code": row.resolution_code, "original": indicator.resolution.code})
                continue
        else:
            if not row.indicator_code:
                err(row, "indicator_code", _("Thiếu mã chỉ tiêu."))
                continue
            pairs, plain = by_code[unit.pk]
            if row.resolution_code:
                indicator = pairs.get((row.resolution_code, row.indicator_code))
                found = [indicator] if indicator is not None else []
            else:
                found = plain.get(row.indicator_code, [])
            if not found:
                words = {"code": row.indicator_code, "resolution": row.resolution_code, "period": period.label,
                         "unit": unit.name}
                if row.resolution_code:
                    message = _("Chỉ tiêu mã “%(code)s” của văn bản %(resolution)s không thuộc mẫu này: không có, "
                                "không còn theo dõi, không báo cáo trong %(period)s hoặc không áp "
                                "dụng cho “%(unit)s”.") % words
                else:
                    message = _("Chỉ tiêu mã “%(code)s” không thuộc mẫu này: không có, "
                                "không còn theo dõi, không báo cáo trong %(period)s hoặc không áp "
                                "dụng cho “%(unit)s”.") % words
                err(row, "indicator_code", message)
                continue
            if len(found) > 1:
                err(row, "indicator_code", _("Mã chỉ tiêu “%(code)s” có ở nhiều văn bản (%(resolutions)s); hãy ghi "
                                             "số hiệu văn bản vào cột %(column)s hoặc dùng dòng có sẵn trong mẫu.") % {
                    "code": row.indicator_code, "resolutions": ", ".join(i.resolution.code for i in found),
                    "column": layout.column("resolution_code")})
                continue
            indicator = found[0]
        key = (unit.pk, indicator.pk)
        if key in seen:
            err(row, "indicator_code", _("Trùng đơn vị và chỉ tiêu với dòng %(row)s.") % {"row": seen[key]})
            continue
        seen[key] = row.number
        # -- the figures: the same rules as the form and the API
        formula = False
        for raw, col, label in ((row.numerator, "numerator", num_header), (row.denominator, "denominator", den_header)):
            if isinstance(raw, str) and raw.lstrip().startswith("="):
                err(row, col, _formula_message(label, raw))
                formula = True
        if formula:
            continue
        try:
            num, den, value = clean_value(unit, indicator, row.numerator, row.denominator, localized=True)
            row.note = clean_note(row.note)
        except FigureError as exc:
            errors.append({"sheet": DATA_SHEET, "row": row.number,
                           "column": layout.field_column.get(exc.field, layout.letter["numerator"]),
                           "message": exc.message})
            continue
        current = existing.get(key)
        if current is not None and current.numerator == num and current.denominator == den and current.note == row.note:
            unchanged += 1  # nothing to write: no version or state check needed
            continue
        # -- may it change now (locked period, submitted report), and is it what the writer read?
        if writable is None:
            writable = writable_states(units.values(), period)
        if writable[unit.pk]:
            err(row, "unit_code", writable[unit.pk])
            continue
        try:
            version = _int_or_none(row.version)
        except (TypeError, ValueError):
            err(row, "version", _("Cột phiên bản (ẩn) đã bị sửa; hãy tải mẫu mới."))
            continue
        if version != (current.version if current is not None else None):
            err(row, "version", f"{MSG_STALE}.")
            continue
        planned.append((row.number, unit, indicator, num, den, value, row.note, current, version))
    errors.sort(key=lambda e: (e["row"] or 0))
    return planned, errors, unchanged
