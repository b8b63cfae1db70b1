"""REST API v1: tasks (+ summary per pillar), supervisions, visits, findings (API.md "Tasks and supervision").

Reads are scoped by units.access (through resolutions.views' scope helpers,
the same as the pages). Writes: admins, and supervisors of the visited
unit's scope; the lead unit's entry/approver users may PATCH a task's
`status` and `progress_note` only. Task counts come from
resolutions.progress.task_summary, as on the dashboard.

Wiring (config/api_urls.py): `from resolutions.api_supervision import register as register_supervision`
then `register_supervision(router)` before `path("", include(router.urls))`.
"""

import django_filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from config.api import AtomicWritesMixin, FigureField, IdFilter
from indicators.rules import FigureError, to_decimal

from .models import Finding, Supervision, Task, Visit
from .progress import task_summary
from .views import (
    can_supervise,
    can_update_task,
    is_supervisor_somewhere,
    visible_supervisions,
    visible_tasks,
    visible_visits,
)

PROGRESS_FIELDS = {"status", "progress_note"}


class SignedIn(permissions.BasePermission):
    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated)


# --- serializers -------------------------------------------------------------------

class TaskSerializer(serializers.ModelSerializer):
    class Meta:
        model = Task
        fields = ["id", "resolution", "visit", "pillar", "group", "number", "title", "lead_unit", "deadline", "status",
                  "progress_note"]

    def validate(self, attrs):
        resolution = attrs.get("resolution", getattr(self.instance, "resolution", None))
        visit = attrs.get("visit", getattr(self.instance, "visit", None))
        if resolution is None and visit is None:
            raise serializers.ValidationError({"resolution": ["Nhiệm vụ phải thuộc một văn bản hoặc một buổi giám sát."]})
        return attrs


class SupervisionSerializer(serializers.ModelSerializer):
    members = serializers.CharField(required=False, allow_blank=True, help_text="Mỗi thành viên một dòng.")
    member_list = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Supervision
        fields = ["id", "decision_ref", "decision_date", "title", "resolution", "kind", "issuer", "chair", "members",
                  "member_list"]


class VisitSerializer(serializers.ModelSerializer):
    class Meta:
        model = Visit
        fields = ["id", "supervision", "unit", "date", "summary"]


class FindingSerializer(serializers.ModelSerializer):
    value = FigureField()

    class Meta:
        model = Finding
        fields = ["id", "visit", "kind", "text", "indicator", "value", "order"]

    def validate_value(self, raw):
        try:
            return to_decimal(raw, "value", "Số liệu ghi nhận")
        except FigureError as exc:
            raise serializers.ValidationError(exc.message) from None


# --- filters -----------------------------------------------------------------------

class TaskFilter(django_filters.FilterSet):
    resolution = IdFilter(field_name="resolution_id")
    pillar = IdFilter(field_name="pillar_id")
    status = django_filters.CharFilter(field_name="status")
    lead_unit = IdFilter(field_name="lead_unit_id")
    visit = IdFilter(field_name="visit_id")

    class Meta:
        model = Task
        fields = ["resolution", "pillar", "status", "lead_unit", "visit"]


class VisitFilter(django_filters.FilterSet):
    supervision = IdFilter(field_name="supervision_id")
    unit = IdFilter(field_name="unit_id")

    class Meta:
        model = Visit
        fields = ["supervision", "unit"]


class FindingFilter(django_filters.FilterSet):
    visit = IdFilter(field_name="visit_id")
    indicator = IdFilter(field_name="indicator_id")
    kind = django_filters.CharFilter(field_name="kind")

    class Meta:
        model = Finding
        fields = ["visit", "indicator", "kind"]


class SupervisionFilter(django_filters.FilterSet):
    resolution = IdFilter(field_name="resolution_id")
    decision_ref = django_filters.CharFilter(field_name="decision_ref", lookup_expr="iexact")

    class Meta:
        model = Supervision
        fields = ["resolution", "decision_ref"]


# --- viewsets ------------------------------------------------------------------------

def _require_supervisor_of(user, unit):
    if not can_supervise(user, unit):
        raise PermissionDenied("Chỉ đoàn giám sát phụ trách đơn vị này hoặc quản trị được ghi dữ liệu giám sát.")


class TaskViewSet(AtomicWritesMixin, viewsets.ModelViewSet):
    """Tasks of resolutions and recommendations of visits. Lead units PATCH status and progress_note."""

    serializer_class = TaskSerializer
    permission_classes = [SignedIn]
    filterset_class = TaskFilter

    def get_queryset(self):
        return visible_tasks(self.request.user).select_related("visit__unit", "lead_unit").order_by(
            "resolution", "visit", "group", "number", "id")

    def _check_write(self, data, instance=None):
        user = self.request.user
        if user.is_staff:
            return
        visit = data.get("visit", getattr(instance, "visit", None))
        if visit is not None and can_supervise(user, visit.unit):
            return
        if instance is not None and set(data) <= PROGRESS_FIELDS and can_update_task(user, instance):
            return
        raise PermissionDenied("Bạn không có quyền thay đổi nhiệm vụ này "
                               "(đơn vị chủ trì chỉ được cập nhật tình trạng và tiến độ).")

    def perform_create(self, serializer):
        self._check_write(serializer.validated_data)
        serializer.validated_data["updated_by"] = self.request.user
        super().perform_create(serializer)

    def perform_update(self, serializer):
        self._check_write(serializer.validated_data, serializer.instance)
        serializer.validated_data["updated_by"] = self.request.user
        super().perform_update(serializer)

    def perform_destroy(self, instance):
        user = self.request.user
        if not (user.is_staff or (instance.visit_id and can_supervise(user, instance.visit.unit))):
            raise PermissionDenied("Chỉ đoàn giám sát hoặc quản trị được xóa kiến nghị.")
        super().perform_destroy(instance)

    @extend_schema(parameters=[OpenApiParameter("resolution", OpenApiTypes.INT, required=True)],
                   responses={200: OpenApiTypes.OBJECT})
    @action(detail=False, methods=["get"])
    def summary(self, request):
        """Counts per pillar: total, done, in_progress, not_started, overdue (task_summary)."""
        raw = request.query_params.get("resolution")
        if not raw or not raw.isdigit():
            raise serializers.ValidationError({"resolution": ["Trường này là bắt buộc (id văn bản)."]})
        tasks = self.get_queryset().filter(resolution_id=int(raw), visit__isnull=True)
        return Response([
            {"pillar": s.pillar_id, "label": s.label, "total": s.total, "done": s.done, "in_progress": s.in_progress,
             "not_started": s.not_started, "overdue": s.overdue}
            for s in task_summary(Task.objects.filter(pk__in=tasks.values("pk")))
        ])


class SupervisionViewSet(AtomicWritesMixin, viewsets.ModelViewSet):
    """Supervision / inspection programmes. Write: admins and supervisors."""

    serializer_class = SupervisionSerializer
    permission_classes = [SignedIn]
    filterset_class = SupervisionFilter

    def get_queryset(self):
        return visible_supervisions(self.request.user).order_by("-decision_date", "decision_ref", "id")

    def _check(self):
        if not is_supervisor_somewhere(self.request.user):
            raise PermissionDenied("Chỉ đoàn giám sát hoặc quản trị được ghi dữ liệu giám sát.")

    def perform_create(self, serializer):
        self._check()
        super().perform_create(serializer)

    def perform_update(self, serializer):
        self._check()
        super().perform_update(serializer)

    def perform_destroy(self, instance):
        self._check()
        for visit in instance.visits.select_related("unit"):
            _require_supervisor_of(self.request.user, visit.unit)
        super().perform_destroy(instance)


class VisitViewSet(AtomicWritesMixin, viewsets.ModelViewSet):
    """Visits of units in the caller's scope. Write: supervisors of the unit's scope, admins."""

    serializer_class = VisitSerializer
    permission_classes = [SignedIn]
    filterset_class = VisitFilter

    def get_queryset(self):
        return visible_visits(self.request.user).select_related("unit").order_by("-date", "id")

    def perform_create(self, serializer):
        _require_supervisor_of(self.request.user, serializer.validated_data["unit"])
        super().perform_create(serializer)

    def perform_update(self, serializer):
        _require_supervisor_of(self.request.user, serializer.instance.unit)
        if "unit" in serializer.validated_data:
            _require_supervisor_of(self.request.user, serializer.validated_data["unit"])
        super().perform_update(serializer)

    def perform_destroy(self, instance):
        _require_supervisor_of(self.request.user, instance.unit)
        super().perform_destroy(instance)


class FindingViewSet(AtomicWritesMixin, viewsets.ModelViewSet):
    """Findings (strengths, limitations) of visits in scope, with the indicator and figure observed."""

    serializer_class = FindingSerializer
    permission_classes = [SignedIn]
    filterset_class = FindingFilter

    def get_queryset(self):
        return Finding.objects.filter(visit__in=visible_visits(self.request.user)).order_by("visit", "order", "id")

    def perform_create(self, serializer):
        _require_supervisor_of(self.request.user, serializer.validated_data["visit"].unit)
        super().perform_create(serializer)

    def perform_update(self, serializer):
        _require_supervisor_of(self.request.user, serializer.instance.visit.unit)
        if "visit" in serializer.validated_data:
            _require_supervisor_of(self.request.user, serializer.validated_data["visit"].unit)
        super().perform_update(serializer)

    def perform_destroy(self, instance):
        _require_supervisor_of(self.request.user, instance.visit.unit)
        super().perform_destroy(instance)


def register(router):
    router.register("tasks", TaskViewSet, basename="task")
    router.register("supervisions", SupervisionViewSet, basename="supervision")
    router.register("visits", VisitViewSet, basename="visit")
    router.register("findings", FindingViewSet, basename="finding")


__all__ = ["register"]
