"""Excel round trip pages: "Nhập số liệu từ Excel" (download the template, upload it filled)."""

from django.urls import path

from . import views

urlpatterns = [
    path("nhap-excel/", views.import_page, name="import-excel"),
    path("nhap-excel/tai-mau/", views.download_template, name="import-template"),
    path("nhap-excel/lan/<int:pk>/", views.import_status, name="import-status"),
    path("nhap-excel/lan/<int:pk>/trang-thai/", views.import_status_json, name="import-status-json"),
]
