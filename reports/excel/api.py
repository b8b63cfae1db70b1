"""REST API v1, Excel import (API.md "Excel import"); paths relative to /api/v1/.

- GET  imports/template/?unit=&period=[&resolution=][&children=true] -> the .xlsx template
  (404 for a unit unknown or outside the caller's scope, 403 without the role "entry").
- POST imports/ multipart `file` -> 200 {"created", "updated"} or 400 {"errors": [{sheet, row, column, message}]},
  nothing saved then. A file above IMPORT_SYNC_MAX_BYTES is checked by the worker: 202 {"id", "status",
  "status_url"}; GET imports/{id}/ -> its progress, then its result or its errors (reports.excel.jobs).

Thin: the work is in `reports.excel.template` and `reports.excel.saving`.
"""

from django.http import HttpResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import APIException
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from reports.queue import QueueUnavailable

from . import jobs
from .export.sheet import XLSX_CONTENT_TYPE
from .reading import ImportErrors
from .saving import import_workbook
from .template import template_for_request

TRUE_WORDS = ("1", "true", "yes", "on")


def _error_list(message):
    return {"errors": [{"sheet": None, "row": None, "column": None, "message": message}]}


class ImportTemplateView(APIView):
    """The Excel template of a unit (and, with children=true, the units below it) for a period."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="imports_template",
        tags=["imports"],
        parameters=[
            OpenApiParameter("unit", OpenApiTypes.INT, required=True, description=gettext_lazy("id đơn vị")),
            OpenApiParameter("period", OpenApiTypes.INT, required=True, description=gettext_lazy("id kỳ báo cáo")),
            OpenApiParameter("resolution", OpenApiTypes.INT, required=False, description=gettext_lazy("id nghị quyết / kế hoạch")),
            OpenApiParameter("children", OpenApiTypes.BOOL, required=False,
                             description=gettext_lazy("kèm các đơn vị trực thuộc mà người dùng được nhập liệu")),
        ],
        responses={
            (200, XLSX_CONTENT_TYPE): OpenApiTypes.BINARY,
            400: OpenApiResponse(description=gettext_lazy("Thiếu hoặc sai tham số: {field: [message]}")),
            403: OpenApiResponse(description=gettext_lazy("Không có vai trò nhập liệu cho đơn vị")),
            404: OpenApiResponse(description=gettext_lazy("Đơn vị, kỳ hoặc văn bản không có / ngoài phạm vi")),
        },
    )
    def get(self, request):
        params = request.query_params
        missing = {}
        for field, label in (("unit", _("Cần chọn đơn vị (id).")), ("period", _("Cần chọn kỳ báo cáo (id)."))):
            value = params.get(field, "")
            if not value.strip().isdigit():
                missing[field] = [label]
        resolution = params.get("resolution") or None
        if resolution is not None and not resolution.strip().isdigit():
            missing["resolution"] = [_("Cần id nghị quyết / kế hoạch (số).")]
        if missing:
            return Response(missing, status=status.HTTP_400_BAD_REQUEST)
        children = params.get("children", "").lower() in TRUE_WORDS
        filename, content = template_for_request(request.user, params["unit"], params["period"], resolution, children)
        response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class _Unavailable(APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = QueueUnavailable.message


def _error_items():
    return inline_serializer("ImportError", {
        "sheet": serializers.CharField(allow_null=True), "row": serializers.IntegerField(allow_null=True),
        "column": serializers.CharField(allow_null=True), "message": serializers.CharField()}, many=True)


class ImportStatusSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=["queued", "running", "done", "refused", "failed"])
    status_label = serializers.CharField()
    phase = serializers.CharField()
    rows_done = serializers.IntegerField()
    rows_total = serializers.IntegerField()
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    errors = _error_items()
    error_count = serializers.IntegerField()
    message = serializers.CharField()
    status_url = serializers.CharField()


class ImportUploadView(APIView):
    """Upload a filled template: every figure is saved, or nothing (all problems listed)."""

    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        operation_id="imports_create",
        tags=["imports"],
        request={"multipart/form-data": inline_serializer("ImportUpload", {"file": serializers.FileField()})},
        responses={
            200: inline_serializer("ImportResult", {"created": serializers.IntegerField(),
                                                    "updated": serializers.IntegerField()}),
            202: inline_serializer("ImportAccepted", {"id": serializers.IntegerField(),
                                                      "status": serializers.CharField(),
                                                      "status_url": serializers.CharField()}),
            400: OpenApiResponse(description=gettext_lazy('{"errors": [{"sheet", "row", "column", "message"}]} — không lưu gì')),
            503: OpenApiResponse(description=gettext_lazy("Tệp lớn: hàng đợi (Redis) không phản hồi, {detail}")),
        },
    )
    def post(self, request):
        upload = request.FILES.get("file")
        if upload is None:
            return Response(_error_list(_("Chưa chọn tệp Excel (trường “file”).")),
                            status=status.HTTP_400_BAD_REQUEST)
        try:
            if jobs.is_large(upload):
                run = jobs.start_import(upload, request.user)
                body = jobs.payload(run, request)
                return Response({"id": run.pk, "status": run.status, "status_url": body["status_url"]},
                                status=status.HTTP_202_ACCEPTED)
            result = import_workbook(upload, request.user)
        except ImportErrors as exc:
            return Response({"errors": exc.errors}, status=status.HTTP_400_BAD_REQUEST)
        except QueueUnavailable:
            raise _Unavailable() from None
        return Response({"created": result.created, "updated": result.updated})


class ImportDetailView(APIView):
    """A large upload's progress, then its result (`created`, `updated`) or its `errors` (status refused)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="imports_retrieve", tags=["imports"], responses={200: ImportStatusSerializer})
    def get(self, request, pk):
        run = jobs.get_import_for_user(request.user, pk)
        return Response(jobs.payload(run, request))


urlpatterns = [
    path("imports/template/", ImportTemplateView.as_view(), name="api-import-template"),
    path("imports/", ImportUploadView.as_view(), name="api-import"),
    path("imports/<int:pk>/", ImportDetailView.as_view(), name="api-import-detail"),
]
