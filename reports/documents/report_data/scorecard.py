"""The unit scorecard: one unit and its direct children, the indicators each reports over a year's quarters."""

import datetime as dt
from dataclasses import dataclass, field

from indicators import periods as P
from indicators.figures import unit_figures
from indicators.models import Indicator, Period
from indicators.rules import Status, format_target
from indicators.scope import indicators_for_units
from indicators.scope import order_key as scope_order
from reports.dashboards.selectors import ResolutionOverview
from units.models import ReportingUnit
from units.tree import tree_on

from ..layout import build_document, resolution_ref
from .shared import illustrative_reason


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
        unit,
        resolution,
        day,
        overrides=document,
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
    report.summary = ResolutionOverview(
        resolution=resolution, roots=[unit], counts=report.counts
    ).summary_words
    return report
