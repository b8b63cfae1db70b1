"""REST API v1: indicators, targets, periods, values (incl. bulk and history), submissions.

Thin callers: scope comes from `units.access`, figures are checked by
`indicators.rules` through `indicators.services`, the submission workflow
lives in `indicators.workflow`. Domain exceptions become HTTP answers in
`config.api.exception_handler` (FigureError 400, WriteConflict 409).
"""

import django_filters
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from config.api import AtomicWritesMixin, IdFilter, IsAdminOrReadOnly, decimal_text, vietnamese_messages
from units.access import READ_ROLES, get_unit_for_user, scope_q
from units.models import ReportingUnit

from . import bulk, workflow
from .history import value_history
from .models import DataValue, Indicator, Period, Submission, SubmissionStatus, Target
from .periods import PeriodCodeError, parse_code
from .policy import check_entry
from .serializers import (
    BulkItemSerializer,
    BulkResultSerializer,
    BulkSerializer,
    DataValuePatchSerializer,
    DataValueSerializer,
    HistoryItemSerializer,
    IndicatorSerializer,
    PeriodSerializer,
    ReasonSerializer,
    SubmissionSerializer,
    SubmitSerializer,
    TargetSerializer,
    value_text,
)
from .services import WriteConflict, clean_value, record_value

MAX_BULK_ITEMS = 5000


def _within(queryset, unit_id, field="path"):
    """Restrict to the subtree of unit `unit_id` (inclusive); nothing for an unknown unit."""
    unit = ReportingUnit.objects.filter(pk=unit_id).only("path").first()
    if unit is None:
        return queryset.none()
    return queryset.filter(**{f"{field}__startswith": unit.path})


def _get_or_400(model, pk, field, message):
    obj = model.objects.filter(pk=pk).first()
    if obj is None:
        raise serializers.ValidationError({field: [message]})
    return obj


def _reason(request):
    return request.data.get("reason") if hasattr(request.data, "get") else None


def _unit_for_entry(user, unit_id):
    """The unit if the user may see it (404 when unknown or out of scope); the entry role of the
    period is checked by indicators.policy (403)."""
    return get_unit_for_user(user, unit_id, READ_ROLES)


# --- reference data ----------------------------------------------------------

class IndicatorFilter(django_filters.FilterSet):
    resolution = IdFilter(field_name="resolution_id")
    pillar = IdFilter(field_name="pillar_id")
    code = django_filters.CharFilter(field_name="code", lookup_expr="iexact")

    class Meta:
        model = Indicator
        fields = ["resolution", "code", "pillar"]


class IndicatorViewSet(AtomicWritesMixin, viewsets.ModelViewSet):
    serializer_class = IndicatorSerializer
    permission_classes = [IsAdminOrReadOnly]
    filterset_class = IndicatorFilter
    queryset = Indicator.objects.prefetch_related("targets", "assigned_units").order_by("resolution", "order", "code", "id")


class TargetFilter(django_filters.FilterSet):
    indicator = IdFilter(field_name="indicator_id")

    class Meta:
        model = Target
        fields = ["indicator"]


class TargetViewSet(AtomicWritesMixin, viewsets.ModelViewSet):
    serializer_class = TargetSerializer
    permission_classes = [IsAdminOrReadOnly]
    filterset_class = TargetFilter
    queryset = Target.objects.order_by("indicator", "year", "unit_kind", "id")


class PeriodFilter(django_filters.FilterSet):
    code = django_filters.CharFilter(field_name="code", lookup_expr="iexact")
    year = IdFilter(field_name="year", max_value=32767)
    kind = django_filters.CharFilter(field_name="kind")

    class Meta:
        model = Period
        fields = ["code", "year", "kind"]


class PeriodViewSet(AtomicWritesMixin, viewsets.ModelViewSet):
    """Reporting periods. `POST {"code": "2024-Q3"}` derives everything else; a duplicate code → 409."""

    serializer_class = PeriodSerializer
    permission_classes = [IsAdminOrReadOnly]
    filterset_class = PeriodFilter
    queryset = Period.objects.order_by("-end", "kind", "id")

    @extend_schema(responses={201: PeriodSerializer, 409: OpenApiResponse(description="Mã kỳ đã có: {detail, id}")})
    def create(self, request, *args, **kwargs):
        code = request.data.get("code") if hasattr(request.data, "get") else None
        if code:
            try:
                spec = parse_code(str(code))
            except PeriodCodeError as exc:
                raise serializers.ValidationError({"code": [str(exc)]}) from None
            existing = Period.objects.filter(kind=spec.kind, year=spec.year, number=spec.number).first()
            if existing:
                return Response(
                    {"detail": _("Kỳ báo cáo %(code)s (%(label)s) đã có.") % {"code": existing.code, "label": existing.label},
                     "id": existing.pk},
                    status=status.HTTP_409_CONFLICT,
                )
        return super().create(request, *args, **kwargs)


# --- values ------------------------------------------------------------------

class DataValueFilter(django_filters.FilterSet):
    unit = IdFilter(field_name="unit_id")
    period = IdFilter(field_name="period_id")
    indicator = IdFilter(field_name="indicator_id")
    resolution = IdFilter(field_name="indicator__resolution_id")
    within = IdFilter(method="filter_within", label=gettext_lazy("Cây đơn vị (id, gồm cả đơn vị đó)"))

    class Meta:
        model = DataValue
        fields = ["unit", "period", "indicator", "resolution", "within"]

    def filter_within(self, queryset, name, value):
        return _within(queryset, value, field="unit__path")


@extend_schema_view(
    create=extend_schema(
        request=DataValueSerializer,
        responses={201: DataValueSerializer, 409: OpenApiResponse(description="Đã có số liệu: {detail, id}")},
    ),
    partial_update=extend_schema(
        request=DataValuePatchSerializer,
        responses={200: DataValueSerializer, 409: OpenApiResponse(description="Phiên bản cũ: {detail, id, version}")},
    ),
)
class DataValueViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Figures of the units in the caller's scope.

    `value` is derived: percent as a string quantized to max(2, indicator
    decimals) decimals; count/boolean as the plain number; null when there
    is nothing to compute.
    """

    serializer_class = DataValueSerializer
    filterset_class = DataValueFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return (
            DataValue.objects.filter(scope_q(self.request.user, READ_ROLES, field="unit__path"))
            .select_related("indicator", "updated_by")
            .order_by("id")
        )

    def create(self, request, *args, **kwargs):
        ser = DataValueSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        data = ser.validated_data
        unit = _unit_for_entry(request.user, data["unit_id"])
        indicator = _get_or_400(Indicator, data["indicator_id"], "indicator", _("Không tìm thấy chỉ tiêu."))
        period = _get_or_400(Period, data["period_id"], "period", _("Không tìm thấy kỳ báo cáo."))
        check_entry(request.user, unit, period)  # 403 before any figure is judged
        numerator, denominator = data.get("numerator"), data.get("denominator")
        # The shared rule (unit active on the period's last day, frequency, figures): bad input (400) before
        # conflicts (409).
        clean_value(unit, indicator, numerator, denominator, period=period)
        existing = DataValue.objects.filter(unit=unit, indicator=indicator, period=period).only("pk").first()
        if existing is not None:
            return Response(
                {"detail": _("Đã có số liệu chỉ tiêu %(code)s của %(unit)s kỳ %(period)s; hãy sửa bằng PATCH kèm "
                             "phiên bản.") % {"code": indicator.code, "unit": unit.name, "period": period.label},
                 "id": existing.pk},
                status=status.HTTP_409_CONFLICT,
            )
        try:
            dv, _created = record_value(unit=unit, indicator=indicator, period=period, numerator=numerator,
                                 denominator=denominator, note=data.get("note") or "", user=request.user,
                                 version=None, reason="Nhập qua API")
        except WriteConflict as exc:
            if exc.current is None:
                exc.current = DataValue.objects.filter(unit=unit, indicator=indicator, period=period).first()
            raise
        return Response(DataValueSerializer(dv).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        dv = self.get_object()
        ser = DataValuePatchSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        data = ser.validated_data
        check_entry(request.user, dv.unit, dv.period)  # before reading the figures: 403, not a 400
        note = None
        if "note" in data:
            note = data["note"] or ""
        dv, _created = record_value(
            unit=dv.unit, indicator=dv.indicator, period=dv.period,
            numerator=data["numerator"] if "numerator" in data else dv.numerator,
            denominator=data["denominator"] if "denominator" in data else dv.denominator,
            note=note, user=request.user, version=data["version"], reason="Sửa qua API",
        )
        return Response(DataValueSerializer(dv).data)

    # -- bulk ------------------------------------------------------------------
    @extend_schema(
        request=BulkSerializer,
        responses={
            200: BulkResultSerializer,
            400: OpenApiResponse(description="{detail, errors: [{index, field, message}]} — không lưu gì"),
            403: OpenApiResponse(description="Có dòng ngoài phạm vi được nhập: {detail, errors} — không lưu gì"),
            409: OpenApiResponse(description="Có dòng đang bị khóa/đã gửi/phiên bản cũ: {detail, errors}"),
        },
    )
    @action(detail=False, methods=["post"])
    def bulk(self, request):
        """Upsert every item in one transaction, or save nothing.

        Every item is checked first; all problems are listed with their index.
        Status: 403 when any item is outside what the caller may enter (unknown
        units look the same), else 400 for bad input, else 409 for state
        conflicts (locked period, submitted/approved report, stale `version`).
        An item without `version` updates the current value; with `version`
        it must match (optimistic lock), as PATCH.
        """
        raw = request.data.get("values") if hasattr(request.data, "get") else None
        if not isinstance(raw, list):
            raise serializers.ValidationError({"values": [_("Cần gửi danh sách số liệu trong trường “values”.")]})
        if len(raw) > MAX_BULK_ITEMS:
            raise serializers.ValidationError({"values": [_("Tối đa %(max)s số liệu mỗi lần gửi.")
                                                          % {"max": MAX_BULK_ITEMS}]})
        items = []
        parse_errors = []
        for i, item in enumerate(raw):
            s = BulkItemSerializer(data=item)
            if s.is_valid():
                items.append(dict(s.validated_data))
                continue
            items.append(None)
            for field, msgs in s.errors.items():
                parse_errors.append(("invalid", i, field, msgs[0] if isinstance(msgs, list) else msgs))
        planned, errors = bulk.plan_items(items, request.user)
        errors = parse_errors + errors
        if errors:
            kinds = {e[0] for e in errors}
            code, detail = (
                (status.HTTP_403_FORBIDDEN, _("Có số liệu ngoài phạm vi bạn được nhập; không có gì được lưu."))
                if "denied" in kinds
                else (status.HTTP_400_BAD_REQUEST, _("Có số liệu không hợp lệ; không có gì được lưu."))
                if "invalid" in kinds
                else (status.HTTP_409_CONFLICT, _("Có số liệu không thể sửa lúc này; không có gì được lưu."))
            )
            listed = [{"index": i, "field": f, "message": vietnamese_messages(str(m))}
                      for _, i, f, m in sorted(errors, key=lambda e: e[1])]
            return Response({"detail": detail, "errors": listed}, status=code)
        try:
            created, updated = bulk.write_values(planned, request.user, "Nhập hàng loạt qua API")
        except bulk.NotWritable as exc:
            listed = [{"index": i, "field": "period", "message": reason} for i, reason in sorted(exc.reasons.items())]
            return Response({"detail": _("Có số liệu không thể sửa lúc này; không có gì được lưu."), "errors": listed},
                            status=status.HTTP_409_CONFLICT)
        except bulk.StaleWrites as exc:
            stale = _("Số liệu vừa được người khác sửa; hãy tải lại.")
            listed = [{"index": i, "field": "version", "message": stale} for i in exc.refs]
            return Response({"detail": _("Có số liệu vừa được người khác sửa; không có gì được lưu."), "errors": listed},
                            status=status.HTTP_409_CONFLICT)
        return Response({"created": created, "updated": updated})

    # -- history -----------------------------------------------------------------
    @extend_schema(responses=HistoryItemSerializer(many=True))
    @action(detail=True, methods=["get"])
    def history(self, request, pk=None):
        """Every change of the value, oldest first: {at, by, field, old, new, reason}.

        The first record lists the fields it was created with (old = null).
        """
        dv = self.get_object()
        indicator = dv.indicator

        def text(field, v):
            if v is None:
                return None
            if field == "value":
                return value_text(indicator, v)
            if field in ("numerator", "denominator"):
                return decimal_text(v)
            return str(v)

        out = [
            {"at": c.at, "by": c.by.username if c.by else None, "reason": c.reason, "field": c.field,
             "old": text(c.field, c.old), "new": text(c.field, c.new)}
            for c in value_history(dv)
        ]
        return Response(HistoryItemSerializer(out, many=True).data)


# --- submissions ---------------------------------------------------------------

class SubmissionFilter(django_filters.FilterSet):
    unit = IdFilter(field_name="unit_id")
    period = IdFilter(field_name="period_id")
    status = django_filters.ChoiceFilter(choices=SubmissionStatus.choices)
    within = IdFilter(method="filter_within", label=gettext_lazy("Cây đơn vị (id, gồm cả đơn vị đó)"))

    class Meta:
        model = Submission
        fields = ["unit", "period", "status", "within"]

    def filter_within(self, queryset, name, value):
        return _within(queryset, value, field="unit__path")


_reason_schema = extend_schema(request=ReasonSerializer, responses={200: SubmissionSerializer})


class SubmissionViewSet(viewsets.ReadOnlyModelViewSet):
    """Each unit's report per period; transitions go through `indicators.workflow`."""

    serializer_class = SubmissionSerializer
    filterset_class = SubmissionFilter

    def get_queryset(self):
        return (
            Submission.objects.filter(scope_q(self.request.user, READ_ROLES, field="unit__path"))
            .select_related("unit", "period", "submitted_by", "approved_by")
            .order_by("id")
        )

    @extend_schema(request=SubmitSerializer, responses={200: SubmissionSerializer})
    @action(detail=False, methods=["post"])
    def submit(self, request):
        ser = SubmitSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        unit = get_unit_for_user(request.user, ser.validated_data["unit"], READ_ROLES)
        period = _get_or_400(Period, ser.validated_data["period"], "period", _("Không tìm thấy kỳ báo cáo."))
        sub = workflow.submit(unit, period, request.user)
        return Response(SubmissionSerializer(sub).data)

    @extend_schema(request=None, responses={200: SubmissionSerializer})
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        sub = workflow.approve(self.get_object(), request.user)
        return Response(SubmissionSerializer(sub).data)

    @_reason_schema
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        sub = workflow.return_submission(self.get_object(), request.user, _reason(request))
        return Response(SubmissionSerializer(sub).data)

    @extend_schema(request=ReasonSerializer, responses={200: SubmissionSerializer}, description="Quản trị viên mở lại báo cáo đã duyệt.")
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        sub = workflow.reopen(self.get_object(), request.user, _reason(request))
        return Response(SubmissionSerializer(sub).data)


__all__ = ["DataValueViewSet", "IndicatorViewSet", "PeriodViewSet", "SubmissionViewSet", "TargetViewSet"]
