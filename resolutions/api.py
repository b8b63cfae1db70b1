"""REST API v1: resolutions (and plans) and DX pillars — reference data.

Read: any signed-in user; write: admins (staff).
"""

import django_filters
from django.utils.translation import gettext as _
from rest_framework import serializers, viewsets

from config.api import AtomicWritesMixin, IsAdminOrReadOnly

from .models import Pillar, Resolution


class ResolutionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Resolution
        fields = [
            "id",
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
        ]

    def validate(self, attrs):
        start = attrs.get("start_year", getattr(self.instance, "start_year", None))
        end = attrs.get("end_year", getattr(self.instance, "end_year", None))
        if start and end and end < start:
            raise serializers.ValidationError({"end_year": [_("Năm kết thúc phải từ năm bắt đầu trở đi.")]})
        implements = attrs.get("implements")
        if implements is not None and self.instance is not None and implements.pk == self.instance.pk:
            raise serializers.ValidationError({"implements": [_("Văn bản không thể triển khai chính nó.")]})
        return attrs


class PillarSerializer(serializers.ModelSerializer):
    class Meta:
        model = Pillar
        fields = ["id", "code", "name"]


class ResolutionFilter(django_filters.FilterSet):
    code = django_filters.CharFilter(field_name="code", lookup_expr="iexact")

    class Meta:
        model = Resolution
        fields = ["code"]


class PillarFilter(django_filters.FilterSet):
    code = django_filters.CharFilter(field_name="code", lookup_expr="iexact")

    class Meta:
        model = Pillar
        fields = ["code"]


class ResolutionViewSet(AtomicWritesMixin, viewsets.ModelViewSet):
    serializer_class = ResolutionSerializer
    permission_classes = [IsAdminOrReadOnly]
    filterset_class = ResolutionFilter
    queryset = Resolution.objects.order_by("-issued_on", "code", "id")


class PillarViewSet(AtomicWritesMixin, viewsets.ModelViewSet):
    serializer_class = PillarSerializer
    permission_classes = [IsAdminOrReadOnly]
    filterset_class = PillarFilter
    queryset = Pillar.objects.order_by("order", "code", "id")
