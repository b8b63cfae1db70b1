"""Serializers of the REST API v1 for indicators, targets, periods, values, submissions.

Figures are read and checked by `indicators.rules` (through the services),
never here: value serializers only shape input and output.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from config.api import FigureField
from units.models import ReportingUnit, UnitKind

from .definitions import target_scope_problems
from .models import DataValue, Indicator, Period, Submission, Target
from .rules import value_text  # the one text of a value (indicators.api imports it from here too)


class UserRefField(serializers.RelatedField):
    """A user shown by username (read-only)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        kwargs.setdefault("allow_null", True)  # nobody yet (not submitted, not approved) or a deleted user
        super().__init__(**kwargs)

    def to_representation(self, value):
        return value.username


@extend_schema_field(OpenApiTypes.STR)
class _UsernameField(UserRefField):
    pass


class TargetSerializer(serializers.ModelSerializer):
    unit_kind = serializers.ChoiceField(choices=UnitKind.choices, allow_null=True, required=False)

    class Meta:
        model = Target
        fields = ["id", "indicator", "unit_kind", "unit", "operator", "value", "year"]
        # The partial unique constraints are checked by the database (-> 409).
        validators = []

    def validate(self, attrs):
        unit_kind = attrs.get("unit_kind", getattr(self.instance, "unit_kind", None))
        unit = attrs.get("unit", getattr(self.instance, "unit", None))
        problems = target_scope_problems(unit_kind, unit, attrs.get("value"))  # the admin's rule too
        if problems:
            field = "unit" if "unit" in problems else "value"
            raise serializers.ValidationError({field: [problems[field]]})
        return attrs


class NestedTargetSerializer(TargetSerializer):
    class Meta(TargetSerializer.Meta):
        fields = ["id", "unit_kind", "unit", "operator", "value", "year"]
        read_only_fields = fields


class IndicatorSerializer(serializers.ModelSerializer):
    applies_to = serializers.ListField(
        child=serializers.ChoiceField(choices=UnitKind.choices), allow_empty=False,
        help_text=gettext_lazy("Các loại đơn vị áp dụng chỉ tiêu."),
    )
    targets = NestedTargetSerializer(many=True, read_only=True)
    assigned_units = serializers.PrimaryKeyRelatedField(
        many=True, required=False, queryset=ReportingUnit.objects.all(),
        help_text=gettext_lazy("Đơn vị được giao (id); rỗng: mọi đơn vị trong phạm vi văn bản. Nếu có: chỉ các đơn vị "
                        "thuộc loại áp dụng nằm trong cây của các đơn vị này."),
    )

    class Meta:
        model = Indicator
        fields = [
            "id", "resolution", "pillar", "code", "name", "measure", "decimals", "numerator_label",
            "denominator_label", "unit_label", "direction", "temporal", "frequency", "applies_to", "targets",
            "assigned_units",
        ]
        validators = []  # (resolution, code) uniqueness: checked by the database (-> 409)


class PeriodSerializer(serializers.ModelSerializer):
    """POST with only `code` ("2024-Q3") derives kind, year, number, window and deadline."""

    code = serializers.CharField(max_length=10, required=False)
    kind = serializers.CharField(read_only=True)
    year = serializers.IntegerField(read_only=True)
    number = serializers.IntegerField(read_only=True)
    start = serializers.DateField(required=False)
    end = serializers.DateField(required=False)
    deadline = serializers.DateField(required=False)
    label = serializers.CharField(read_only=True)

    class Meta:
        model = Period
        fields = ["id", "code", "kind", "year", "number", "start", "end", "deadline", "is_locked", "label"]

    def validate(self, attrs):
        if self.instance is not None:
            if "code" in attrs and attrs["code"] != self.instance.code:
                raise serializers.ValidationError({"code": [_("Không thể đổi mã kỳ báo cáo; hãy tạo kỳ mới.")]})
            attrs.pop("code", None)
        elif not attrs.get("code"):
            raise serializers.ValidationError({"code": [_("Cần nhập mã kỳ báo cáo (ví dụ 2024-Q3, 2024-H1, 2024).")]})
        start = attrs.get("start", getattr(self.instance, "start", None))
        end = attrs.get("end", getattr(self.instance, "end", None))
        if start and end and end < start:
            raise serializers.ValidationError({"end": [_("Ngày kết thúc phải sau ngày bắt đầu.")]})
        return attrs

    def create(self, validated_data):
        period = Period.build(validated_data.pop("code"))  # PeriodCodeError -> 400
        for field, value in validated_data.items():
            setattr(period, field, value)
        if period.end < period.start:
            raise serializers.ValidationError({"end": [_("Ngày kết thúc phải sau ngày bắt đầu.")]})
        period.save()
        return period


class DataValueSerializer(serializers.ModelSerializer):
    """A figure. `unit`, `indicator`, `period` are ids; figures are strings on output."""

    unit = serializers.IntegerField(source="unit_id")
    indicator = serializers.IntegerField(source="indicator_id")
    period = serializers.IntegerField(source="period_id")
    numerator = FigureField()
    denominator = FigureField()
    value = serializers.SerializerMethodField()
    note = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    version = serializers.IntegerField(required=False)
    updated_by = _UsernameField()

    class Meta:
        model = DataValue
        fields = ["id", "unit", "indicator", "period", "numerator", "denominator", "value", "note",
                  "version", "updated_at", "updated_by"]
        read_only_fields = ["id", "updated_at"]

    @extend_schema_field({"type": "string", "format": "decimal", "nullable": True})
    def get_value(self, obj):
        return value_text(obj.indicator, obj.value)


class DataValuePatchSerializer(serializers.Serializer):
    numerator = FigureField()
    denominator = FigureField()
    note = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    version = serializers.IntegerField(
        help_text=gettext_lazy("Phiên bản đã đọc; khác phiên bản hiện tại thì trả 409."),
        error_messages={"required": gettext_lazy("Cần gửi phiên bản (version) đã đọc để tránh ghi đè.")},
    )


class BulkItemSerializer(serializers.Serializer):
    unit = serializers.IntegerField()
    indicator = serializers.IntegerField()
    period = serializers.IntegerField()
    numerator = FigureField()
    denominator = FigureField()
    note = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    version = serializers.IntegerField(required=False, help_text=gettext_lazy("Tùy chọn: có thì kiểm tra phiên bản."))


class BulkSerializer(serializers.Serializer):
    values = BulkItemSerializer(many=True)


class BulkResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()


class HistoryItemSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    by = serializers.CharField(allow_null=True)
    field = serializers.CharField()
    old = serializers.CharField(allow_null=True)
    new = serializers.CharField(allow_null=True)
    reason = serializers.CharField(allow_null=True)


class SubmissionSerializer(serializers.ModelSerializer):
    submitted_by = _UsernameField()
    approved_by = _UsernameField()

    class Meta:
        model = Submission
        fields = ["id", "unit", "period", "status", "submitted_at", "submitted_by", "approved_at", "approved_by",
                  "return_reason"]
        read_only_fields = fields


class SubmitSerializer(serializers.Serializer):
    unit = serializers.IntegerField()
    period = serializers.IntegerField()


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True)


__all__ = [
    "BulkSerializer", "DataValueSerializer", "IndicatorSerializer", "PeriodSerializer", "SubmissionSerializer",
    "TargetSerializer",
]
