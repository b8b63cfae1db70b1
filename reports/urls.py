from django.urls import include, path

from reports.dashboards import views

urlpatterns = [
    path("", views.home, name="home"),
    path("", include("reports.dashboards.urls")),  # dashboards, indicator pages, drill-down, completeness
    path("", include("reports.runs.urls")),  # "Báo cáo": report runs and downloads
    path("", include("reports.excel.urls")),  # Excel templates and uploads
    path("", include("reports.notifications.urls")),  # the bell, notifications, their preferences, "Nhắc"
]
