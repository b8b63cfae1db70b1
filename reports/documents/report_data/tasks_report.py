"""The tasks report: a resolution's tasks and its supervisions' recommendations, now or at a period's end.

Not `tasks.py`: in this codebase that name is a module of Celery tasks.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from config.language import Words
from indicators.models import Period
from resolutions.models import Task, TaskStatus
from resolutions.progress import is_overdue, resolution_tasks, statuses_on, task_summary

from ..layout import build_document, resolution_ref
from .shared import illustrative_reason, titled_ref


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
        resolution.owner_unit,
        resolution,
        day,
        overrides=document,
    )
    order = ("id",) if by_group else ("pillar__order", "group", "number")
    lines = _task_lines(
        tasks.select_related("pillar", "lead_unit").order_by(*order), today, statuses, by_group=by_group
    )
    if by_group:
        position = {g.label: i for i, g in enumerate(groups)}
        lines.sort(key=lambda t: (position.get(t.group_key, 99), t.stt))
    recs = _task_lines(
        rec_qs.select_related("pillar", "lead_unit", "visit__unit", "visit__supervision").order_by(
            "visit__date", "visit_id", "number"
        ),
        today,
        statuses,
        with_source=True,
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
        parts.append(
            f"{sum(1 for r in recs if r.status == TaskStatus.DONE)}/{len(recs)} kiến nghị đã thực hiện xong"
        )
    summary = "; ".join(parts) or "Văn bản chưa có nhiệm vụ, kiến nghị nào được theo dõi"
    return TasksReport(resolution, heading, groups, lines, recs, summary, period, as_of, by_group)
