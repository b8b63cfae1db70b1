"""Pages of unit staff and heads: reporting periods, the entry form, the children grid,
the workflow buttons, a value's history and its evidence files.

Thin: access through `units.access`, reads through `indicators.entry` and
`indicators.figures`, writes through `indicators.entry`/`services`/`workflow`.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from config.security import safe_next
from units.access import READ_ROLES, get_unit_for_user, has_role
from units.models import Membership, ReportingUnit, Role
from units.tree import tree_on

from . import entry, workflow
from .history import value_history
from .models import DataValue, Evidence, Indicator, Period, Submission, SubmissionStatus
from .periods import PeriodCodeError
from .rules import FigureError, compute_value, format_value, unit_period_problem, validate_figures
from .scope import reporting_periods
from .services import WriteConflict, set_period_lock

SESSION_UNIT = "work_unit_id"
WORK_ROLES = (Role.ENTRY, Role.APPROVER)


# --- which unit the user works for ------------------------------------------------

def work_units(user):
    """Units the user may pick to work for: their entry/approver memberships (admins: top levels)."""
    if user.is_staff:
        return list(ReportingUnit.objects.filter(depth__lte=1).order_by("path"))
    ids = Membership.objects.filter(user=user, role__in=WORK_ROLES).values_list("unit_id", flat=True)
    return list(ReportingUnit.objects.filter(pk__in=ids).order_by("path"))


def current_unit(request):
    """The unit chosen for this session, if the user still reaches it."""
    unit_id = request.GET.get("unit") or request.session.get(SESSION_UNIT)
    if unit_id:
        try:
            unit = get_unit_for_user(request.user, unit_id)
        except Http404:
            unit = None
        if unit is not None:
            request.session[SESSION_UNIT] = unit.pk
            return unit
    choices = work_units(request.user)
    # One unit, or one still active today (after a merger the successor's role comes beside the old one):
    # that one; otherwise the user picks.
    active = [u for u in choices if u.is_active_on(timezone.localdate())]
    if len(choices) == 1 or len(active) == 1:
        unit = choices[0] if len(choices) == 1 else active[0]
        request.session[SESSION_UNIT] = unit.pk
        return unit
    return None


@login_required
@require_POST
def pick_unit(request):
    unit = get_unit_for_user(request.user, request.POST.get("unit"))
    request.session[SESSION_UNIT] = unit.pk
    return redirect(safe_next(request, reverse("periods")))


def _period(code):
    try:
        return Period.objects.get_by_code(code)
    except (Period.DoesNotExist, PeriodCodeError):
        raise Http404(_("Không tìm thấy kỳ báo cáo.")) from None


# --- "Kỳ báo cáo" ----------------------------------------------------------------------

@login_required
def periods(request):
    """Open periods with deadlines and the chosen unit's report status in each."""
    unit = current_unit(request)
    choices = work_units(request.user)
    today = timezone.localdate()
    rows, pending = [], []
    if unit is not None:
        kinds = entry.period_kinds_for(unit)
        # The current and recent periods; older ones stay reachable from the dashboards.
        candidates = Period.objects.filter(kind__in=kinds, start__lte=today)
        # Only periods for which the unit is expected: active on the period's last day
        # (rules.unit_period_problem); a dissolved unit keeps its earlier periods.
        if unit.valid_to:
            candidates = candidates.filter(end__lte=unit.valid_to)
        if unit.valid_from:
            candidates = candidates.filter(end__gte=unit.valid_from)
        # …and in which it has something to report (indicators.scope: reach, kind, the resolution's years).
        candidates = reporting_periods(unit, candidates.order_by("-end")[:40])[:8]
        states = workflow.report_states([unit], candidates)
        for p in candidates:
            state = states[(unit.pk, p.pk)]
            days = (p.deadline - today).days
            rows.append({"period": p, "sub": state.submission, "state": state.code, "state_word": state.label,
                         "days": days, "days_abs": abs(days), "done": state.done})
    if unit is not None and has_role(request.user, unit, [Role.APPROVER]):
        pending = workflow.waiting_for_approval(request.user, unit)[:100]
    return render(request, "indicators/periods.html", {
        "unit": unit, "choices": choices, "rows": rows, "pending": pending, "today": today,
    })


# --- the entry form ----------------------------------------------------------------------

@login_required
def entry_form(request, code, unit_id):
    """One unit's figures for one period: enter, save as draft, submit; approve or return."""
    period = _period(code)
    unit = get_unit_for_user(request.user, unit_id)
    problem = unit_period_problem(unit, period)
    if problem:
        return _not_expected(request, unit, period, problem)
    indicators = entry.applicable_indicators(unit, period)
    rows = entry.build_rows([unit], indicators, period)
    editable = entry.can_edit(unit, period, request.user)
    if request.method == "POST":
        if not editable:
            raise PermissionDenied(_("Không thể sửa số liệu của báo cáo này."))
        entry.read_posted(rows, request.POST, request.FILES)
        # A draft keeps the work: every clean row is saved, a bad one is marked on its own and blocks
        # only the submit.
        saved, ok = entry.save_rows(rows, period, request.user, partial=True)
        if ok:
            if request.POST.get("action") == "submit":
                try:
                    workflow.submit(unit, period, request.user)
                    messages.success(request, ngettext("Đã lưu %(count)s số liệu và gửi báo cáo %(period)s.",
                                                       "Đã lưu %(count)s số liệu và gửi báo cáo %(period)s.", saved)
                                     % {"count": saved, "period": period.label})
                except (WriteConflict, workflow.WorkflowPermissionDenied) as exc:
                    messages.error(request, exc.message)
            else:
                messages.success(request, ngettext("Đã lưu nháp %(count)s số liệu.", "Đã lưu nháp %(count)s số liệu.",
                                                   saved) % {"count": saved}
                                 if saved else _("Không có thay đổi nào để lưu."))
            return redirect("entry", code=period.code, unit_id=unit.pk)
        bad = sum(1 for r in rows if r.error or r.conflict)
        if request.POST.get("action") == "submit":
            messages.error(request, _("Chưa gửi báo cáo: %(bad)s ô số liệu cần sửa (tô đỏ). Đã lưu nháp %(saved)s số "
                                      "liệu đúng.") % {"bad": bad, "saved": saved})
        else:
            messages.error(request, _("Đã lưu nháp %(saved)s số liệu; %(bad)s ô cần sửa (tô đỏ) chưa được lưu.")
                           % {"bad": bad, "saved": saved})
    state = workflow.report_states([unit], [period])[(unit.pk, period.pk)]
    sub = state.submission
    children = bool(tree_on(period.end).active_children(unit.pk))  # the tree of the period's last day
    return render(request, "indicators/entry.html", {
        "unit": unit, "period": period, "groups": entry.group_rows(rows), "rows": rows, "sub": sub,
        "state": state, "editable": editable,
        "can_approve": sub is not None and sub.status == SubmissionStatus.SUBMITTED
        and has_role(request.user, unit, [Role.APPROVER], on=period.end),
        "can_submit": editable and has_role(request.user, unit, [Role.ENTRY], on=period.end),
        "can_reopen": request.user.is_staff and sub is not None and sub.status == SubmissionStatus.APPROVED,
        "has_children": children, "ancestors": unit.ancestors(on=period.end),
        "warnings_count": sum(1 for r in rows if r.warnings),
        "any_illustrative": any(r.value is not None and r.value.is_illustrative for r in rows),
    })


@login_required
def children_grid(request, code, unit_id):
    """A unit's child units for one indicator in one grid (a phòng with its schools)."""
    period = _period(code)
    unit = get_unit_for_user(request.user, unit_id)
    # The units below on the period's last day, active then (rules.unit_period_problem), in tree order,
    # that the user may see.
    tree = tree_on(period.end)
    below = [pk for pk in tree.order() if pk != unit.pk and tree.is_within(pk, unit.pk)
             and tree.units[pk].is_active_on(period.end)]
    by_id = ReportingUnit.objects.in_bulk(below)
    children = [by_id[pk] for pk in below if pk in by_id and has_role(request.user, by_id[pk], READ_ROLES)]
    # One representative child per kind gives the indicators of that kind (same province).
    indicators, seen = [], set()
    for child in {c.kind: c for c in children}.values():
        for ind in entry.applicable_indicators(child, period):
            if ind.pk not in seen:
                seen.add(ind.pk)
                indicators.append(ind)
    indicator = next((i for i in indicators if str(i.pk) == request.GET.get("indicator", request.POST.get("indicator"))),
                     indicators[0] if indicators else None)
    rows = entry.build_rows([c for c in children if indicator and indicator.applies_to_kind(c.kind)],
                            [indicator] if indicator else [], period)
    states = workflow.report_states([r.unit for r in rows], [period])
    editable = {r.unit.pk: entry.can_edit(r.unit, period, request.user) for r in rows}
    if request.method == "POST" and indicator is not None:
        posted = [r for r in rows if editable[r.unit.pk]]
        entry.read_posted(posted, request.POST, request.FILES)
        saved, ok = entry.save_rows(posted, period, request.user, reason="Nhập theo bảng đơn vị trực thuộc",
                                    partial=True)
        if ok:
            messages.success(request, ngettext("Đã lưu %(count)s số liệu.", "Đã lưu %(count)s số liệu.", saved)
                             % {"count": saved} if saved else _("Không có thay đổi nào để lưu."))
            return redirect(f"{reverse('entry-children', args=[period.code, unit.pk])}?indicator={indicator.pk}")
        messages.error(request, _("Đã lưu %(saved)s số liệu; %(bad)s dòng cần sửa (tô đỏ) chưa được lưu.")
                       % {"saved": saved, "bad": sum(1 for r in rows if r.error or r.conflict)})
        for r in rows:
            if r.raw_numerator is None:  # not on the form: show the stored figures
                entry.prefill(r)
    for r in rows:
        r.state = states[(r.unit.pk, period.pk)]
        r.sub = r.state.submission
        r.editable = editable[r.unit.pk]
    return render(request, "indicators/children_grid.html", {
        "unit": unit, "period": period, "indicators": indicators, "indicator": indicator, "rows": rows,
        "any_editable": any(editable.values()), "ancestors": unit.ancestors(on=period.end),
    })


def _not_expected(request, unit, period, problem):
    """The answer for a unit that is not expected in the period (dissolved before its last day): no form."""
    successor = unit.successor
    if successor is not None and not has_role(request.user, successor, READ_ROLES):
        successor = None
    return render(request, "indicators/not_expected.html", {
        "unit": unit, "period": period, "problem": problem, "successor": successor, "ancestors": unit.ancestors(on=period.end),
    }, status=404)


@login_required
def check_figures(request):
    """The entry form's live preview: the figures checked by `rules.validate_figures`, the same rule the save uses.

    GET ?indicator=<id>&n=<numerator>&d=<denominator>, figures as typed (Vietnamese
    notation). Answers {"ok": true, "text": "22,22%"} or {"ok": false, "field":
    "numerator", "message": "Số lượng: phải là số nguyên."}: the preview shows the
    message the server would give on saving, never a value the server refuses.
    """
    indicator_id = request.GET.get("indicator", "")
    indicator = Indicator.objects.filter(pk=indicator_id).first() if indicator_id.isdigit() else None
    if indicator is None:
        raise Http404(_("Không tìm thấy chỉ tiêu."))
    numerator, denominator = request.GET.get("n", ""), request.GET.get("d", "")
    if not numerator.strip() and not denominator.strip():
        return JsonResponse({"ok": True, "text": "—"})
    try:
        num, den = validate_figures(indicator, numerator, denominator, localized=True)
    except FigureError as exc:
        return JsonResponse({"ok": False, "field": exc.field, "message": exc.message})
    value = compute_value(indicator.measure, num, den)
    text = _("không phát sinh") if value is None and num is not None else format_value(indicator, value)
    return JsonResponse({"ok": True, "text": text})


# --- workflow ------------------------------------------------------------------------------

def _submission(request, code, unit_id):
    period = _period(code)
    unit = get_unit_for_user(request.user, unit_id)
    sub = Submission.objects.filter(unit=unit, period=period).first()
    return period, unit, sub


# URL slugs in Vietnamese: /gui/ (send), /duyet/ (approve), /tra-lai/ (return), /mo-lai/ (reopen).
ACTION_SLUGS = {"gui": "submit", "duyet": "approve", "tra-lai": "return", "mo-lai": "reopen"}


@login_required
@require_POST
def submission_action(request, code, unit_id, action):
    """Approve, return (with a reason) or reopen (admin, with a reason) a unit's report."""
    action = ACTION_SLUGS.get(action)
    if action is None:
        raise Http404()
    period, unit, sub = _submission(request, code, unit_id)
    reason = request.POST.get("reason", "")
    names = {"period": period.label, "unit": unit.name}
    try:
        if action == "submit":
            workflow.submit(unit, period, request.user)
            messages.success(request, _("Đã gửi báo cáo %(period)s của %(unit)s.") % names)
        elif sub is None:
            raise WriteConflict(_("Đơn vị chưa có báo cáo cho kỳ này."))
        elif action == "approve":
            workflow.approve(sub, request.user)
            messages.success(request, _("Đã duyệt báo cáo %(period)s của %(unit)s.") % names)
        elif action == "return":
            workflow.return_submission(sub, request.user, reason)
            messages.success(request, _("Đã trả lại báo cáo %(period)s của %(unit)s để đơn vị sửa.") % names)
        elif action == "reopen":
            workflow.reopen(sub, request.user, reason)
            messages.success(request, _("Đã mở lại báo cáo %(period)s của %(unit)s.") % names)
        else:
            raise Http404()
    except FigureError as exc:
        messages.error(request, exc.message)
    except (WriteConflict, workflow.WorkflowPermissionDenied) as exc:
        messages.error(request, exc.message)
    return redirect(safe_next(request, reverse("entry", args=[period.code, unit.pk])))


@login_required
@require_POST
def period_lock(request, code):
    """Admin: lock (khóa sổ) or unlock a period, with a reason."""
    period = _period(code)
    try:
        set_period_lock(period, request.POST.get("lock") == "1", request.user, request.POST.get("reason", ""))
        messages.success(request, (_("Đã khóa sổ %(period)s.") if period.is_locked else _("Đã mở khóa %(period)s."))
                         % {"period": period.label})
    except (FigureError, WriteConflict) as exc:
        messages.error(request, exc.message)
    return redirect(safe_next(request, reverse("periods")))


# --- history and evidence ----------------------------------------------------------------------

@login_required
def history(request, value_id):
    dv = get_object_or_404(DataValue.objects.select_related("unit", "indicator", "period"), pk=value_id)
    if not has_role(request.user, dv.unit, READ_ROLES):
        raise Http404(_("Không tìm thấy số liệu."))
    return render(request, "indicators/history.html", {"dv": dv, "changes": value_history(dv)})


@login_required
def evidence_file(request, evidence_id):
    """Serve a supporting file only to users who reach its unit."""
    ev = get_object_or_404(Evidence.objects.select_related("data_value__unit"), pk=evidence_id)
    if not has_role(request.user, ev.data_value.unit, READ_ROLES):
        raise Http404(_("Không tìm thấy tệp."))
    return FileResponse(ev.file.open("rb"), as_attachment=True, filename=ev.original_name, content_type=ev.content_type)


# --- "Chờ duyệt": every report waiting for the approver ------------------------------------------

# Reasons an approver picks from (or types their own): what returns usually say.
RETURN_REASONS = [
    gettext_lazy("Số liệu chưa khớp với sổ sách, hệ thống nguồn; đề nghị rà soát lại."),
    gettext_lazy("Mẫu số (tổng số) chưa đúng; đề nghị kiểm tra lại."),
    gettext_lazy("Thiếu minh chứng cho số liệu; đề nghị bổ sung."),
    gettext_lazy("Số liệu thay đổi bất thường so với kỳ trước; đề nghị giải trình trong ghi chú."),
]
QUEUE_LIMIT = 200


def queue_rows(user):
    """The queue: reports waiting for `user` (workflow.waiting_for_approval) with their warnings and the
    unit's place in the tree of the period's last day."""
    from .quality import report_warnings

    subs = workflow.waiting_for_approval(user)[:QUEUE_LIMIT]
    warnings = report_warnings(subs)
    names = {}
    rows = []
    today = timezone.localdate()
    for sub in subs:
        tree = tree_on(sub.period.end)
        chain = tree.ancestors(sub.unit_id)
        missing = [pk for pk in chain if pk not in names]
        if missing:
            names.update(dict(ReportingUnit.objects.filter(pk__in=missing).values_list("pk", "name")))
        rows.append({"sub": sub, "warnings": warnings.get(sub.pk, []), "ancestors": [names[pk] for pk in chain],
                     "days_waiting": (today - timezone.localtime(sub.submitted_at).date()).days
                     if sub.submitted_at else None})
    return rows


@login_required
def approval_queue(request):
    """Reports waiting for the user's approval across periods and units, oldest deadline first."""
    rows = queue_rows(request.user)
    return render(request, "indicators/queue.html", {
        "rows": rows, "clean": sum(1 for r in rows if not r["warnings"]), "reasons": RETURN_REASONS,
        "limit": QUEUE_LIMIT,
    })


@login_required
@require_POST
def approve_many(request):
    """Approve the chosen reports of the queue, all or none; a report with warnings is opened, not approved
    in bulk (the server judges the warnings again)."""
    from django.db import transaction

    from .quality import report_warnings

    ids = [int(i) for i in request.POST.getlist("sub") if i.isdigit()]
    if not ids:
        messages.error(request, _("Chưa chọn báo cáo nào để duyệt."))
        return redirect("approval-queue")
    subs = list(Submission.objects.filter(pk__in=ids).select_related("unit", "period"))
    flagged = report_warnings(subs)
    problems = [_("%(unit)s, %(period)s: có số liệu bất thường, hãy mở báo cáo để xem trước khi duyệt.")
                % {"unit": s.unit.name, "period": s.period.label} for s in subs if flagged.get(s.pk)]
    if len(subs) != len(set(ids)):
        problems.append(_("Có báo cáo không còn tồn tại; hãy tải lại trang."))
    if not problems:
        try:
            with transaction.atomic():
                for sub in subs:
                    workflow.approve(sub, request.user)
        except (WriteConflict, workflow.WorkflowPermissionDenied) as exc:
            problems.append(exc.message)
    if problems:
        messages.error(request, _("Chưa duyệt báo cáo nào: %(why)s") % {"why": " ".join(problems)})
    else:
        messages.success(request, _("Đã duyệt %(n)s báo cáo.") % {"n": len(subs)})
    return redirect("approval-queue")


# --- the entry form's autosave: one row, as the user leaves it ---------------------------------------

@login_required
@require_POST
def autosave_row(request):
    """Save one row of the entry form (or the children grid) through `services.record_value`.

    POST period (code), unit, indicator, n, d, note, ver (the version the form read), ok (confirmed).
    Answers {"ok": true, "version", "saved_at", "text"}; a bad figure {"ok": false, "field",
    "message"} (400: nothing saved, the other rows unaffected); a figure changed by someone else
    {"ok": false, "conflict": {...}} (409: never overwritten); no right to write (403).
    """
    from .policy import EntryDenied
    from .services import clean_value, record_value

    period = _period(request.POST.get("period", ""))
    unit = get_unit_for_user(request.user, request.POST.get("unit"))
    raw_indicator = request.POST.get("indicator", "")
    indicator = Indicator.objects.filter(pk=raw_indicator).first() if raw_indicator.isdigit() else None
    if indicator is None:
        raise Http404(_("Không tìm thấy chỉ tiêu."))
    numerator, denominator = request.POST.get("n", "").strip(), request.POST.get("d", "").strip()
    note = request.POST.get("note", "").strip()
    confirmed = request.POST.get("ok") in ("1", "on", "true")
    raw_version = request.POST.get("ver", "").strip()
    version = int(raw_version) if raw_version.isdigit() else None
    current = DataValue.objects.filter(unit=unit, indicator=indicator, period=period).first()
    try:
        num, den, value = clean_value(unit, indicator, numerator, denominator, localized=True, period=period)
    except FigureError as exc:
        return JsonResponse({"ok": False, "field": exc.field, "message": exc.message}, status=400)
    text = _("không phát sinh") if value is None and num is not None else format_value(indicator, value)
    if current is None and num is None and den is None and not note:
        return JsonResponse({"ok": True, "version": "", "text": text, "saved_at": None})
    if (current is not None and version == current.version and (current.numerator, current.denominator) == (num, den)
            and current.note == note and current.quality_confirmed == confirmed):
        return JsonResponse({"ok": True, "version": current.version, "text": text, "saved_at": None})
    try:
        dv, _created = record_value(unit=unit, indicator=indicator, period=period, numerator=num, denominator=den,
                                    note=note, user=request.user, version=version,
                                    reason="Lưu tự động trên biểu mẫu", quality_confirmed=confirmed)
    except EntryDenied as exc:
        return JsonResponse({"ok": False, "message": exc.message}, status=403)
    except FigureError as exc:
        return JsonResponse({"ok": False, "field": exc.field, "message": exc.message}, status=400)
    except WriteConflict as exc:
        now = exc.current or DataValue.objects.filter(unit=unit, indicator=indicator, period=period).first()
        body = {"ok": False, "message": exc.message}
        if now is not None:
            from .entry import _plain

            who = now.updated_by.get_full_name() or now.updated_by.username if now.updated_by else ""
            body["conflict"] = {
                "version": now.version, "n": _plain(now.numerator), "d": _plain(now.denominator), "note": now.note,
                "text": format_value(indicator, now.value), "by": who,
                "at": timezone.localtime(now.updated_at).strftime("%d/%m/%Y %H:%M") if now.updated_at else "",
            }
        return JsonResponse(body, status=409)
    return JsonResponse({"ok": True, "version": dv.version, "text": text,
                         "saved_at": timezone.localtime().strftime("%H:%M"),
                         "history_url": reverse("value-history", args=[dv.pk])})
