"""Excel round trip pages: "Nhập số liệu từ Excel" (download the template, upload it filled)."""

from django.urls import path

from . import import_views

urlpatterns = [
    path("nhap-excel/", import_views.import_page, name="import_excel"),
    path("nhap-excel/tai-mau/", import_views.download_template, name="import_template"),
    path("nhap-excel/lan/<int:pk>/", import_views.import_status, name="import_status"),
    path("nhap-excel/lan/<int:pk>/trang-thai/", import_views.import_status_json, name="import_status_json"),
]
