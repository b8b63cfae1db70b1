"""The body of the narrative report, section by section (I–IV), as blocks of text.

Each section words the figures of the reports the narrative holds
(`content.NarrativeReport`); nothing is computed here.
"""

from indicators.figures import expand_with_predecessors
from indicators.rules import format_number, format_value
from resolutions.models import Finding, FindingKind, TaskStatus

from ..layout import resolution_ref
from ..report_data.completeness import not_sent_words
from .content import Block
from .sentences import LEVEL_WORDS, counts_sentence, indicator_sentence, lower_first


def section_results(report):
    """Section I, "Kết quả thực hiện": the overall count, who reported, each pillar's indicators and tasks."""
    p, b = report.progress, report.blocks
    c = report.completeness
    b.append(Block("h1", "I. KẾT QUẢ THỰC HIỆN"))
    res = report.resolution
    issued = f" ngày {res.issued_on:%d/%m/%Y}" if res.issued_on else ""
    issuer = f" của {res.issuer}" if res.issuer else ""
    window = f"{report.period.label} (từ ngày {report.period.start:%d/%m/%Y} đến ngày {report.period.end:%d/%m/%Y})"
    basis = (
        f"trên cơ sở số liệu {window} của các đơn vị"
        f"{' thuộc ' + report.scope_unit.name if report.scope_unit is not None else ''}"
        if p.indicators
        else f"trên cơ sở tình hình thực hiện nhiệm vụ {window}"
    )
    b.append(
        Block(
            "p",
            (
                f"Thực hiện {resolution_ref(res)}{issued}{issuer}"
                f"{' ' + lower_first(res.title) if res.title.lower().startswith('về ') else ''}; {basis}, "
                f"{report.heading.issuer_name} báo cáo kết quả thực hiện như sau:"
            ),
        )
    )
    b.append(Block("h2", "1. Kết quả chung"))
    expected = any(row.units_expected for row in p.rows)
    if p.indicators and expected:
        b.append(Block("p", counts_sentence(p.counts)))
    elif p.indicators:
        b.append(
            Block(
                "p",
                f"{report.period.label} không thuộc thời gian thực hiện các chỉ tiêu của văn bản hoặc "
                "không có đơn vị nào phải báo cáo; chưa có số liệu để đánh giá.",
            )
        )
    else:
        b.append(
            Block(
                "p",
                "Văn bản không đặt chỉ tiêu định lượng; kết quả thực hiện được đánh giá theo các nhiệm "
                "vụ được giao.",
            )
        )
    if c.expected:
        sent = (
            f"Có {format_number(c.reported)}/{format_number(c.expected)} đơn vị đã gửi báo cáo "
            f"(đạt {format_value(_PERCENT, c.rate)}), trong đó {format_number(c.on_time)} đơn vị gửi đúng hạn."
        )
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
    for pillar, rows in sorted(
        pillars.items(), key=lambda kv: (kv[0].order if kv[0] else 99, str(kv[0] or ""))
    ):
        b.append(Block("h2", f"{number}. Về {lower_first(pillar.name) if pillar else 'các chỉ tiêu khác'}"))
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
            b.append(
                Block(
                    "p",
                    f"Về nhiệm vụ: {group.phrase} đã triển khai, trong đó {group.done} nhiệm vụ "
                    "đã hoàn thành.",
                )
            )
    groups = list(by_pillar_tasks.values()) if not report.tasks.by_group else report.tasks.groups
    if groups:
        b.append(Block("h2", f"{number}. Thực hiện các nhiệm vụ được giao"))
        total = sum(g.total for g in groups)
        deployed = sum(g.deployed for g in groups)
        done = sum(g.done for g in groups)
        b.append(
            Block(
                "p",
                f"Đến hết ngày {report.period.end:%d/%m/%Y}, đã triển khai {deployed}/{total} nhiệm vụ, "
                f"trong đó {done} nhiệm vụ đã hoàn thành:",
            )
        )
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


def section_limits(report):
    """Section II, "Tồn tại, hạn chế và nguyên nhân": lagging indicators, reports not sent, findings."""
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
                named = ", ".join(
                    f"{name} ({format_value(row.indicator, value, share=False)})"
                    if value is not None
                    else name
                    for value, name, _ in item.units
                )
                more = item.units_count - len(item.units)
                text += (
                    f" Có {format_number(item.units_count)} đơn vị chưa đạt hoặc có nguy cơ không đạt, thấp "
                    f"nhất: {named}{f' và {format_number(more)} đơn vị khác' if more > 0 else ''}."
                )
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
            low = [
                k for k in c.by_kind if k["rate"] is not None and k["units_reported"] < k["units_expected"]
            ]
            if low:
                text += "; tỷ lệ gửi báo cáo " + ", ".join(
                    f"của {lower_first(k['kind_label'])} đạt {format_value(_PERCENT, k['rate'])}" for k in low
                )
            b.append(Block("p", text + "."))
        else:
            b.append(Block("p", "Các đơn vị đã gửi báo cáo đầy đủ, đúng hạn."))
    findings = list(
        Finding.objects.filter(
            visit__supervision__resolution=report.resolution,
            kind=FindingKind.LIMITATION,
            visit__date__lte=report.period.end,
        )
        .select_related("visit__unit", "visit__supervision")
        .order_by("visit__date", "visit_id", "order", "id")
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
                b.append(
                    Block(
                        "p",
                        f"Qua {sup.get_kind_display().lower()} ({sup.decision_ref}) tại "
                        f"{f.visit.unit.name} ngày {f.visit.date:%d/%m/%Y}, đoàn chỉ ra các hạn chế:",
                    )
                )
            b.append(Block("bullet", f"{f.text.rstrip('.;')};"))
        _end_list(b)
    b.append(Block("h2", f"{number}. Nguyên nhân"))
    b.append(Block("office", "nguyên nhân chủ quan, khách quan của các tồn tại, hạn chế nêu trên.]"))


def section_next(report):
    """Section III, "Nhiệm vụ, giải pháp": the indicators to push, open tasks and recommendations."""
    b, t = report.blocks, report.tasks
    b.append(Block("h1", "III. NHIỆM VỤ, GIẢI PHÁP TRONG THỜI GIAN TỚI"))
    number = 1
    if report.lagging:
        names = "; ".join(
            item.row.indicator.name
            + (
                f" ({', '.join(LEVEL_WORDS.get(r.unit_kind, '') for r in item.levels)})"
                if item.levels
                else ""
            )
            for item in report.lagging
        )
        b.append(
            Block(
                "p",
                f"{number}. Tập trung chỉ đạo, có giải pháp cụ thể nâng cao các chỉ tiêu chưa đạt, "
                f"có nguy cơ không đạt: {names}.",
            )
        )
        number += 1
    open_tasks = [x for x in t.tasks if x.status != TaskStatus.DONE]
    if open_tasks:
        overdue = [x for x in open_tasks if x.overdue]
        text = f"{number}. Tiếp tục triển khai {len(open_tasks)} nhiệm vụ chưa hoàn thành"
        text += f", trong đó {len(overdue)} nhiệm vụ đã quá hạn:" if overdue else "."
        b.append(Block("p", text))
        for x in overdue:
            b.append(
                Block(
                    "bullet",
                    f"{x.title} (chủ trì: {x.lead_unit or 'chưa giao'}; thời hạn {x.deadline:%d/%m/%Y});",
                )
            )
        _end_list(b)
        number += 1
    open_recs = [x for x in t.recommendations if x.status != TaskStatus.DONE]
    if open_recs:
        overdue = sum(1 for x in open_recs if x.overdue)
        b.append(
            Block(
                "p",
                f"{number}. Thực hiện {len(open_recs)} kiến nghị của đoàn giám sát, kiểm tra còn mở"
                f"{f' ({overdue} kiến nghị đã quá hạn)' if overdue else ''}:",
            )
        )
        for x in open_recs:
            when = f"thời hạn {x.deadline:%d/%m/%Y}" if x.deadline else "chưa có thời hạn"
            b.append(
                Block(
                    "bullet",
                    f"Kiến nghị ({x.stt}) – {x.source}: {x.title.rstrip('.;')} ({when}"
                    f"{', quá hạn' if x.overdue else ''}; {x.status_label.lower()});",
                )
            )
        _end_list(b)
        number += 1
    c = report.completeness
    if c.missing:
        b.append(
            Block(
                "p",
                f"{number}. Đôn đốc {format_number(c.missing)} đơn vị chưa gửi báo cáo "
                f"{report.period.label} hoàn thành việc nhập và gửi số liệu.",
            )
        )
        number += 1
    if number == 1:
        b.append(
            Block("p", "Tiếp tục duy trì kết quả đạt được, theo dõi, cập nhật số liệu các kỳ tiếp theo.")
        )


def section_proposals(report):
    """Section IV, "Kiến nghị, đề xuất": the office's own text, then the closing sentence."""
    b = report.blocks
    b.append(Block("h1", "IV. KIẾN NGHỊ, ĐỀ XUẤT"))
    b.append(Block("office", "kiến nghị, đề xuất với cấp trên và các cơ quan liên quan.]"))
    b.append(
        Block(
            "closing",
            f"Trên đây là báo cáo {lower_first(report.heading.subject)} của {report.heading.issuer_name}./.",
        )
    )
