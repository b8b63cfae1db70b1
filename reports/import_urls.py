"""Excel round trip pages: "Nhập số liệu từ Excel" (download the template, upload it filled)."""

from django.urls import path

from . import import_views

urlpatterns = [
    path("nhap-excel/", import_views.import_page, name="import_excel"),
    path("nhap-excel/tai-mau/", import_views.download_template, name="import_template"),
]
