"""The DATA of the Excel reports: plain functions returning dataclasses and rows.

Nothing here writes a cell (that is `reports.excel.export`) and nothing here computes
a rate, a target or a status: figures come from `indicators.figures` /
`indicators.rules` and task counts from `resolutions.progress`, so an Excel
report always shows what the dashboards show.
"""

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Max
from django.db.models.functions import Length
from django.utils import timezone

from config.language import Words
from indicators import periods as P
from indicators.figures import (
    blendable,
    completeness,
    expected_ids,
    illustrative_in_scope,
    indicator_scope,
    indicator_status,
    rollup_by_kind,
    rollup_total,
    trailing_periods,
    unit_figures,
)
from indicators.models import Indicator, Period, SubmissionStatus
from indicators.rules import (
    Status,
    format_target,
    project_to_year_end,
    ratio_of_sums,
    reaches_year_end,
    status_ceiling,
)
from indicators.scope import indicators_for_units
from indicators.scope import order_key as scope_order
from indicators.workflow import EMPTY, STATE_LABELS, report_states
from reports.dashboards.selectors import ResolutionOverview
from reports.models import ReportKind
from resolutions.models import Task, TaskStatus
from resolutions.progress import is_overdue, resolution_tasks, statuses_on, task_summary
from resolutions.scope import reach_holders
from units.models import ReportingUnit, UnitKind
from units.tree import tree_on

from .layout import build_document, issuer_for, resolution_ref

UNIT_BATCH = 250  # units per query batch of the per-unit sheet: memory stays flat
KIND_LABELS = Words(UnitKind.choices)


# --- shared pieces -----------------------------------------------------------------

def titled_ref(ref, resolution):
    """"Nghị quyết số 09-NQ/TU về chuyển đổi số …" when the title is a trích yếu ("Về …"), else the reference."""
    title = (resolution.title or "").strip()
    return f"{ref} {title[0].lower()}{title[1:]}" if title[:3].lower() == "về " else ref


def ascii_slug(text):
    """"Quý III/2024" -> "Quy-III-2024": safe in every file system and HTTP header."""
    text = text.replace("Đ", "D").replace("đ", "d")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")
    return text[:80] or "bao-cao"


def illustrative_reason(obj):
    """Why an invented target or task carries the "minh họa" mark; "" for one its source states (or None)."""
    return getattr(obj, "illustrative_reason", "") if obj is not None else ""


def change_of(value, previous):
    if value is None or previous is None:
        return None
    return Decimal(value) - Decimal(previous)


# --- progress -------------------------------------------------------------------------

@dataclass
class ProgressRow:
    """One line of the progress sheet: an indicator (level=0) or one unit kind of it (level=1)."""

    stt: int | None
    level: int
    indicator: Indicator
    label: str
    kind_label: str
    target_text: str
    value: Decimal | None
    previous: Decimal | None
    change: Decimal | None
    status: str
    units_expected: int | None = None
    units_reported: int | None = None
    units_met: int | None = None
    target_note: str = ""  # why the target is "minh họa" (an invented target), "" for a stated one
    milestone: int | None = None  # the target's year
    estimate: Decimal | None = None  # "Ước thực hiện đến năm <mốc>" (estimate_of)
    target: object = None  # the Target judged against (None for a line of levels with different targets)
    unit_kind: str = ""  # the level of a level line (level=1) or of a one-level indicator

    @property
    def status_label(self):
        return Status.LABELS[self.status]

    @property
    def outlook(self):
        """"Khả năng đạt": the status said as an outlook on the milestone (rules.Status.OUTLOOK)."""
        return Status.OUTLOOK[self.status]


def estimate_of(row, period):
    """"Ước thực hiện đến năm <mốc>" of a level (KindRollup): the projection its status was judged on.

    Once the period reaches the end of the milestone year the year is over and
    the estimate is the figure itself; before that, rules.project_to_year_end of
    the same series evaluate_status used (so "Có khả năng đạt" always goes with
    an estimate that reaches the target).
    """
    if row.target is None or row.value is None:
        return None
    if reaches_year_end(period.end, row.target.year):
        return row.value
    projected = project_to_year_end([(p.end, v) for p, v in row.series], row.target.year,
                                 status_ceiling(row.indicator.measure))
    return None if projected is None else Decimal(str(round(projected, 4)))


@dataclass
class ProgressReport:
    resolution: object
    period: Period
    previous_period: Period | None
    scope_unit: ReportingUnit | None
    heading: object  # reports.documents.layout.Document
    rows: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)
    summary: str = ""
    illustrative: bool = False
    indicators: list = field(default_factory=list)
    roots: list | None = None

    def unit_rows(self, batch=UNIT_BATCH) -> Iterator:
        return progress_unit_rows(self.indicators, self.period, self.roots, batch)

    def code_lengths(self):
        """(longest unit code, longest indicator code) of the per-unit sheet: its columns fit them."""
        if not self.indicators:
            return 0, 0
        ids = progress_unit_ids(self.period, self.roots, self.indicators)
        longest = ReportingUnit.objects.filter(pk__in=ids).aggregate(n=Max(Length("code")))["n"]
        return longest or 0, max(len(i.code) for i in self.indicators)


    @property
    def milestones(self):
        """The targets' years the rows are judged on (one column header when there is one)."""
        return sorted({r.milestone for r in self.rows if r.milestone})


def progress_report(resolution, period, scope_unit=None, day=None, document=None):
    """A resolution's indicators for a period over a scope (a unit's subtree; None = everything).

    `document`: the requester's overrides of the issuing unit's number, signer… (reports.documents.layout).
    """
    # Without a scope unit, the resolution's reach (its owner and its successors; the figure engine keeps
    # what it reached on the period's last day), never every province's units.
    if scope_unit is not None:
        roots = [scope_unit]
    else:
        roots = reach_holders(resolution) or None
    heading = build_document(
        f"Kết quả thực hiện các chỉ tiêu {titled_ref(resolution_ref(resolution), resolution)}, {period.label}",
        issuer_for(resolution, scope_unit), resolution, day, overrides=document,
    )
    report = ProgressReport(resolution, period, None, scope_unit, heading, roots=roots)
    indicators = list(
        Indicator.objects.filter(resolution=resolution, is_active=True)
        .select_related("pillar")
        .prefetch_related("targets")
        .order_by("order", "code")
    )
    report.indicators = indicators
    rolled = rollup_by_kind(indicators, period, roots)
    trail = trailing_periods(period, 2)
    prev_rolled = {}
    if len(trail) == 2 and trail[0] != period:
        report.previous_period = trail[0]
        prev_rolled = rollup_by_kind(indicators, trail[0], roots, with_series=False)
    for n, ind in enumerate(indicators, start=1):
        kinds = [r for r in rolled.get(ind.pk, []) if r.units_expected or r.units_reported]
        status = indicator_status(kinds)
        report.counts[status] = report.counts.get(status, 0) + 1
        _, _, total = rollup_total(kinds)
        prev_by_kind = {r.unit_kind: r for r in prev_rolled.get(ind.pk, [])}
        prev_kinds = [prev_by_kind[r.unit_kind] for r in kinds if r.unit_kind in prev_by_kind]
        _, _, prev_total = rollup_total(prev_kinds)
        single = len(kinds) == 1
        k0 = kinds[0] if single else None
        # Levels with different targets are not added into one figure (figures.blendable): the
        # indicator's line then carries its status only, and each level its own figure below.
        blended = not single and blendable(kinds) and any(r.target for r in kinds)
        report.rows.append(
            ProgressRow(
                stt=n,
                level=0,
                indicator=ind,
                label=ind.name,
                kind_label=KIND_LABELS.get(k0.unit_kind, "") if single else ("Mọi cấp" if blended else ""),
                target_text=(format_target(k0.target, ind.measure) if single
                             else format_target(kinds[0].target, ind.measure) if blended else ""),
                value=total,
                previous=prev_total,
                change=change_of(total, prev_total),
                status=status,
                units_expected=sum(r.units_expected for r in kinds),
                units_reported=sum(r.units_reported for r in kinds),
                units_met=sum(r.units_met for r in kinds) if any(r.target for r in kinds) else None,
                target_note=illustrative_reason(k0.target if single else kinds[0].target if blended else None),
                milestone=k0.target.year if single and k0.target else None,
                estimate=estimate_of(k0, period) if single else None,
                target=k0.target if single else kinds[0].target if blended else None,
                unit_kind=k0.unit_kind if single else "",
            )
        )
        if single:
            continue
        for r in kinds:
            prev = prev_by_kind[r.unit_kind].value if r.unit_kind in prev_by_kind else None
            report.rows.append(
                ProgressRow(
                    stt=None,
                    level=1,
                    indicator=ind,
                    label=f"– {KIND_LABELS.get(r.unit_kind, r.unit_kind)}",
                    kind_label=KIND_LABELS.get(r.unit_kind, r.unit_kind),
                    target_text=format_target(r.target, ind.measure),
                    value=r.value,
                    previous=prev,
                    change=change_of(r.value, prev),
                    status=r.status,
                    units_expected=r.units_expected,
                    units_reported=r.units_reported,
                    units_met=r.units_met if r.target else None,
                    target_note=illustrative_reason(r.target),
                    milestone=r.target.year if r.target else None,
                    estimate=estimate_of(r, period),
                    target=r.target,
                    unit_kind=r.unit_kind,
                )
            )
    report.summary = ResolutionOverview(resolution=resolution, roots=roots, counts=report.counts).summary_words
    report.illustrative = illustrative_in_scope(indicators, period, roots)
    return report


@dataclass
class UnitRow:
    """One unit's own figure for one indicator (the per-unit sheet)."""

    unit_code: str
    unit_name: str
    kind_label: str
    indicator_code: str
    indicator_name: str
    measure: str
    decimals: int
    numerator: Decimal | None
    denominator: Decimal | None
    value: Decimal | None
    target_text: str
    status: str
    target_note: str = ""  # why the target is "minh họa", "" for a stated one

    @property
    def status_label(self):
        return Status.LABELS[self.status]


def progress_unit_ids(period, roots, indicators):
    """Ids of the units expected for any of `indicators` in `period` (each indicator's reach, the tree
    of the period's last day), in tree order."""
    day = period.end
    wanted = set()
    for ind in indicators:
        ids = indicator_scope(ind, roots, day)
        for kind in ind.applies_to:
            wanted.update(expected_ids(ids, day, kind))
    return [pk for pk in tree_on(day).order() if pk in wanted]


def progress_unit_rows(indicators, period, roots, batch=UNIT_BATCH):
    """Every unit's own figures, batch by batch (a generator: the whole province never sits in memory).

    A unit's row for an indicator only when the indicator expects it (kind and reach)."""
    if not indicators:
        return
    ids = progress_unit_ids(period, roots, indicators)
    scopes = {ind.pk: indicator_scope(ind, roots, period.end) for ind in indicators}
    for start in range(0, len(ids), batch):
        chunk = ids[start:start + batch]
        by_id = ReportingUnit.objects.in_bulk(chunk)
        units = [by_id[pk] for pk in chunk if pk in by_id]
        figures = unit_figures(units, indicators, period)
        for u in units:
            for ind in indicators:
                f = figures.get((u.pk, ind.pk))
                if f is None or (scopes[ind.pk] is not None and u.pk not in scopes[ind.pk]):
                    continue
                yield UnitRow(
                    unit_code=u.code,
                    unit_name=u.name,
                    kind_label=KIND_LABELS.get(u.kind, u.kind),
                    indicator_code=ind.code,
                    indicator_name=ind.name,
                    measure=ind.measure,
                    decimals=ind.decimals,
                    numerator=f.numerator,
                    denominator=f.denominator,
                    value=f.value,
                    target_text=format_target(f.target, ind.measure),
                    status=f.status,
                    target_note=illustrative_reason(f.target),
                )


# --- unit scorecard ---------------------------------------------------------------------

@dataclass
class ScorecardLine:
    stt: int
    indicator: Indicator
    target_text: str
    values: list  # one per column period (Decimal | None)
    status: str  # of the latest period with a figure
    target_note: str = ""  # why the target is "minh họa", "" for a stated one

    @property
    def status_label(self):
        return Status.LABELS[self.status]

    @property
    def resolution_code(self):
        """The line's resolution, as the row names it ("09-NQ/TU")."""
        return self.indicator.resolution.code


@dataclass
class ScorecardBlock:
    unit: ReportingUnit
    lines: list = field(default_factory=list)


@dataclass
class ScorecardReport:
    unit: ReportingUnit
    year: int
    columns: list  # [label]
    heading: object  # reports.documents.layout.Document
    blocks: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)
    summary: str = ""


def _column_of(period):
    """The quarter column (0-3) where a period's figure goes: its last quarter."""
    return {P.QUARTER: period.number, P.HALF_YEAR: period.number * 2, P.YEAR: 4}[period.kind] - 1


def unit_scorecard_report(unit, year, resolution=None, day=None, document=None):
    """One unit and its direct children: the indicators each reports (`indicators.scope`) over a year's periods.

    A unit's lines are exactly what its entry form and import template list in
    the year's periods (`indicators_for_unit` per period, merged in order):
    only the resolutions that reach it, one line per (resolution, indicator),
    the resolution named on the line. Without `resolution`, every resolution
    reaching the unit; never another province's.
    """
    # The unit and its children as of the year's last day (the tree of the year's last period).
    tree = tree_on(dt.date(year, 12, 31))
    children = ReportingUnit.objects.in_bulk(tree.children.get(unit.pk, []))
    units = [unit, *sorted(children.values(), key=lambda u: (u.code, u.name))]
    periods = list(Period.objects.filter(year=year).order_by("end"))
    what = f"{resolution_ref(resolution)} " if resolution else ""
    heading = build_document(
        f"Kết quả thực hiện các chỉ tiêu {what}của {unit.name} và các đơn vị trực thuộc năm {year}",
        unit, resolution, day, overrides=document,
    )
    report = ScorecardReport(unit, year, ["Quý I", "Quý II", "Quý III", "Quý IV"], heading)
    # {(unit_id, indicator_id): [value per column]} and the latest status.
    cells, latest = {}, {}
    reported = {u.pk: {} for u in units}  # unit id -> {indicator id: indicator}, over the year
    for p in periods:
        scope = indicators_for_units(units, p, resolution)
        due, pairs = {}, set()
        for u in units:
            for ind in scope[u.pk]:
                reported[u.pk].setdefault(ind.pk, ind)
                due.setdefault(ind.pk, ind)
                pairs.add((u.pk, ind.pk))
        if not due:
            continue
        for (uid, iid), f in unit_figures(units, list(due.values()), p).items():
            if (uid, iid) not in pairs:
                continue
            row = cells.setdefault((uid, iid), [None] * 4)
            row[_column_of(p)] = f.value
            if f.value is not None or (uid, iid) not in latest:
                latest[(uid, iid)] = f
    for u in units:
        block = ScorecardBlock(u)
        for n, ind in enumerate(sorted(reported[u.pk].values(), key=scope_order), start=1):
            f = latest.get((u.pk, ind.pk))
            status = f.status if f else Status.NO_DATA
            block.lines.append(
                ScorecardLine(
                    stt=n,
                    indicator=ind,
                    target_text=format_target(f.target, ind.measure) if f and f.target else "—",
                    values=cells.get((u.pk, ind.pk), [None] * 4),
                    status=status,
                    target_note=illustrative_reason(f.target) if f else "",
                )
            )
            report.counts[status] = report.counts.get(status, 0) + 1
        if block.lines:
            report.blocks.append(block)
    report.summary = ResolutionOverview(resolution=resolution, roots=[unit], counts=report.counts).summary_words
    return report


# --- completeness ---------------------------------------------------------------------------

NOT_SENT = (EMPTY, SubmissionStatus.DRAFT, SubmissionStatus.RETURNED)  # "Chưa gửi", split as workflow names it


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
    """"3 chưa nhập, 2 đang nhập, 1 bị trả lại" (the states of reports not sent, as every page names them)."""
    return ", ".join(f"{counts[s]} {STATE_LABELS[s].lower()}" for s in NOT_SENT if counts.get(s))


def completeness_report(period, scope_unit=None, resolution=None, day=None, document=None):
    """Who had to report, who did, on time; the rest split into not entered, being entered and returned."""
    roots = [scope_unit] if scope_unit is not None else None
    c = completeness(period, roots, resolution)
    what = f" {resolution_ref(resolution)}" if resolution else ""
    heading = build_document(
        f"Tình hình gửi báo cáo kết quả thực hiện chỉ tiêu{what}, {period.label}",
        issuer_for(resolution, scope_unit), resolution, day,
        subtitle=f"Hạn gửi báo cáo: {period.deadline:%d/%m/%Y}", overrides=document,
    )
    lines = []
    for u, sub in c.late:
        local = timezone.localtime(sub.submitted_at) if sub.submitted_at else None
        lines.append(CompletenessLine(0, u.code, u.name, KIND_LABELS.get(u.kind, u.kind), "late", local,
                                      (local.date() - period.deadline).days if local else None))
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
        {**k, "kind_label": KIND_LABELS.get(k["unit_kind"], k["unit_kind"]),
         "rate": ratio_of_sums(k["units_reported"], k["units_expected"]),  # in %, like Completeness.rate
         **{state: by_kind_state.get(k["unit_kind"], {}).get(state, 0) for state in NOT_SENT}}
        for k in c.by_kind
    ]
    summary = (
        f"{c.units_reported}/{c.units_expected} đơn vị đã gửi báo cáo, "
        f"{c.units_on_time} đơn vị gửi đúng hạn; {c.missing_count} đơn vị chưa gửi"
    )
    if c.missing_count:
        summary += f" ({not_sent_words(not_sent)})"
    return CompletenessReport(period, heading, c.units_expected, c.units_reported, c.units_on_time,
                              c.rate, by_kind, lines, summary, not_sent, c.is_thin)


# --- tasks -----------------------------------------------------------------------------------

@dataclass
class TaskLine:
    stt: int
    group: str
    title: str
    lead_unit: str
    deadline: dt.date | None
    status: str
    status_label: str
    overdue: bool
    note: str
    source: str = ""
    illustrative_note: str = ""  # what of the task is invented ("minh họa") and why, "" for a stated one
    group_key: object = None  # the TaskGroupSummary it is counted in (pillar id or group text)


@dataclass
class TasksReport:
    resolution: object
    heading: object  # reports.documents.layout.Document
    groups: list  # resolutions.progress.TaskGroupSummary, in the order of the plan
    tasks: list  # TaskLine
    recommendations: list  # TaskLine
    summary: str
    period: Period | None = None
    as_of: dt.date | None = None  # statuses as they stood at the end of this day (the period's end)
    by_group: bool = False  # grouped by the plan's task groups ("Nhóm nhiệm vụ chung"), else by pillar

    def lines_of(self, group):
        """The tasks counted in one group of the summary, in their order."""
        key = group.label if self.by_group else group.pillar_id
        return [t for t in self.tasks if t.group_key == key]


def _task_lines(qs, today, statuses=None, with_source=False, by_group=False):
    out = []
    labels = Words(TaskStatus.choices)
    for t in qs:
        if statuses is not None:
            t.status = statuses.get(t.pk, t.status)  # as it stood then (never saved)
        source = ""
        if with_source and t.visit_id:
            source = f"{t.visit.supervision.decision_ref} – {t.visit.unit.name} ({t.visit.date:%d/%m/%Y})"
        out.append(
            TaskLine(
                stt=t.number,
                group=(t.pillar.name if t.pillar_id else t.group) or "",
                title=t.title,
                lead_unit=t.lead_unit.name if t.lead_unit_id else "",
                deadline=t.deadline,
                status=t.status,
                status_label=labels[t.status],
                overdue=is_overdue(t, today),
                note=t.progress_note,
                source=source,
                illustrative_note=illustrative_reason(t),
                group_key=(t.group or "Khác") if by_group else t.pillar_id,
            )
        )
    return out


def tasks_report(resolution, period=None, day=None, today=None, document=None):
    """A resolution's tasks and the recommendations of its supervisions, now or as at a period's end.

    With `period`, every status is the one its history shows at the end of
    the period (resolutions.progress.statuses_on) and overdue is judged on that
    day: "tình hình 6 tháng đầu năm 2024" reads the same whenever it is compiled.
    Tasks are grouped by the plan's own groups when it has them ("Nhóm nhiệm vụ
    chung", "Phát triển chính quyền số"), else by pillar.
    """
    as_of = period.end if period is not None else None
    today = as_of or today or timezone.localdate()
    tasks = resolution_tasks(resolution)
    rec_qs = Task.objects.filter(visit__supervision__resolution=resolution)
    statuses = statuses_on(tasks | rec_qs, as_of) if as_of else None
    by_group = tasks.exclude(group="").exists()
    groups = task_summary(tasks, today, by="group" if by_group else "pillar", statuses=statuses)
    when = f", {period.label}" if period else ""
    heading = build_document(
        f"Tình hình thực hiện nhiệm vụ {titled_ref(resolution_ref(resolution), resolution)}{when}",
        resolution.owner_unit, resolution, day, overrides=document,
    )
    order = ("id",) if by_group else ("pillar__order", "group", "number")
    lines = _task_lines(tasks.select_related("pillar", "lead_unit").order_by(*order), today, statuses,
                        by_group=by_group)
    if by_group:
        position = {g.label: i for i, g in enumerate(groups)}
        lines.sort(key=lambda t: (position.get(t.group_key, 99), t.stt))
    recs = _task_lines(
        rec_qs.select_related("pillar", "lead_unit", "visit__unit", "visit__supervision")
        .order_by("visit__date", "visit_id", "number"),
        today, statuses, with_source=True,
    )
    parts = []
    if groups:
        total = sum(g.total for g in groups)
        deployed = sum(g.deployed for g in groups)
        done = sum(g.done for g in groups)
        parts.append(f"{deployed}/{total} nhiệm vụ đã triển khai, trong đó {done} nhiệm vụ đã hoàn thành")
        if by_group or len(groups) > 1:
            parts[-1] += " (" + "; ".join(g.phrase for g in groups) + ")"
    if recs:
        parts.append(f"{sum(1 for r in recs if r.status == TaskStatus.DONE)}/{len(recs)} kiến nghị đã thực hiện xong")
    summary = "; ".join(parts) or "Văn bản chưa có nhiệm vụ, kiến nghị nào được theo dõi"
    return TasksReport(resolution, heading, groups, lines, recs, summary, period, as_of, by_group)


# --- file names ---------------------------------------------------------------------------------

EXTENSIONS = {"xlsx": ".xlsx", "docx": ".docx", "pdf": ".pdf"}


def file_name(kind, resolution=None, period=None, unit=None, year=None, fmt="xlsx"):
    """"BaoCao_09-NQ-TU_Quy-III-2024.xlsx" and the like: ASCII, no slash, meaningful."""
    parts = {
        ReportKind.PROGRESS: ["BaoCao"],
        ReportKind.UNIT_SCORECARD: ["ChiTieuDonVi"],
        ReportKind.COMPLETENESS: ["TinhHinhGuiBaoCao"],
        ReportKind.TASKS: ["NhiemVu"],
        ReportKind.NARRATIVE: ["BaoCaoThuyetMinh"],
    }[kind]
    if resolution is not None:
        parts.append(ascii_slug(resolution.code))
    if unit is not None and kind in (ReportKind.UNIT_SCORECARD, ReportKind.COMPLETENESS):
        parts.append(ascii_slug(unit.code))
    if kind == ReportKind.UNIT_SCORECARD and year:
        parts.append(f"Nam-{year}")
    elif period is not None:
        parts.append(ascii_slug(period.label))
    return "_".join(parts) + EXTENSIONS[fmt]
