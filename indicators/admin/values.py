"""Admin of data values and evidence: values validated and computed as on every write path (`services.clean_value`)."""

import mimetypes
import os

from django import forms
from django.contrib import admin
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from ..models import DataValue, Evidence
from ..rules import FigureError, compute_value, format_number, format_value
from ..services import check_evidence_file, clean_value


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
