"""A model field holding a set of unit kinds, queryable on every database.

Stored as ",school,department," so `applies_to_kind(kind)` is a plain
`contains ",school,"` filter on SQLite and PostgreSQL alike.
"""

from django import forms
from django.db import models
from django.utils.translation import gettext

from .models import UnitKind


class UnitKindsField(models.CharField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def to_python(self, value):
        if value is None:
            return []
        if isinstance(value, list | tuple | set):
            return [v for v in UnitKind.values if v in value]
        return [v for v in value.strip(",").split(",") if v]

    def get_prep_value(self, value):
        if isinstance(value, str):  # lookups such as contains pass raw text
            return value
        kinds = self.to_python(value)
        return f",{','.join(kinds)}," if kinds else ""

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def validate(self, value, model_instance):
        bad = [v for v in value if v not in UnitKind.values]
        if bad:
            from django.core.exceptions import ValidationError

            raise ValidationError(gettext("Loại đơn vị không hợp lệ: %(kinds)s") % {"kinds": ", ".join(bad)})
        if not value and not self.blank:
            from django.core.exceptions import ValidationError

            raise ValidationError(gettext("Chọn ít nhất một loại đơn vị."))

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=UnitKind.choices,
            required=not self.blank,
            widget=forms.CheckboxSelectMultiple,
            label=self.verbose_name,
            help_text=self.help_text,
        )


def kind_lookup(kind):
    """The filter value matching one kind inside a UnitKindsField."""
    return f",{kind},"
