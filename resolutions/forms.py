"""Forms of the supervision module: visits, findings, recommendations, task progress."""

from django import forms

from indicators.models import Indicator
from indicators.rules import FigureError, to_decimal
from units.access import units_for_user
from units.models import Role

from .models import Finding, Task, TaskStatus, Visit


class DateInput(forms.DateInput):
    input_type = "text"

    def __init__(self, **kwargs):
        super().__init__(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "autocomplete": "off"})


class VisitForm(forms.ModelForm):
    """A visit of a unit in the supervisor's scope."""

    class Meta:
        model = Visit
        fields = ["unit", "date", "summary"]
        widgets = {"date": DateInput(), "summary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].input_formats = ["%d/%m/%Y", "%Y-%m-%d"]
        self.fields["unit"].queryset = units_for_user(user, [Role.SUPERVISOR]).order_by("path")
        self.fields["unit"].label_from_instance = lambda u: f"{'— ' * u.depth}{u.name}"


class FindingForm(forms.ModelForm):
    """A strength or limitation, optionally tied to an indicator and the figure observed."""

    value = forms.CharField(label="Số liệu ghi nhận", required=False,
                            help_text="Ví dụ: 22,22 (phần trăm) hoặc 1.937 (số lượng).")

    class Meta:
        model = Finding
        fields = ["kind", "text", "indicator"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, visit=None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = Indicator.objects.filter(is_active=True).select_related("resolution").order_by("resolution", "order", "code")
        if visit is not None and visit.supervision.resolution_id:
            qs = qs.filter(resolution_id=visit.supervision.resolution_id)
        self.fields["indicator"].queryset = qs
        self.fields["indicator"].required = False
        self.fields["indicator"].label_from_instance = lambda i: f"{i.resolution.code} · {i.code}. {i.name}"[:140]

    def clean_value(self):
        try:
            return to_decimal(self.cleaned_data.get("value"), "value", "Số liệu ghi nhận", localized=True)
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
        labels = {"title": "Nội dung kiến nghị"}

    def __init__(self, *args, visit=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.visit = visit
        self.fields["deadline"].input_formats = ["%d/%m/%Y", "%Y-%m-%d"]
        if visit is not None:
            # The lead unit: the visited unit, its parents' subtree (e.g. Sở TT&TT), any unit of the province.
            from units.models import ReportingUnit

            province = visit.unit.ancestors()[0] if visit.unit.ancestor_ids else visit.unit
            self.fields["lead_unit"].queryset = ReportingUnit.objects.within(province).exclude(kind="school").order_by("path")
            self.fields["lead_unit"].initial = visit.unit.pk
            if not self.instance.pk:
                last = visit.recommendations.order_by("-number").values_list("number", flat=True).first()
                self.fields["number"].initial = (last or 0) + 1
        self.fields["lead_unit"].label_from_instance = lambda u: f"{'— ' * u.depth}{u.name}"

    def clean_number(self):
        number = self.cleaned_data["number"]
        if self.visit is not None and self.visit.recommendations.filter(number=number).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(f"Buổi giám sát này đã có kiến nghị số ({number}).")
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
