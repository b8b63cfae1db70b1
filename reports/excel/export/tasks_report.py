"""The `tasks` workbook: a resolution's tasks by group or pillar, then its supervisions' recommendations.

Not `tasks.py`: in this codebase that name is a module of Celery tasks.
"""

from indicators.rules import Status
from resolutions.models import TaskStatus

from .cells import COUNT_FORMAT, DATE_FORMAT
from .footnotes import Footnotes
from .sheet import Sheet, new_workbook
from .styles import GROUP_FILL
from .words import roman

TASK_COLOURS = {
    TaskStatus.DONE: Status.COLOURS[Status.MET],
    TaskStatus.IN_PROGRESS: Status.COLOURS[Status.ON_TRACK],
    TaskStatus.NOT_STARTED: Status.COLOURS[Status.NO_DATA],
}
OVERDUE_COLOUR = Status.COLOURS[Status.NOT_MET]


TASK_WIDTHS = [7, 22, 58, 26, 12, 16, 36, 14]


def write_tasks(report, target):
    """Tasks and recommendations, sections numbered without gaps; group headers with their "x/y" lines.

    I. the summary per group or pillar (only when the resolution has tasks of
    its own), II. the tasks under their group headers ("I. Nhóm nhiệm vụ chung
    — 11/11 đã triển khai", numbered inside each group), then the
    supervisions' recommendations; with a period, statuses as at its end.
    """
    wb = new_workbook()
    s = Sheet(wb, "Nhiệm vụ", TASK_WIDTHS)
    doc = report.heading
    s.setup()
    s.heading(doc)
    if report.as_of:
        s.line(
            f"Tình trạng tính đến hết ngày {report.as_of:%d/%m/%Y} (ngày cuối {report.period.label}), "
            "theo lịch sử cập nhật của từng nhiệm vụ.",
            italic=True,
            align="center",
        )
    sections = []
    if report.groups:
        sections.append(("TỔNG HỢP THEO " + ("NHÓM NHIỆM VỤ" if report.by_group else "TRỤ CỘT"), "summary"))
        sections.append(("CHI TIẾT NHIỆM VỤ", "tasks"))
    if report.recommendations:
        sections.append(("KIẾN NGHỊ CỦA ĐOÀN GIÁM SÁT, KIỂM TRA", "recommendations"))
    notes = Footnotes()
    table_last = s.row
    detail_header = [
        ("STT", 1),
        ("Trụ cột / nguồn", 1),
        ("Nội dung", 1),
        ("Đơn vị chủ trì", 1),
        ("Thời hạn", 1),
        ("Tình trạng", 1),
        ("Tiến độ, kết quả", 1),
        ("Ghi chú", 1),
    ]
    for number, (title, what) in enumerate(sections, start=1):
        s.blank()
        s.line(f"{roman(number)}. {title}", bold=True)
        if what == "summary":
            s.header(
                [
                    ("STT", 1),
                    ("Nhóm nhiệm vụ" if report.by_group else "Trụ cột", 2, True),
                    ("Số nhiệm vụ", 3),
                    ("Quá hạn", 1),
                    ("Ghi chú", 1),
                ],
                ["Tổng số", "Đã triển khai", "Đã hoàn thành"],
                numbered=False,
            )
            for n, g in enumerate(report.groups, start=1):
                s.append(
                    [
                        s.cell(n, align="center"),
                        s.text(g.label),
                        s.cell(None),
                        s.number(g.total, COUNT_FORMAT),
                        s.number(g.deployed, COUNT_FORMAT),
                        s.number(g.done, COUNT_FORMAT),
                        s.number(g.overdue, COUNT_FORMAT),
                        s.cell(None),
                    ]
                )
                s.merge(2, 3)
            s.blank()
            s.line(f"Tổng hợp: {report.summary}.", bold=True)
        elif what == "tasks":
            first = s.header(detail_header, [], numbered=False)
            s.repeat_rows(first, first + 1)
            for g_number, group in enumerate(report.groups, start=1):
                s.append(
                    [
                        s.text(roman(g_number), bold=True, align="center", fill=GROUP_FILL),
                        s.text(
                            f"{group.label} ({group.deployed}/{group.total} nhiệm vụ đã triển khai)",
                            bold=True,
                            fill=GROUP_FILL,
                        ),
                    ]
                    + [s.cell(None, fill=GROUP_FILL) for _ in range(s.ncols - 2)]
                )
                s.merge(2, s.ncols)
                for t in report.lines_of(group):
                    _task_row(s, t, notes, t.group)
        else:
            s.header(detail_header, [], numbered=False)
            for t in report.recommendations:
                _task_row(s, t, notes, t.source or t.group)
        table_last = s.row
    if not sections:
        s.line("Văn bản chưa có nhiệm vụ, kiến nghị nào được theo dõi.", italic=True)
    if notes.reasons:
        s.blank()
        notes.write(s)
    closing_first = s.closing(doc)
    s.keep_closing_with_table(closing_first, table_last)
    wb.save(target)


def _task_row(s, t, notes, source):
    status = s.coloured(
        t.status_label + (" (quá hạn)" if t.overdue else ""),
        OVERDUE_COLOUR if t.overdue else TASK_COLOURS.get(t.status, Status.COLOURS[Status.NO_DATA]),
    )
    s.append(
        [
            s.cell(t.stt, align="center"),
            s.text(source),
            s.text(t.title),
            s.text(t.lead_unit),
            s.number(t.deadline, DATE_FORMAT, align="center"),
            status,
            s.text(t.note),
            s.text(notes.mark(t.illustrative_note), align="center", italic=True),
        ]
    )
