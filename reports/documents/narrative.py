"""The narrative report (ReportKind `narrative`): the Word document an office edits, signs and sends.

For a resolution, a period and a scope: the document frame of `reports.documents.layout`
(heading, number, place and date, "BÁO CÁO" and the trích yếu; signature and
"Nơi nhận"), then

- I. Kết quả thực hiện: the overall count ("Có 6/12 chỉ tiêu đạt và vượt, 4
  chỉ tiêu đúng tiến độ, 2 chỉ tiêu có nguy cơ không đạt"), who reported, and
  per pillar one sentence per indicator in the delegations' words ("Tỷ lệ …
  cấp Sở đạt 92,24%, vượt mục tiêu 90% của năm 2025"), with task progress
  ("11/21 nhiệm vụ phát triển chính quyền số đã triển khai");
- II. Tồn tại, hạn chế và nguyên nhân: the lagging indicators (their levels
  and lowest units), incomplete reporting, the supervisions' findings of kind
  "hạn chế";
- III. Nhiệm vụ, giải pháp: open and overdue tasks and recommendations, the
  indicators to push;
- IV. Kiến nghị, đề xuất: a highlighted paragraph for the office's own text;
- the progress table as the annex ("Phụ lục … Kèm theo Báo cáo số …").

Nothing here computes a figure, a rate or a status: the progress report
(`report_data.progress_report`), its per-unit rows, the completeness and the
tasks report are the same functions the workbooks use; this module only
words them (`indicators.rules` formats) and lays them out with python-docx
as real headings (Word's Heading styles), paragraphs and tables: no text
boxes, no images of text, editable in Word and LibreOffice.
"""

from dataclasses import dataclass, field

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from indicators.figures import expand_with_predecessors
from indicators.models import Operator
from indicators.rules import Status, format_change, format_number, format_target, format_value
from reports.dashboards.selectors import ResolutionOverview
from resolutions.models import Finding, FindingKind, TaskStatus
from units.models import UnitKind

from .layout import build_document, issuer_for, resolution_ref
from .report_data.completeness import completeness_report, not_sent_words
from .report_data.progress import progress_report
from .report_data.shared import titled_ref
from .report_data.tasks_report import tasks_report
from .report_data.unit_rows import progress_unit_rows

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FONT = "Times New Roman"
LAGGING = (Status.AT_RISK, Status.NOT_MET)
UNITS_NAMED = 5  # lagging units named per indicator; the rest are counted
OFFICE_TEXT_MARK = "[Phần do cơ quan soạn thảo viết: "

# How a sentence names a level ("… cấp Sở đạt 92,24%").
LEVEL_WORDS = {
    UnitKind.PROVINCE: "cấp tỉnh",
    UnitKind.DEPARTMENT: "cấp Sở",
    UnitKind.DISTRICT: "cấp huyện",
    UnitKind.DISTRICT_OFFICE: "cấp phòng",
    UnitKind.COMMUNE: "cấp xã",
    UnitKind.SCHOOL: "tại các cơ sở giáo dục",
    UnitKind.OTHER: "tại các đơn vị khác",
}
# The counts sentence, in the order delegations write it.
STATUS_WORDS = [
    (Status.ON_TRACK, "đúng tiến độ"),
    (Status.AT_RISK, "có nguy cơ không đạt"),
    (Status.NOT_MET, "chưa đạt"),
    (Status.NO_DATA, "chưa có số liệu"),
]


# --- the words -------------------------------------------------------------------------------------

def counts_sentence(counts):
    """"Có 6/12 chỉ tiêu đạt và vượt, 4 chỉ tiêu đúng tiến độ, 2 chỉ tiêu có nguy cơ không đạt."

    `counts` are the statuses of a progress report's indicators; the first
    part is the dashboards' own summary (ResolutionOverview.summary_words).
    """
    judged = sum(counts.values()) - counts.get(Status.NO_TARGET, 0)
    if not judged:
        return "Các chỉ tiêu chưa có mục tiêu để đánh giá." if counts else "Chưa có chỉ tiêu định lượng."
    parts = [ResolutionOverview(resolution=None, roots=None, counts=counts).summary_words]
    parts += [f"{counts[s]} chỉ tiêu {words}" for s, words in STATUS_WORDS if counts.get(s)]
    sentence = "Có " + ", ".join(parts)
    if counts.get(Status.NO_TARGET):
        sentence += f" ({counts[Status.NO_TARGET]} chỉ tiêu chưa có mục tiêu, không đánh giá)"
    return sentence + "."


def goal_words(target, measure):
    """"90%", "trên 95%", "không quá 10": a target as a sentence names it after "mục tiêu"."""
    words = format_target(target, measure)
    return words.split(" ", 1)[1] if target.operator in (Operator.GTE, Operator.EQ) else words


def result_sentence(row, with_level=True, with_name=True, end="."):
    """One indicator (or one level of it) in the delegations' words, from a progress report row.

    "Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng cấp Sở đạt 92,24%,
    vượt mục tiêu 90% của năm 2025." The status is the row's (never judged
    again here); the estimate is the row's "Ước thực hiện". A yes/no
    indicator over many units reads as the share of units: "cấp phòng: 62,50%
    số đơn vị". `with_name=False` leaves the indicator's name out (a level
    after the name: "…: cấp Sở đạt 95,10%, …; cấp phòng đạt …").
    """
    ind = row.indicator
    level = LEVEL_WORDS.get(row.unit_kind, "") if with_level and row.unit_kind else ""
    name = " ".join(x for x in (ind.name if with_name else "", level) if x) or ind.name
    if row.value is None:
        return f"{name}: chưa có số liệu{end}"
    value = format_value(ind, row.value, share=True)
    text = f"{name}: {value} số đơn vị" if ind.measure == "boolean" else f"{name} đạt {value}"
    t = row.target
    if t is None:
        return text + end
    goal = f"mục tiêu {goal_words(t, ind.measure)} của năm {t.year}"
    estimate = (f" (ước đến hết năm {t.year} đạt {format_value(ind, row.estimate, share=True)})"
                if row.estimate is not None else "")
    if row.status == Status.MET:
        beyond = t.operator == Operator.GTE and row.value > t.value
        text += f", {'vượt' if beyond else 'đạt'} {goal}"
    elif row.status == Status.ON_TRACK:
        text += f", chưa đạt {goal} nhưng đúng tiến độ{estimate}"
    elif row.status == Status.AT_RISK:
        text += f", chưa đạt {goal}, có nguy cơ không đạt{estimate}"
    elif row.status == Status.NOT_MET:
        text += f", không đạt {goal}"
    return text + end


def indicator_sentence(row, levels=()):
    """An indicator in one sentence (no final stop): itself, or its name then each level's result.

    "Tỷ lệ … mạng: cấp Sở đạt 96,10%, đạt mục tiêu trên 95% của năm 2022; cấp
    phòng đạt 70,20%, không đạt mục tiêu trên 75% của năm 2022"
    """
    notes = [words for words in ("mục tiêu minh họa" if any(r.target_note for r in (row, *levels)) else "",
                                 reported_words(row)) if words]
    notes = f" ({'; '.join(notes)})" if notes else ""
    if not levels:
        return result_sentence(row, with_level=False, end="") + notes
    return f"{row.indicator.name}: " + "; ".join(result_sentence(r, with_name=False, end="") for r in levels) + notes


def reported_words(row):
    """"45/50 đơn vị đã báo cáo" when some of the expected units have not reported yet ("" when all have)."""
    if row.units_expected and row.units_reported is not None and row.units_reported < row.units_expected:
        return f"{format_number(row.units_reported)}/{format_number(row.units_expected)} đơn vị đã báo cáo"
    return ""


def _lower_first(text):
    return text[:1].lower() + text[1:]


# --- the data ------------------------------------------------------------------------------------

@dataclass
class Block:
    """One piece of the body: a heading (level 1, 2), a paragraph, a bullet, or the office's own text."""

    kind: str  # "h1" | "h2" | "p" | "bullet" | "office"
    text: str


@dataclass
class Lagging:
    """An indicator at risk or not met: its lagging levels and its lowest units."""

    row: object  # ProgressRow (level 0)
    levels: list = field(default_factory=list)  # ProgressRow of the lagging levels
    units: list = field(default_factory=list)  # [(value, name, kind label)] lowest first, at most UNITS_NAMED
    units_count: int = 0


@dataclass
class NarrativeReport:
    resolution: object
    period: object
    scope_unit: object
    heading: object  # reports.documents.layout.Document
    progress: object  # report_data.ProgressReport (the annex)
    completeness: object  # report_data.CompletenessReport
    tasks: object  # report_data.TasksReport (statuses at the period's end)
    blocks: list = field(default_factory=list)
    lagging: list = field(default_factory=list)

    @property
    def annex(self):
        return self.heading.as_annex("Phụ lục")


def narrative_subject(resolution, period):
    """The trích yếu by the kind of period: a quarter's result, "Sơ kết 6 tháng", "Tổng kết năm"."""
    ref = titled_ref(resolution_ref(resolution), resolution)
    if period.kind == "half_year" and period.number == 1:
        return f"Sơ kết 6 tháng đầu năm {period.year} thực hiện {ref}"
    if period.kind == "year":
        return f"Tổng kết năm {period.year} thực hiện {ref}"
    return f"Kết quả thực hiện {ref}, {period.label}"


def narrative_report(resolution, period, scope_unit=None, day=None, document=None):
    """The narrative report's content, written from the figures of the progress report."""
    progress = progress_report(resolution, period, scope_unit, day, document)
    heading = build_document(narrative_subject(resolution, period), issuer_for(resolution, scope_unit),
                               resolution, day, overrides={**(document or {}), "annex": False})
    roots = progress.roots
    completeness = completeness_report(period, roots[0] if roots and len(roots) == 1 else None, resolution, day)
    tasks = tasks_report(resolution, period, day)
    report = NarrativeReport(resolution, period, scope_unit, heading, progress, completeness, tasks)
    report.lagging = lagging_indicators(progress)
    _section_results(report)
    _section_limits(report)
    _section_next(report)
    _section_proposals(report)
    return report


def lagging_indicators(progress):
    """The indicators at risk or not met, with their lagging levels and their lowest units (per-unit rows)."""
    levels = {}
    for row in progress.rows:
        if row.level == 1 and row.status in LAGGING:
            levels.setdefault(row.indicator.pk, []).append(row)
    out = {row.indicator.pk: Lagging(row, levels.get(row.indicator.pk, []))
           for row in progress.rows if row.level == 0 and row.status in LAGGING}
    if not out:
        return []
    lowest = {pk: [] for pk in out}
    indicators = [i for i in progress.indicators if i.pk in out]
    for u in progress_unit_rows(indicators, progress.period, progress.roots):
        if u.status not in LAGGING:
            continue
        item = out[next(i.pk for i in indicators if i.code == u.indicator_code)]
        item.units_count += 1
        lowest[item.row.indicator.pk].append((u.value, u.unit_name, u.kind_label))
    for pk, item in out.items():
        item.units = sorted(lowest[pk], key=lambda x: (x[0] is None, x[0] or 0))[:UNITS_NAMED]
    return list(out.values())


def _section_results(report):
    p, b = report.progress, report.blocks
    c = report.completeness
    b.append(Block("h1", "I. KẾT QUẢ THỰC HIỆN"))
    res = report.resolution
    issued = f" ngày {res.issued_on:%d/%m/%Y}" if res.issued_on else ""
    issuer = f" của {res.issuer}" if res.issuer else ""
    window = f"{report.period.label} (từ ngày {report.period.start:%d/%m/%Y} đến ngày {report.period.end:%d/%m/%Y})"
    basis = (f"trên cơ sở số liệu {window} của các đơn vị"
             f"{' thuộc ' + report.scope_unit.name if report.scope_unit is not None else ''}" if p.indicators
             else f"trên cơ sở tình hình thực hiện nhiệm vụ {window}")
    b.append(Block("p", (
        f"Thực hiện {resolution_ref(res)}{issued}{issuer}"
        f"{' ' + _lower_first(res.title) if res.title.lower().startswith('về ') else ''}; {basis}, "
        f"{report.heading.issuer_name} báo cáo kết quả thực hiện như sau:"
    )))
    b.append(Block("h2", "1. Kết quả chung"))
    expected = any(row.units_expected for row in p.rows)
    if p.indicators and expected:
        b.append(Block("p", counts_sentence(p.counts)))
    elif p.indicators:
        b.append(Block("p", f"{report.period.label} không thuộc thời gian thực hiện các chỉ tiêu của văn bản hoặc "
                            "không có đơn vị nào phải báo cáo; chưa có số liệu để đánh giá."))
    else:
        b.append(Block("p", "Văn bản không đặt chỉ tiêu định lượng; kết quả thực hiện được đánh giá theo các nhiệm "
                            "vụ được giao."))
    if c.expected:
        sent = (f"Có {format_number(c.reported)}/{format_number(c.expected)} đơn vị đã gửi báo cáo "
                f"(đạt {format_value(_PERCENT, c.rate)}), trong đó {format_number(c.on_time)} đơn vị gửi đúng hạn.")
        if c.is_thin:
            sent += " Dưới một nửa số đơn vị đã gửi báo cáo nên kết quả chung chưa phản ánh đầy đủ tình hình."
        b.append(Block("p", sent))
    if p.illustrative:
        b.append(Block("p", "Lưu ý: một phần số liệu của kỳ này là số liệu minh họa (dữ liệu mẫu)."))
    number = 2
    pillars = {}
    for row in p.rows:
        if row.level == 0 and expected:
            pillars.setdefault(row.indicator.pillar, []).append(row)
    by_pillar_tasks = {g.pillar_id: g for g in report.tasks.groups} if not report.tasks.by_group else {}
    for pillar, rows in sorted(pillars.items(), key=lambda kv: (kv[0].order if kv[0] else 99, str(kv[0] or ""))):
        b.append(Block("h2", f"{number}. Về {_lower_first(pillar.name) if pillar else 'các chỉ tiêu khác'}"))
        number += 1
        counts = {}
        for row in rows:
            counts[row.status] = counts.get(row.status, 0) + 1
        if len(rows) > 1:
            b.append(Block("p", counts_sentence(counts)))
        for row in rows:
            levels = [r for r in p.rows if r.level == 1 and r.indicator == row.indicator]
            b.append(Block("bullet", indicator_sentence(row, levels) + "."))
        group = by_pillar_tasks.pop(pillar.pk if pillar else None, None)
        if group is not None:
            b.append(Block("p", f"Về nhiệm vụ: {group.phrase} đã triển khai, trong đó {group.done} nhiệm vụ "
                                "đã hoàn thành."))
    groups = list(by_pillar_tasks.values()) if not report.tasks.by_group else report.tasks.groups
    if groups:
        b.append(Block("h2", f"{number}. Thực hiện các nhiệm vụ được giao"))
        total = sum(g.total for g in groups)
        deployed = sum(g.deployed for g in groups)
        done = sum(g.done for g in groups)
        b.append(Block("p", f"Đến hết ngày {report.period.end:%d/%m/%Y}, đã triển khai {deployed}/{total} nhiệm vụ, "
                            f"trong đó {done} nhiệm vụ đã hoàn thành:"))
        for g in groups:
            extra = f", {g.overdue} nhiệm vụ quá hạn" if g.overdue else ""
            b.append(Block("bullet", f"{g.phrase} đã triển khai ({g.done} nhiệm vụ đã hoàn thành{extra});"))
        _end_list(b)


class _Percent:
    """Completeness rates are percentages whatever the indicator: format them as such."""

    measure = "percent"
    decimals = 2
    unit_label = ""


_PERCENT = _Percent()


def _end_list(blocks):
    """The last item of a list of bullets ends the sentence: ";" becomes "."."""
    if blocks and blocks[-1].kind == "bullet" and blocks[-1].text.endswith((";", ":")):
        blocks[-1].text = blocks[-1].text[:-1] + "."


def _section_limits(report):
    b, c, p = report.blocks, report.completeness, report.progress
    b.append(Block("h1", "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN"))
    number = 1
    if p.indicators:
        b.append(Block("h2", f"{number}. Các chỉ tiêu chưa đạt, có nguy cơ không đạt"))
        number += 1
        if not report.lagging:
            b.append(Block("p", "Không có chỉ tiêu chưa đạt hoặc có nguy cơ không đạt mục tiêu trong kỳ."))
        for item in report.lagging:
            row = item.row
            text = indicator_sentence(row, item.levels) + "."
            if item.units_count:
                named = ", ".join(f"{name} ({format_value(row.indicator, value, share=False)})"
                                  if value is not None else name for value, name, _ in item.units)
                more = item.units_count - len(item.units)
                text += (f" Có {format_number(item.units_count)} đơn vị chưa đạt hoặc có nguy cơ không đạt, thấp "
                         f"nhất: {named}{f' và {format_number(more)} đơn vị khác' if more > 0 else ''}.")
            b.append(Block("bullet", text))
    if c.expected:
        b.append(Block("h2", f"{number}. Việc gửi báo cáo"))
        number += 1
        if c.missing or c.late:
            text = f"Còn {format_number(c.missing)} đơn vị chưa gửi báo cáo"
            if c.missing:
                text += f" ({not_sent_words(c.not_sent)})"
            if c.late:
                text += f"; {format_number(c.late)} đơn vị gửi muộn"
            low = [k for k in c.by_kind if k["rate"] is not None and k["units_reported"] < k["units_expected"]]
            if low:
                text += "; tỷ lệ gửi báo cáo " + ", ".join(
                    f"của {_lower_first(k['kind_label'])} đạt {format_value(_PERCENT, k['rate'])}" for k in low)
            b.append(Block("p", text + "."))
        else:
            b.append(Block("p", "Các đơn vị đã gửi báo cáo đầy đủ, đúng hạn."))
    findings = list(
        Finding.objects.filter(visit__supervision__resolution=report.resolution, kind=FindingKind.LIMITATION,
                               visit__date__lte=report.period.end)
        .select_related("visit__unit", "visit__supervision").order_by("visit__date", "visit_id", "order", "id")
    )
    roots = expand_with_predecessors(p.roots)  # a successor's scope holds its predecessors' visits
    if roots:
        findings = [f for f in findings if any(f.visit.unit.path.startswith(r.path) for r in roots)]
    if findings:
        b.append(Block("h2", f"{number}. Hạn chế qua giám sát, kiểm tra"))
        number += 1
        visit = None
        for f in findings:
            if f.visit_id != visit:
                _end_list(b)
                visit = f.visit_id
                sup = f.visit.supervision
                b.append(Block("p", f"Qua {sup.get_kind_display().lower()} ({sup.decision_ref}) tại "
                                    f"{f.visit.unit.name} ngày {f.visit.date:%d/%m/%Y}, đoàn chỉ ra các hạn chế:"))
            b.append(Block("bullet", f"{f.text.rstrip('.;')};"))
        _end_list(b)
    b.append(Block("h2", f"{number}. Nguyên nhân"))
    b.append(Block("office", "nguyên nhân chủ quan, khách quan của các tồn tại, hạn chế nêu trên.]"))


def _section_next(report):
    b, t = report.blocks, report.tasks
    b.append(Block("h1", "III. NHIỆM VỤ, GIẢI PHÁP TRONG THỜI GIAN TỚI"))
    number = 1
    if report.lagging:
        names = "; ".join(
            item.row.indicator.name + (f" ({', '.join(LEVEL_WORDS.get(r.unit_kind, '') for r in item.levels)})"
                                       if item.levels else "")
            for item in report.lagging)
        b.append(Block("p", f"{number}. Tập trung chỉ đạo, có giải pháp cụ thể nâng cao các chỉ tiêu chưa đạt, "
                            f"có nguy cơ không đạt: {names}."))
        number += 1
    open_tasks = [x for x in t.tasks if x.status != TaskStatus.DONE]
    if open_tasks:
        overdue = [x for x in open_tasks if x.overdue]
        text = f"{number}. Tiếp tục triển khai {len(open_tasks)} nhiệm vụ chưa hoàn thành"
        text += f", trong đó {len(overdue)} nhiệm vụ đã quá hạn:" if overdue else "."
        b.append(Block("p", text))
        for x in overdue:
            b.append(Block("bullet", f"{x.title} (chủ trì: {x.lead_unit or 'chưa giao'}; thời hạn "
                                     f"{x.deadline:%d/%m/%Y});"))
        _end_list(b)
        number += 1
    open_recs = [x for x in t.recommendations if x.status != TaskStatus.DONE]
    if open_recs:
        overdue = sum(1 for x in open_recs if x.overdue)
        b.append(Block("p", f"{number}. Thực hiện {len(open_recs)} kiến nghị của đoàn giám sát, kiểm tra còn mở"
                            f"{f' ({overdue} kiến nghị đã quá hạn)' if overdue else ''}:"))
        for x in open_recs:
            when = f"thời hạn {x.deadline:%d/%m/%Y}" if x.deadline else "chưa có thời hạn"
            b.append(Block("bullet", f"Kiến nghị ({x.stt}) – {x.source}: {x.title.rstrip('.;')} ({when}"
                                     f"{', quá hạn' if x.overdue else ''}; {x.status_label.lower()});"))
        _end_list(b)
        number += 1
    c = report.completeness
    if c.missing:
        b.append(Block("p", f"{number}. Đôn đốc {format_number(c.missing)} đơn vị chưa gửi báo cáo "
                            f"{report.period.label} hoàn thành việc nhập và gửi số liệu."))
        number += 1
    if number == 1:
        b.append(Block("p", "Tiếp tục duy trì kết quả đạt được, theo dõi, cập nhật số liệu các kỳ tiếp theo."))


def _section_proposals(report):
    b = report.blocks
    b.append(Block("h1", "IV. KIẾN NGHỊ, ĐỀ XUẤT"))
    b.append(Block("office", "kiến nghị, đề xuất với cấp trên và các cơ quan liên quan.]"))
    b.append(Block("closing", f"Trên đây là báo cáo {_lower_first(report.heading.subject)} của "
                              f"{report.heading.issuer_name}./."))


# --- the Word document -------------------------------------------------------------------------------

def _font(run, size=14, bold=None, italic=None, underline=None):
    run.font.name = FONT
    run.font.size = Pt(size)
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    if bold is not None:
        run.bold = bold
    if italic is not None:
        run.italic = italic
    if underline is not None:
        run.underline = underline
    return run


def _para(container, text="", size=14, bold=False, italic=False, align=WD_ALIGN_PARAGRAPH.CENTER, underline=False,
          space_after=0, keep=False):
    par = container.add_paragraph()
    par.alignment = align
    fmt = par.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(space_after)
    fmt.line_spacing = 1.0
    if keep:
        fmt.keep_with_next = True
    if text:
        _font(par.add_run(text), size, bold, italic, underline)
    return par


def _rule(cell, width_cm, cell_width_cm):
    """A short centred line under a heading (NĐ 30: one third to one half of the text above)."""
    par = _para(cell, size=2)
    side = max(0.0, (cell_width_cm - width_cm) / 2)
    par.paragraph_format.left_indent = Cm(side)
    par.paragraph_format.right_indent = Cm(side)
    ppr = par._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    border.append(bottom)
    ppr.append(border)
    _font(par.add_run(""), 2)
    return par


def _no_split(row):
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:cantSplit")
    tr_pr.append(el)


def _repeat_header(row):
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    tr_pr.append(el)


def _widths(table, widths_cm):
    """Fixed column widths, which Word and LibreOffice both keep (grid, cells and a fixed layout)."""
    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for column, w in zip(table.columns, widths_cm, strict=False):
        column.width = Cm(w)
    for row in table.rows:
        for cell, w in zip(row.cells, widths_cm, strict=False):
            cell.width = Cm(w)


def _setup(doc):
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.orientation = WD_ORIENT.PORTRAIT
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    for name, size in (("Heading 1", 14), ("Heading 2", 14)):
        style = doc.styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        rfonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):  # the theme would win
            rfonts.attrib.pop(qn(attr), None)
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            rfonts.set(qn(attr), FONT)
        fmt = style.paragraph_format
        fmt.space_before = Pt(6)
        fmt.space_after = Pt(6)
        fmt.first_line_indent = Cm(1.27)
        fmt.keep_with_next = True


HEAD_LEFT_CM, HEAD_RIGHT_CM = 6.8, 9.4


def write_heading(doc, frame):
    """The two-column heading as a borderless Word table: agency and number | motto and place-date."""
    table = doc.add_table(rows=2, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, (HEAD_LEFT_CM, HEAD_RIGHT_CM))
    left, right = table.cell(0, 0), table.cell(0, 1)
    left.paragraphs[0]._p.getparent().remove(left.paragraphs[0]._p)
    right.paragraphs[0]._p.getparent().remove(right.paragraphs[0]._p)
    if frame.governing_body:
        _para(left, frame.governing_body, size=12)
    for line in frame.official_lines:
        _para(left, line, size=12, bold=True)
    if frame.is_party:
        _para(left, "*", size=12)
        _para(right, frame.motto[0], size=15, bold=True)
        _rule(right, 7.5, HEAD_RIGHT_CM)
    else:
        _rule(left, 2.5, HEAD_LEFT_CM)
        _para(right, frame.motto[0], size=12, bold=True)
        _para(right, frame.motto[1], size=13, bold=True)
        _rule(right, 5.6, HEAD_RIGHT_CM)
    number, place = table.cell(1, 0), table.cell(1, 1)
    number.paragraphs[0]._p.getparent().remove(number.paragraphs[0]._p)
    place.paragraphs[0]._p.getparent().remove(place.paragraphs[0]._p)
    _para(number, frame.number_text, size=13, space_after=0)
    _para(place, frame.place_date, size=14, italic=True)
    _para(doc, "", size=8)
    _para(doc, frame.kind_title, size=14, bold=True)
    _para(doc, frame.subject, size=14, bold=True)
    if frame.subtitle:
        _para(doc, frame.subtitle, size=13, italic=True)
    rule = _para(doc, size=2, space_after=10)
    rule.paragraph_format.left_indent = Cm(6)
    rule.paragraph_format.right_indent = Cm(6)
    ppr = rule._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    border.append(bottom)
    ppr.append(border)


def write_closing(doc, frame):
    """"Nơi nhận" (left) and the signature block (right) in one borderless row that never splits across pages."""
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, (7.5, 8.5))
    _no_split(table.rows[0])
    left, right = table.cell(0, 0), table.cell(0, 1)
    for cell in (left, right):
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    head = _para(left, "", align=WD_ALIGN_PARAGRAPH.LEFT, keep=True)
    if frame.is_party:
        _font(head.add_run(frame.recipients_heading), 14, underline=True)
    else:
        _font(head.add_run(frame.recipients_heading), 12, bold=True, italic=True)
    for line in frame.recipient_lines:
        _para(left, line, size=11 if not frame.is_party else 12, align=WD_ALIGN_PARAGRAPH.LEFT, keep=True)
    for line in frame.authority_lines:
        _para(right, line, size=14, bold=True, keep=True)
    _para(right, frame.signer_title, size=14, bold=True, keep=True)
    for _ in range(4):  # room for the signature and the seal
        _para(right, "", size=14, keep=True)
    _para(right, frame.signer_name, size=14, bold=True)


def _body(doc, blocks):
    for block in blocks:
        if block.kind == "h1":
            doc.add_heading(block.text, level=1)
        elif block.kind == "h2":
            doc.add_heading(block.text, level=2)
        else:
            par = doc.add_paragraph()
            par.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            fmt = par.paragraph_format
            fmt.first_line_indent = Cm(1.27)
            fmt.space_before = Pt(0)
            fmt.space_after = Pt(6)
            fmt.line_spacing = 1.15
            if block.kind == "bullet":
                _font(par.add_run(f"- {block.text}"), 14)
            elif block.kind == "office":
                run = _font(par.add_run(OFFICE_TEXT_MARK + block.text), 14, italic=True)
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW
            elif block.kind == "closing":
                fmt.keep_with_next = True
                _font(par.add_run(block.text), 14)
            else:
                _font(par.add_run(block.text), 14)


ANNEX_WIDTHS_CM = [1.2, 5.6, 2.4, 1.9, 2.0, 2.0, 2.6, 1.8, 2.0, 2.4, 2.2]  # 26,1 cm: A4 landscape in its margins
ANNEX_FONT = 10


def write_annex(doc, report):
    """The progress table on landscape pages: "Phụ lục", its title, "(Kèm theo Báo cáo số …)", a real table."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    section.top_margin, section.bottom_margin = Cm(2), Cm(1.5)
    section.left_margin, section.right_margin = Cm(2), Cm(1.5)
    p, frame = report.progress, report.annex
    _para(doc, frame.annex_label, size=14, bold=True)
    _para(doc, f"KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU {resolution_ref(report.resolution).upper()}, "
               f"{report.period.label.upper()}", size=14, bold=True)
    _para(doc, frame.annex_line, size=13, italic=True, space_after=8)
    years = p.milestones
    estimate_header = f"Ước thực hiện đến năm {years[0]}" if len(years) == 1 else "Ước thực hiện đến năm mốc"
    prev = p.previous_period.label if p.previous_period else "Kỳ trước"
    headers = ["STT", "Chỉ tiêu", "Cấp đơn vị", "Mục tiêu", p.period.label, prev, "Tăng (+) / giảm (−)",
               "Đã báo cáo / phải báo cáo", estimate_header, "Khả năng đạt", "Đánh giá"]
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _repeat_header(table.rows[0])
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
        _para(cell, text, size=ANNEX_FONT, bold=True)
    several = len(years) > 1
    for r in p.rows:
        ind = r.indicator
        target = r.target_text if r.target_text != "—" else ""
        if several and r.milestone and target:
            target += f" (năm {r.milestone})"
        if r.target_note and target:
            target += " (minh họa)"
        label = f"{ind.code}. {r.label}" if r.level == 0 else r.label
        values = [
            str(r.stt) if r.stt else "", label, r.kind_label, target,
            format_value(ind, r.value, share=True) if r.value is not None else "—",
            format_value(ind, r.previous, share=True) if r.previous is not None else "—",
            format_change(_share_of(ind), r.change) if r.change is not None else "—",
            f"{format_number(r.units_reported or 0)}/{format_number(r.units_expected or 0)}",
            format_value(ind, r.estimate, share=True) if r.estimate is not None else "—",
            r.outlook if (r.milestone or r.level == 0) else "",
            r.status_label,
        ]
        cells = table.add_row().cells
        for i, (cell, text) in enumerate(zip(cells, values, strict=True)):
            cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
            align = WD_ALIGN_PARAGRAPH.LEFT if i in (1, 2) else (
                WD_ALIGN_PARAGRAPH.RIGHT if 4 <= i <= 8 else WD_ALIGN_PARAGRAPH.CENTER)
            _para(cell, text, size=ANNEX_FONT, bold=r.level == 0 and i in (0, 1, 4), align=align)
    _widths(table, ANNEX_WIDTHS_CM)
    _para(doc, "", size=6)
    _para(doc, f"Tổng hợp: {p.summary}. Tỷ lệ của nhiều đơn vị = tổng tử số / tổng mẫu số; ước thực hiện theo xu "
               "hướng của tối đa 4 kỳ gần nhất.", size=12, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)


class _ShareOf:
    def __init__(self, ind):
        self.measure = "percent" if ind.measure == "boolean" else ind.measure
        self.decimals = ind.decimals
        self.unit_label = ind.unit_label


def _share_of(ind):
    """A yes/no indicator over many units is a share: its change is in percentage points, like a rate's."""
    return _ShareOf(ind)


def write_narrative(report, target):
    """Write the narrative report as a .docx at `target` (a path or a file object)."""
    doc = new_docx()
    _setup(doc)
    write_heading(doc, report.heading)
    _body(doc, report.blocks)
    write_closing(doc, report.heading)
    if report.progress.rows:
        write_annex(doc, report)
    doc.core_properties.title = report.heading.title
    doc.core_properties.language = "vi-VN"
    doc.save(target)
    return target


