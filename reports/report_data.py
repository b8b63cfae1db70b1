"""The DATA of the Excel reports: plain functions returning dataclasses and rows.

Nothing here writes a cell (that is `reports.excel`) and nothing here computes
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

from django.utils import timezone

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
from indicators.models import Indicator, Period
from indicators.rules import Status, format_target, ratio_of_sums
from indicators.scope import indicators_for_units
from indicators.scope import order_key as scope_order
from resolutions.models import Task, TaskStatus
from resolutions.progress import is_overdue, resolution_tasks, task_summary
from resolutions.scope import reach_holders
from units.access import top_ancestor
from units.models import ReportingUnit, UnitKind
from units.tree import tree_on

from .models import ReportKind
from .selectors import ResolutionOverview

UNIT_BATCH = 250  # units per query batch of the per-unit sheet: memory stays flat
KIND_LABELS = dict(UnitKind.choices)


# --- shared pieces -----------------------------------------------------------------

@dataclass
class Heading:
    """The top of an official report: agency (left), national heading (right), title."""

    parent_agency: str  # e.g. "UBND TỈNH NINH THUẬN" (may be empty)
    agency: str  # e.g. "SỞ GIÁO DỤC VÀ ĐÀO TẠO"
    place: str  # "Ninh Thuận"
    day: dt.date
    title: str
    subtitle: str = ""

    @property
    def place_date(self):
        place = f"{self.place}, " if self.place else ""
        return f"{place}ngày {self.day.day:02d} tháng {self.day.month:02d} năm {self.day.year}"


def place_name(unit):
    """"Tỉnh Ninh Thuận" -> "Ninh Thuận" (the place line of a document)."""
    if unit is None:
        return ""
    name = top_ancestor(unit).name if unit.path else unit.name
    return re.sub(r"^(UBND\s+)?(Tỉnh|Thành phố)\s+", "", name, flags=re.IGNORECASE)


def heading_for(unit, title, subtitle="", day=None):
    parent = ReportingUnit.objects.filter(pk=unit.parent_id).first() if unit is not None and unit.parent_id else None
    return Heading(
        parent_agency=(parent.name.upper() if parent else ""),
        agency=(unit.name.upper() if unit else "ỦY BAN NHÂN DÂN"),
        place=place_name(unit),
        day=day or timezone.localdate(),
        title=title,
        subtitle=subtitle,
    )


def resolution_words(resolution):
    """"NGHỊ QUYẾT SỐ 09-NQ/TU" (upper case, as in a title)."""
    return f"{resolution.get_kind_display().upper()} SỐ {resolution.code}"


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

    stt: str
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

    @property
    def status_label(self):
        return Status.LABELS[self.status]


@dataclass
class ProgressReport:
    resolution: object
    period: Period
    previous_period: Period | None
    scope_unit: ReportingUnit | None
    heading: Heading
    rows: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)
    summary: str = ""
    illustrative: bool = False
    indicators: list = field(default_factory=list)
    roots: list | None = None

    def unit_rows(self, batch=UNIT_BATCH) -> Iterator:
        return progress_unit_rows(self.indicators, self.period, self.roots, batch)


def progress_report(resolution, period, scope_unit=None, day=None):
    """A resolution's indicators for a period over a scope (a unit's subtree; None = everything)."""
    # Without a scope unit, the resolution's reach (its owner and its successors; the figure engine keeps
    # what it reached on the period's last day), never every province's units.
    if scope_unit is not None:
        roots = [scope_unit]
    else:
        roots = reach_holders(resolution) or None
    agency = scope_unit or resolution.owner_unit
    heading = heading_for(
        agency,
        f"BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU {resolution_words(resolution)} — {period.label.upper()}",
        resolution.title,
        day,
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
                stt=str(n),
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
            )
        )
        if single:
            continue
        for r in kinds:
            prev = prev_by_kind[r.unit_kind].value if r.unit_kind in prev_by_kind else None
            report.rows.append(
                ProgressRow(
                    stt="",
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
    stt: str
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
    heading: Heading
    blocks: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)
    summary: str = ""


def _column_of(period):
    """The quarter column (0-3) where a period's figure goes: its last quarter."""
    return {P.QUARTER: period.number, P.HALF_YEAR: period.number * 2, P.YEAR: 4}[period.kind] - 1


def unit_scorecard_report(unit, year, resolution=None, day=None):
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
    what = f"{resolution_words(resolution)} " if resolution else ""
    heading = heading_for(
        unit,
        f"BẢNG THEO DÕI CHỈ TIÊU {what}CỦA {unit.name.upper()} — NĂM {year}",
        "Đơn vị và các đơn vị trực thuộc",
        day,
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
                    stt=str(n),
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

@dataclass
class CompletenessLine:
    stt: str
    unit_code: str
    unit_name: str
    kind_label: str
    state: str  # "late" | "missing"
    submitted_at: dt.datetime | None
    days_late: int | None

    @property
    def state_label(self):
        return {"late": "Gửi muộn", "missing": "Chưa gửi"}[self.state]


@dataclass
class CompletenessReport:
    period: Period
    heading: Heading
    expected: int
    reported: int
    on_time: int
    rate: Decimal | None
    by_kind: list
    lines: list
    summary: str


def completeness_report(period, scope_unit=None, resolution=None, day=None):
    roots = [scope_unit] if scope_unit is not None else None
    c = completeness(period, roots, resolution)
    what = f" {resolution_words(resolution)}" if resolution else ""
    heading = heading_for(
        scope_unit or (resolution.owner_unit if resolution else None),
        f"TÌNH HÌNH GỬI BÁO CÁO KẾT QUẢ THỰC HIỆN CHỈ TIÊU{what} — {period.label.upper()}",
        f"Hạn gửi báo cáo: {period.deadline:%d/%m/%Y}",
        day,
    )
    lines = []
    for u, s in c.late:
        local = timezone.localtime(s.submitted_at) if s.submitted_at else None
        lines.append(CompletenessLine("", u.code, u.name, KIND_LABELS.get(u.kind, u.kind), "late", local,
                                      (local.date() - period.deadline).days if local else None))
    for u in c.missing:
        lines.append(CompletenessLine("", u.code, u.name, KIND_LABELS.get(u.kind, u.kind), "missing", None, None))
    for n, line in enumerate(lines, start=1):
        line.stt = str(n)
    by_kind = [
        {**k, "kind_label": KIND_LABELS.get(k["unit_kind"], k["unit_kind"]),
         "rate": ratio_of_sums(k["units_reported"], k["units_expected"])}  # in %, like Completeness.rate
        for k in c.by_kind
    ]
    summary = (
        f"{c.units_reported}/{c.units_expected} đơn vị đã gửi báo cáo, "
        f"{c.units_on_time} đơn vị gửi đúng hạn; {c.missing_count} đơn vị chưa gửi"
    )
    return CompletenessReport(period, heading, c.units_expected, c.units_reported, c.units_on_time,
                              c.rate, by_kind, lines, summary)


# --- tasks -----------------------------------------------------------------------------------

@dataclass
class TaskLine:
    stt: str
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


@dataclass
class TasksReport:
    resolution: object
    heading: Heading
    groups: list  # resolutions.progress.TaskGroupSummary
    tasks: list  # TaskLine
    recommendations: list  # TaskLine
    summary: str


def _task_lines(qs, today, with_source=False):
    out = []
    for t in qs:
        overdue = is_overdue(t, today)
        source = ""
        if with_source and t.visit_id:
            source = f"{t.visit.supervision.decision_ref} – {t.visit.unit.name} ({t.visit.date:%d/%m/%Y})"
        out.append(
            TaskLine(
                stt=str(t.number),
                group=(t.pillar.name if t.pillar_id else t.group) or "",
                title=t.title,
                lead_unit=t.lead_unit.name if t.lead_unit_id else "",
                deadline=t.deadline,
                status=t.status,
                status_label=t.get_status_display(),
                overdue=overdue,
                note=t.progress_note,
                source=source,
                illustrative_note=illustrative_reason(t),
            )
        )
    return out


def tasks_report(resolution, period=None, day=None, today=None):
    today = today or timezone.localdate()
    tasks = resolution_tasks(resolution)
    groups = task_summary(tasks, today)
    when = f" — {period.label.upper()}" if period else ""
    heading = heading_for(
        resolution.owner_unit,
        f"TÌNH HÌNH THỰC HIỆN NHIỆM VỤ {resolution_words(resolution)}{when}",
        resolution.title,
        day,
    )
    lines = _task_lines(
        tasks.select_related("pillar", "lead_unit").order_by("pillar__order", "group", "number"), today
    )
    recs = _task_lines(
        Task.objects.filter(visit__supervision__resolution=resolution)
        .select_related("pillar", "lead_unit", "visit__unit", "visit__supervision")
        .order_by("visit__date", "visit_id", "number"),
        today,
        with_source=True,
    )
    total = sum(g.total for g in groups)
    deployed = sum(g.deployed for g in groups)
    done = sum(g.done for g in groups)
    summary = f"{deployed}/{total} nhiệm vụ đã triển khai, trong đó {done} nhiệm vụ đã hoàn thành"
    if recs:
        summary += f"; {sum(1 for r in recs if r.status == TaskStatus.DONE)}/{len(recs)} kiến nghị đã thực hiện xong"
    return TasksReport(resolution, heading, groups, lines, recs, summary)


# --- file names ---------------------------------------------------------------------------------

def file_name(kind, resolution=None, period=None, unit=None, year=None):
    """"BaoCao_09-NQ-TU_Quy-III-2024.xlsx" and the like: ASCII, no slash, meaningful."""
    parts = {
        ReportKind.PROGRESS: ["BaoCao"],
        ReportKind.UNIT_SCORECARD: ["ChiTieuDonVi"],
        ReportKind.COMPLETENESS: ["TinhHinhGuiBaoCao"],
        ReportKind.TASKS: ["NhiemVu"],
    }[kind]
    if resolution is not None:
        parts.append(ascii_slug(resolution.code))
    if unit is not None and kind in (ReportKind.UNIT_SCORECARD, ReportKind.COMPLETENESS):
        parts.append(ascii_slug(unit.code))
    if kind == ReportKind.UNIT_SCORECARD and year:
        parts.append(f"Nam-{year}")
    elif period is not None:
        parts.append(ascii_slug(period.label))
    return "_".join(parts) + ".xlsx"
