"""The "Báo cáo" page: report runs (reports.run_views)."""

from django.urls import path

from . import run_views

urlpatterns = [
    path("bao-cao/", run_views.runs, name="report-runs"),
    path("bao-cao/<int:pk>/trang-thai/", run_views.run_status, name="report-run-status"),
    path("bao-cao/<int:pk>/tai-ve/", run_views.download, name="report-run-download"),
    path("bao-cao/<int:pk>/chay-lai/", run_views.retry, name="report-run-retry"),
    path("bao-cao/thong-tin-van-ban/", run_views.document_defaults, name="report-document-defaults"),
    path("bao-cao/dang-ky/", run_views.subscribe, name="report-subscribe"),
    path("bao-cao/dang-ky/<int:pk>/huy/", run_views.unsubscribe, name="report-unsubscribe"),
]
