"""Admin (quản trị) for indicators, targets, periods, data values, evidence and submissions.

Rules are not re-implemented here: values are validated and computed by
`indicators.rules` (through `services.clean_value`, as every write path),
period windows come from `indicators.periods.window`. A submission's status
and a period's lock are never edited as fields: admin actions call the
workflow (`indicators.workflow`) and `services.set_period_lock`, asking for the
reason those services require on an intermediate page, so the same rules and
the same audit apply as in the application.
"""

import mimetypes
import os

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from units.admin import DistinctRowsFormSet
from units.models import UnitKind

from . import periods as P
from . import workflow
from .definitions import target_scope_problems
from .models import DataValue, Evidence, Indicator, Period, Submission, Target
from .rules import FigureError, compute_value, format_number, format_target, format_value
from .services import WriteConflict, check_evidence_file, clean_value, set_period_lock

# Short scope words for target summaries: "trên 95% (Sở, 2022)".
KIND_SHORT = {
    UnitKind.PROVINCE: pgettext_lazy("unit kind, short", "Tỉnh"),
    UnitKind.DEPARTMENT: pgettext_lazy("unit kind, short", "Sở"),
    UnitKind.DISTRICT: pgettext_lazy("unit kind, short", "Huyện"),
    UnitKind.DISTRICT_OFFICE: pgettext_lazy("unit kind, short", "Phòng"),
    UnitKind.COMMUNE: pgettext_lazy("unit kind, short", "Xã"),
    UnitKind.SCHOOL: pgettext_lazy("unit kind, short", "Trường"),
    UnitKind.OTHER: pgettext_lazy("unit kind, short", "Khác"),
}


def unlocalized_year(year):
    """A year as the admin shows it: 2025, never 2.025 (an int field would get USE_THOUSAND_SEPARATOR's grouping)."""
    return "—" if year is None else str(year)


def target_label(target, measure=None):
    """One target as users write it, with its scope and milestone: 'trên 95% (Sở, 2022)'."""
    if target.unit_id:
        scope = target.unit.name
    elif target.unit_kind:
        scope = KIND_SHORT.get(target.unit_kind, target.get_unit_kind_display())
    else:
        scope = _("Tất cả")
    return f"{format_target(target, measure)} ({scope}, {target.year})"


def _target_order(target):
    kind_rank = UnitKind.values.index(target.unit_kind) if target.unit_kind in UnitKind.values else -1
    return (target.year, target.unit_id is not None, kind_rank)


def targets_summary(indicator, html=False):
    """All targets of an indicator (prefetch `targets__unit` to avoid queries).

    Plain text joined by "; ", or with `html=True` one target per line for list columns.
    """
    labels = [target_label(t, indicator.measure) for t in sorted(indicator.targets.all(), key=_target_order)]
    if not labels:
        return "—"
    if html:
        return format_html_join(
            mark_safe("<br>"), '<span style="white-space:nowrap">{}</span>', ((x,) for x in labels)
        )
    return "; ".join(labels)


# --- indicators and targets --------------------------------------------------


class TargetForm(forms.ModelForm):
    """Target scope and uniqueness, with Vietnamese messages."""

    class Meta:
        model = Target
        fields = ("indicator", "unit_kind", "unit", "operator", "value", "year", "wording")

    def clean(self):
        data = super().clean()
        unit_kind, unit, year = data.get("unit_kind") or None, data.get("unit"), data.get("year")
        problems = target_scope_problems(unit_kind, unit, data.get("value"))  # the API's rule too
        if "unit" in problems:
            self.add_error(
                "unit",
                _("Chọn một loại đơn vị hoặc một đơn vị cụ thể, không chọn cả hai (để trống cả hai = mọi đơn vị)."),
            )
            return data
        if "value" in problems:
            self.add_error("value", problems["value"])
        indicator = data.get("indicator") or getattr(self.instance, "indicator", None)
        if year is None or indicator is None or indicator.pk is None or "year" in self._errors:
            return data
        same = Target.objects.filter(indicator=indicator, year=year)
        if self.instance.pk:
            same = same.exclude(pk=self.instance.pk)
        if unit is not None:
            same = same.filter(unit=unit)
            message = _("Chỉ tiêu này đã có mục tiêu năm %(year)s cho đơn vị %(unit)s.")
        elif unit_kind:
            same = same.filter(unit_kind=unit_kind)
            message = _("Chỉ tiêu này đã có mục tiêu năm %(year)s cho loại đơn vị “%(kind)s”.")
        else:
            same = same.filter(unit__isnull=True, unit_kind__isnull=True)
            message = _("Chỉ tiêu này đã có mục tiêu năm %(year)s cho tất cả đơn vị.")
        if same.exists():
            kind = dict(UnitKind.choices).get(unit_kind, "") if unit_kind else ""
            self.add_error("year", message % {"year": year, "unit": unit, "kind": kind})
        return data


class TargetFormSet(DistinctRowsFormSet):
    def row_key(self, data):
        if data.get("year") is None:
            return None
        unit = data.get("unit")
        return (data.get("unit_kind") or None, unit.pk if unit else None, data["year"])

    def duplicate_message(self, data, first_row, row):
        return _("Mục tiêu dòng %(first)s và dòng %(row)s trùng phạm vi áp dụng và năm mốc %(year)s.") % {
            "first": first_row, "row": row, "year": data["year"]}


class TargetInline(admin.TabularInline):
    model = Target
    form = TargetForm
    formset = TargetFormSet
    fields = ("unit_kind", "unit", "operator", "value", "year", "wording")
    autocomplete_fields = ("unit",)
    extra = 1
    verbose_name = gettext_lazy("mục tiêu")
    verbose_name_plural = gettext_lazy(
        "Mục tiêu theo cấp và năm mốc (để trống loại đơn vị và đơn vị = áp dụng cho mọi đơn vị; "
        "phạm vi cụ thể nhất được ưu tiên)"
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("unit")


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = (
        "resolution_code",
        "code",
        "name",
        "measure",
        "pillar",
        "applies_to_column",
        "targets_column",
    )
    list_display_links = ("code", "name")
    list_filter = ("resolution", "pillar", "measure", "frequency", "is_active")
    search_fields = ("code", "name")
    autocomplete_fields = ("resolution",)
    list_select_related = ("resolution", "pillar")
    fieldsets = (
        (
            gettext_lazy("Thông tin chung"),
            {"fields": ("resolution", "code", "name", "pillar", "description", "order", "is_active")},
        ),
        (
            gettext_lazy("Cách tính"),
            {
                "fields": (
                    "measure",
                    "numerator_label",
                    "denominator_label",
                    "unit_label",
                    "decimals",
                    "direction",
                    "temporal",
                )
            },
        ),
        (pgettext_lazy("fieldset", "Áp dụng"), {"fields": ("frequency", "applies_to")}),
    )
    inlines = (TargetInline,)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("targets__unit")

    @admin.display(description=gettext_lazy("văn bản"), ordering="resolution__code")
    def resolution_code(self, obj):
        return format_html('<span style="white-space:nowrap">{}</span>', obj.resolution.code)

    @admin.display(description=gettext_lazy("áp dụng cho"))
    def applies_to_column(self, obj):
        return obj.applies_to_display()

    @admin.display(description=gettext_lazy("mục tiêu"))
    def targets_column(self, obj):
        return targets_summary(obj, html=True)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "applies_to" and field is not None:
            field.label = capfirst(db_field.verbose_name)  # UnitKindsField.formfield does not capitalise
        return field


@admin.register(Target)
class TargetAdmin(SimpleHistoryAdmin):
    form = TargetForm
    list_display = ("indicator", "target_text", "scope", "year_text", "wording")
    list_filter = ("indicator__resolution", "unit_kind", "year", "operator")
    search_fields = ("indicator__code", "indicator__name", "unit__name", "wording")
    autocomplete_fields = ("indicator", "unit")
    list_select_related = ("indicator", "unit")

    @admin.display(description=gettext_lazy("mục tiêu"), ordering="value")
    def target_text(self, obj):
        return format_target(obj, obj.indicator.measure)

    @admin.display(description=gettext_lazy("phạm vi áp dụng"))
    def scope(self, obj):
        return obj.scope_display

    @admin.display(description=gettext_lazy("năm mốc"), ordering="year")
    def year_text(self, obj):
        return unlocalized_year(obj.year)


# --- periods ---------------------------------------------------------------


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


# --- data values and evidence ------------------------------------------------


class DataValueForm(forms.ModelForm):
    """Figures typed the Vietnamese way ("1.937", "22,22"), checked by indicators.rules.

    `expected_version` is the version the admin read: a save over someone
    else's newer write is refused instead of silently overwriting it.
    """

    numerator = forms.CharField(label=gettext_lazy("Tử số / số lượng"), required=False, max_length=40)
    denominator = forms.CharField(label=gettext_lazy("Mẫu số"), required=False, max_length=40)
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = DataValue
        fields = ("unit", "indicator", "period", "numerator", "denominator", "note", "is_illustrative")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["expected_version"].initial = self.instance.version
            for name in ("numerator", "denominator"):
                if name in self.fields:
                    self.initial[name] = format_number(getattr(self.instance, name))
        for name in ("numerator", "denominator"):
            if name in self.fields:
                self.fields[name].help_text = _("Nhập theo kiểu Việt Nam: 1.937 hoặc 22,22.")

    def clean(self):
        data = super().clean()
        indicator = data.get("indicator")
        period = data.get("period")
        if period is not None and period.is_locked and self.has_changed():
            raise forms.ValidationError(
                _("Kỳ %(period)s đã khóa sổ. Mở khóa kỳ báo cáo trước khi sửa số liệu.") % {"period": period.label}
            )
        if self.instance.pk:
            expected = data.get("expected_version")
            current = DataValue.objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
            if expected is not None and current is not None and current != expected:
                raise forms.ValidationError(
                    _("Số liệu này vừa được người khác cập nhật (phiên bản %(current)s, bạn đang sửa phiên bản "
                      "%(expected)s). Tải lại trang để xem số liệu mới rồi sửa lại.")
                    % {"current": current, "expected": expected}
                )
        if indicator is None or data.get("unit") is None:
            return data
        try:
            num, den, _value = clean_value(
                data["unit"], indicator, data.get("numerator"), data.get("denominator"), localized=True, period=period
            )
        except FigureError as err:
            # Drop both raw figures so the model does not re-read the text and add a second message.
            data.pop("numerator", None)
            data.pop("denominator", None)
            self.add_error(err.field if err.field in self.fields else None, err.message)
            return data
        data["numerator"], data["denominator"] = num, den
        return data


class EvidenceForm(forms.ModelForm):
    """Uploads are checked by the same rule as the entry form (services.check_evidence_file)."""

    class Meta:
        model = Evidence
        fields = ("data_value", "file")

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and "file" in self.changed_data:
            try:
                check_evidence_file(upload)
            except FigureError as exc:
                raise forms.ValidationError(exc.message) from None
        return upload


class EvidenceInline(admin.TabularInline):
    model = Evidence
    form = EvidenceForm
    fields = ("file", "original_name", "size", "content_type", "uploaded_at", "uploaded_by")
    readonly_fields = ("original_name", "size", "content_type", "uploaded_at", "uploaded_by")
    extra = 0
    verbose_name_plural = gettext_lazy("Minh chứng")


def _fill_evidence(obj, user):
    """Name, size and type of a newly uploaded evidence file."""
    upload = obj.file
    if not obj.original_name:
        obj.original_name = os.path.basename(upload.name)[:255]
    obj.size = upload.size or 0
    content_type = getattr(getattr(upload, "file", None), "content_type", None)
    obj.content_type = (content_type or mimetypes.guess_type(upload.name)[0] or "application/octet-stream")[
        :120
    ]
    if obj.uploaded_by_id is None:
        obj.uploaded_by = user


@admin.register(DataValue)
class DataValueAdmin(SimpleHistoryAdmin):
    form = DataValueForm
    list_display = (
        "unit",
        "indicator_code",
        "period",
        "numerator_display",
        "denominator_display",
        "value_display",
        "version",
        "updated_at",
        "updated_by",
        "is_illustrative",
    )
    list_filter = ("period", "indicator__resolution", "unit__kind", "is_illustrative")
    search_fields = ("unit__name", "unit__code", "indicator__code")
    list_select_related = ("unit", "indicator", "period", "updated_by")
    autocomplete_fields = ("unit", "indicator")
    readonly_fields = ("value_display", "version", "updated_at", "updated_by")
    fields = (
        "unit",
        "indicator",
        "period",
        "numerator",
        "denominator",
        "value_display",
        "note",
        "is_illustrative",
        "version",
        "expected_version",
        "updated_at",
        "updated_by",
    )
    inlines = (EvidenceInline,)
    list_per_page = 50
    show_full_result_count = False  # ~1,3 million rows: skip the second COUNT(*)

    @admin.display(description=gettext_lazy("mã chỉ tiêu"), ordering="indicator__code")
    def indicator_code(self, obj):
        return obj.indicator.code

    @admin.display(description=gettext_lazy("tử số / số lượng"), ordering="numerator")
    def numerator_display(self, obj):
        return format_number(obj.numerator) if obj.numerator is not None else "—"

    @admin.display(description=gettext_lazy("mẫu số"), ordering="denominator")
    def denominator_display(self, obj):
        return format_number(obj.denominator) if obj.denominator is not None else "—"

    @admin.display(description=gettext_lazy("giá trị"), ordering="value")
    def value_display(self, obj):
        if obj is None or obj.pk is None or not obj.indicator_id:
            return "—"
        return format_value(obj.indicator, obj.value)

    def save_model(self, request, obj, form, change):
        obj.value = compute_value(obj.indicator.measure, obj.numerator, obj.denominator)
        if change and form.changed_data:
            current = DataValue.objects.filter(pk=obj.pk).values_list("version", flat=True).first()
            obj.version = (current or obj.version) + 1
        if not change or form.changed_data:
            obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            obj.delete()
        for obj in instances:
            if isinstance(obj, Evidence) and obj.file:
                _fill_evidence(obj, request.user)
            obj.save()
        formset.save_m2m()


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    form = EvidenceForm
    list_display = (
        "original_name",
        "data_value",
        "size_display",
        "content_type",
        "uploaded_at",
        "uploaded_by",
    )
    search_fields = ("original_name", "data_value__unit__name", "data_value__indicator__code")
    list_filter = ("data_value__period", "content_type")
    autocomplete_fields = ("data_value",)
    list_select_related = ("data_value__unit", "data_value__indicator", "data_value__period", "uploaded_by")
    readonly_fields = ("original_name", "size", "content_type", "uploaded_at", "uploaded_by")

    @admin.display(description=gettext_lazy("dung lượng"), ordering="size")
    def size_display(self, obj):
        return _("%(size)s byte") % {"size": format_number(obj.size)}

    def save_model(self, request, obj, form, change):
        if "file" in form.changed_data:
            obj.original_name = ""
            _fill_evidence(obj, request.user)
        super().save_model(request, obj, form, change)


# --- submissions -------------------------------------------------------------


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
