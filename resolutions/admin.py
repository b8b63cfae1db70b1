"""Admin (quản trị) for resolutions, pillars, tasks, supervisions, visits and findings."""

from django import forms
from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from indicators.admin.words import targets_summary
from indicators.models import Indicator
from indicators.rules import format_number, format_value
from units.admin import CompactInlineMixin, DistinctRowsFormSet

from .models import Finding, Pillar, Resolution, Supervision, Task, Visit

COMPACT_TEXT = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 60})}}


def _short(text, length=90):
    text = " ".join((text or "").split())
    return text if len(text) <= length else text[: length - 1] + "…"


# --- tasks and recommendations -----------------------------------------------


class TaskForm(forms.ModelForm):
    """Checks the task constraints with Vietnamese messages (source, unique number)."""

    class Meta:
        model = Task
        fields = (
            "resolution",
            "visit",
            "pillar",
            "group",
            "number",
            "title",
            "lead_unit",
            "deadline",
            "status",
            "progress_note",
        )

    def clean(self):
        data = super().clean()
        # In an inline the parent (resolution or visit) is set on the instance.
        resolution = data["resolution"] if "resolution" in data else self.instance.resolution
        visit = data["visit"] if "visit" in data else self.instance.visit
        if resolution is None and visit is None and ("resolution" in self.fields or "visit" in self.fields):
            raise forms.ValidationError(
                gettext("Chọn văn bản hoặc buổi giám sát mà nhiệm vụ/kiến nghị này thuộc về.")
            )
        number = data.get("number")
        if number is None or "number" in self._errors:
            return data
        group = data.get("group", self.instance.group) or ""
        others = Task.objects.exclude(pk=self.instance.pk) if self.instance.pk else Task.objects.all()
        if visit is not None and visit.pk:
            if others.filter(visit=visit, number=number).exists():
                self.add_error(
                    "number", gettext("Buổi giám sát này đã có kiến nghị số %(number)s.") % {"number": number}
                )
        elif resolution is not None and resolution.pk:
            if others.filter(resolution=resolution, visit__isnull=True, group=group, number=number).exists():
                if group:
                    message = gettext("Số thứ tự %(number)s đã có trong nhóm “%(group)s”.")
                else:
                    message = gettext("Số thứ tự %(number)s đã có trong văn bản.")
                self.add_error("number", message % {"number": number, "group": group})
        return data


class ResolutionTaskFormSet(DistinctRowsFormSet):
    def row_key(self, data):
        if data.get("number") is None or data.get("visit"):
            return None
        return ((data.get("group") or "").strip(), data["number"])

    def duplicate_message(self, data, first_row, row):
        return gettext(
            "Nhiệm vụ dòng %(first)s và dòng %(row)s trùng số thứ tự %(number)s trong cùng nhóm."
        ) % {"first": first_row, "row": row, "number": data["number"]}


class RecommendationFormSet(DistinctRowsFormSet):
    def row_key(self, data):
        return data.get("number")

    def duplicate_message(self, data, first_row, row):
        return gettext("Kiến nghị dòng %(first)s và dòng %(row)s trùng số thứ tự %(number)s.") % {
            "first": first_row,
            "row": row,
            "number": data["number"],
        }


class TaskInline(CompactInlineMixin, admin.TabularInline):
    model = Task
    form = TaskForm
    formset = ResolutionTaskFormSet
    fk_name = "resolution"
    fields = ("group", "number", "title", "pillar", "lead_unit", "deadline", "status")
    autocomplete_fields = ("lead_unit",)
    formfield_overrides = COMPACT_TEXT
    show_change_link = True
    extra = 0
    verbose_name = _("nhiệm vụ")
    verbose_name_plural = _("Nhiệm vụ của văn bản")


class RecommendationInline(CompactInlineMixin, admin.TabularInline):
    model = Task
    form = TaskForm
    formset = RecommendationFormSet
    fk_name = "visit"
    fields = ("number", "title", "pillar", "lead_unit", "deadline", "status")
    autocomplete_fields = ("lead_unit",)
    formfield_overrides = COMPACT_TEXT
    show_change_link = True
    extra = 0
    verbose_name = _("kiến nghị")
    verbose_name_plural = _("Kiến nghị (theo dõi như nhiệm vụ)")


def _stamp_tasks(request, formset):
    """Save an inline formset, recording who updated each task."""
    instances = formset.save(commit=False)
    for obj in formset.deleted_objects:
        obj.delete()
    for obj in instances:
        if isinstance(obj, Task):
            obj.updated_by = request.user
        obj.save()
    formset.save_m2m()


@admin.register(Task)
class TaskAdmin(SimpleHistoryAdmin):
    form = TaskForm
    list_display = ("number", "short_title", "source", "pillar", "lead_unit", "deadline", "status")
    list_display_links = ("number", "short_title")
    list_editable = ("status",)
    list_filter = ("status", "pillar", "resolution", "visit__supervision")
    search_fields = ("title", "group", "lead_unit__name", "resolution__code")
    autocomplete_fields = ("resolution", "visit", "lead_unit")
    list_select_related = ("resolution", "visit__unit", "pillar", "lead_unit")
    readonly_fields = ("updated_at", "updated_by")
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 4, "cols": 80})}}
    fieldsets = (
        (_("Nguồn"), {"fields": ("resolution", "visit")}),
        (None, {"fields": ("pillar", "group", "number", "title", "lead_unit", "deadline")}),
        (_("Theo dõi"), {"fields": ("status", "progress_note", "updated_at", "updated_by")}),
    )

    @admin.display(description=_("nội dung"), ordering="title")
    def short_title(self, obj):
        return _short(obj.title)

    @admin.display(description=_("văn bản / buổi giám sát"))
    def source(self, obj):
        if obj.visit_id:
            return gettext("Kiến nghị – %(visit)s") % {"visit": obj.visit}
        return obj.resolution.code if obj.resolution_id else "—"

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


# --- resolutions and pillars -------------------------------------------------


class ResolutionForm(forms.ModelForm):
    class Meta:
        model = Resolution
        fields = (
            "code",
            "kind",
            "title",
            "issuer",
            "owner_unit",
            "issued_on",
            "start_year",
            "end_year",
            "vision_year",
            "implements",
            "is_active",
            "note",
        )

    def clean(self):
        data = super().clean()
        start, end, vision = data.get("start_year"), data.get("end_year"), data.get("vision_year")
        if start and end and end < start:
            self.add_error("end_year", gettext("Năm kết thúc phải sau hoặc bằng năm bắt đầu."))
        if end and vision and vision < end:
            self.add_error("vision_year", gettext("Năm tầm nhìn phải sau hoặc bằng năm kết thúc."))
        implements = data.get("implements")
        if implements is not None and self.instance.pk and implements.pk == self.instance.pk:
            self.add_error("implements", gettext("Văn bản không thể triển khai chính nó."))
        return data


class IndicatorInline(CompactInlineMixin, admin.TabularInline):
    """The resolution's indicators; each row links to its page (targets per level are entered there)."""

    model = Indicator
    fields = ("order", "code", "name", "measure", "frequency", "pillar", "applies_to_text", "targets")
    readonly_fields = ("applies_to_text", "targets")
    show_change_link = True
    extra = 0
    verbose_name = _("chỉ tiêu")
    verbose_name_plural = _(
        "Chỉ tiêu (bấm “Thay đổi” ở từng dòng để sửa loại đơn vị áp dụng và mục tiêu theo cấp)"
    )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in ("order", "code"):
            field.widget.attrs["style"] = "width: 5em"
        return field

    def has_add_permission(self, request, obj=None):
        return False  # added from the indicator page, which has the target inline (link above)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("pillar").prefetch_related("targets__unit")

    @admin.display(description=_("áp dụng cho"))
    def applies_to_text(self, obj):
        return obj.applies_to_display() if obj.pk else "—"

    @admin.display(description=_("mục tiêu"))
    def targets(self, obj):
        return targets_summary(obj, html=True) if obj.pk else "—"


@admin.register(Resolution)
class ResolutionAdmin(admin.ModelAdmin):
    form = ResolutionForm
    list_display = (
        "code",
        "kind",
        "short_title",
        "issuer",
        "issued_on",
        "years",
        "indicator_count",
        "is_active",
    )
    list_display_links = ("code", "short_title")
    list_filter = ("kind", "issuer", "is_active")
    search_fields = ("code", "title")
    autocomplete_fields = ("owner_unit", "implements")
    list_select_related = ("owner_unit",)
    fieldsets = (
        (None, {"fields": ("code", "kind", "title", "issuer", "owner_unit", "issued_on", "implements")}),
        (_("Thời gian thực hiện"), {"fields": ("start_year", "end_year", "vision_year")}),
        (None, {"fields": ("is_active", "note")}),
    )
    readonly_fields = ("add_indicator",)
    inlines = (IndicatorInline, TaskInline)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and obj.pk:
            fieldsets = (*fieldsets, (gettext("Chỉ tiêu"), {"fields": ("add_indicator",)}))
        return fieldsets

    @admin.display(description=_("thêm chỉ tiêu"))
    def add_indicator(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        link = reverse("admin:indicators_indicator_add") + "?" + urlencode({"resolution": obj.pk})
        return format_html(
            '<a class="addlink" href="{}">{}</a> {} · <a href="{}">{}</a>',
            link,
            gettext("Thêm chỉ tiêu cho %(code)s") % {"code": obj.code},
            gettext("(kèm mục tiêu theo cấp và năm mốc)"),
            reverse("resolution-read-targets", args=[obj.pk]),
            gettext("Đọc chỉ tiêu từ văn bản (dán, tải .docx/.pdf hoặc Phụ lục .xlsx)"),
        )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_indicator_count=models.Count("indicators"))

    @admin.display(description=_("trích yếu"), ordering="title")
    def short_title(self, obj):
        return _short(obj.title)

    @admin.display(description=_("thời gian thực hiện"), ordering="start_year")
    def years(self, obj):
        return obj.period_label  # "Năm 2022" / "Giai đoạn 2021–2025, tầm nhìn 2030": years never grouped

    @admin.display(description=_("số chỉ tiêu"), ordering="_indicator_count")
    def indicator_count(self, obj):
        return obj._indicator_count

    def save_formset(self, request, form, formset, change):
        _stamp_tasks(request, formset)


@admin.register(Pillar)
class PillarAdmin(admin.ModelAdmin):
    list_display = ("order", "code", "name")
    list_display_links = ("code", "name")
    list_editable = ("order",)
    search_fields = ("code", "name")


# --- supervisions, visits, findings ------------------------------------------


class VisitInline(CompactInlineMixin, admin.TabularInline):
    model = Visit
    fields = ("unit", "date", "summary")
    autocomplete_fields = ("unit",)
    formfield_overrides = COMPACT_TEXT
    show_change_link = True
    extra = 0
    verbose_name_plural = _("Buổi giám sát (bấm “Thay đổi” để ghi nhận xét và kiến nghị)")


@admin.register(Supervision)
class SupervisionAdmin(admin.ModelAdmin):
    list_display = ("decision_ref", "decision_date", "kind", "short_title", "resolution", "chair")
    list_display_links = ("decision_ref", "short_title")
    list_filter = ("kind", "resolution")
    search_fields = ("decision_ref", "title", "chair", "members")
    autocomplete_fields = ("resolution",)
    list_select_related = ("resolution",)
    inlines = (VisitInline,)

    @admin.display(description=_("nội dung"), ordering="title")
    def short_title(self, obj):
        return _short(obj.title)


class FindingInline(CompactInlineMixin, admin.TabularInline):
    model = Finding
    fields = ("order", "kind", "text", "indicator", "value")
    autocomplete_fields = ("indicator",)
    formfield_overrides = COMPACT_TEXT
    extra = 0
    verbose_name_plural = _("Nhận xét (kết quả đạt được, hạn chế)")


@admin.register(Visit)
class VisitAdmin(admin.ModelAdmin):
    list_display = ("unit", "date", "supervision", "finding_count", "recommendation_count")
    list_filter = ("supervision__kind", "supervision")
    search_fields = ("unit__name", "unit__code", "supervision__decision_ref", "summary")
    autocomplete_fields = ("supervision", "unit")
    list_select_related = ("unit", "supervision")
    date_hierarchy = "date"
    inlines = (FindingInline, RecommendationInline)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                _findings=models.Count("findings", distinct=True),
                _recommendations=models.Count("recommendations", distinct=True),
            )
        )

    @admin.display(description=_("số nhận xét"), ordering="_findings")
    def finding_count(self, obj):
        return obj._findings

    @admin.display(description=_("số kiến nghị"), ordering="_recommendations")
    def recommendation_count(self, obj):
        return obj._recommendations

    def save_formset(self, request, form, formset, change):
        _stamp_tasks(request, formset)


@admin.register(Finding)
class FindingAdmin(admin.ModelAdmin):
    list_display = ("short_text", "kind", "visit", "indicator_code", "value_display")
    list_filter = ("kind", "visit__supervision")
    search_fields = ("text", "visit__unit__name", "indicator__code", "indicator__name")
    autocomplete_fields = ("visit", "indicator")
    list_select_related = ("visit__unit", "indicator")
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 4, "cols": 80})}}

    @admin.display(description=_("nội dung"), ordering="text")
    def short_text(self, obj):
        return _short(obj.text)

    @admin.display(description=_("chỉ tiêu"), ordering="indicator__code")
    def indicator_code(self, obj):
        return obj.indicator.code if obj.indicator_id else "—"

    @admin.display(description=_("số liệu ghi nhận"), ordering="value")
    def value_display(self, obj):
        if obj.value is None:
            return "—"
        return format_value(obj.indicator, obj.value) if obj.indicator_id else format_number(obj.value)
