"""The Excel import template: its layout (sheets, columns of each version) and the workbook a unit downloads.

Business logic only; the web page (`reports.excel.views`) and the API (`reports.excel.api`) are thin
callers of `build_template` and `template_for_request`. What an upload goes through next:
`reports.excel.reading` (the file), `reports.excel.checks` (every row), `reports.excel.saving` (all or nothing).

The template (`TEMPLATE_KIND` = "cds-kpi-import-v2"):
- sheet "Nhập liệu": national heading, unit and period, one row per unit ×
  (resolution, indicator) the unit reports for the period — exactly
  `indicators.scope.indicators_for_unit`, as the entry form (of the
  resolution if given; a "children" template asks it per child); columns
  A–K visible (STT, unit, "Văn bản" = the resolution's code such as
  "09-NQ/TU", indicator … Ghi chú), L (indicator id) and M (version of the
  value when the template was made) hidden. Templates of the previous
  version ("cds-kpi-import-v1", no "Văn bản" column) are still read with
  their own column letters (`LAYOUTS`). Identifying cells
  are locked by sheet protection (no password: it guards against slips, the
  server re-checks everything); figure and note cells are unlocked, yellow,
  with data validation. Header rows frozen, A4 landscape, one page wide.
- sheet "Hướng dẫn": how to fill it.
- sheet "_meta" (veryHidden): kind, unit id, period code, resolution id,
  children flag and header row, signed together with `django.core.signing`
  (HMAC-SHA256 keyed by settings.SECRET_KEY). A file without it, or whose
  signature does not verify, is refused as "not one of our templates".

Formula injection: text that comes from users or admins (names, codes,
notes) is written as a string cell. When it starts with "=", "+", "-", "@",
a tab or a carriage return, the cell is forced to the string type (openpyxl
would otherwise write "=…" as a formula) and carries Excel's `quotePrefix`
flag, so Excel/LibreOffice show it literally and keep it text when edited.
The stored text itself is never altered (no apostrophe is added), so a note
"=1+1" round-trips as "=1+1".
"""

import re
from collections import defaultdict
from decimal import Decimal
from io import BytesIO

from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import Http404
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation

from config.language import in_vietnamese
from indicators.models import DataValue, Measure, Period
from indicators.policy import entry_denied, entry_units
from indicators.rules import (
    applicable_target,
    format_target,
    unit_period_problem,
)
from indicators.scope import indicators_for_units
from units.access import get_unit_for_user
from units.models import ReportingUnit
from units.tree import tree_on

from .export.cells import FORMULA_STARTS  # the one list of what makes a cell's text a formula
from .export.footnotes import Footnotes

TEMPLATE_KIND = "cds-kpi-import-v2"  # v2: column D names the resolution (v1 files are still read)
SIGNING_SALT = "reports.imports.template"  # fixed: templates already handed out are signed with it

DATA_SHEET = "Nhập liệu"
GUIDE_SHEET = "Hướng dẫn"
META_SHEET = "_meta"
HEADER_ROW = 7
FIRST_DATA_ROW = HEADER_ROW + 1

# (key, header, width, hidden) — the order is the column order A, B, C…
# An indicator's code is unique only within its resolution: "Văn bản" (the resolution's code, e.g.
# "09-NQ/TU") names the row's resolution, and (văn bản, mã chỉ tiêu) identifies a row added by hand.
COLUMNS = [
    ("stt", "STT", 6, False),
    ("unit_code", "Mã đơn vị", 12, False),
    ("unit_name", "Đơn vị", 24, False),
    ("resolution_code", "Văn bản", 15, False),
    ("indicator_code", "Mã chỉ tiêu", 14, False),
    ("indicator_name", "Chỉ tiêu", 44, False),
    ("method", "Cách tính / loại", 34, False),
    ("target", "Mục tiêu", 15, False),
    ("numerator", "Tử số / Số lượng / Có-Không", 16, False),
    ("denominator", "Mẫu số", 14, False),
    ("note", "Ghi chú", 28, False),
    ("indicator_id", "ID chỉ tiêu (không sửa)", 10, True),
    ("version", "Phiên bản (không sửa)", 10, True),
]
# Templates downloaded before the "Văn bản" column (kind "cds-kpi-import-v1") are still read, with their layout.
COLUMNS_V1 = [c for c in COLUMNS if c[0] != "resolution_code"]


class Layout:
    """Where each column of one template version is: letters, headers, the column of a field's error."""

    def __init__(self, columns):
        self.columns = columns
        self.col = {key: i for i, (key, *_rest) in enumerate(columns)}  # 0-based index
        self.letter = {key: get_column_letter(i + 1) for key, i in self.col.items()}
        self.headers = {self.letter[key]: header for key, header, *_rest in columns}  # "I" -> "Tử số / …"
        self.field_column = {"numerator": self.letter["numerator"], "denominator": self.letter["denominator"],
                             "indicator": self.letter["indicator_code"], "unit": self.letter["unit_code"],
                             "period": self.letter["unit_code"], "note": self.letter["note"]}

    def column(self, key):
        """The letter of `key`; a field this layout lacks (v1 has no resolution column) reports on the code."""
        return self.letter.get(key) or self.letter["indicator_code"]


LAYOUT = Layout(COLUMNS)
LAYOUTS = {TEMPLATE_KIND: LAYOUT, "cds-kpi-import-v1": Layout(COLUMNS_V1)}
COL, LETTER, HEADERS, FIELD_COLUMN = LAYOUT.col, LAYOUT.letter, LAYOUT.headers, LAYOUT.field_column
LAST_VISIBLE = LETTER["note"]


def template_scope(units, period, resolution=None):
    """{unit pk: [Indicator]}: what each unit of a template reports for `period` (of `resolution` if given).

    Exactly `indicators.scope.indicators_for_unit` per unit, as the entry form:
    only the resolutions that reach the unit, only kinds that apply to it,
    only the period's frequency (targets prefetched).
    """
    return indicators_for_units(units, period, resolution)


def template_units(unit, period, user, children=False):
    """The unit, plus (children=True) every unit below it on the period's last day, active then, that the
    user may enter for (indicators.policy), in tree order."""
    denied = entry_denied(user, unit, period)
    if denied:
        raise PermissionDenied(denied)
    if not children:
        return [unit]
    tree = tree_on(period.end)
    below_ids = [pk for pk in tree.order() if pk != unit.pk and tree.is_within(pk, unit.pk)
                 and tree.units[pk].is_active_on(period.end)]
    by_id = ReportingUnit.objects.in_bulk(below_ids)
    below = [by_id[pk] for pk in below_ids if pk in by_id]
    allowed = entry_units(user, below, period)
    return [unit, *[u for u in below if u.pk in allowed]]


def template_filename(unit, period):
    code = re.sub(r"[^A-Za-z0-9._-]+", "-", unit.code).strip("-") or str(unit.pk)
    return f"MauNhapLieu_{code}_{period.code}.xlsx"


def _sign(unit, period, resolution, children):
    payload = {
        "kind": TEMPLATE_KIND,
        "unit": unit.pk,
        "period": period.code,
        "resolution": resolution.pk if resolution is not None else None,
        "children": bool(children),
        "header_row": HEADER_ROW,
    }
    return payload, signing.dumps(payload, salt=SIGNING_SALT)


def _method_text(indicator):
    if indicator.measure == Measure.PERCENT:
        num = indicator.numerator_label or "Tử số"
        den = indicator.denominator_label or "Mẫu số"
        return f"Tỷ lệ % = tử số / mẫu số × 100\nTử số: {num}\nMẫu số: {den}"
    if indicator.measure == Measure.COUNT:
        unit = f" ({indicator.unit_label})" if indicator.unit_label else ""
        label = indicator.numerator_label or "Số lượng"
        return f"Số lượng{unit}: {label}\nKhông nhập mẫu số"
    return "Có/Không: nhập 1 (Có) hoặc 0 (Không)\nKhông nhập mẫu số"


def _number(d):
    """A stored Decimal as an Excel number (int when whole, so 2/9 shows 2 and 9)."""
    if d is None:
        return None
    d = Decimal(d)
    return int(d) if d == d.to_integral_value() else float(d)


LINE_HEIGHT = 14  # points, Times New Roman 11


def _row_height(texts):
    """Rows are sized here: not every reader autofits wrapped text (LibreOffice's PDF export does not)."""
    lines = 1
    for text, width in texts:
        if not text:
            continue
        per_line = max(1, int(width * 1.3))
        lines = max(lines, sum(max(1, -(-len(part) // per_line)) for part in str(text).split("\n")))
    return lines * LINE_HEIGHT + 3


def _runs(rows):
    """Consecutive row numbers as (first, last) pairs."""
    out = []
    for r in sorted(rows):
        if out and out[-1][1] == r - 1:
            out[-1][1] = r
        else:
            out.append([r, r])
    return out


def _sqref(letter, rows):
    return " ".join(f"{letter}{a}" if a == b else f"{letter}{a}:{letter}{b}" for a, b in _runs(rows))


class _Styles:
    def __init__(self):
        thin = Side(style="thin", color="8C8C8C")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.font = Font(name="Times New Roman", size=11)
        self.bold = Font(name="Times New Roman", size=11, bold=True)
        self.heading = Font(name="Times New Roman", size=12, bold=True)
        self.motto = Font(name="Times New Roman", size=12, bold=True, underline="single")
        self.title = Font(name="Times New Roman", size=14, bold=True)
        self.italic = Font(name="Times New Roman", size=11, italic=True)
        self.header_fill = PatternFill("solid", fgColor="DDE5EE")
        self.input_fill = PatternFill("solid", fgColor="FFF6CC")
        self.off_fill = PatternFill("solid", fgColor="E7E7E7")
        self.center = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.left = Alignment(horizontal="left", vertical="top", wrap_text=True)
        self.right = Alignment(horizontal="right", vertical="top")
        self.unlocked = Protection(locked=False)
        self.locked = Protection(locked=True)


def _cell(ws, value, *, font=None, fill=None, border=None, alignment=None, protection=None, number_format=None):
    cell = WriteOnlyCell(ws)
    # Resolving a style registers it in the workbook (hashing every part): do it once per combination
    # and copy the resulting index array, or 60.000-row templates spend minutes hashing fonts.
    cache = ws.__dict__.setdefault("_style_cache", {})
    key = (id(font), id(fill), id(border), id(alignment), id(protection), number_format)
    style = cache.get(key)
    if style is None:
        if font is not None:
            cell.font = font
        if fill is not None:
            cell.fill = fill
        if border is not None:
            cell.border = border
        if alignment is not None:
            cell.alignment = alignment
        if protection is not None:
            cell.protection = protection
        if number_format is not None:
            cell.number_format = number_format
        cache[key] = (StyleArray(cell._style), (font, fill, border, alignment, protection))  # keep ids alive
    else:
        cell._style = StyleArray(style[0])
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.value = value
        if value.startswith(FORMULA_STARTS):
            # Text, never a formula: string type + Excel's quotePrefix (the text itself is unchanged).
            cell.data_type = "s"
            cell.quotePrefix = True
    else:
        cell.value = value
    return cell


@in_vietnamese
def build_template(unit, period, user, resolution=None, children=False):
    """The .xlsx template (bytes) for `unit` (and its children in the user's entry scope) and `period`."""
    units = template_units(unit, period, user, children)
    reports = template_scope(units, period, resolution)
    units = [u for u in units if reports[u.pk]] or [unit]  # a unit with nothing to report gets no rows
    indicator_ids = sorted({i.pk for inds in reports.values() for i in inds})
    existing = {}
    values = DataValue.objects.filter(period=period, indicator__in=indicator_ids)
    values = values.filter(unit__path__startswith=unit.path) if children else values.filter(unit=unit)
    for row in values.values_list("unit_id", "indicator_id", "numerator", "denominator", "note", "version"):
        existing[(row[0], row[1])] = row[2:]
    payload, token = _sign(unit, period, resolution, children)

    s = _Styles()
    wb = Workbook(write_only=True)
    wb.security = WorkbookProtection(lockStructure=True)  # no renaming, adding or unhiding sheets
    ws = wb.create_sheet(DATA_SHEET)
    for i, (_key, _header, width, hidden) in enumerate(COLUMNS, start=1):
        dim = ws.column_dimensions[get_column_letter(i)]
        dim.width = width
        dim.hidden = hidden
    ws.freeze_panes = f"A{FIRST_DATA_ROW}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # widths may still be changed
    ws.protection.formatRows = False
    ws.row_dimensions[HEADER_ROW].height = 36

    agency = unit.parent.name if unit.parent_id else ""
    title = "MẪU NHẬP SỐ LIỆU CÁC CHỈ TIÊU CHUYỂN ĐỔI SỐ"
    if resolution is not None:
        title += f" — {resolution.get_kind_display().upper()} SỐ {resolution.code}"
    scope = f"Đơn vị: {unit.name} (mã {unit.code})"
    if children and len(units) > 1:
        scope += f" và {len(units) - 1} đơn vị trực thuộc"
    scope += (f" — Kỳ báo cáo: {period.label} (số liệu từ {period.start:%d/%m/%Y} đến {period.end:%d/%m/%Y}; "
              f"hạn nộp {period.deadline:%d/%m/%Y})")
    guide = ("Chỉ nhập vào các ô nền vàng: tử số / số lượng / Có-Không, mẫu số, ghi chú. Ô số liệu để trống: giữ "
             "nguyên số liệu đã có. Không thêm, xóa, sắp xếp lại cột; không sửa các cột nhận dạng.")
    ws.merged_cells.add("A1:E1")
    ws.merged_cells.add("A2:E2")
    ws.merged_cells.add(f"F1:{LAST_VISIBLE}1")
    ws.merged_cells.add(f"F2:{LAST_VISIBLE}2")
    ws.merged_cells.add(f"A4:{LAST_VISIBLE}4")
    ws.merged_cells.add(f"A5:{LAST_VISIBLE}5")
    ws.merged_cells.add(f"A6:{LAST_VISIBLE}6")
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.append([_cell(ws, agency.upper(), font=s.heading, alignment=center), None, None, None, None,
               _cell(ws, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", font=s.heading, alignment=center)])
    ws.append([_cell(ws, unit.name.upper(), font=s.heading, alignment=center), None, None, None, None,
               _cell(ws, "Độc lập - Tự do - Hạnh phúc", font=s.motto, alignment=center)])
    ws.append([])
    ws.row_dimensions[5].height = 30
    ws.row_dimensions[6].height = 30
    ws.append([_cell(ws, title, font=s.title, alignment=center)])
    ws.append([_cell(ws, scope, font=s.bold, alignment=center)])
    ws.append([_cell(ws, guide, font=s.italic, alignment=center)])
    ws.append([_cell(ws, header, font=s.bold, fill=s.header_fill, border=s.border, alignment=s.center)
               for _key, header, *_rest in COLUMNS])

    notes = Footnotes()  # "minh họa (1)" marks of invented targets, explained on the guide sheet
    validation_rows = defaultdict(list)  # "decimal" | "whole" | "boolean" | "den" -> rows
    row_no, stt = FIRST_DATA_ROW, 0
    text = {"font": s.font, "border": s.border, "alignment": s.left, "protection": s.locked}
    for u in units:
        for ind in reports[u.pk]:
            stt += 1
            num, den, note, version = existing.get((u.pk, ind.pk), (None, None, "", None))
            target = applicable_target(ind.targets.all(), period.year, unit=u)
            target_text = f"{format_target(target, ind.measure)} (năm {target.year})" if target else "—"
            if target is not None and target.is_illustrative:  # an invented target is never shown as fact
                target_text = notes.append_to(target_text, target.illustrative_reason)
            percent = ind.measure == Measure.PERCENT
            method = _method_text(ind)
            texts = [(u.name, COLUMNS[COL["unit_name"]][2]), (ind.resolution.code, COLUMNS[COL["resolution_code"]][2]),
                     (ind.code, COLUMNS[COL["indicator_code"]][2]),
                     (ind.name, COLUMNS[COL["indicator_name"]][2]), (method, COLUMNS[COL["method"]][2]),
                     (target_text, COLUMNS[COL["target"]][2]), (note, COLUMNS[COL["note"]][2])]
            ws.row_dimensions[row_no].height = _row_height(texts)
            figure = {"font": s.font, "border": s.border, "alignment": s.right, "fill": s.input_fill,
                      "protection": s.unlocked, "number_format": "General"}
            off = {"font": s.font, "border": s.border, "fill": s.off_fill, "protection": s.locked}
            ws.append([
                _cell(ws, stt, font=s.font, border=s.border, alignment=s.center, protection=s.locked),
                _cell(ws, u.code, **text),
                _cell(ws, u.name, **text),
                _cell(ws, ind.resolution.code, **text),
                _cell(ws, ind.code, **text),
                _cell(ws, ind.name, **text),
                _cell(ws, method, **text),
                _cell(ws, target_text, **text),
                _cell(ws, _number(num), **figure),
                _cell(ws, _number(den), **figure) if percent else _cell(ws, None, **off),
                _cell(ws, note or None, font=s.font, border=s.border, alignment=s.left, fill=s.input_fill,
                      protection=s.unlocked),
                _cell(ws, ind.pk, protection=s.locked),
                _cell(ws, version, protection=s.locked),
            ])
            ws.row_dimensions.pop(row_no, None)  # already streamed out; keep memory flat on big templates
            kind = {Measure.PERCENT: "decimal", Measure.COUNT: "whole", Measure.BOOLEAN: "boolean"}[ind.measure]
            validation_rows[kind].append(row_no)
            if percent:
                validation_rows["den"].append(row_no)
            row_no += 1
    if stt == 0:
        ws.merged_cells.add(f"A{FIRST_DATA_ROW}:{LAST_VISIBLE}{FIRST_DATA_ROW}")
        why = unit_period_problem(unit, period) or f"Không có chỉ tiêu nào cần nhập cho đơn vị này trong {period.label}."
        ws.row_dimensions[FIRST_DATA_ROW].height = 2 * LINE_HEIGHT + 3
        ws.append([_cell(ws, why, font=s.italic, alignment=s.left)])

    h, i = LETTER["numerator"], LETTER["denominator"]
    specs = {
        "decimal": (h, dict(type="decimal", operator="greaterThanOrEqual", formula1="0"),
                    "Nhập một số không âm (tử số không lớn hơn mẫu số)."),
        "whole": (h, dict(type="whole", operator="greaterThanOrEqual", formula1="0"), "Nhập một số nguyên không âm."),
        "boolean": (h, dict(type="whole", operator="between", formula1="0", formula2="1"),
                    "Chỉ nhập 1 (Có) hoặc 0 (Không)."),
        "den": (i, dict(type="decimal", operator="greaterThanOrEqual", formula1="0"), "Nhập một số không âm."),
    }
    for kind, (letter, rule, message) in specs.items():
        if not validation_rows[kind]:
            continue
        dv = DataValidation(allow_blank=True, showErrorMessage=True, errorStyle="stop",
                            errorTitle="Số liệu không hợp lệ", error=message,
                            showInputMessage=True, promptTitle="Hướng dẫn", prompt=message,
                            sqref=_sqref(letter, validation_rows[kind]), **rule)
        ws.data_validations.append(dv)

    _guide_sheet(wb, s, period, notes)
    meta = wb.create_sheet(META_SHEET)
    meta.sheet_state = "veryHidden"
    meta.protection.sheet = True
    for key in ("kind", "unit", "period", "resolution", "children", "header_row"):
        meta.append([key, "" if payload[key] is None else str(payload[key])])
    meta.append(["signature", token])

    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def _guide_sheet(wb, s, period, notes=None):
    ws = wb.create_sheet(GUIDE_SHEET)
    ws.column_dimensions["A"].width = 110
    num, den, note = LETTER["numerator"], LETTER["denominator"], LETTER["note"]
    lines = [
        ("HƯỚNG DẪN ĐIỀN MẪU NHẬP SỐ LIỆU", s.title),
        (f"Kỳ báo cáo: {period.label}.", s.bold),
        (f"1. Chỉ điền vào các ô nền vàng trên sheet “Nhập liệu”: cột {num} (tử số, số lượng hoặc Có/Không), "
         f"cột {den} (mẫu số, chỉ với chỉ tiêu tỷ lệ %) và cột {note} (ghi chú).", s.font),
        ("2. Chỉ tiêu tỷ lệ %: nhập tử số và mẫu số (không nhập tỷ lệ); tử số không lớn hơn mẫu số. "
         "Tử số 0 và mẫu số 0 nghĩa là “không phát sinh”.", s.font),
        (f"3. Chỉ tiêu số lượng: nhập số nguyên không âm vào cột {num}, để trống cột {den}.", s.font),
        (f"4. Chỉ tiêu Có/Không: nhập 1 (Có) hoặc 0 (Không) vào cột {num}, để trống cột {den}.", s.font),
        ("5. Ô số liệu để trống: số liệu đang có trên hệ thống được giữ nguyên.", s.font),
        ("6. Nhập trực tiếp con số, không dùng công thức; không thêm, xóa hay đổi thứ tự cột, không đổi tên sheet.",
         s.font),
        ("7. Nếu tệp có lỗi, hệ thống liệt kê từng lỗi (sheet, dòng, cột) và chưa lưu số liệu nào; "
         "sửa hết lỗi rồi tải lên lại.", s.font),
        ("8. Nếu người khác đã sửa số liệu sau khi bạn tải mẫu, dòng đó bị báo lỗi: hãy tải mẫu mới.", s.font),
        (f"9. Mẫu chỉ gồm các chỉ tiêu của những văn bản (nghị quyết, kế hoạch, quyết định) áp dụng cho đơn vị trong "
         f"kỳ này; cột {LETTER['resolution_code']} (Văn bản) ghi số hiệu văn bản của từng chỉ tiêu. Một mã chỉ tiêu có "
         "thể có ở nhiều văn bản: dòng tự thêm phải ghi cả số hiệu văn bản và mã chỉ tiêu.", s.font),
    ]
    for reason, n in (notes.reasons.items() if notes else ()):
        lines.append((f"Mục tiêu ghi “minh họa ({n})”: {reason}", s.italic))
    wrap = Alignment(wrap_text=True, vertical="top")
    for line, font in lines:
        ws.append([_cell(ws, line, font=font, alignment=wrap)])
    ws.protection.sheet = True


def template_for_request(user, unit_id, period_id, resolution_id=None, children=False):
    """(filename, bytes) for a download request; Http404 for a unit or period the user cannot use.

    Unknown units and units outside the user's scope look the same (404);
    a unit in scope without the role "entry" is a PermissionDenied (403).
    """
    from resolutions.models import Resolution

    unit = get_unit_for_user(user, unit_id)
    try:
        period = Period.objects.get(pk=int(period_id))
    except (Period.DoesNotExist, TypeError, ValueError):
        raise Http404("Không tìm thấy kỳ báo cáo.") from None
    resolution = None
    if resolution_id not in (None, ""):
        try:
            resolution = Resolution.objects.get(pk=int(resolution_id))
        except (Resolution.DoesNotExist, TypeError, ValueError):
            raise Http404("Không tìm thấy nghị quyết / kế hoạch.") from None
    content = build_template(unit, period, user, resolution=resolution, children=children)
    return template_filename(unit, period), content
