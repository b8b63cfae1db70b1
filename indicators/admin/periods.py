"""Admin of reporting periods: their windows from the regime, locks only through `services.set_period_lock`."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from simple_history.admin import SimpleHistoryAdmin

from .. import periods as P
from ..models import Period
from ..services import set_period_lock
from .actions import no_revert, reason_action
from .words import unlocalized_year


class PeriodForm(forms.ModelForm):
    """kind/year/number decide the code; start/end/deadline default to the regime's window."""

    class Meta:
        model = Period
        fields = ("kind", "year", "number", "start", "end", "deadline", "is_locked")
        help_texts = {"number": gettext_lazy("Quý 1–4, nửa năm 1–2, cả năm 1.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("start", "end", "deadline"):
            if name in self.fields:
                self.fields[name].required = False
                self.fields[name].help_text = _("Để trống để dùng mặc định theo chế độ báo cáo.")

    def clean(self):
        data = super().clean()
        kind = data.get("kind", self.instance.kind)
        year = data.get("year", self.instance.year)
        number = data.get("number", self.instance.number)
        if not (kind and year and number is not None):
            return data
        top = {P.QUARTER: 4, P.HALF_YEAR: 2, P.YEAR: 1}.get(kind, 1)
        if not 1 <= number <= top:
            field = "number" if "number" in self.fields else None
            self.add_error(field, _("Số thứ tự trong năm phải từ 1 đến %(top)s với loại kỳ này.") % {"top": top})
            return data
        start, end, deadline = P.window(kind, year, number)
        for name, default in (("start", start), ("end", end), ("deadline", deadline)):
            if name in self.fields and not data.get(name):
                data[name] = default
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("Ngày kết thúc phải sau hoặc bằng ngày bắt đầu."))
        return data


def _locked_done(n):
    return ngettext("Đã khóa sổ %(count)s kỳ báo cáo.", "Đã khóa sổ %(count)s kỳ báo cáo.", n)


def _unlocked_done(n):
    return ngettext("Đã mở khóa %(count)s kỳ báo cáo.", "Đã mở khóa %(count)s kỳ báo cáo.", n)


@admin.register(Period)
class PeriodAdmin(SimpleHistoryAdmin):
    form = PeriodForm
    list_display = ("code", "label", "kind", "start", "end", "deadline", "is_locked")
    list_display_links = ("code", "label")
    list_filter = ("kind", "year", "is_locked")
    search_fields = ("code",)
    actions = ("lock_periods", "unlock_periods")

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("kind", "year", "number", "start", "end", "deadline")
        return ("code", "kind", "year_text", "number", "start", "end", "deadline", "is_locked")

    def get_readonly_fields(self, request, obj=None):
        # The code identifies the period everywhere (imports, URLs): fixed once created.
        # The lock changes only through the actions below (a reason is required and kept).
        return ("code", "kind", "year_text", "number", "is_locked") if obj else ()

    @admin.display(description=gettext_lazy("tên kỳ"))
    def label(self, obj):
        return obj.label

    @admin.display(description=gettext_lazy("năm"), ordering="year")
    def year_text(self, obj):
        return unlocalized_year(obj.year)

    def _set_locked(self, request, queryset, locked):
        """Ask for the reason, then lock/unlock through `services.set_period_lock` (the rule and audit of the app)."""
        if locked:
            title, button = _("Khóa sổ kỳ báo cáo"), _("Khóa sổ")
            question = _("Khóa sổ các kỳ báo cáo sau? Lý do được ghi vào lịch sử của từng kỳ.")
        else:
            title, button = _("Mở khóa kỳ báo cáo"), _("Mở khóa")
            question = _("Mở khóa các kỳ báo cáo sau? Lý do được ghi vào lịch sử của từng kỳ.")
        return reason_action(
            self, request, queryset,
            title=title,
            question=question,
            button=button,
            apply=lambda period, reason: set_period_lock(period, locked, request.user, reason),
            skip=lambda period: period.is_locked == locked,
            done=_locked_done if locked else _unlocked_done,
        )

    @admin.action(description=gettext_lazy("Khóa sổ các kỳ đã chọn (cần lý do)"), permissions=["change"])
    def lock_periods(self, request, queryset):
        return self._set_locked(request, queryset, True)

    @admin.action(description=gettext_lazy("Mở khóa các kỳ đã chọn (cần lý do)"), permissions=["change"])
    def unlock_periods(self, request, queryset):
        return self._set_locked(request, queryset, False)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        return no_revert(request) or super().history_form_view(request, object_id, version_id, extra_context)

    def revert_disabled(self, request, obj=None):
        return True
