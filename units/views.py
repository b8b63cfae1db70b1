"""Pages of the unit tree: "Sắp xếp đơn vị" (reorganisations) and the unit search every picker uses.

Views only read the request and call units.reorganisation / units.reorganisation_rows;
the rules (what a step may do, what it changes) live there.
"""

import datetime as dt

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_POST

from . import reorganisation
from . import reorganisation_rows as R
from .access import READ_ROLES, units_for_user
from .models import Reorganisation, ReportingUnit, Role, UnitKind
from .tasks import apply_reorganisation, progress_of
from .tree import tree_on

EMPTY_ROWS = 8
SEARCH_LIMIT = 20


def fold(text):
    """Lower case without Vietnamese diacritics ("Hải Định" → "hai dinh"), for searching."""
    import unicodedata

    text = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(c for c in text if unicodedata.category(c) != "Mn")


def read_day(text):
    """A date typed the Vietnamese way (01/07/2025) or ISO (2025-07-01); None when it is neither."""
    text = (text or "").strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _posted_rows(post):
    """The rows of the page's table (inputs kind-N, old-N, …)."""
    numbers = sorted({int(k.split("-", 1)[1]) for k in post if k.startswith("old-") and k.split("-", 1)[1].isdigit()})
    return [R.row_from(n, {key: post.get(f"{key}-{n}", "") for key in R.KEYS}) for n in numbers]


def _padded(rows):
    last = max((r.number for r in rows), default=0)
    return list(rows) + [R.Row(last + i) for i in range(1, EMPTY_ROWS + 1 - min(len(rows), EMPTY_ROWS - 2))]


def _plan(rows, effective_on, legal_basis):
    """(plan, preview, errors) for the page: row problems first, then the plan's, each with its rows."""
    payload = R.rows_to_payload(rows, effective_on, legal_basis)
    if payload.errors:
        return None, None, [{"rows": [e["row"]], "field": e["column"], "message": e["message"]}
                            for e in payload.errors]
    if not payload.body["steps"]:
        return None, None, [{"rows": [], "field": "", "message": gettext("Chưa có dòng thay đổi nào.")}]
    try:
        plan = reorganisation.build_plan(payload.body)
    except reorganisation.ReorganisationInvalid as exc:
        return None, None, R.payload_errors(payload, exc.errors)
    return plan, reorganisation.preview(plan), []


@staff_member_required
def reorganise(request):
    """The page: applied reorganisations; a new one from rows or a mapping workbook; preview; apply."""
    rows = []
    effective_on = request.POST.get("effective_on", "")
    legal_basis = request.POST.get("legal_basis", "")
    preview = errors = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "upload":
            upload = request.FILES.get("file")
            try:
                if upload is None:
                    raise R.RowsError(gettext("Chưa chọn tệp bảng sắp xếp đơn vị (.xlsx)."))
                rows = R.read_workbook(upload)
                messages.success(request, ngettext(
                    "Đã đọc %(count)s dòng từ tệp “%(file)s”. Kiểm tra rồi bấm “Xem trước”.",
                    "Đã đọc %(count)s dòng từ tệp “%(file)s”. Kiểm tra rồi bấm “Xem trước”.",
                    len(rows)) % {"count": len(rows), "file": upload.name})
            except R.RowsError as exc:
                messages.error(request, exc.message)
        else:
            rows = [r for r in _posted_rows(request.POST) if not r.blank]
            day = read_day(effective_on)
            if day is None:
                errors = [{"rows": [], "field": gettext("Ngày hiệu lực"),
                           "message": gettext("Cần ngày hiệu lực theo dạng ngày/tháng/năm, ví dụ 01/07/2025.")}]
            else:
                plan, preview, errors = _plan(rows, day, legal_basis)
                if plan is not None and action == "apply":
                    with transaction.atomic():
                        reorg = Reorganisation.objects.create(
                            effective_on=plan.effective_on, legal_basis=plan.legal_basis, steps=plan.steps,
                            applied_by=request.user, status=Reorganisation.Status.QUEUED)
                        transaction.on_commit(lambda: apply_reorganisation.delay(reorg.pk))
                    return redirect(f"{reverse('reorganise')}?follow={reorg.pk}")
    follow = None
    if request.GET.get("follow", "").isdigit():
        follow = Reorganisation.objects.filter(pk=int(request.GET["follow"])).first()
    applied = list(Reorganisation.objects.exclude(status=Reorganisation.Status.QUEUED)
                   .select_related("applied_by", "reverted_by").order_by("-applied_at")[:50])
    return render(request, "units/reorganise.html", {
        "rows": _padded(rows), "effective_on": effective_on, "legal_basis": legal_basis, "preview": preview,
        "errors": errors, "applied": applied, "follow": follow, "kinds": R.KIND_WORDS, "levels": UnitKind.choices,
        "columns": R.COLUMNS,
    })


@staff_member_required
def reorganise_template(request):
    """The mapping workbook, with the codes of the units active today."""
    today = timezone.localdate()
    units = ReportingUnit.objects.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today)).select_related(
        "parent").order_by("path")
    response = HttpResponse(R.template_workbook(units), content_type=(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
    response["Content-Disposition"] = 'attachment; filename="BangSapXepDonVi.xlsx"'
    return response


@staff_member_required
def reorganise_status(request, reorg_id):
    """JSON for the progress bar: status, done/total, the result's counts or the error."""
    reorg = get_object_or_404(Reorganisation, pk=reorg_id)
    done_total = progress_of(reorg.pk)
    result = reorganisation.public_result(reorg) if reorg.status == Reorganisation.Status.APPLIED else {}
    return JsonResponse({
        "status": reorg.status, "label": reorg.get_status_display(), "error": reorg.error,
        "done": done_total[0] if done_total else None, "total": done_total[1] if done_total else None,
        "ended": len(result.get("ended", [])), "created": len(result.get("created", [])),
        "moved": len(result.get("moved", [])), "memberships": result.get("memberships"),
        "tasks": result.get("tasks"), "resolutions": result.get("resolutions"),
    })


@staff_member_required
@require_POST
def reorganise_revert(request, reorg_id):
    reorg = get_object_or_404(Reorganisation, pk=reorg_id)
    try:
        reorganisation.revert(reorg, request.user)
        messages.success(request, gettext("Đã hoàn tác đợt sắp xếp “%(reorganisation)s”.") % {"reorganisation": reorg})
    except reorganisation.RevertRefused as exc:
        messages.error(request, exc.message)
    return redirect("reorganise")


@login_required
def unit_search(request):
    """Units in the user's scope whose name or code contains `q` (all words), with their ancestors:
    [{id, code, name, kind, kind_label, ancestors}] (at most 20). `day=YYYY-MM-DD`: active that day,
    ancestors as of that day. `roles=entry,approver`: only the scope of those roles."""
    q = (request.GET.get("q") or "").strip()
    if len(q) < 2:
        return JsonResponse({"results": []})
    if len(q) > 100:
        raise Http404(gettext("Từ khóa quá dài."))
    day = read_day(request.GET.get("day")) or timezone.localdate()
    # roles=entry,approver: the scope of those roles only (a picker for entering or approving).
    roles = [r for r in (request.GET.get("roles") or "").split(",") if r in Role.values] or list(READ_ROLES)
    # Matched in memory on the dated tree's rows (read once per tree version), without diacritics and
    # case ("hai dinh" finds "Trường TH Hải Định"; SQLite's LIKE folds ASCII only), then kept to the scope.
    words = [fold(w) for w in q.split()[:6]]
    tree = tree_on(day)
    found = [row for row in tree.units.values() if row.is_active_on(day)
             and all(w in fold(f"{row.name} {row.code}") for w in words)]
    # Typed with its accents, an exact match comes first ("Đồng Hới" before "Lao động … Xã hội").
    raw, phrase = [w.lower() for w in q.split()[:6]], q.lower()
    found.sort(key=lambda row: (phrase not in row.name.lower(),
                                not all(w in f"{row.name} {row.code}".lower() for w in raw),
                                len(tree.ancestors(row.pk)), row.name))
    allowed = set(units_for_user(request.user, roles).filter(pk__in=[r.pk for r in found[:2000]])
                  .values_list("pk", flat=True))
    units = [r for r in found if r.pk in allowed][:SEARCH_LIMIT]
    names = {pk: row.name for pk, row in tree.units.items()}
    labels = dict(UnitKind.choices)
    return JsonResponse({"results": [
        {"id": u.pk, "code": u.code, "name": u.name, "kind": u.kind, "kind_label": str(labels.get(u.kind, u.kind)),
         "ancestors": [names.get(a, "") for a in tree.ancestors(u.pk)]}
        for u in units
    ]})
