"""The report documents (the progress workbook, the narrative Word report, its PDF), each run in a fresh process."""

from ..common import summary
from .measure import heavy


def op_report(ctx, heavy_runs):
    """The whole-province progress report (reports.runs.generate.run_report) vs bare openpyxl, fresh processes."""
    ours = [
        heavy(["report", ctx.doc.pk, ctx.period.pk, ctx.province.pk, ctx.admin.pk]) for _ in range(heavy_runs)
    ]
    cells, rows = ours[0]["cells"], ours[0]["rows"]
    floors = [heavy(["floor", cells, rows]) for _ in range(heavy_runs)]
    row = summary([r["seconds"] for r in ours])
    floor = summary([r["seconds"] for r in floors])
    row.update(
        peak_mb=max(r["peak_rss_mb"] for r in ours),
        base_rss_mb=ours[0]["base_rss_mb"],
        floor_p50=floor["p50"],
        floor_peak_mb=max(r["peak_rss_mb"] for r in floors),
        ratio=row["p50"] / floor["p50"],
        cells=cells,
        rows=rows,
        file_kb=ours[0]["file_kb"],
        queries=ours[0]["queries"],
    )
    return row


def op_narrative(ctx, heavy_runs):
    """The whole-province narrative Word report (reports.runs.generate.run_report, kind narrative), fresh processes.

    No floor: nothing bare writes the same document; its budget is absolute (DESIGN.md §8).
    """
    ours = [
        heavy(["report", ctx.doc.pk, ctx.period.pk, ctx.province.pk, ctx.admin.pk, "narrative"])
        for _ in range(heavy_runs)
    ]
    row = summary([r["seconds"] for r in ours])
    row.update(
        peak_mb=max(r["peak_rss_mb"] for r in ours),
        base_rss_mb=ours[0]["base_rss_mb"],
        file_kb=ours[0]["file_kb"],
        queries=ours[0]["queries"],
        paragraphs=ours[0]["cells"],
        table_rows=ours[0]["rows"],
    )
    return row


def op_pdf(ctx, heavy_runs):
    """The PDF conversion of the narrative report alone (LibreOffice in its own process), timed apart."""
    ours = [
        heavy(["pdf", ctx.doc.pk, ctx.period.pk, ctx.province.pk, "narrative"]) for _ in range(heavy_runs)
    ]
    row = summary([r["seconds"] for r in ours])
    row.update(pages=ours[0]["pages"], pdf_kb=ours[0]["pdf_kb"], source_kb=ours[0]["source_kb"])
    return row
