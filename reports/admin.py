"""Admin (quản trị) for report runs: a read-only log of every Excel report compiled."""

import os

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Reminder, ReportRun, ReportSubscription


@admin.register(ReportRun)
class ReportRunAdmin(admin.ModelAdmin):
    """Runs are created by the reports views and Celery jobs, never by hand."""

    list_display = (
        "id",
        "kind",
        "status",
        "requested_by",
        "scheduled",
        "created_at",
        "finished_at",
        "short_error",
    )
    list_filter = ("kind", "status", "scheduled")
    search_fields = ("error", "requested_by__username")
    list_select_related = ("requested_by",)
    date_hierarchy = "created_at"
    fields = (
        "kind",
        "status",
        "parameters",
        "file_name",
        "requested_by",
        "scheduled",
        "scope_unit",
        "created_at",
        "started_at",
        "finished_at",
        "attempts",
        "error",
    )
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("lỗi"))
    def short_error(self, obj):
        text = " ".join(obj.error.split())
        return (text[:117] + "…" if len(text) > 120 else text) or "—"

    @admin.display(description=_("tệp"))
    def file_name(self, obj):
        # Files are served through access-checked views, not from MEDIA_URL: show the name only.
        return os.path.basename(obj.file.name) if obj.file else "—"


@admin.register(ReportSubscription)
class ReportSubscriptionAdmin(admin.ModelAdmin):
    """Who receives scheduled reports by e-mail."""

    list_display = ("user", "kind", "resolution", "unit", "is_active", "created_at")
    list_filter = ("kind", "is_active")
    search_fields = ("user__username", "user__email", "unit__name")
    autocomplete_fields = ("user",)
    raw_id_fields = ("unit",)


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    """Deadline reminders sent (one per unit and period): a read-only log."""

    list_display = ("unit", "period", "sent_at", "recipients")
    list_filter = ("period",)
    search_fields = ("unit__name", "recipients")
    list_select_related = ("unit", "period")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
