"""The "Báo cáo" page: report runs (reports.runs.views)."""

from django.urls import path

from . import views

urlpatterns = [
    path("bao-cao/", views.runs, name="report-runs"),
    path("bao-cao/<int:pk>/trang-thai/", views.run_status, name="report-run-status"),
    path("bao-cao/<int:pk>/tai-ve/", views.download, name="report-run-download"),
    path("bao-cao/<int:pk>/chay-lai/", views.retry, name="report-run-retry"),
    path("bao-cao/thong-tin-van-ban/", views.document_defaults, name="report-document-defaults"),
    path("bao-cao/dang-ky/", views.subscribe, name="report-subscribe"),
    path("bao-cao/dang-ky/<int:pk>/huy/", views.unsubscribe, name="report-unsubscribe"),
]
