"""REST API v1, progress (API.md "Progress"): rollups, ranking of units, completeness.

Computed by the same functions as the dashboard pages (reports.dashboards.selectors →
indicators.figures → indicators.rules): a figure on a page and in the API
is the same figure. Scope: `unit`/`within` must be reachable by the caller
(404 otherwise, as an unknown id); the default is the caller's widest scope
of the resolution (reports.dashboards.selectors.resolution_scope).

Wiring (config/api_urls.py): `path("", include("reports.dashboards.api"))` in v1_urlpatterns.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api import Pagination, decimal_text
from indicators.figures import rank_units
from indicators.models import Indicator
from indicators.rules import value_text  # rates and shares of units with percent_decimals places
from resolutions.models import Resolution
from units.access import roots_within
from units.models import UnitKind

from . import selectors


def target_item(target):
    if target is None:
        return None
    return {"operator": target.operator, "value": decimal_text(target.value), "year": target.year}


def _required(request, name):
    raw = request.query_params.get(name)
    if not raw:
        raise serializers.ValidationError({name: [_("Trường này là bắt buộc.")]})
    return raw


def _int(raw, name):
    try:
        return int(raw)
    except (TypeError, ValueError):
        raise serializers.ValidationError({name: [_("Cần một số nguyên hợp lệ.")]}) from None


def _period(request, required=True):
    raw = request.query_params.get("period")
    if not raw:
        if required:
            raise serializers.ValidationError({"period": [_("Trường này là bắt buộc.")]})
        return None
    period = selectors.find_period(raw)
    if period is None:
        raise serializers.ValidationError({"period": [_("Không tìm thấy kỳ báo cáo “%(code)s”.") % {"code": raw}]})
    return period


def _unit(request, name):
    raw = request.query_params.get(name)
    if not raw:
        return None
    unit = get_unit_or_partial(request.user, _int(raw, name))
    return unit


def get_unit_or_partial(user, unit_id):
    """The unit when the caller reaches at least part of its subtree; 404 otherwise."""
    from units.models import ReportingUnit

    unit = ReportingUnit.objects.filter(pk=unit_id).first()
    if unit is None or roots_within(user, unit) == []:
        raise Http404(_("Không tìm thấy đơn vị."))
    return unit


def _approved_only(request):
    return (request.query_params.get("approved_only") or "").lower() in ("1", "true", "yes", "on")


PARAMS_PROGRESS = [
    OpenApiParameter("resolution", OpenApiTypes.INT, required=True),
    OpenApiParameter("period", OpenApiTypes.STR, required=True, description=gettext_lazy("id hoặc mã kỳ, ví dụ 2024-Q3")),
    OpenApiParameter("unit", OpenApiTypes.INT, description=gettext_lazy("Giới hạn trong cây đơn vị (mặc định: phạm vi rộng nhất)")),
    OpenApiParameter("approved_only", OpenApiTypes.BOOL),
]


class ProgressView(APIView):
    """Each indicator of a resolution rolled up per unit kind, with target and status."""

    @extend_schema(parameters=PARAMS_PROGRESS, responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        resolution = get_object_or_404(Resolution, pk=_int(_required(request, "resolution"), "resolution"))
        period = _period(request)
        unit = _unit(request, "unit")
        if unit is None and selectors.resolution_scope(resolution, request.user) == []:
            raise Http404(_("Không tìm thấy văn bản."))
        roots = selectors.scope_for(request.user, resolution, unit)
        overview = selectors.resolution_overview(resolution, request.user, period, _approved_only(request), roots=roots)
        return Response({
            "resolution": resolution.pk,
            "period": period.pk,
            "unit": unit.pk if unit else None,
            "indicators": [
                {
                    "indicator": ind.pk,
                    "code": ind.code,
                    "name": ind.name,
                    "measure": ind.measure,
                    "by_kind": [
                        {
                            "unit_kind": r.unit_kind,
                            "numerator": decimal_text(r.numerator),
                            "denominator": decimal_text(r.denominator),
                            "value": value_text(ind, r.value, share=True),
                            "units_expected": r.units_expected,
                            "units_reported": r.units_reported,
                            "units_met": r.units_met,
                            "target": target_item(r.target),
                            "status": r.status,
                        }
                        for r in rows
                    ],
                }
                for ind, rows in overview.indicators
            ],
        })


class ProgressUnitsView(GenericAPIView):
    """Units ranked best first by the indicator's direction: which units lag."""

    pagination_class = Pagination

    @extend_schema(
        parameters=[
            OpenApiParameter("indicator", OpenApiTypes.INT, required=True),
            OpenApiParameter("period", OpenApiTypes.STR, required=True),
            OpenApiParameter("within", OpenApiTypes.INT),
            OpenApiParameter("kind", OpenApiTypes.STR, enum=[k for k, _ in UnitKind.choices]),
            OpenApiParameter("approved_only", OpenApiTypes.BOOL),
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        indicator = get_object_or_404(Indicator.objects.select_related("resolution"),
                                      pk=_int(_required(request, "indicator"), "indicator"))
        period = _period(request)
        within = _unit(request, "within")
        kind = request.query_params.get("kind") or None
        if kind is not None and kind not in UnitKind.values:
            raise serializers.ValidationError({"kind": [_("“%(value)s” không phải là lựa chọn hợp lệ.") % {"value": kind}]})
        if within is None and selectors.resolution_scope(indicator.resolution, request.user) == []:
            raise Http404(_("Không tìm thấy chỉ tiêu."))
        roots = selectors.scope_for(request.user, indicator.resolution, within)
        figures = rank_units(indicator, period, roots, kind, _approved_only(request))
        items = [
            {
                "unit": f.unit.pk,
                "code": f.unit.code,
                "name": f.unit.name,
                "kind": f.unit.kind,
                "value": value_text(indicator, f.value, share=True),
                "target": target_item(f.target),
                "status": f.status,
            }
            for f in figures
        ]
        page = self.paginate_queryset(items)
        return self.get_paginated_response(page)


class CompletenessView(APIView):
    """Who had to report for a period, who did, who did on time; the ids still missing."""

    @extend_schema(
        parameters=[
            OpenApiParameter("period", OpenApiTypes.STR, required=True),
            OpenApiParameter("within", OpenApiTypes.INT),
            OpenApiParameter("resolution", OpenApiTypes.INT),
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        period = _period(request)
        within = _unit(request, "within")
        resolution = None
        if request.query_params.get("resolution"):
            resolution = get_object_or_404(Resolution, pk=_int(request.query_params["resolution"], "resolution"))
        comp, _roots = selectors.completeness_for(request.user, period, within, resolution)
        return Response({
            "period": period.pk,
            "units_expected": comp.units_expected,
            "units_reported": comp.units_reported,
            "units_on_time": comp.units_on_time,
            "by_kind": comp.by_kind,
            "missing": [u.pk for u in comp.missing],
            "late": [u.pk for u, _ in comp.late],
        })


urlpatterns = [
    path("progress/", ProgressView.as_view(), name="api-progress"),
    path("progress/units/", ProgressUnitsView.as_view(), name="api-progress-units"),
    path("completeness/", CompletenessView.as_view(), name="api-completeness"),
]

__all__ = ["urlpatterns"]
