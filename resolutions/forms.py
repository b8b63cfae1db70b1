"""Forms of the supervision module: visits, findings, recommendations, task progress."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators.models import Indicator
from indicators.reach import reach_units, reaches
from indicators.rules import FigureError, to_decimal
from units.access import units_for_user
from units.models import Role
from units.widgets import UnitPicker

from .models import Finding, Task, TaskStatus, Visit


class DateInput(forms.DateInput):
    input_type = "text"

    def __init__(self, **kwargs):
        # A text input in dd/mm/yyyy (DESIGN.md §6) with static/js/datepicker.js: never the browser's
        # type=date, which an English Chromium shows as mm/dd/yyyy.
        super().__init__(
            format="%d/%m/%Y",
            attrs={
                "placeholder": gettext_lazy("ngày/tháng/năm"),
                "autocomplete": "off",
                "data-date-picker": "1",
                "inputmode": "numeric",
            },
        )


def blank_choice_words(form, words=None):
    """Replace Django's "---------" blank choice of every select of `form` by "— Chọn … —" words
    (`words`: {field name: text}; default "— Chọn —")."""
    words = words or {}
    for name, field in form.fields.items():
        text = words.get(name, _("— Chọn —"))
        if isinstance(field, forms.ModelChoiceField):
            if field.empty_label is not None:
                field.empty_label = text
        elif isinstance(field, forms.ChoiceField):
            field.choices = [("", text) if value == "" else (value, label) for value, label in field.choices]


class VisitForm(forms.ModelForm):
    """A visit of a unit in the supervisor's scope."""

    class Meta:
        model = Visit
        fields = ["unit", "date", "summary"]
        widgets = {"date": DateInput(), "summary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user=None, supervision=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.supervision = user, supervision
        self.fields["date"].input_formats = ["%d/%m/%Y", "%Y-%m-%d"]
        self.fields["date"].error_messages["invalid"] = _(
            "Ngày chưa đúng: nhập theo dạng ngày/tháng/năm, ví dụ 12/09/2023."
        )
        # Only units the supervisor may act on, that the supervised resolution reaches, active today.
        self.fields["unit"].queryset = reachable_units(units_for_user(user, [Role.SUPERVISOR]), supervision)
        self.fields["unit"].label_from_instance = lambda u: u.name
        blank_choice_words(self, {"unit": _("— Chọn đơn vị —")})
        self.fields["unit"].widget = UnitPicker()
        self.fields["unit"].widget.choices = self.fields["unit"].choices

    def clean(self):
        data = super().clean()
        unit, day = data.get("unit"), data.get("date")
        resolution = self.supervision.resolution if self.supervision is not None else None
        if unit is not None and day is not None:
            if not unit.is_active_on(day):
                self.add_error(
                    "unit",
                    _("“%(unit)s” không hoạt động vào ngày %(day)s.")
                    % {"unit": unit.name, "day": f"{day:%d/%m/%Y}"},
                )
            elif resolution is not None and not reaches(resolution, unit, day):
                self.add_error(
                    "unit",
                    _("“%(unit)s” không thuộc phạm vi của %(code)s vào ngày %(day)s.")
                    % {"unit": unit.name, "code": resolution.code, "day": f"{day:%d/%m/%Y}"},
                )
        return data


def reachable_units(qs, supervision, day=None):
    """Units of `qs` active on `day` (today) and, for a supervision of a resolution, reached by it then."""
    from django.db.models import Q
    from django.utils import timezone

    day = day or timezone.localdate()
    qs = qs.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    )
    resolution = supervision.resolution if supervision is not None else None
    if resolution is not None:
        reached = reach_units(resolution, day)
        if reached is not None:
            qs = qs.filter(pk__in=reached)
    return qs.order_by("path")


class FindingForm(forms.ModelForm):
    """A strength or limitation, optionally tied to an indicator and the figure observed."""

    value = forms.CharField(
        label=gettext_lazy("Số liệu ghi nhận"),
        required=False,
        help_text=gettext_lazy("Ví dụ: 22,22 (phần trăm) hoặc 1.937 (số lượng)."),
    )

    class Meta:
        model = Finding
        fields = ["kind", "text", "indicator"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, visit=None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = (
            Indicator.objects.filter(is_active=True)
            .select_related("resolution")
            .order_by("resolution", "order", "code")
        )
        if visit is not None and visit.supervision.resolution_id:
            qs = qs.filter(resolution_id=visit.supervision.resolution_id)
        self.fields["indicator"].queryset = qs
        self.fields["indicator"].required = False
        self.fields["indicator"].label_from_instance = lambda i: f"{i.resolution.code} · {i.code}. {i.name}"[
            :140
        ]
        blank_choice_words(self, {"kind": _("— Chọn loại —"), "indicator": _("— Không gắn với chỉ tiêu —")})

    def clean_value(self):
        try:
            return to_decimal(self.cleaned_data.get("value"), "value", _("Số liệu ghi nhận"), localized=True)
        except FigureError as exc:
            raise forms.ValidationError(exc.message) from None

    def save(self, commit=True):
        self.instance.value = self.cleaned_data.get("value")
        return super().save(commit)


class RecommendationForm(forms.ModelForm):
    """A numbered recommendation (kiến nghị) of a visit: a task to follow up."""

    class Meta:
        model = Task
        fields = ["number", "title", "pillar", "lead_unit", "deadline", "status"]
        widgets = {"deadline": DateInput(), "title": forms.Textarea(attrs={"rows": 3})}
        labels = {"title": gettext_lazy("Nội dung kiến nghị")}

    def __init__(self, *args, visit=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.visit = visit
        self.fields["deadline"].input_formats = ["%d/%m/%Y", "%Y-%m-%d"]
        self.fields["deadline"].error_messages["invalid"] = _(
            "Thời hạn chưa đúng: nhập theo dạng ngày/tháng/năm, ví dụ 31/12/2024."
        )
        if visit is not None:
            # The lead unit: any unit of the province above school level that the supervised resolution
            # reaches and that is active today (and in the supervisor's scope).
            from units.models import ReportingUnit

            province = visit.unit.ancestors()[0] if visit.unit.ancestor_ids else visit.unit
            qs = ReportingUnit.objects.within(province).exclude(kind="school")
            if user is not None and not user.is_staff:
                qs = qs.filter(pk__in=units_for_user(user, [Role.SUPERVISOR]).values("pk"))
            self.fields["lead_unit"].queryset = reachable_units(qs, visit.supervision)
            self.fields["lead_unit"].initial = visit.unit.pk
            if not self.instance.pk:
                last = visit.recommendations.order_by("-number").values_list("number", flat=True).first()
                self.fields["number"].initial = (last or 0) + 1
        self.fields["lead_unit"].label_from_instance = lambda u: u.name
        blank_choice_words(self, {"pillar": _("— Chọn trụ cột —"), "lead_unit": _("— Chọn đơn vị —")})
        self.fields["lead_unit"].widget = UnitPicker()
        self.fields["lead_unit"].widget.choices = self.fields["lead_unit"].choices

    def clean_number(self):
        number = self.cleaned_data["number"]
        if (
            self.visit is not None
            and self.visit.recommendations.filter(number=number).exclude(pk=self.instance.pk).exists()
        ):
            raise forms.ValidationError(
                _("Buổi giám sát này đã có kiến nghị số (%(number)s).") % {"number": number}
            )
        return number


class TaskProgressForm(forms.ModelForm):
    """What the lead unit updates: status and progress note."""

    class Meta:
        model = Task
        fields = ["status", "progress_note"]
        widgets = {"progress_note": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = TaskStatus.choices
