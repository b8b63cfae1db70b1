"""Admin of indicators and their targets (targets edited inline, scope checked as in the API)."""

from django import forms
from django.contrib import admin
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from units.admin import DistinctRowsFormSet
from units.models import UnitKind

from ..definitions import target_scope_problems
from ..models import Indicator, Target
from ..rules import format_target
from .words import targets_summary, unlocalized_year


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
