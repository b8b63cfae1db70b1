"""The reports app's pages, one include per sub-package (the API's are wired in config/api_urls.py)."""

from django.urls import include, path

urlpatterns = [
    path("", include("reports.dashboards.urls")),  # home, dashboards, indicator pages, drill-down, completeness
    path("", include("reports.runs.urls")),  # "Báo cáo": report runs and downloads
    path("", include("reports.excel.urls")),  # Excel templates and uploads
    path("", include("reports.notifications.urls")),  # the bell, notifications, their preferences, "Nhắc"
]
