"""The progress report: a resolution's indicators for a period, one line per indicator and per level."""

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Max
from django.db.models.functions import Length

from indicators.figures import (
    blendable,
    illustrative_in_scope,
    indicator_status,
    rollup_by_kind,
    rollup_total,
    trailing_periods,
)
from indicators.models import Indicator, Period
from indicators.rules import Status, format_target, project_to_year_end, reaches_year_end, status_ceiling
from reports.dashboards.selectors import ResolutionOverview
from resolutions.scope import reach_holders
from units.models import ReportingUnit

from ..layout import build_document, issuer_for, resolution_ref
from .shared import KIND_LABELS, change_of, illustrative_reason, titled_ref
from .unit_rows import UNIT_BATCH, progress_unit_ids, progress_unit_rows


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
        """ "Khả năng đạt": the status said as an outlook on the milestone (rules.Status.OUTLOOK)."""
        return Status.OUTLOOK[self.status]


def estimate_of(row, period):
    """ "Ước thực hiện đến năm <mốc>" of a level (KindRollup): the projection its status was judged on.

    Once the period reaches the end of the milestone year the year is over and
    the estimate is the figure itself; before that, rules.project_to_year_end of
    the same series evaluate_status used (so "Có khả năng đạt" always goes with
    an estimate that reaches the target).
    """
    if row.target is None or row.value is None:
        return None
    if reaches_year_end(period.end, row.target.year):
        return row.value
    projected = project_to_year_end(
        [(p.end, v) for p, v in row.series], row.target.year, status_ceiling(row.indicator.measure)
    )
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
        issuer_for(resolution, scope_unit),
        resolution,
        day,
        overrides=document,
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
                target_text=(
                    format_target(k0.target, ind.measure)
                    if single
                    else format_target(kinds[0].target, ind.measure)
                    if blended
                    else ""
                ),
                value=total,
                previous=prev_total,
                change=change_of(total, prev_total),
                status=status,
                units_expected=sum(r.units_expected for r in kinds),
                units_reported=sum(r.units_reported for r in kinds),
                units_met=sum(r.units_met for r in kinds) if any(r.target for r in kinds) else None,
                target_note=illustrative_reason(
                    k0.target if single else kinds[0].target if blended else None
                ),
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
    report.summary = ResolutionOverview(
        resolution=resolution, roots=roots, counts=report.counts
    ).summary_words
    report.illustrative = illustrative_in_scope(indicators, period, roots)
    return report
