"""REST API v1: reports (API.md "Reports (Excel)" and "Documents").

POST /api/v1/reports/ {"kind", "resolution", "period", "unit"?, "format"?, "document"?} -> 202 {id, status}
GET  /api/v1/reports/{id}/ -> {id, kind, status, error, created_at, finished_at, download_url}
GET  /api/v1/reports/{id}/download/ -> the .xlsx, .docx or .pdf

`format` and `document` are checked by reports.runs.requests.clean_params (the
one rule for the page and the API): a format the kind does not take, PDF on
a server without LibreOffice, or a bad document field -> 400 in Vietnamese.

Wired in config/api_urls.py: `path("", include("reports.runs.api"))` inside v1_urlpatterns.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import APIException, PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from reports import queue
from reports.models import ReportKind

from . import access, requests
from .views import file_response


class ReportRequestSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ReportKind.choices)
    resolution = serializers.IntegerField(required=False, allow_null=True)
    period = serializers.IntegerField(required=False, allow_null=True)
    unit = serializers.IntegerField(required=False, allow_null=True)
    format = serializers.CharField(required=False, allow_blank=True, allow_null=True,
                                   help_text=_("xlsx | docx | pdf (mặc định: narrative docx, các loại khác xlsx)"))
    document = serializers.JSONField(required=False, allow_null=True,
                                     help_text="{number, place, signer, signer_title, authority, recipients: [...]}")


class ReportRunSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    status = serializers.CharField()
    error = serializers.CharField()
    created_at = serializers.DateTimeField()
    finished_at = serializers.DateTimeField(allow_null=True)
    download_url = serializers.SerializerMethodField()

    def get_download_url(self, run) -> str | None:
        if run.status != "done":
            return None
        url = reverse("api-report-download", args=[run.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


class QueueUnavailable(APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = queue.QueueUnavailable.message
    default_code = "queue_unavailable"


class ReportListCreate(APIView):
    @extend_schema(
        request=ReportRequestSerializer,
        responses={202: inline_serializer("ReportAccepted", {"id": serializers.IntegerField(), "status": serializers.CharField()}),
                   503: OpenApiResponse(description=_("Hàng đợi (Redis) không phản hồi: {detail}; không tạo lượt nào"))},
        summary=_("Yêu cầu tạo báo cáo (Excel, Word, PDF)"),
    )
    def post(self, request):
        data = ReportRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        params = {k: data.validated_data.get(k) for k in ("resolution", "period", "unit", "format", "document")}
        try:
            run = requests.request_report(data.validated_data["kind"], params, request.user)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages) from None
        except DjangoPermissionDenied as exc:
            raise PermissionDenied(str(exc)) from None
        except queue.QueueUnavailable:
            raise QueueUnavailable() from None
        return Response({"id": run.pk, "status": run.status}, status=status.HTTP_202_ACCEPTED)


class ReportDetail(APIView):
    @extend_schema(responses=ReportRunSerializer, summary=_("Trạng thái một lượt tạo báo cáo"))
    def get(self, request, pk):
        run = access.get_run_for_user(request.user, pk)
        return Response(ReportRunSerializer(run, context={"request": request}).data)


class ReportDownload(APIView):
    @extend_schema(responses={(200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"): bytes,
                              (200, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"): bytes,
                              (200, "application/pdf"): bytes},
                   summary=_("Tải tệp của báo cáo"))
    def get(self, request, pk):
        return file_response(access.get_run_for_user(request.user, pk))


urlpatterns = [
    path("reports/", ReportListCreate.as_view(), name="api-reports"),
    path("reports/<int:pk>/", ReportDetail.as_view(), name="api-report-detail"),
    path("reports/<int:pk>/download/", ReportDownload.as_view(), name="api-report-download"),
]
