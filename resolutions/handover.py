"""What resolutions hold for a unit that a reorganisation ends, passed to its successor.

Registered with `units.reorganisation.registries.register_handover` (apps.ready), so the
unit tree's service never imports this app:
- open tasks and recommendations led by an ended unit are led by its first
  successor from the reorganisation on (done ones keep their history);
- resolutions owned by an ended unit are continued by its successor: their
  reach follows the succession (resolutions.scope), nothing is rewritten;
  the count is reported.
"""

from .models import Resolution, Task, TaskStatus


def pass_tasks(successors, effective_on, dry_run):
    """Open tasks led by an ended unit now led by its first successor: (count, {task id: old lead id})."""
    open_tasks = Task.objects.filter(lead_unit_id__in=list(successors)).exclude(status=TaskStatus.DONE)
    if dry_run:
        return open_tasks.count(), {}
    undo = {}
    for task in open_tasks.order_by("pk").select_for_update(of=("self",)):
        heirs = successors.get(task.lead_unit_id) or []
        if not heirs:
            continue
        undo[str(task.pk)] = task.lead_unit_id
        task.lead_unit_id = heirs[0]
        task._change_reason = "Sắp xếp đơn vị: chuyển cho đơn vị kế thừa"
        task.save(update_fields=["lead_unit"])
    return len(undo), undo


def restore_tasks(undo):
    for pk, lead in undo.items():
        Task.objects.filter(pk=int(pk)).update(lead_unit_id=lead)


def count_resolutions(successors, effective_on, dry_run):
    """Active resolutions owned by an ended unit, continued by its successor (reach follows successions)."""
    return Resolution.objects.filter(owner_unit_id__in=list(successors), is_active=True).count(), {}


def nothing_to_restore(undo):
    """Resolutions were not rewritten: their reach follows the successions, which the revert removes."""


def register():
    from units.reorganisation.registries import register_handover

    register_handover("tasks", pass_tasks, restore_tasks)
    register_handover("resolutions", count_resolutions, nothing_to_restore)
