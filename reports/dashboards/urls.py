"""The home page and the dashboards: resolution, indicator, unit drill-down, completeness (all filters in the
query string)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("theo-doi/nghi-quyet/<int:pk>/", views.resolution_dashboard, name="resolution-dashboard"),
    path("theo-doi/chi-tieu/<int:pk>/", views.indicator_detail, name="indicator-detail"),
    path("theo-doi/don-vi/<int:pk>/", views.unit_detail, name="unit-detail"),
    path("theo-doi/tinh-hinh-bao-cao/", views.completeness_page, name="completeness"),
]
