"""The `completeness` workbook: who had to report, who sent, on time; who is late or has not sent."""

from indicators.models import SubmissionStatus
from indicators.rules import Status
from reports.documents.report_data.completeness import NOT_SENT

from .cells import COUNT_FORMAT, DATETIME_FORMAT, fraction, percent_format
from .sheet import CODE_WIDTH_LIMIT, Sheet, new_workbook
from .styles import GROUP_FILL

COMPLETENESS_WIDTHS = [6, 18, 40, 20, 12, 12, 12, 12, 11, 11, 12]


def write_completeness(report, target):
    """Units expected, sent, on time per unit kind, the rest as "Chưa nhập / Đang nhập / Bị trả lại"; who is late or missing."""
    wb = new_workbook()
    widths = list(COMPLETENESS_WIDTHS)
    widths[1] = min(CODE_WIDTH_LIMIT, max([widths[1]] + [len(line.unit_code) + 2 for line in report.lines]))
    s = Sheet(wb, "Tình hình gửi báo cáo", widths)
    doc = report.heading
    s.setup()
    s.heading(doc)
    s.blank()
    s.line("I. TỔNG HỢP THEO LOẠI ĐƠN VỊ", bold=True)
    s.header(
        [
            ("STT", 1),
            ("Loại đơn vị", 2, True),
            ("Số đơn vị", 3),
            ("Tỷ lệ đã gửi", 1),
            ("Chưa gửi", 3),
            ("Ghi chú", 1),
        ],
        ["Phải báo cáo", "Đã gửi", "Đúng hạn"] + [report.state_label(st) for st in NOT_SENT],
        numbered=False,
    )
    for n, k in enumerate(report.by_kind, start=1):
        s.append(
            [
                s.cell(n, align="center"),
                s.cell(k["kind_label"]),
                s.cell(None),
                s.number(k["units_expected"], COUNT_FORMAT),
                s.number(k["units_reported"], COUNT_FORMAT),
                s.number(k["units_on_time"], COUNT_FORMAT),
                s.number(fraction(k["rate"]), percent_format(2)),
                *[s.number(k[st], COUNT_FORMAT) for st in NOT_SENT],
                s.cell(None),
            ]
        )
        s.merge(2, 3)
    total = dict(fill=GROUP_FILL, bold=True)
    s.append(
        [
            s.cell(None, fill=GROUP_FILL),
            s.cell("Tổng cộng", **total),
            s.cell(None, fill=GROUP_FILL),
            s.number(report.expected, COUNT_FORMAT, **total),
            s.number(report.reported, COUNT_FORMAT, **total),
            s.number(report.on_time, COUNT_FORMAT, **total),
            s.number(fraction(report.rate), percent_format(2), **total),
            *[s.number(report.not_sent.get(st, 0), COUNT_FORMAT, **total) for st in NOT_SENT],
            s.cell(None, fill=GROUP_FILL),
        ]
    )
    s.merge(2, 3)
    s.blank()
    s.line(f"Tổng hợp: {report.summary}.", bold=True)
    s.blank()
    s.line("II. ĐƠN VỊ GỬI MUỘN, CHƯA GỬI BÁO CÁO", bold=True)
    first = s.header(
        [
            ("STT", 1),
            ("Mã đơn vị", 1),
            ("Tên đơn vị", 1),
            ("Loại đơn vị", 1),
            ("Tình trạng", 2, True),
            ("Gửi lúc", 2, True),
            ("Số ngày trễ", 1),
            ("Ghi chú", 2, True),
        ],
        [],
        numbered=False,
    )
    s.repeat_rows(first, first + 1)
    colours = {
        "late": Status.COLOURS[Status.AT_RISK],
        SubmissionStatus.DRAFT: Status.COLOURS[Status.ON_TRACK],
        SubmissionStatus.RETURNED: Status.COLOURS[Status.NOT_MET],
    }
    for line in report.lines:
        colour = colours.get(line.state, Status.COLOURS[Status.NO_DATA])
        s.append(
            [
                s.cell(line.stt, align="center"),
                s.text(line.unit_code, wrap=False),
                s.text(line.unit_name),
                s.cell(line.kind_label),
                s.coloured(line.state_label, colour),
                s.cell(None),
                s.number(
                    line.submitted_at.replace(tzinfo=None) if line.submitted_at else None,
                    DATETIME_FORMAT,
                    align="center",
                ),
                s.cell(None),
                s.number(line.days_late, COUNT_FORMAT),
                s.cell(None),
                s.cell(None),
            ]
        )
        for a, b in ((5, 6), (7, 8), (10, 11)):
            s.merge(a, b)
    table_last = s.row
    if not report.lines:
        s.line("Tất cả đơn vị đã gửi báo cáo đúng hạn.", italic=True)
    closing_first = s.closing(doc)
    s.keep_closing_with_table(closing_first, table_last)
    wb.save(target)
