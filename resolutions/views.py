"""Supervision module: supervisions → visits → findings and numbered recommendations; task follow-up.

Who sees what comes from units.access (one place): a visit is visible when
its unit is in the reader's scope; supervisors of the visited unit's scope
and admins record visits, findings and recommendations; the lead unit's
entry/approver users update a task's status and progress note (history by
simple_history). Every check is made again on POST.
"""

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from indicators.rules import format_value
from units.access import has_role, scope_q
from units.models import Membership, Role

from .forms import FindingForm, RecommendationForm, TaskProgressForm, VisitForm
from .models import FindingKind, Resolution, Supervision, Task, TaskStatus, Visit
from .progress import is_overdue, overdue_q, resolution_tasks, task_changes, task_summary
from .scope import user_reaches
from .signals import recommendation_assigned

# --- scope ----------------------------------------------------------------------


def visible_visits(user):
    return Visit.objects.filter(scope_q(user, field="unit__path"))


def visible_supervisions(user):
    """Admins: all. Others: supervisions with a visit in scope, or of a resolution they see."""
    if user.is_staff:
        return Supervision.objects.all()
    from .scope import visible_resolutions

    res_ids = [r.pk for r in visible_resolutions(user)]
    return Supervision.objects.filter(
        Q(pk__in=visible_visits(user).values("supervision_id")) | Q(resolution_id__in=res_ids)
    ).distinct()


def visible_tasks(user):
    """Tasks of resolutions the user sees, recommendations of visits in scope, tasks led by units in scope."""
    if user.is_staff:
        return Task.objects.all()
    from .scope import visible_resolutions

    res_ids = [r.pk for r in visible_resolutions(user)]
    return Task.objects.filter(
        Q(resolution_id__in=res_ids, visit__isnull=True)
        | Q(visit__in=visible_visits(user))
        | scope_q(user, field="lead_unit__path")
    ).distinct()


def is_supervisor_somewhere(user):
    return user.is_staff or Membership.objects.filter(user=user, role=Role.SUPERVISOR).exists()


def can_supervise(user, unit):
    """Record visits, findings, recommendations for `unit`: its supervisors and admins."""
    return user.is_staff or has_role(user, unit, [Role.SUPERVISOR])


def reaches(user, resolution):
    """May the user record supervision work under `resolution` (it reaches their supervised subtree)?"""
    return user.is_staff or user_reaches(user, resolution, [Role.SUPERVISOR])


def can_write_supervision(user, sup):
    """Change or delete a supervision: admins; a supervisor whose subtree its resolution reaches and who
    supervises every unit it visited (one visit outside the caller's subtree makes it someone else's)."""
    if user.is_staff:
        return True
    if not reaches(user, sup.resolution) or not is_supervisor_somewhere(user):
        return False
    return all(can_supervise(user, v.unit) for v in sup.visits.select_related("unit"))


def visit_problem(user, sup, unit):
    """Why `user` may not record a visit of `unit` in `sup` (a Vietnamese sentence), or None."""
    from indicators.reach import reaches_ever

    if not can_supervise(user, unit) or not reaches(user, sup.resolution):
        return _("Bạn không có quyền giám sát đơn vị này trong cuộc giám sát này.")
    if sup.resolution is not None and not reaches_ever(sup.resolution, unit):
        return _("“%(unit)s” nằm ngoài phạm vi của %(resolution)s.") % {
            "unit": unit.name,
            "resolution": sup.resolution,
        }
    return None


def can_write_visit(user, visit):
    """Record findings and recommendations of a visit (and change or delete it): its unit's supervisors, admins."""
    return can_supervise(user, visit.unit)


def can_update_task(user, task):
    """The lead unit (entry/approver), the visit's supervisors, admins."""
    if user.is_staff:
        return True
    if task.lead_unit_id and has_role(user, task.lead_unit, [Role.ENTRY, Role.APPROVER, Role.SUPERVISOR]):
        return True
    return bool(task.visit_id and has_role(user, task.visit.unit, [Role.SUPERVISOR]))


def _visit_or_404(user, pk):
    visit = get_object_or_404(Visit.objects.select_related("supervision__resolution", "unit"), pk=pk)
    if not visible_visits(user).filter(pk=visit.pk).exists():
        raise Http404(_("Không tìm thấy buổi giám sát."))
    return visit


def _decorate_tasks(tasks, user, today):
    for t in tasks:
        t.is_overdue = is_overdue(t, today)
        t.can_update = can_update_task(user, t)
    return tasks


# --- pages -----------------------------------------------------------------------


@login_required
def supervision_list(request):
    sups = (
        visible_supervisions(request.user)
        .select_related("resolution")
        .annotate(
            n_visits=Count("visits", distinct=True),
            n_recs=Count("visits__recommendations", distinct=True),
            n_open=Count(
                "visits__recommendations",
                filter=~Q(visits__recommendations__status=TaskStatus.DONE),
                distinct=True,
            ),
        )
        .order_by("-decision_date", "decision_ref")
    )
    return render(request, "resolutions/supervision_list.html", {"supervisions": sups})


@login_required
def supervision_detail(request, pk):
    sup = get_object_or_404(visible_supervisions(request.user).select_related("resolution"), pk=pk)
    visits = list(
        visible_visits(request.user)
        .filter(supervision=sup)
        .select_related("unit")
        .annotate(
            n_findings=Count("findings", distinct=True),
            n_recs=Count("recommendations", distinct=True),
            n_open=Count(
                "recommendations", filter=~Q(recommendations__status=TaskStatus.DONE), distinct=True
            ),
        )
        .order_by("date", "unit__name")
    )
    form = None
    if is_supervisor_somewhere(request.user):
        form = VisitForm(request.POST or None, user=request.user, supervision=sup)
        if request.method == "POST" and form.is_valid():
            problem = visit_problem(request.user, sup, form.cleaned_data["unit"])
            if problem:
                raise PermissionDenied(problem)
            visit = form.save(commit=False)
            visit.supervision = sup
            visit.save()
            messages.success(
                request,
                _("Đã ghi nhận buổi giám sát tại %(unit)s ngày %(day)s.")
                % {"unit": visit.unit.name, "day": f"{visit.date:%d/%m/%Y}"},
            )
            return redirect("visit-detail", visit.pk)
    elif request.method == "POST":
        raise PermissionDenied(_("Chỉ thành viên đoàn giám sát hoặc quản trị được ghi nhận buổi giám sát."))
    return render(
        request, "resolutions/supervision_detail.html", {"sup": sup, "visits": visits, "form": form}
    )


@login_required
def visit_detail(request, pk):
    visit = _visit_or_404(request.user, pk)
    findings = list(visit.findings.select_related("indicator").order_by("order", "id"))
    for f in findings:
        f.figure = (
            format_value(f.indicator, f.value)
            if (f.indicator and f.value is not None)
            else (None if f.value is None else format_value(_Count, f.value))
        )
    today = timezone.localdate()
    recs = _decorate_tasks(
        list(visit.recommendations.select_related("lead_unit", "pillar", "visit__unit").order_by("number")),
        request.user,
        today,
    )
    allowed = can_supervise(request.user, visit.unit)
    return render(
        request,
        "resolutions/visit_detail.html",
        {
            "visit": visit,
            "sup": visit.supervision,
            "strengths": [f for f in findings if f.kind == FindingKind.STRENGTH],
            "limitations": [f for f in findings if f.kind == FindingKind.LIMITATION],
            "recs": recs,
            "can_edit": allowed,
            "finding_form": FindingForm(visit=visit) if allowed else None,
            "rec_form": RecommendationForm(visit=visit, user=request.user) if allowed else None,
        },
    )


class _Count:
    """A plain number for a finding without an indicator (format_value of a count)."""

    measure = "count"
    unit_label = ""
    decimals = 0


@login_required
def finding_create(request, pk):
    visit = _visit_or_404(request.user, pk)
    if not can_supervise(request.user, visit.unit):
        raise PermissionDenied(_("Chỉ đoàn giám sát phụ trách đơn vị này hoặc quản trị được ghi nhận xét."))
    form = FindingForm(request.POST or None, visit=visit)
    if request.method == "POST" and form.is_valid():
        finding = form.save(commit=False)
        finding.visit = visit
        finding.order = (visit.findings.order_by("-order").values_list("order", flat=True).first() or 0) + 1
        finding.save()
        messages.success(request, _("Đã ghi nhận xét."))
        return redirect("visit-detail", visit.pk)
    return render(
        request,
        "resolutions/form_page.html",
        {"visit": visit, "form": form, "title": _("Ghi nhận xét (kết quả đạt được, hạn chế)")},
    )


@login_required
def recommendation_create(request, pk):
    visit = _visit_or_404(request.user, pk)
    if not can_supervise(request.user, visit.unit):
        raise PermissionDenied(_("Chỉ đoàn giám sát phụ trách đơn vị này hoặc quản trị được ghi kiến nghị."))
    form = RecommendationForm(request.POST or None, visit=visit, user=request.user)
    if request.method == "POST" and form.is_valid():
        task = form.save(commit=False)
        task.visit = visit
        task.updated_by = request.user
        task.save()
        recommendation_assigned.send(sender=Task, task=task)  # reports tells the lead unit
        messages.success(request, _("Đã ghi kiến nghị số (%(number)s).") % {"number": task.number})
        return redirect("visit-detail", visit.pk)
    return render(
        request, "resolutions/form_page.html", {"visit": visit, "form": form, "title": _("Ghi kiến nghị")}
    )


@login_required
def followup(request):
    """Open recommendations across visits, overdue first."""
    today = timezone.localdate()
    qs = (
        visible_tasks(request.user)
        .filter(visit__isnull=False)
        .exclude(status=TaskStatus.DONE)
        .select_related("visit__unit", "visit__supervision", "lead_unit", "pillar")
    )
    only_overdue = request.GET.get("overdue") == "1"
    if only_overdue:
        qs = qs.filter(overdue_q(today))
    tasks = _decorate_tasks(list(qs.order_by("deadline", "visit__date", "number")), request.user, today)
    tasks.sort(key=lambda t: (not t.is_overdue, t.deadline or today))
    return render(
        request,
        "resolutions/followup.html",
        {"tasks": tasks, "only_overdue": only_overdue, "n_overdue": sum(t.is_overdue for t in tasks)},
    )


@login_required
def resolution_task_list(request, pk):
    from .scope import resolution_scope

    resolution = get_object_or_404(Resolution, pk=pk)
    if resolution_scope(resolution, request.user) == [] and not request.user.is_staff:
        raise Http404(_("Không tìm thấy văn bản."))
    today = timezone.localdate()
    tasks = _decorate_tasks(
        list(
            resolution_tasks(resolution)
            .select_related("pillar", "lead_unit")
            .order_by("pillar__order", "group", "number")
        ),
        request.user,
        today,
    )
    groups = [
        (key, list(items))
        for key, items in groupby(tasks, key=lambda t: t.group or (t.pillar.name if t.pillar else _("Khác")))
    ]
    return render(
        request,
        "resolutions/tasks.html",
        {
            "resolution": resolution,
            "groups": groups,
            "summary": task_summary(resolution_tasks(resolution), today),
            "group_summary": task_summary(resolution_tasks(resolution), today, by="group")
            if any(t.group for t in tasks)
            else [],
        },
    )


@login_required
def task_update(request, pk):
    task = get_object_or_404(
        Task.objects.select_related("lead_unit", "visit__unit", "resolution", "pillar"), pk=pk
    )
    if not visible_tasks(request.user).filter(pk=task.pk).exists():
        raise Http404(_("Không tìm thấy nhiệm vụ."))
    if not can_update_task(request.user, task):
        raise PermissionDenied(
            _("Chỉ đơn vị chủ trì (nhập liệu, phê duyệt), đoàn giám sát hoặc quản trị được cập nhật tiến độ.")
        )
    form = TaskProgressForm(request.POST or None, instance=task)
    if request.method == "POST" and form.is_valid():
        task = form.save(commit=False)
        task.updated_by = request.user
        task.save()
        messages.success(request, _("Đã cập nhật tiến độ."))
        if task.visit_id:
            return redirect("visit-detail", task.visit_id)
        return redirect("resolution-tasks", task.resolution_id)
    history = task_changes(task)
    return render(request, "resolutions/task_update.html", {"task": task, "form": form, "history": history})
