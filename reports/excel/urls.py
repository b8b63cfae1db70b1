"""Excel round trip pages: "Nhập số liệu từ Excel" (download the template, upload it filled)."""

from django.urls import path

from . import views

urlpatterns = [
    path("nhap-excel/", views.import_page, name="import_excel"),
    path("nhap-excel/tai-mau/", views.download_template, name="import_template"),
    path("nhap-excel/lan/<int:pk>/", views.import_status, name="import_status"),
    path("nhap-excel/lan/<int:pk>/trang-thai/", views.import_status_json, name="import_status_json"),
]
