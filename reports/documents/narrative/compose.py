"""The narrative report's content: the progress, completeness and tasks reports it words, its sections.

`narrative_report` gathers the reports (`reports.documents.report_data`), finds the
lagging indicators and their lowest units, then writes sections I–IV as blocks
(`sections`); `word` lays them out as a .docx.
"""

from indicators.rules import Status

from ..layout import build_document, issuer_for, resolution_ref
from ..report_data.completeness import completeness_report
from ..report_data.progress import progress_report
from ..report_data.shared import titled_ref
from ..report_data.tasks_report import tasks_report
from ..report_data.unit_rows import progress_unit_rows
from .content import Lagging, NarrativeReport
from .sections import section_limits, section_next, section_proposals, section_results

LAGGING = (Status.AT_RISK, Status.NOT_MET)
UNITS_NAMED = 5  # lagging units named per indicator; the rest are counted


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
    heading = build_document(
        narrative_subject(resolution, period),
        issuer_for(resolution, scope_unit),
        resolution,
        day,
        overrides={**(document or {}), "annex": False},
    )
    roots = progress.roots
    completeness = completeness_report(
        period, roots[0] if roots and len(roots) == 1 else None, resolution, day
    )
    tasks = tasks_report(resolution, period, day)
    report = NarrativeReport(resolution, period, scope_unit, heading, progress, completeness, tasks)
    report.lagging = lagging_indicators(progress)
    section_results(report)
    section_limits(report)
    section_next(report)
    section_proposals(report)
    return report


def lagging_indicators(progress):
    """The indicators at risk or not met, with their lagging levels and their lowest units (per-unit rows)."""
    levels = {}
    for row in progress.rows:
        if row.level == 1 and row.status in LAGGING:
            levels.setdefault(row.indicator.pk, []).append(row)
    out = {
        row.indicator.pk: Lagging(row, levels.get(row.indicator.pk, []))
        for row in progress.rows
        if row.level == 0 and row.status in LAGGING
    }
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
