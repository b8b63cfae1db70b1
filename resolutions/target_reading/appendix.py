"""The "Phụ lục chỉ tiêu" workbook: a template to download, and its upload read into proposals.

One row per target: mã, tên chỉ tiêu, loại số liệu, đơn vị tính, cấp áp
dụng, chỉ tiêu as written ("trên 95%"), năm, trụ cột. Rows with the same
code (or, without a code, the same name) are one indicator with several
levels or milestones. The upload goes through the project's checks of an
uploaded workbook (`config.spreadsheets`: size, type, zip bomb) and is read
with the reader's own level and operator rules, so "trên 95%" means `gt`
here exactly as in a sentence. Every bad row is listed with its row and
column; then nothing is proposed.
"""

import re
from io import BytesIO

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.datavalidation import DataValidation

from config.language import in_vietnamese
from config.spreadsheets import WorkbookErrors, open_workbook
from units.models import UnitKind

from .labels import pillar_for
from .levels import level_kind
from .operators import read_operator
from .proposals import ProposedIndicator, ProposedTarget
from .text import fold
from .values import NUMBER, parse_number

SHEET = "Phụ lục chỉ tiêu"
GUIDE = "Hướng dẫn"
HEADER_ROW = 5
BLANK_ROWS = 200
COLUMNS = [  # (key, header, width)
    ("code", "Mã", 12),
    ("name", "Tên chỉ tiêu", 48),
    ("measure", "Loại số liệu", 16),
    ("unit_label", "Đơn vị tính", 12),
    ("level", "Cấp áp dụng", 24),
    ("target", "Chỉ tiêu", 16),
    ("year", "Năm", 8),
    ("pillar", "Trụ cột", 22),
]
LETTERS = {key: chr(ord("A") + i) for i, (key, _h, _w) in enumerate(COLUMNS)}
HEADERS = {LETTERS[key]: header for key, header, _w in COLUMNS}
MEASURES = [("Tỷ lệ %", "percent"), ("Số lượng", "count"), ("Có/Không", "boolean")]
EVERYONE = "Tất cả đơn vị"


def _kind_labels():
    """(unit kind, Vietnamese label) pairs: the template's list and the reader's words, whatever the page's
    language (the labels are translated for pages; the workbook is filled and read in Vietnamese)."""
    with translation.override("vi"):
        return [(value, str(label)) for value, label in UnitKind.choices]


def level_words():
    return [EVERYONE] + [label for _v, label in _kind_labels()]


_MEASURE_WORDS = {fold(label): code for label, code in MEASURES} | {
    "ty le": "percent",
    "%": "percent",
    "percent": "percent",
    "so luong": "count",
    "count": "count",
    "co khong": "boolean",
    "co/ khong": "boolean",
    "boolean": "boolean",
}
# The reader's own words, quoted in the instructions and messages: Vietnamese in every language.
TARGET_EXAMPLES = "“trên 95%”, “đạt 96%”, “không quá 5%”"
LEVEL_EXAMPLES = "Sở, ban, ngành; UBND cấp xã; Cơ sở giáo dục; Tất cả đơn vị"
_EVERYONE_WORDS = {"", "tat ca", "tat ca don vi", "moi don vi", "toan tinh", "toan nganh", "chung"}


@in_vietnamese
def build_template(resolution, pillars):
    """The .xlsx template (bytes) for `resolution`; `pillars`: the Pillar rows offered in column H."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    thin = Side(style="thin", color="8C8C8C")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    font = Font(name="Times New Roman", size=11)
    bold = Font(name="Times New Roman", size=11, bold=True)
    ws["A1"] = _("PHỤ LỤC CHỈ TIÊU")
    ws["A1"].font = Font(name="Times New Roman", size=14, bold=True)
    ws["A2"] = _("(Kèm theo %(kind)s số %(code)s: %(title)s)") % {
        "kind": resolution.get_kind_display(),
        "code": resolution.code,
        "title": resolution.title,
    }
    ws["A2"].font = Font(name="Times New Roman", size=11, italic=True)
    ws["A3"] = _(
        "Mỗi dòng một mục tiêu. Các dòng cùng mã là một chỉ tiêu với nhiều cấp hoặc nhiều năm mốc. "
        "Ghi chỉ tiêu như trong văn bản: %(examples)s. "
        "Để trống năm: năm %(year)s; để trống cấp: tất cả đơn vị; để trống mã: hệ thống đề xuất."
    ) % {"examples": f"{TARGET_EXAMPLES}, “ít nhất 3”", "year": resolution.end_year}
    ws["A3"].font = font
    ws["A3"].alignment = Alignment(wrap_text=True, vertical="top")
    for row in (1, 2, 3):
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(COLUMNS))
        ws.cell(row, 1).alignment = Alignment(
            horizontal="center" if row < 3 else "left", vertical="center", wrap_text=True
        )
    ws.row_dimensions[3].height = 48
    fill = PatternFill("solid", fgColor="DDE5EE")
    for i, (_key, header, width) in enumerate(COLUMNS, start=1):
        cell = ws.cell(HEADER_ROW, i, header)
        cell.font, cell.fill, cell.border = bold, fill, border
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[chr(ord("A") + i - 1)].width = width
    last = HEADER_ROW + BLANK_ROWS
    for r in range(HEADER_ROW + 1, last + 1):
        for i in range(1, len(COLUMNS) + 1):
            cell = ws.cell(r, i)
            cell.border, cell.font = border, font
            cell.alignment = Alignment(vertical="top", wrap_text=i == 2)
        ws.cell(r, len(COLUMNS) - 1).number_format = "0"  # a year, never 2.025
    guide = wb.create_sheet(GUIDE)
    for i, (_key, _header, width) in enumerate(COLUMNS, start=1):
        guide.column_dimensions[chr(ord("A") + i - 1)].width = max(width, 16)
    guide["A1"], guide["B1"], guide["C1"] = _("Loại số liệu"), _("Cấp áp dụng"), _("Trụ cột")
    pillar_names = [p.name for p in pillars]
    for i, label in enumerate([m for m, _c in MEASURES], start=2):
        guide.cell(i, 1, label)
    levels = level_words()
    for i, label in enumerate(levels, start=2):
        guide.cell(i, 2, label)
    for i, label in enumerate(pillar_names, start=2):
        guide.cell(i, 3, label)
    examples = max(len(levels), len(pillar_names)) + 3
    guide.cell(examples, 1, _("Ví dụ: một chỉ tiêu có mục tiêu cho ba cấp (ba dòng cùng mã)"))
    for i, (_key, header, _w) in enumerate(COLUMNS, start=1):
        cell = guide.cell(examples + 1, i, header)
        cell.fill, cell.border = fill, border
    for j, row in enumerate(
        [
            (
                "HSCV",
                "Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng",
                "Tỷ lệ %",
                "%",
                "Sở, ban, ngành",
                "trên 95%",
                2025,
                "Chính quyền số",
            ),
            ("HSCV", "", "", "", "Phòng chuyên môn cấp huyện", "trên 75%", 2025, ""),
            ("HSCV", "", "", "", "Cơ sở giáo dục", "52%", 2025, ""),
        ],
        start=examples + 2,
    ):
        for i, value in enumerate(row, start=1):
            guide.cell(j, i, value).border = border
    for row in guide.iter_rows(min_row=1, max_row=examples + 4, max_col=len(COLUMNS)):
        for cell in row:
            cell.font = bold if cell.row in (1, examples, examples + 1) else font
            cell.alignment = Alignment(vertical="top", wrap_text=cell.row != examples)
    guide.merge_cells(start_row=examples, start_column=1, end_row=examples, end_column=len(COLUMNS))
    guide.page_setup.orientation = "landscape"
    guide.page_setup.paperSize = guide.PAPERSIZE_A4
    guide.page_setup.fitToWidth, guide.page_setup.fitToHeight = 1, 0
    guide.sheet_properties.pageSetUpPr.fitToPage = True
    for key, source in (
        ("measure", f"'{GUIDE}'!$A$2:$A${1 + len(MEASURES)}"),
        ("level", f"'{GUIDE}'!$B$2:$B${1 + len(levels)}"),
        ("pillar", f"'{GUIDE}'!$C$2:$C${1 + max(1, len(pillar_names))}"),
    ):
        dv = DataValidation(type="list", formula1=source, allow_blank=True, showErrorMessage=False)
        dv.add(f"{LETTERS[key]}{HEADER_ROW + 1}:{LETTERS[key]}{last}")
        ws.add_data_validation(dv)
    years = DataValidation(
        type="whole",
        operator="between",
        formula1="2000",
        formula2="2100",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=_("Năm mốc"),
        error=_("Nhập năm, ví dụ 2025."),
    )
    years.add(f"{LETTERS['year']}{HEADER_ROW + 1}:{LETTERS['year']}{last}")
    ws.add_data_validation(years)
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def template_filename(resolution):
    code = re.sub(r"[^A-Za-z0-9._-]+", "-", fold(resolution.code)).strip("-") or str(resolution.pk)
    return f"PhuLucChiTieu_{code}.xlsx"


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_appendix(fileobj, *, plan_year, pillars, default_kinds=()):
    """Proposals from a filled template; raises config.spreadsheets.WorkbookErrors listing every bad cell."""

    wb = open_workbook(fileobj)
    try:
        ws = wb[SHEET] if SHEET in wb.sheetnames else wb[wb.sheetnames[0]]
        rows = list(
            ws.iter_rows(min_row=1, max_row=HEADER_ROW + 2000, max_col=len(COLUMNS), values_only=True)
        )
    finally:
        wb.close()
    header_index = next(
        (
            i
            for i, row in enumerate(rows[:20])
            if [fold(_text(c)) for c in row[:2]] == [fold("Mã"), fold("Tên chỉ tiêu")]
        ),
        None,
    )
    if header_index is None:
        raise WorkbookErrors(
            [
                {
                    "sheet": SHEET,
                    "row": None,
                    "column": None,
                    "message": _(
                        "Không thấy dòng tiêu đề %(header)s của mẫu Phụ lục chỉ tiêu; hãy tải mẫu từ trang Đọc chỉ "
                        "tiêu và điền vào đó."
                    )
                    % {"header": f"“{COLUMNS[0][1]} | {COLUMNS[1][1]} | …”"},
                }
            ]
        )
    header = [fold(_text(c)) for c in rows[header_index]]
    for key, title, _w in COLUMNS:
        if header[ord(LETTERS[key]) - ord("A")] != fold(title):
            raise WorkbookErrors(
                [
                    {
                        "sheet": SHEET,
                        "row": header_index + 1,
                        "column": LETTERS[key],
                        "message": _(
                            "Cấu trúc mẫu đã bị thay đổi: cột %(col)s phải là “%(title)s”. Hãy tải mẫu mới, không thêm/xóa cột."
                        )
                        % {"col": LETTERS[key], "title": title},
                    }
                ]
            )
    pillar_by = {fold(p.name): p.code for p in pillars} | {fold(p.code): p.code for p in pillars}
    errors, groups, order = [], {}, []
    for number, row in enumerate(rows[header_index + 1 :], start=header_index + 2):
        cells = {key: _text(row[i]) if i < len(row) else "" for i, (key, _h, _w) in enumerate(COLUMNS)}
        if not any(cells.values()):
            continue

        def err(key, message, number=number):
            errors.append({"sheet": SHEET, "row": number, "column": LETTERS[key], "message": message})

        key = fold(cells["code"]) or fold(cells["name"])
        group = groups.get(key)
        if not cells["name"] and group is None:
            err("name", _("Cần tên chỉ tiêu (hoặc mã của một chỉ tiêu đã ghi ở dòng trên)."))
            continue
        if len(cells["code"]) > 30:
            err("code", _("Mã chỉ tiêu tối đa 30 ký tự."))
        measure = None
        if cells["measure"]:
            measure = _MEASURE_WORDS.get(fold(cells["measure"]).replace(" ", " "))
            if measure is None:
                err(
                    "measure",
                    _("Loại số liệu “%(v)s” không hợp lệ: %(percent)s, %(number)s hoặc %(yes_no)s.")
                    % {
                        "v": cells["measure"],
                        "percent": MEASURES[0][0],
                        "number": MEASURES[1][0],
                        "yes_no": MEASURES[2][0],
                    },
                )
        kind, level_ok = _level(cells["level"])
        if not level_ok:
            err(
                "level",
                _("Cấp áp dụng “%(v)s” không hợp lệ: chọn trong danh sách (ví dụ %(examples)s).")
                % {"v": cells["level"], "examples": LEVEL_EXAMPLES},
            )
        target = _target(cells["target"])
        if target is None:
            err(
                "target",
                _("Chỉ tiêu “%(v)s” không có con số (ví dụ %(examples)s).")
                % {"v": cells["target"], "examples": TARGET_EXAMPLES},
            )
        year = plan_year
        if cells["year"]:
            try:
                year = int(cells["year"])
            except ValueError:
                year = None
            if year is None or not 2000 <= year <= 2100:
                err("year", _("Năm “%(v)s” không hợp lệ (ví dụ 2025).") % {"v": cells["year"]})
        pillar = None
        if cells["pillar"]:
            pillar = pillar_by.get(fold(cells["pillar"]))
            if pillar is None:
                err("pillar", _("Trụ cột “%(v)s” không có trong danh mục.") % {"v": cells["pillar"]})
        if target is None or not level_ok or (cells["year"] and year is None):
            continue
        op, value, percent = target
        if group is None:
            group = ProposedIndicator(
                name=cells["name"],
                measure=measure or ("percent" if percent else "count"),
                unit_label=cells["unit_label"]
                or ("%" if (measure or ("percent" if percent else "")) == "percent" else ""),
                pillar=pillar or pillar_for(cells["name"]),
                source=_("Phụ lục, dòng %(row)s") % {"row": number},
                code=cells["code"],
            )
            groups[key] = group
            order.append(group)
        if any(t.unit_kind == kind and t.year == year for t in group.targets):
            err(
                "year",
                _("Chỉ tiêu này đã có mục tiêu cùng cấp và năm %(year)s ở dòng trên.") % {"year": year},
            )
            continue
        if group.measure in ("percent", "boolean") and value > 100:
            err("target", _("Mục tiêu tỷ lệ không vượt quá 100%."))
            continue
        group.targets.append(ProposedTarget(kind, op, value, year, phrase=cells["target"]))
    if errors:
        raise WorkbookErrors(errors)
    if not order:
        raise WorkbookErrors(
            [
                {
                    "sheet": SHEET,
                    "row": None,
                    "column": None,
                    "message": _(
                        "Tệp chưa có dòng chỉ tiêu nào: hãy điền từ dòng %(row)s của sheet “%(sheet)s”."
                    )
                    % {"row": header_index + 2, "sheet": SHEET},
                }
            ]
        )
    for ind in order:
        kinds = [t.unit_kind for t in ind.targets]
        named = [k for k in dict.fromkeys(kinds) if k]
        ind.applies_to = (
            list(dict.fromkeys([*named, *default_kinds])) if None in kinds or not named else named
        )
    return order


def _level(text):
    """(unit kind or None, valid?) for a "Cấp áp dụng" cell."""
    folded = fold(text).strip()
    if folded in _EVERYONE_WORDS:
        return None, True
    for value, label in _kind_labels():
        if folded in (fold(label), value):
            return value, True
    kind = level_kind(text) or level_kind(f"cấp {text}")
    return (kind, True) if kind else (None, False)


def _target(text):
    """(operator, value, is a percentage) from a cell such as "trên 95%", or None without a number."""
    m = re.search(NUMBER, text or "")
    if not m:
        return None
    value = parse_number(m.group())
    if value is None:
        return None
    op, _decrease, _len = read_operator(text[: m.start()], text[m.end() :])
    return op, value, "%" in text[m.end() : m.end() + 3]
