"""A reorganisation written as rows: the page "Sắp xếp đơn vị" and its mapping workbook share one format.

One row per unit that changes, as offices write their mapping tables:

    Loại thay đổi | Mã đơn vị cũ | Mã đơn vị mới | Tên đơn vị mới | Cấp | Mã đơn vị cấp trên mới

- sáp nhập: the old unit passes into the new code (an existing unit, or a new one
  with its name, level and parent); rows with the same new code make one merge;
- chia tách: one row per successor of the old unit; its children go where rows
  "chuyển" put them (each must be put under one of the successors);
- đổi tên: the old unit continues under a new code and name (level and parent
  as before unless given);
- chuyển: the old code is a unit that moves under "Mã đơn vị cấp trên mới".

`rows_to_payload` turns rows into API.md's steps (units by code) and keeps,
for every step, the row numbers it came from, so each problem found by
`units.reorganisation.build_plan` is reported with its rows.
"""

import io
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.datavalidation import DataValidation

from config.language import DOCUMENT_LANGUAGE, in_vietnamese
from config.spreadsheets import WorkbookErrors, open_workbook

from .models import UnitKind

KIND_WORDS = {"sáp nhập": "merge", "chia tách": "split", "đổi tên": "rename", "chuyển": "move"}
# The workbook's headings, read back from an upload: always these Vietnamese words. Marked (noop) only so
# the page's grid can show them translated ({% translate column %}).
COLUMNS = [gettext_noop("Loại thay đổi"), gettext_noop("Mã đơn vị cũ"), gettext_noop("Mã đơn vị mới"),
           gettext_noop("Tên đơn vị mới"), gettext_noop("Cấp"), gettext_noop("Mã đơn vị cấp trên mới")]
KEYS = ["kind", "old", "new", "name", "level", "parent"]
MAX_ROWS = 5000  # a whole province is about 1.100 units
MAX_BYTES = 5 * 1024 * 1024
SHEET = "Sắp xếp đơn vị"


@dataclass
class Row:
    number: int  # as the user sees it: the sheet's row, or the page's line
    kind: str = ""
    old: str = ""
    new: str = ""
    name: str = ""
    level: str = ""
    parent: str = ""

    @property
    def blank(self):
        return not any((self.kind, self.old, self.new, self.name, self.level, self.parent))


@dataclass
class Payload:
    """API.md's body and, per step, the row numbers it came from."""

    body: dict
    step_rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # [{"row", "column", "message"}] found while reading rows


def _clean(value):
    if value is None:
        return ""
    text = str(value).replace("\u00a0", " ").strip()
    return "".join(ch for ch in text if ch >= " " or ch == "\t")  # no control characters


def level_labels():
    """[(value, label)] of the unit kinds as the rows write them: Vietnamese, whatever the page's language
    (the workbook, and the values of the page's select)."""
    with translation.override(DOCUMENT_LANGUAGE):
        return [(value, str(label)) for value, label in UnitKind.choices]


def level_words():
    """{lower-case label: kind value}: what a row's "Cấp" may say."""
    return {label.lower(): value for value, label in level_labels()}


def row_from(number, values):
    return Row(number, *[_clean(values.get(k)) for k in KEYS])


def rows_to_payload(rows, effective_on, legal_basis):
    """Rows -> Payload (steps by code, in a safe order: new parents before what goes under them)."""
    out = Payload({"effective_on": effective_on, "legal_basis": legal_basis, "steps": []})
    merges, splits, moves, renames = {}, {}, {}, []
    new_specs = {}
    levels = level_words()
    for r in rows:
        if r.blank:
            continue
        kind = KIND_WORDS.get(r.kind.lower())
        if kind is None:
            out.errors.append({"row": r.number, "column": COLUMNS[0],
                               "message": gettext("Loại thay đổi “%(kind)s” không hợp lệ: %(first)s hoặc %(last)s.")
                               % {"kind": r.kind, "first": ", ".join(list(KIND_WORDS)[:-1]),
                                  "last": list(KIND_WORDS)[-1]}})
            continue
        if not r.old:
            out.errors.append({"row": r.number, "column": COLUMNS[1], "message": gettext("Cần mã đơn vị cũ.")})
            continue
        level = ""
        if r.level:
            level = levels.get(r.level.lower()) or (r.level if r.level in UnitKind.values else "")
            if not level:
                message = gettext("Cấp “%(level)s” không hợp lệ: %(levels)s.") % {
                    "level": r.level, "levels": ", ".join(label for _value, label in level_labels())}
                out.errors.append({"row": r.number, "column": COLUMNS[4], "message": message})
                continue
        if kind == "move":
            if not r.parent:
                out.errors.append({"row": r.number, "column": COLUMNS[5], "message": gettext("Cần mã đơn vị cấp trên mới.")})
                continue
            moves.setdefault(r.parent, []).append(r)
            continue
        if not r.new:
            out.errors.append({"row": r.number, "column": COLUMNS[2], "message": gettext("Cần mã đơn vị mới (tiếp nhận).")})
            continue
        if r.name:  # a new unit is described by its name (and level, parent)
            spec = {"code": r.new, "name": r.name}
            if level:
                spec["kind"] = level
            if r.parent:
                spec["parent"] = r.parent
            new_specs.setdefault(r.new, (spec, r.number))
        if kind == "merge":
            merges.setdefault(r.new, []).append(r)
        elif kind == "split":
            splits.setdefault(r.old, []).append(r)
        else:
            renames.append(r)

    def target(code):
        found = new_specs.get(code)
        return dict(found[0]) if found else code

    created = set()

    def into(code):
        # A new unit is described once; later steps refer to it by its code.
        if code in new_specs and code not in created:
            created.add(code)
            return target(code)
        return code

    steps = out.body["steps"]
    for code, group in merges.items():
        steps.append({"kind": "merge", "from": [r.old for r in group], "into": into(code)})
        out.step_rows.append([r.number for r in group])
    for old, group in splits.items():
        codes = [r.new for r in group]
        children = {}
        for parent, moved in list(moves.items()):
            if parent in codes:
                for r in moved:
                    children[r.old] = parent
                del moves[parent]
        steps.append({"kind": "split", "from": old, "into": [into(c) for c in codes], "children": children})
        out.step_rows.append([r.number for r in group])
    for r in renames:
        steps.append({"kind": "rename", "from": r.old, "into": into(r.new)})
        out.step_rows.append([r.number])
    for parent, group in moves.items():
        steps.append({"kind": "move", "units": [r.old for r in group], "to": parent})
        out.step_rows.append([r.number for r in group])
    return out


# build_plan's fields as the columns of the rows
FIELD_COLUMNS = {"kind": COLUMNS[0], "from": COLUMNS[1], "units": COLUMNS[1], "into": COLUMNS[2],
                 "into.code": COLUMNS[2], "into.name": COLUMNS[3], "into.kind": COLUMNS[4], "into.parent": COLUMNS[5],
                 "to": COLUMNS[5], "children": COLUMNS[5], "effective_on": _("Ngày hiệu lực"),
                 "legal_basis": _("Căn cứ pháp lý"), "steps": "", "non_field_errors": ""}


def payload_errors(payload, errors):
    """build_plan's errors ({"step", "field", "message"}) with the rows of their step and the column's name."""
    out = []
    for e in errors:
        rows = payload.step_rows[e["step"]] if e.get("step") is not None and e["step"] < len(payload.step_rows) else []
        out.append({**e, "rows": rows, "field": FIELD_COLUMNS.get(e.get("field"), e.get("field"))})
    return out


# --- the mapping workbook ---------------------------------------------------------------------

GUIDE = [
    "Cách điền bảng “Sắp xếp đơn vị” (mỗi dòng một đơn vị thay đổi; ngày hiệu lực và căn cứ pháp lý nhập trên trang)",
    "• sáp nhập: đơn vị ở “Mã đơn vị cũ” nhập vào đơn vị ở “Mã đơn vị mới”. Nhiều dòng cùng mã mới là một lần "
    "sáp nhập. Nếu mã mới chưa có, ghi thêm tên, cấp và mã đơn vị cấp trên để tạo đơn vị mới.",
    "• chia tách: mỗi đơn vị tiếp nhận một dòng (cùng mã cũ). Các đơn vị cấp dưới của đơn vị bị chia tách phải "
    "được ghi bằng dòng “chuyển” về một trong các đơn vị tiếp nhận.",
    "• đổi tên: đơn vị tiếp tục hoạt động với mã và tên mới (cấp và đơn vị cấp trên giữ nguyên nếu để trống).",
    "• chuyển: đơn vị ở “Mã đơn vị cũ” chuyển sang đơn vị cấp trên ở cột “Mã đơn vị cấp trên mới”.",
    "Đơn vị bị sáp nhập, chia tách, đổi tên thôi hoạt động từ ngày trước ngày hiệu lực; đơn vị cấp dưới, phân quyền, "
    "nhiệm vụ và kiến nghị đang thực hiện chuyển cho đơn vị tiếp nhận. Số liệu các kỳ trước không thay đổi.",
    "Ví dụ:",
    "sáp nhập | QB.SGDDT | QT.SGDDT | | |",
    "sáp nhập | QB.PGD-DONGHOI | QT.SGDDT | | |",
    "sáp nhập | XA.PHUOCHA | XA.PHUOCHA-MOI | UBND xã Phước Hà | UBND cấp xã | KH",
    "chuyển | QB.DONGHOI.THCS-HAIDINH | | | | QT.SGDDT",
    "Mã các đơn vị hiện có: trang “Đơn vị hiện có”.",
]


@in_vietnamese
def template_workbook(units=()):
    """The mapping workbook to fill offline (xlsx bytes): the six columns, lists of changes and levels,
    and a sheet "Đơn vị hiện có" with the codes of `units` to copy from."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    thin = Side(style="thin", color="999999")
    head = Font(name="Times New Roman", bold=True, size=12)
    ws.append(COLUMNS)
    for c in ws[1]:
        c.font, c.alignment = head, Alignment(horizontal="center", vertical="center", wrap_text=True)
        c.fill = PatternFill("solid", fgColor="E8EEF4")
        c.border = Border(top=thin, bottom=thin, left=thin, right=thin)
    for letter, width in zip("ABCDEF", (16, 28, 28, 40, 22, 28), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    kinds = DataValidation(type="list", formula1='"' + ",".join(KIND_WORDS) + '"', allow_blank=True)
    kinds.error, kinds.errorTitle = "Chọn: sáp nhập, chia tách, đổi tên hoặc chuyển.", "Loại thay đổi"
    levels = DataValidation(type="list", formula1='"' + ",".join(label for _value, label in level_labels()) + '"',
                            allow_blank=True)
    ws.add_data_validation(kinds)
    ws.add_data_validation(levels)
    kinds.add(f"A2:A{MAX_ROWS + 1}")
    levels.add(f"E2:E{MAX_ROWS + 1}")
    guide = wb.create_sheet("Hướng dẫn")
    guide.column_dimensions["A"].width = 110
    for line in GUIDE:
        guide.append([line])
    guide["A1"].font = head
    for row in guide.iter_rows(min_row=2):
        for c in row:
            c.font = Font(name="Times New Roman", size=11)
            c.alignment = Alignment(wrap_text=True, vertical="top")
    ref = wb.create_sheet("Đơn vị hiện có")
    ref.append(["Mã đơn vị", "Tên đơn vị", "Cấp", "Đơn vị cấp trên"])
    for c in ref[1]:
        c.font = head
    labels = dict(level_labels())
    for u in units:
        ref.append([u.code, u.name, labels.get(u.kind, u.kind), u.parent.code if u.parent_id else ""])
    for letter, width in zip("ABCD", (28, 60, 24, 28), strict=True):
        ref.column_dimensions[letter].width = width
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


class RowsError(Exception):
    """The file cannot be read as the mapping workbook; `message` is Vietnamese."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def read_workbook(uploaded):
    """Rows of an uploaded mapping workbook (the header found by its first column).

    The file goes through the project's one workbook check (config.spreadsheets: size, type, zip bomb).
    """
    try:
        wb = open_workbook(uploaded, data_only=True, most=MAX_BYTES)
    except WorkbookErrors as exc:
        raise RowsError(exc.message) from None
    ws = wb[SHEET] if SHEET in wb.sheetnames else wb.worksheets[0]
    rows, started = [], False
    for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
        if number > MAX_ROWS + 10:
            raise RowsError(gettext("Tệp có quá nhiều dòng; tối đa %(most)s dòng.")
                            % {"most": f"{MAX_ROWS:,}".replace(",", ".")})
        cells = list(values or [])[:6] + [None] * (6 - len(list(values or [])[:6]))
        if not started:
            started = _clean(cells[0]).lower() == COLUMNS[0].lower()
            continue
        rows.append(row_from(number, dict(zip(KEYS, cells, strict=True))))
    wb.close()
    if not started:
        raise RowsError(gettext("Không thấy dòng tiêu đề “%(heading)s” ở cột A: hãy dùng mẫu tải về từ trang này.")
                        % {"heading": COLUMNS[0]})
    rows = [r for r in rows if not r.blank]
    if not rows:
        raise RowsError(gettext("Tệp không có dòng thay đổi nào."))
    return rows
