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
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from config.api import AtomicWritesMixin, FigureField, IdFilter, ScopedRelatedField
from indicators.models import Indicator
from indicators.reach import reaches_ever
from indicators.rules import FigureError, to_decimal
from units.models import ReportingUnit

from .models import Finding, Resolution, Supervision, Task, Visit
from .progress import task_summary
from .views import (
    can_supervise,
    can_update_task,
    can_write_supervision,
    can_write_visit,
    is_supervisor_somewhere,
    reaches,
    visible_supervisions,
    visible_tasks,
    visible_visits,
    visit_problem,
)

PROGRESS_FIELDS = {"status", "progress_note"}


class SignedIn(permissions.BasePermission):
    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated)


# --- serializers -------------------------------------------------------------------
# Ids in a body name objects the caller may use (config.api.ScopedRelatedField): an unknown id and one
# outside the caller's subtree both answer 404 with the same words.


def _in_province_of_user(user, unit):
    """A lead unit: any unit of a province where the user has a role (admins: any)."""
    if user.is_staff:
        return True
    from units.access import _memberships

    return any(
        unit.path.startswith(f"/{(m.unit.ancestor_ids or [m.unit.pk])[0]}/") for m in _memberships(user, ())
    )


def _writable_visit(user, visit):
    return can_write_visit(user, visit)


def _reaches(user, resolution):
    return reaches(user, resolution)


def _supervisable(user, unit):
    return can_supervise(user, unit)


class TaskSerializer(serializers.ModelSerializer):
    resolution = ScopedRelatedField(
        _reaches,
        gettext_lazy("Không tìm thấy văn bản."),
        queryset=Resolution.objects.all(),
        required=False,
        allow_null=True,
    )
    visit = ScopedRelatedField(
        _writable_visit,
        gettext_lazy("Không tìm thấy buổi giám sát."),
        queryset=Visit.objects.select_related("unit", "supervision"),
        required=False,
        allow_null=True,
    )
    lead_unit = ScopedRelatedField(
        _in_province_of_user,
        gettext_lazy("Không tìm thấy đơn vị."),
        queryset=ReportingUnit.objects.all(),
        required=False,
        allow_null=True,
    )

    class Meta:
        model = Task
        fields = [
            "id",
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
        ]
        validators = []  # the numbering constraints are partial: checked by the database (-> 409)

    def validate(self, attrs):
        resolution = attrs.get("resolution", getattr(self.instance, "resolution", None))
        visit = attrs.get("visit", getattr(self.instance, "visit", None))
        lead = attrs.get("lead_unit", getattr(self.instance, "lead_unit", None))
        if resolution is None and visit is None:
            raise serializers.ValidationError(
                {"resolution": [_("Nhiệm vụ phải thuộc một văn bản hoặc một buổi giám sát.")]}
            )
        if lead is not None:
            if visit is not None:
                root = (visit.unit.ancestor_ids or [visit.unit.pk])[0]
                if not lead.path.startswith(f"/{root}/"):
                    raise serializers.ValidationError(
                        {"lead_unit": [_("Đơn vị chủ trì phải thuộc tỉnh của đơn vị được giám sát.")]}
                    )
            elif resolution is not None and not reaches_ever(resolution, lead):
                raise serializers.ValidationError(
                    {
                        "lead_unit": [
                            _("Đơn vị chủ trì nằm ngoài phạm vi của %(resolution)s.")
                            % {"resolution": resolution}
                        ]
                    }
                )
        return attrs


class SupervisionSerializer(serializers.ModelSerializer):
    resolution = ScopedRelatedField(
        _reaches,
        gettext_lazy("Không tìm thấy văn bản."),
        queryset=Resolution.objects.all(),
        required=False,
        allow_null=True,
    )
    members = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text=gettext_lazy("Mỗi thành viên một dòng."),
        max_length=Supervision._meta.get_field("members").max_length,
    )
    member_list = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Supervision
        fields = [
            "id",
            "decision_ref",
            "decision_date",
            "title",
            "resolution",
            "kind",
            "issuer",
            "chair",
            "members",
            "member_list",
        ]


class VisitSerializer(serializers.ModelSerializer):
    supervision = ScopedRelatedField(
        lambda user, sup: reaches(user, sup.resolution),
        gettext_lazy("Không tìm thấy cuộc giám sát."),
        queryset=Supervision.objects.select_related("resolution"),
    )
    unit = ScopedRelatedField(
        _supervisable, gettext_lazy("Không tìm thấy đơn vị."), queryset=ReportingUnit.objects.all()
    )

    class Meta:
        model = Visit
        fields = ["id", "supervision", "unit", "date", "summary"]

    def validate(self, attrs):
        sup = attrs.get("supervision", getattr(self.instance, "supervision", None))
        unit = attrs.get("unit", getattr(self.instance, "unit", None))
        problem = visit_problem(self.context["request"].user, sup, unit) if sup and unit else None
        if problem:
            raise serializers.ValidationError({"unit": [problem]})
        return attrs


class FindingSerializer(serializers.ModelSerializer):
    visit = ScopedRelatedField(
        _writable_visit,
        gettext_lazy("Không tìm thấy buổi giám sát."),
        queryset=Visit.objects.select_related("unit", "supervision"),
    )
    indicator = ScopedRelatedField(
        lambda user, ind: reaches(user, ind.resolution),
        gettext_lazy("Không tìm thấy chỉ tiêu."),
        queryset=Indicator.objects.select_related("resolution"),
        required=False,
        allow_null=True,
    )
    value = FigureField()

    class Meta:
        model = Finding
        fields = ["id", "visit", "kind", "text", "indicator", "value", "order"]

    def validate(self, attrs):
        visit = attrs.get("visit", getattr(self.instance, "visit", None))
        indicator = attrs.get("indicator", getattr(self.instance, "indicator", None))
        if visit is not None and indicator is not None:
            res_id = visit.supervision.resolution_id
            if (res_id and indicator.resolution_id != res_id) or not reaches_ever(
                indicator.resolution, visit.unit
            ):
                raise serializers.ValidationError(
                    {
                        "indicator": [
                            _("Chỉ tiêu không thuộc văn bản của cuộc giám sát hoặc không áp dụng cho đơn vị.")
                        ]
                    }
                )
        return attrs

    def validate_value(self, raw):
        try:
            return to_decimal(raw, "value", _("Số liệu ghi nhận"))
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
        raise PermissionDenied(
            _("Chỉ đoàn giám sát phụ trách đơn vị này hoặc quản trị được ghi dữ liệu giám sát.")
        )


class TaskViewSet(AtomicWritesMixin, viewsets.ModelViewSet):
    """Tasks of resolutions and recommendations of visits. Lead units PATCH status and progress_note."""

    serializer_class = TaskSerializer
    permission_classes = [SignedIn]
    filterset_class = TaskFilter

    def get_queryset(self):
        return (
            visible_tasks(self.request.user)
            .select_related("visit__unit", "lead_unit")
            .order_by("resolution", "visit", "group", "number", "id")
        )

    def _check_write(self, data, instance=None):
        """Admins anything. A supervisor: recommendations of visits they supervise, the task as it stands
        included (pointing someone else's task at one's own visit does not make it one's own). The lead
        unit: status and progress note only. A new `visit` is checked by its field (404 when not the caller's)."""
        user = self.request.user
        if user.is_staff:
            return
        if instance is None:
            if data.get("visit") is not None:
                return
            raise PermissionDenied(
                _(
                    "Chỉ quản trị viên được tạo nhiệm vụ của văn bản; đoàn giám sát ghi kiến nghị "
                    "của buổi giám sát (trường visit)."
                )
            )
        if instance.visit_id and can_write_visit(user, instance.visit):
            return
        if set(data) <= PROGRESS_FIELDS and can_update_task(user, instance):
            return
        raise PermissionDenied(
            _(
                "Bạn không có quyền thay đổi nhiệm vụ này "
                "(đơn vị chủ trì chỉ được cập nhật tình trạng và tiến độ)."
            )
        )

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
            raise PermissionDenied(_("Chỉ đoàn giám sát hoặc quản trị được xóa kiến nghị."))
        super().perform_destroy(instance)

    @extend_schema(
        parameters=[OpenApiParameter("resolution", OpenApiTypes.INT, required=True)],
        responses={
            200: inline_serializer(
                "TaskSummary",
                {
                    "pillar": serializers.IntegerField(allow_null=True),
                    "label": serializers.CharField(),
                    "total": serializers.IntegerField(),
                    "done": serializers.IntegerField(),
                    "in_progress": serializers.IntegerField(),
                    "not_started": serializers.IntegerField(),
                    "overdue": serializers.IntegerField(),
                },
                many=True,
            )
        },
    )
    @action(detail=False, methods=["get"], pagination_class=None, filter_backends=[])
    def summary(self, request):
        """Counts per pillar: total, done, in_progress, not_started, overdue (task_summary)."""
        raw = request.query_params.get("resolution")
        if not raw or not raw.isdigit():
            raise serializers.ValidationError({"resolution": [_("Trường này là bắt buộc (id văn bản).")]})
        tasks = self.get_queryset().filter(resolution_id=int(raw), visit__isnull=True)
        return Response(
            [
                {
                    "pillar": s.pillar_id,
                    "label": s.label,
                    "total": s.total,
                    "done": s.done,
                    "in_progress": s.in_progress,
                    "not_started": s.not_started,
                    "overdue": s.overdue,
                }
                for s in task_summary(Task.objects.filter(pk__in=tasks.values("pk")))
            ]
        )


class SupervisionViewSet(AtomicWritesMixin, viewsets.ModelViewSet):
    """Supervision / inspection programmes. Write: admins and supervisors."""

    serializer_class = SupervisionSerializer
    permission_classes = [SignedIn]
    filterset_class = SupervisionFilter

    def get_queryset(self):
        return visible_supervisions(self.request.user).order_by("-decision_date", "decision_ref", "id")

    def _check(self, instance=None):
        user = self.request.user
        if not is_supervisor_somewhere(user):
            raise PermissionDenied(_("Chỉ đoàn giám sát hoặc quản trị được ghi dữ liệu giám sát."))
        if instance is not None and not can_write_supervision(user, instance):
            raise PermissionDenied(
                _("Cuộc giám sát này có buổi làm việc hoặc văn bản ngoài phạm vi bạn phụ trách.")
            )

    def perform_create(self, serializer):
        self._check()
        super().perform_create(serializer)

    def perform_update(self, serializer):
        self._check(serializer.instance)
        resolution = serializer.validated_data.get("resolution", serializer.instance.resolution)
        if resolution is not None:
            outside = [
                v.unit.name
                for v in serializer.instance.visits.select_related("unit")
                if not reaches_ever(resolution, v.unit)
            ]
            if outside:
                raise serializers.ValidationError(
                    {
                        "resolution": [
                            _("Có buổi giám sát ngoài phạm vi của %(resolution)s: %(units)s.")
                            % {"resolution": resolution, "units": ", ".join(outside)}
                        ]
                    }
                )
        super().perform_update(serializer)

    def perform_destroy(self, instance):
        self._check(instance)
        super().perform_destroy(instance)


class VisitViewSet(AtomicWritesMixin, viewsets.ModelViewSet):
    """Visits of units in the caller's scope. Write: supervisors of the unit's scope, admins."""

    serializer_class = VisitSerializer
    permission_classes = [SignedIn]
    filterset_class = VisitFilter

    def get_queryset(self):
        return visible_visits(self.request.user).select_related("unit").order_by("-date", "id")

    def perform_update(self, serializer):
        _require_supervisor_of(self.request.user, serializer.instance.unit)  # the new unit: its field
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
        return Finding.objects.filter(visit__in=visible_visits(self.request.user)).order_by(
            "visit", "order", "id"
        )

    def perform_update(self, serializer):
        _require_supervisor_of(self.request.user, serializer.instance.visit.unit)  # the new visit: its field
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
