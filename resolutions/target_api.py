"""REST API v1: `POST /api/v1/resolutions/{id}/extract-targets/` (API.md, "Targets from a resolution's text").

Admins only. The text is read by `resolutions.target_reading`, exactly as on
the review page; nothing is saved (the client creates what it accepts
through `/indicators/` and `/targets/`).
"""

from django.core.exceptions import RequestDataTooBig
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api import FigureField, IsAdmin
from indicators.models import Measure, Operator
from units.models import UnitKind

from .models import Resolution
from .target_views import MAX_TEXT_CHARS, BadInput, default_kinds, proposals_from_text, too_long_message


def _too_long():
    return too_long_message()


class ExtractRequestSerializer(serializers.Serializer):
    text = serializers.CharField(
        trim_whitespace=False,
        allow_blank=True,
        help_text=_("Đoạn văn bản chứa các câu chỉ tiêu (tối đa 200.000 ký tự)."),
        error_messages={
            "required": _("Cần gửi nội dung văn bản (text)."),
            "null": _("Cần gửi nội dung văn bản (text)."),
        },
    )


class ExtractedTargetSerializer(serializers.Serializer):
    unit_kind = serializers.ChoiceField(
        choices=UnitKind.choices, allow_null=True, help_text=_("Loại đơn vị; null = mọi đơn vị.")
    )
    operator = serializers.ChoiceField(choices=Operator.choices)
    value = FigureField(help_text=_('Giá trị mục tiêu (chuỗi số, ví dụ "95" hoặc "22.22").'))
    year = serializers.IntegerField(help_text=_("Năm mốc."))


class ExtractedIndicatorSerializer(serializers.Serializer):
    name = serializers.CharField()
    measure = serializers.ChoiceField(choices=Measure.choices)
    pillar = serializers.CharField(allow_null=True, help_text=_("Mã trụ cột, hoặc null."))
    unit_label = serializers.CharField(allow_blank=True)
    source = serializers.CharField(help_text=_("Đoạn văn bản gốc của chỉ tiêu."))
    targets = ExtractedTargetSerializer(many=True)


class ExtractResponseSerializer(serializers.Serializer):
    indicators = ExtractedIndicatorSerializer(many=True)


class ExtractTargetsView(APIView):
    """Propose indicators and targets from a resolution's text; nothing is saved."""

    permission_classes = [IsAdmin]

    @extend_schema(
        operation_id="resolutions_extract_targets",
        tags=["resolutions"],
        request=ExtractRequestSerializer,
        responses={
            200: ExtractResponseSerializer,
            400: OpenApiResponse(
                description=_('Văn bản trống, quá dài, hoặc không có câu chỉ tiêu: {"text": ["…"]}')
            ),
            403: OpenApiResponse(description=_("Không phải quản trị viên.")),
            404: OpenApiResponse(description=_("Không tìm thấy văn bản.")),
        },
    )
    def post(self, request, pk):
        resolution = get_object_or_404(Resolution.objects.select_related("owner_unit"), pk=pk)
        try:
            data = request.data
        except RequestDataTooBig:  # beyond Django's DATA_UPLOAD_MAX_MEMORY_SIZE: far beyond the text limit
            raise serializers.ValidationError({"text": [_too_long()]}) from None
        ser = ExtractRequestSerializer(data=data)
        ser.is_valid(raise_exception=True)
        try:
            reading = proposals_from_text(resolution, ser.validated_data["text"])
        except BadInput as exc:
            raise serializers.ValidationError({"text": [str(exc)]}) from None
        payload = {
            "indicators": [
                {
                    "name": ind.name,
                    "measure": ind.measure,
                    "pillar": ind.pillar,
                    "unit_label": ind.unit_label,
                    "source": ind.source,
                    "targets": [
                        {"unit_kind": t.unit_kind, "operator": t.operator, "value": t.value, "year": t.year}
                        for t in ind.targets
                    ],
                }
                for ind in reading.indicators
            ]
        }
        return Response(ExtractResponseSerializer(payload).data)


__all__ = ["MAX_TEXT_CHARS", "default_kinds"]

urlpatterns = [
    path(
        "resolutions/<int:pk>/extract-targets/",
        ExtractTargetsView.as_view(),
        name="resolution-extract-targets",
    ),
]
