"""Task progress: "11/21 nhiệm vụ chính quyền số đã triển khai", now or as it was at a period's end."""

import datetime as dt
from dataclasses import dataclass
from types import SimpleNamespace

from django.db.models import Count, Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _

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

    first_id: int = 0  # order of the groups: as the tasks were entered

    @property
    def deployed(self):
        """Tasks under way or finished: what reports call "đã triển khai"."""
        return self.done + self.in_progress

    @property
    def phrase(self):
        """ "11/11 nhóm nhiệm vụ chung", "11/21 nhiệm vụ phát triển chính quyền số": the seeds' wording."""
        label = self.label[:1].lower() + self.label[1:]
        noun = label if label.startswith(("nhóm ", "nhiệm vụ ")) else f"nhiệm vụ {label}"
        return f"{self.deployed}/{self.total} {noun}"


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


def task_summary(tasks, today=None, by="pillar", statuses=None):
    """Counts per pillar (or per `group` text) of a task queryset, in one query.

    With `statuses` ({task id: status}, e.g. statuses_on a period's end) the
    counts are of those statuses instead of the current ones, and `today` is
    the day overdue is judged on (is_overdue).
    """
    today = today or timezone.localdate()
    key = "pillar_id" if by == "pillar" else "group"
    fields = [key, "pillar__name", "pillar__order"] if by == "pillar" else [key]
    if statuses is not None:
        rows = _counted_in_python(tasks, fields, key, statuses, today)
    else:
        rows = (
            tasks.order_by()
            .values(*fields)
            .annotate(
                total=Count("id"),
                done=Count("id", filter=Q(status=TaskStatus.DONE)),
                in_progress=Count("id", filter=Q(status=TaskStatus.IN_PROGRESS)),
                not_started=Count("id", filter=Q(status=TaskStatus.NOT_STARTED)),
                overdue=Count("id", filter=overdue_q(today)),
                first=Min("id"),
            )
        )
    out = []
    for r in rows:
        label = (r.get("pillar__name") or _("Chưa phân trụ cột")) if by == "pillar" else (r[key] or _("Khác"))
        out.append(
            TaskGroupSummary(
                pillar_id=r.get("pillar_id"),
                label=label,
                total=r["total"],
                done=r["done"],
                in_progress=r["in_progress"],
                not_started=r["not_started"],
                overdue=r["overdue"],
                first_id=r["first"],
            )
        )
    if by == "pillar":
        order = {r.get("pillar_id"): (r.get("pillar__order") or 99) for r in rows}
        out.sort(key=lambda s: (order.get(s.pillar_id, 99), s.label))
    else:
        out.sort(key=lambda s: s.first_id)
    return out


def _counted_in_python(tasks, fields, key, statuses, today):
    """task_summary's rows from given statuses (as of a day): the same counts, the same overdue rule."""
    groups = {}
    for t in tasks.order_by("id").values("id", "deadline", "status", *fields):
        status = statuses.get(t["id"], t["status"])
        row = groups.setdefault(
            t[key],
            {
                **{f: t[f] for f in fields},
                "total": 0,
                "done": 0,
                "in_progress": 0,
                "not_started": 0,
                "overdue": 0,
                "first": t["id"],
            },
        )
        row["total"] += 1
        row[status] += 1
        row["overdue"] += is_overdue(SimpleNamespace(deadline=t["deadline"], status=status), today)
    return list(groups.values())


def statuses_on(tasks, day):
    """{task id: status} as it stood at the end of `day`, from the tasks' history (django-simple-history).

    The last recorded change on or before that day; a task first recorded
    later takes its first recorded status (what is known of it; the answer
    never changes afterwards, so a report of an earlier period reads the same
    whenever it is compiled). A task without any history keeps its current
    status.
    """
    cutoff = timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time()))
    ids = list(tasks.values_list("id", flat=True))
    out = {}
    for task_id, status, at in (
        Task.history.filter(id__in=ids)
        .order_by("id", "history_date", "history_id")
        .values_list("id", "status", "history_date")
    ):
        if task_id not in out or at < cutoff:
            out[task_id] = status
    return out


def resolution_tasks(resolution):
    """The tasks of a resolution itself (not the recommendations of visits)."""
    return Task.objects.filter(resolution=resolution, visit__isnull=True)


def task_changes(task, limit=30):
    """The task's history as its readers mean it: the saves that changed the status or the note, newest
    first (a save that changed neither, e.g. a second save of the same form, is no event)."""
    rows = list(task.history.select_related("history_user").order_by("-history_date")[: limit * 2])
    changes, last = [], None
    for h in reversed(rows):
        if (h.status, h.progress_note) != last:
            changes.append(h)
            last = (h.status, h.progress_note)
    return changes[::-1][:limit]
