"""The completeness report: who had to report for a period, who did, on time; what the rest have not sent."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from indicators.figures import completeness
from indicators.models import Period, SubmissionStatus
from indicators.rules import ratio_of_sums
from indicators.workflow import EMPTY, STATE_LABELS, report_states

from ..layout import build_document, issuer_for, resolution_ref
from .shared import KIND_LABELS

NOT_SENT = (
    EMPTY,
    SubmissionStatus.DRAFT,
    SubmissionStatus.RETURNED,
)  # "Chưa gửi", split as workflow names it


@dataclass
class CompletenessLine:
    stt: int
    unit_code: str
    unit_name: str
    kind_label: str
    state: str  # "late", or the state of a report not sent (indicators.workflow.report_state): empty, draft, returned
    submitted_at: dt.datetime | None
    days_late: int | None

    @property
    def state_label(self):
        return "Gửi muộn" if self.state == "late" else STATE_LABELS[self.state]


@dataclass
class CompletenessReport:
    period: Period
    heading: object  # reports.documents.layout.Document
    expected: int
    reported: int
    on_time: int
    rate: Decimal | None
    by_kind: list  # {"kind_label", "units_expected", "units_reported", "units_on_time", "rate", <not-sent state>: n}
    lines: list
    summary: str
    not_sent: dict = field(default_factory=dict)  # {state: number of units}, NOT_SENT order
    is_thin: bool = False  # fewer than half reported (figures.Completeness.is_thin)

    @staticmethod
    def state_label(state):
        return STATE_LABELS[state]

    @property
    def missing(self):
        return sum(self.not_sent.values())

    @property
    def late(self):
        return sum(1 for line in self.lines if line.state == "late")


def not_sent_words(counts):
    """ "3 chưa nhập, 2 đang nhập, 1 bị trả lại" (the states of reports not sent, as every page names them)."""
    return ", ".join(f"{counts[s]} {STATE_LABELS[s].lower()}" for s in NOT_SENT if counts.get(s))


def completeness_report(period, scope_unit=None, resolution=None, day=None, document=None):
    """Who had to report, who did, on time; the rest split into not entered, being entered and returned."""
    roots = [scope_unit] if scope_unit is not None else None
    c = completeness(period, roots, resolution)
    what = f" {resolution_ref(resolution)}" if resolution else ""
    heading = build_document(
        f"Tình hình gửi báo cáo kết quả thực hiện chỉ tiêu{what}, {period.label}",
        issuer_for(resolution, scope_unit),
        resolution,
        day,
        subtitle=f"Hạn gửi báo cáo: {period.deadline:%d/%m/%Y}",
        overrides=document,
    )
    lines = []
    for u, sub in c.late:
        local = timezone.localtime(sub.submitted_at) if sub.submitted_at else None
        lines.append(
            CompletenessLine(
                0,
                u.code,
                u.name,
                KIND_LABELS.get(u.kind, u.kind),
                "late",
                local,
                (local.date() - period.deadline).days if local else None,
            )
        )
    states = report_states(c.missing, [period])
    not_sent = {state: 0 for state in NOT_SENT}
    by_kind_state = {}
    for u in c.missing:
        state = states[(u.pk, period.pk)].code
        not_sent[state] = not_sent.get(state, 0) + 1
        by_kind_state.setdefault(u.kind, {}).setdefault(state, 0)
        by_kind_state[u.kind][state] += 1
        lines.append(CompletenessLine(0, u.code, u.name, KIND_LABELS.get(u.kind, u.kind), state, None, None))
    for n, line in enumerate(lines, start=1):
        line.stt = n
    by_kind = [
        {
            **k,
            "kind_label": KIND_LABELS.get(k["unit_kind"], k["unit_kind"]),
            "rate": ratio_of_sums(k["units_reported"], k["units_expected"]),  # in %, like Completeness.rate
            **{state: by_kind_state.get(k["unit_kind"], {}).get(state, 0) for state in NOT_SENT},
        }
        for k in c.by_kind
    ]
    summary = (
        f"{c.units_reported}/{c.units_expected} đơn vị đã gửi báo cáo, "
        f"{c.units_on_time} đơn vị gửi đúng hạn; {c.missing_count} đơn vị chưa gửi"
    )
    if c.missing_count:
        summary += f" ({not_sent_words(not_sent)})"
    return CompletenessReport(
        period,
        heading,
        c.units_expected,
        c.units_reported,
        c.units_on_time,
        c.rate,
        by_kind,
        lines,
        summary,
        not_sent,
        c.is_thin,
    )
