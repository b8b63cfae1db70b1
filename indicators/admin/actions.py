"""The admin actions that need a reason (an intermediate page) and run one service call per row."""

from django import forms
from django.contrib import messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .. import workflow
from ..rules import FigureError
from ..services import WriteConflict


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Lý do"), max_length=1000, strip=True,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 70}),
        error_messages={"required": gettext_lazy("Cần nêu lý do.")},
    )


def no_revert(request):
    """Refuse a history revert that would write a status or a lock around the workflow (None for a GET)."""
    if request.method == "POST":
        raise PermissionDenied(_("Không khôi phục trạng thái từ lịch sử; hãy dùng các thao tác của quy trình."))
    return None


def reason_action(modeladmin, request, queryset, *, title, question, button, apply, done, skip=None):
    """An admin action that needs a reason: an intermediate page asks for it, then `apply(obj, reason)` runs.

    `apply` is a service of the application (workflow transition, period lock), so
    its rules, permissions and audit apply; each refusal is reported with the
    service's own message. `done(n)` says that n objects were changed. Returns the page
    (None once applied: back to the list).
    """
    form = ReasonForm(request.POST if "apply" in request.POST else None)
    if "apply" in request.POST and form.is_valid():
        run_for_each(modeladmin, request, queryset, lambda obj: apply(obj, form.cleaned_data["reason"]), done, skip)
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "question": question,
        "button": button,
        "objects": list(queryset),
        "form": form,
        "action": request.POST.get("action", ""),
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "opts": modeladmin.model._meta,
    }
    return TemplateResponse(request, "indicators/admin_reason.html", context)


def run_for_each(modeladmin, request, queryset, apply, done, skip=None):
    """Apply a service to each selected object; report how many succeeded (`done(n)`, with the count in
    %(count)s) and why the others did not."""
    ok, refused = 0, []
    for obj in queryset:
        if skip is not None and skip(obj):
            continue
        try:
            apply(obj)
            ok += 1
        except (FigureError, WriteConflict, workflow.WorkflowPermissionDenied) as exc:
            refused.append(f"{obj}: {exc.message}")
    if ok:
        modeladmin.message_user(request, done(ok) % {"count": ok}, messages.SUCCESS)
    for line in refused[:20]:
        modeladmin.message_user(request, line, messages.ERROR)
    if len(refused) > 20:
        more = len(refused) - 20
        modeladmin.message_user(request, ngettext("… và %(count)s mục khác không thực hiện được.",
                                                  "… và %(count)s mục khác không thực hiện được.", more)
                                % {"count": more}, messages.ERROR)
    if not ok and not refused:
        modeladmin.message_user(request, _("Không có mục nào cần thay đổi."), messages.WARNING)
