"""REST API v1, Excel import (API.md "Excel import"); paths relative to /api/v1/.

- GET  imports/template/?unit=&period=[&resolution=][&children=true] -> the .xlsx template
  (404 for a unit unknown or outside the caller's scope, 403 without the role "entry").
- POST imports/ multipart `file` -> 200 {"created", "updated"} or 400 {"errors": [{sheet, row, column, message}]},
  nothing saved then.

Thin: the work is in `reports.imports`.
"""

from django.http import HttpResponse
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from .imports import XLSX_CONTENT_TYPE, ImportErrors, import_workbook, template_for_request

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
            OpenApiParameter("unit", OpenApiTypes.INT, required=True, description="id đơn vị"),
            OpenApiParameter("period", OpenApiTypes.INT, required=True, description="id kỳ báo cáo"),
            OpenApiParameter("resolution", OpenApiTypes.INT, required=False, description="id nghị quyết / kế hoạch"),
            OpenApiParameter("children", OpenApiTypes.BOOL, required=False,
                             description="kèm các đơn vị trực thuộc mà người dùng được nhập liệu"),
        ],
        responses={
            (200, XLSX_CONTENT_TYPE): OpenApiTypes.BINARY,
            400: OpenApiResponse(description="Thiếu hoặc sai tham số: {field: [message]}"),
            403: OpenApiResponse(description="Không có vai trò nhập liệu cho đơn vị"),
            404: OpenApiResponse(description="Đơn vị, kỳ hoặc văn bản không có / ngoài phạm vi"),
        },
    )
    def get(self, request):
        params = request.query_params
        missing = {}
        for field, label in (("unit", "Cần chọn đơn vị (id)."), ("period", "Cần chọn kỳ báo cáo (id).")):
            value = params.get(field, "")
            if not value.strip().isdigit():
                missing[field] = [label]
        resolution = params.get("resolution") or None
        if resolution is not None and not resolution.strip().isdigit():
            missing["resolution"] = ["Cần id nghị quyết / kế hoạch (số)."]
        if missing:
            return Response(missing, status=status.HTTP_400_BAD_REQUEST)
        children = params.get("children", "").lower() in TRUE_WORDS
        filename, content = template_for_request(request.user, params["unit"], params["period"], resolution, children)
        response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


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
            400: OpenApiResponse(description='{"errors": [{"sheet", "row", "column", "message"}]} — không lưu gì'),
        },
    )
    def post(self, request):
        upload = request.FILES.get("file")
        if upload is None:
            return Response(_error_list("Chưa chọn tệp Excel (trường “file”)."),
                            status=status.HTTP_400_BAD_REQUEST)
        try:
            result = import_workbook(upload, request.user)
        except ImportErrors as exc:
            return Response({"errors": exc.errors}, status=status.HTTP_400_BAD_REQUEST)
        return Response({"created": result.created, "updated": result.updated})


urlpatterns = [
    path("imports/template/", ImportTemplateView.as_view(), name="api-import-template"),
    path("imports/", ImportUploadView.as_view(), name="api-import"),
]
