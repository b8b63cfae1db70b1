"""Pages of the notifications: the list under the bell, opening one, marking read, the preferences.

Thin: reports.notifications.services reads and writes; a user only ever sees their own.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from indicators.models import Period
from reports.models import NotificationKind
from units.access import get_unit_for_user

from . import reminders
from . import services as notifications


@login_required
def notification_list(request):
    page = Paginator(notifications.visible(request.user), 30).get_page(request.GET.get("page"))
    return render(request, "reports/notifications.html", {"page": page})


@login_required
def notification_open(request, pk):
    """Mark one as read and go to what it is about."""
    n = get_object_or_404(notifications.visible(request.user), pk=pk)
    notifications.mark_read(request.user, [n.pk])
    if n.url and url_has_allowed_host_and_scheme(n.url, allowed_hosts={request.get_host()}):
        return redirect(n.url)
    return redirect("notifications")


@login_required
@require_POST
def notification_mark_read(request):
    ids = [int(i) for i in request.POST.getlist("id") if i.isdigit()] or None
    n = notifications.mark_read(request.user, ids)
    messages.success(request, ngettext("Đã đánh dấu %(n)s thông báo là đã đọc.",
                                       "Đã đánh dấu %(n)s thông báo là đã đọc.", n) % {"n": n})
    return redirect("notifications")


@login_required
def notification_settings(request):
    """Which kinds of notification the user gets, in the app and by e-mail."""
    if request.method == "POST":
        notifications.save_preferences(request.user, {
            k: (request.POST.get(f"app-{k}") == "1", request.POST.get(f"mail-{k}") == "1")
            for k in NotificationKind.values})
        messages.success(request, _("Đã lưu lựa chọn nhận thông báo."))
        return redirect("notification-settings")
    prefs = notifications.preferences(request.user)
    rows = [{"kind": k, "label": label, "in_app": prefs[k][0], "by_email": prefs[k][1]}
            for k, label in NotificationKind.choices]
    return render(request, "reports/notification_settings.html", {"rows": rows})


@login_required
@require_POST
def remind(request):
    """"Nhắc" on the completeness page: one unit, one period, once a day (reports.notifications.reminders.remind_unit)."""
    unit = get_unit_for_user(request.user, request.POST.get("unit"))
    period = get_object_or_404(Period, pk=request.POST.get("period") if (request.POST.get("period") or "").isdigit()
                               else None)
    try:
        users = reminders.remind_unit(request.user, unit, period)
    except reminders.ReminderRefused as exc:
        messages.error(request, exc.message)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, ngettext("Đã nhắc %(unit)s (%(n)s cán bộ nhập liệu).",
                                           "Đã nhắc %(unit)s (%(n)s cán bộ nhập liệu).", len(users))
                         % {"unit": unit.name, "n": len(users)})
    nxt = request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}):
        nxt = ""
    return redirect(nxt or "completeness")
