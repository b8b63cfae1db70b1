"""What the narrative report holds: its body as blocks, its lagging indicators, the reports it words."""

from dataclasses import dataclass, field


@dataclass
class Block:
    """One piece of the body: a heading (level 1, 2), a paragraph, a bullet, or the office's own text."""

    kind: str  # "h1" | "h2" | "p" | "bullet" | "office" | "closing"
    text: str


@dataclass
class Lagging:
    """An indicator at risk or not met: its lagging levels and its lowest units."""

    row: object  # ProgressRow (level 0)
    levels: list = field(default_factory=list)  # ProgressRow of the lagging levels
    # [(value, name, kind label)] lowest first, at most compose.UNITS_NAMED
    units: list = field(default_factory=list)
    units_count: int = 0


@dataclass
class NarrativeReport:
    """The narrative report: its frame, the reports it words, its body as blocks, its lagging indicators."""

    resolution: object
    period: object
    scope_unit: object
    heading: object  # reports.documents.layout.Document
    progress: object  # report_data.progress.ProgressReport (the annex)
    completeness: object  # report_data.completeness.CompletenessReport
    tasks: object  # report_data.tasks_report.TasksReport (statuses at the period's end)
    blocks: list = field(default_factory=list)
    lagging: list = field(default_factory=list)

    @property
    def annex(self):
        return self.heading.as_annex("Phụ lục")
