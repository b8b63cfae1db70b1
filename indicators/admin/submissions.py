"""Admin of unit reports: their state moves only through the workflow (`indicators.workflow`)."""

from django.contrib import admin
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from simple_history.admin import SimpleHistoryAdmin

from .. import workflow
from ..models import Submission
from .actions import no_revert, reason_action, run_for_each


@admin.register(Submission)
class SubmissionAdmin(SimpleHistoryAdmin):
    """Submissions are read here; their status moves only through the workflow actions below.

    Each action calls `indicators.workflow` (submit, approve, return with a
    reason, reopen with a reason), the functions the entry pages and the API
    call: the same transitions, roles and audit history ("Trả lại: …").
    """

    list_display = ("unit", "period", "status", "submitted_at", "submitted_by", "approved_at", "approved_by")
    list_filter = ("status", "period", "unit__kind")
    search_fields = ("unit__name", "unit__code")
    list_select_related = ("unit", "period", "submitted_by", "approved_by")
    autocomplete_fields = ("unit",)
    WORKFLOW_FIELDS = ("status", "submitted_at", "submitted_by", "approved_at", "approved_by", "return_reason",
                       "version")
    actions = ("submit_reports", "approve_reports", "return_reports", "reopen_reports")

    def get_fields(self, request, obj=None):
        # A new submission is a draft of a unit and period; everything else is the workflow's.
        return ("unit", "period") if obj is None else ("unit", "period", *self.WORKFLOW_FIELDS)

    def get_readonly_fields(self, request, obj=None):
        return () if obj is None else ("unit", "period", *self.WORKFLOW_FIELDS)

    def has_delete_permission(self, request, obj=None):
        return False  # deleting would reopen a sent or approved report without a reason

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        return no_revert(request) or super().history_form_view(request, object_id, version_id, extra_context)

    def revert_disabled(self, request, obj=None):
        return True

    @admin.action(description=gettext_lazy("Gửi báo cáo đã chọn (thay đơn vị)"), permissions=["change"])
    def submit_reports(self, request, queryset):
        run_for_each(self, request, queryset.select_related("unit", "period"),
                     lambda sub: workflow.submit(sub.unit, sub.period, request.user),
                     lambda n: ngettext("Đã gửi %(count)s báo cáo của đơn vị.",
                                        "Đã gửi %(count)s báo cáo của đơn vị.", n))

    @admin.action(description=gettext_lazy("Duyệt báo cáo đã chọn"), permissions=["change"])
    def approve_reports(self, request, queryset):
        run_for_each(self, request, queryset, lambda sub: workflow.approve(sub, request.user),
                     lambda n: ngettext("Đã duyệt %(count)s báo cáo của đơn vị.",
                                        "Đã duyệt %(count)s báo cáo của đơn vị.", n))

    @admin.action(description=gettext_lazy("Trả lại báo cáo đã chọn (cần lý do)"), permissions=["change"])
    def return_reports(self, request, queryset):
        return reason_action(
            self, request, queryset.select_related("unit", "period"),
            title=_("Trả lại báo cáo"), button=_("Trả lại"),
            question=_("Trả lại các báo cáo sau để đơn vị sửa? Lý do hiện cho đơn vị và được ghi vào lịch sử."),
            apply=lambda sub, reason: workflow.return_submission(sub, request.user, reason),
            done=lambda n: ngettext("Đã trả lại %(count)s báo cáo của đơn vị.",
                                    "Đã trả lại %(count)s báo cáo của đơn vị.", n),
        )

    @admin.action(description=gettext_lazy("Mở lại báo cáo đã duyệt (cần lý do)"), permissions=["change"])
    def reopen_reports(self, request, queryset):
        return reason_action(
            self, request, queryset.select_related("unit", "period"),
            title=_("Mở lại báo cáo đã duyệt"), button=_("Mở lại"),
            question=_("Mở lại các báo cáo đã duyệt sau (về trạng thái đang nhập)? Lý do được ghi vào lịch sử."),
            apply=lambda sub, reason: workflow.reopen(sub, request.user, reason),
            done=lambda n: ngettext("Đã mở lại %(count)s báo cáo của đơn vị.",
                                    "Đã mở lại %(count)s báo cáo của đơn vị.", n),
        )
