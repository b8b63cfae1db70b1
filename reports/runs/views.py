"""The "Báo cáo" page: report runs, the request form, status polling, downloads, retry.

Thin: `access` decides who requests and sees what, `requests` validates and creates, `recovery` retries,
`subscriptions` subscribes; `generate` (the worker) compiles.
Files are served only through `download` (never from MEDIA_URL), after the
same visibility check as the list.
"""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from indicators.models import Period
from reports import queue
from reports.dashboards.selectors import visible_resolutions
from reports.documents.convert import pdf_available
from reports.models import ReportFormat, ReportKind, RunStatus
from units.access import units_for_user

from . import access, document_overrides, kinds, recovery, requests, subscriptions

PAGE_SIZE = 50


def run_payload(run):
    """The status JSON of a run, shared by the page's polling and the API."""
    return {
        "id": run.pk,
        "kind": run.kind,
        "status": run.status,
        "status_label": run.get_status_display(),
        "error": run.error,
        "created_at": run.created_at.isoformat() if run.created_at else None,
        "started_at": run.started_at.isoformat() if run.started_at else None,
        "finished_at": run.finished_at.isoformat() if run.finished_at else None,
        "download_url": reverse("report-run-download", args=[run.pk]) if run.status == RunStatus.DONE else None,
    }


def file_response(run):
    """The file of a done run (.xlsx, .docx, .pdf), as an attachment with its meaningful name."""
    if run.status != RunStatus.DONE or not run.file:
        raise Http404(_("Báo cáo chưa có tệp."))
    try:
        fh = run.file.open("rb")
    except FileNotFoundError:
        raise Http404(_("Tệp báo cáo không còn trên máy chủ; hãy tạo lại.")) from None
    name = run.file_name or "BaoCao.xlsx"
    return FileResponse(fh, as_attachment=True, filename=name, content_type=kinds.content_type(name))


DOCUMENT_INPUTS = ("number", "date", "place", "authority", "signer_title", "signer", "recipients")


def _form_choices(user):
    units = units_for_user(user, access.REQUEST_ROLES).only("id", "name", "path", "depth").order_by("path")
    can_pdf = pdf_available()
    return {
        "kinds": ReportKind.choices,
        "resolutions": visible_resolutions(user),
        "periods": Period.objects.order_by("-end", "kind")[:40],
        "units": units[:500],
        "formats": [(v, label) for v, label in ReportFormat.choices if can_pdf or v != ReportFormat.PDF],
        "kind_formats": json.dumps({k: list(v) for k, v in kinds.FORMATS.items()}),
        "pdf_available": can_pdf,
    }


def _document_from_post(post):
    """The "document" overrides typed on the page (blank fields: the issuing unit's own apply)."""
    document = {k: post.get(k, "") for k in DOCUMENT_INPUTS}
    document["annex"] = post.get("annex") == "1"
    return document


def _document_initial(user, form_data):
    """The document fields shown: what was typed, else the issuing unit's defaults for the chosen scope."""
    try:
        defaults = document_overrides.document_defaults(user, form_data.get("resolution"), form_data.get("unit"))
    except PermissionDenied:
        defaults = {}
    typed = form_data.get("document") or {}
    initial = {k: typed.get(k) or defaults.get(k, "") for k in DOCUMENT_INPUTS}
    initial["annex"] = typed.get("annex", False)
    return initial, defaults


@login_required
def runs(request):
    """List of runs (own, scheduled in scope, all for admins) and the request form."""
    can_request = access.can_request(request.user)
    form_data, errors, unavailable = {}, {}, False
    if request.method == "POST":
        if not can_request:
            raise PermissionDenied(_("Bạn không có quyền tạo báo cáo."))
        form_data = {k: request.POST.get(k, "") for k in ("kind", "resolution", "period", "unit", "format")}
        form_data["document"] = _document_from_post(request.POST)
        try:
            run = requests.request_report(form_data["kind"], form_data, request.user)
        except ValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        except queue.QueueUnavailable as exc:
            errors, unavailable = {"__all__": [exc.message]}, True
        else:
            messages.success(request, _("Đã nhận yêu cầu tạo báo cáo #%(id)s (%(kind)s).") % {"id": run.pk, "kind": run.get_kind_display()})
            return redirect("report-runs")
    qs = access.visible_runs(request.user)
    runs_list = list(qs[:PAGE_SIZE])
    pending = any(r.status in (RunStatus.QUEUED, RunStatus.RUNNING) for r in runs_list)
    context = {
        "runs": runs_list,
        "pending": pending,
        "can_request": can_request,
        "form_data": form_data,
        "errors": errors,
        "running_ids": ",".join(str(r.pk) for r in runs_list if r.status in (RunStatus.QUEUED, RunStatus.RUNNING)),
    }
    if can_request:
        context.update(_form_choices(request.user))
        context["document"], context["document_defaults"] = _document_initial(request.user, form_data)
    context.update(_subscription_context(request.user))
    return render(request, "reports/runs.html", context, status=503 if unavailable else 400 if errors else 200)


@login_required
def document_defaults(request):
    """JSON: the issuing unit's document fields for ?resolution=&unit= (the page refreshes its fields with them)."""
    try:
        data = document_overrides.document_defaults(request.user, request.GET.get("resolution"), request.GET.get("unit"))
    except PermissionDenied:
        return JsonResponse({"error": _("Bạn không có quyền tạo báo cáo.")}, status=403)
    return JsonResponse(data)


def _subscription_context(user, form=None, errors=None):
    return {
        "subscriptions": user.report_subscriptions.select_related("resolution", "unit").order_by("kind", "pk"),
        "sub_kinds": ReportKind.choices,
        "sub_resolutions": visible_resolutions(user),
        "sub_units": subscriptions.subscription_units(user).only("id", "name", "depth"),
        "sub_form": form or {},
        "sub_errors": errors or {},
    }


@login_required
@require_POST
def subscribe(request):
    """Receive each compiled scheduled report of a kind (for a resolution, a unit) by e-mail."""
    form = {k: request.POST.get(k, "") for k in ("kind", "resolution", "unit")}
    try:
        sub = subscriptions.subscribe(request.user, form["kind"], form["resolution"] or None, form["unit"] or None)
    except ValidationError as exc:
        context = {"runs": list(access.visible_runs(request.user)[:PAGE_SIZE]),
                   "can_request": access.can_request(request.user), "form_data": {}, "errors": {}}
        if context["can_request"]:
            context.update(_form_choices(request.user))
            context["document"], context["document_defaults"] = _document_initial(request.user, {})
        context.update(_subscription_context(request.user, form, exc.message_dict))
        return render(request, "reports/runs.html", context, status=400)
    messages.success(request, _("Đã đăng ký nhận báo cáo “%(kind)s” qua e-mail.") % {"kind": sub.get_kind_display()})
    return redirect(reverse("report-runs") + "#dang-ky")


@login_required
@require_POST
def unsubscribe(request, pk):
    subscriptions.unsubscribe(request.user, pk)
    messages.success(request, _("Đã hủy đăng ký nhận báo cáo."))
    return redirect(reverse("report-runs") + "#dang-ky")


@login_required
def run_status(request, pk):
    return JsonResponse(run_payload(access.get_run_for_user(request.user, pk)))


@login_required
def download(request, pk):
    return file_response(access.get_run_for_user(request.user, pk))


@login_required
@require_POST
def retry(request, pk):
    run = access.get_run_for_user(request.user, pk)
    if not (request.user.is_staff or run.requested_by_id == request.user.pk):
        raise PermissionDenied(_("Chỉ người yêu cầu hoặc quản trị viên được chạy lại báo cáo này."))
    try:
        recovery.retry(run)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except queue.QueueUnavailable as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã xếp hàng chạy lại báo cáo #%(id)s.") % {"id": run.pk})
    return redirect("report-runs")
