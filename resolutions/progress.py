"""Task progress: "11/21 nhiệm vụ chính quyền số đã triển khai"."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from .models import Task, TaskStatus


@dataclass
class TaskGroupSummary:
    pillar_id: int | None
    label: str
    total: int
    done: int
    in_progress: int
    not_started: int
    overdue: int

    @property
    def deployed(self):
        """Tasks under way or finished: what reports call "đã triển khai"."""
        return self.done + self.in_progress


def overdue_q(today):
    """The overdue rule as a filter: a deadline before `today` and not done (see is_overdue)."""
    return Q(deadline__lt=today) & ~Q(status=TaskStatus.DONE)


def is_overdue(task, today=None):
    """Is a task or recommendation overdue on `today`: it has a deadline before that day and is not done.

    The one rule: the task lists, the follow-up of recommendations, the counts
    of task_summary (overdue_q) and the Excel tasks report all use it. A task
    due today is not overdue yet.
    """
    today = today or timezone.localdate()
    return bool(task.deadline and task.deadline < today and task.status != TaskStatus.DONE)


def task_summary(tasks, today=None, by="pillar"):
    """Counts per pillar (or per `group` text) of a task queryset, in one query."""
    today = today or timezone.localdate()
    key = "pillar_id" if by == "pillar" else "group"
    fields = [key, "pillar__name", "pillar__order"] if by == "pillar" else [key]
    rows = tasks.order_by().values(*fields).annotate(
        total=Count("id"),
        done=Count("id", filter=Q(status=TaskStatus.DONE)),
        in_progress=Count("id", filter=Q(status=TaskStatus.IN_PROGRESS)),
        not_started=Count("id", filter=Q(status=TaskStatus.NOT_STARTED)),
        overdue=Count("id", filter=overdue_q(today)),
    )
    out = []
    for r in rows:
        label = (r.get("pillar__name") or "Chưa phân trụ cột") if by == "pillar" else (r[key] or "Khác")
        out.append(
            TaskGroupSummary(
                pillar_id=r.get("pillar_id"),
                label=label,
                total=r["total"],
                done=r["done"],
                in_progress=r["in_progress"],
                not_started=r["not_started"],
                overdue=r["overdue"],
            )
        )
    if by == "pillar":
        order = {r.get("pillar_id"): (r.get("pillar__order") or 99) for r in rows}
        out.sort(key=lambda s: (order.get(s.pillar_id, 99), s.label))
    return out


def resolution_tasks(resolution):
    """The tasks of a resolution itself (not the recommendations of visits)."""
    return Task.objects.filter(resolution=resolution, visit__isnull=True)
