from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

admin.site.site_header = "Quản trị hệ thống theo dõi chỉ tiêu chuyển đổi số"
admin.site.site_title = "Quản trị CĐS"
admin.site.index_title = "Cấu hình nghị quyết, chỉ tiêu, đơn vị và người dùng"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("config.api_urls")),
    path("dang-nhap/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("giam-sat/", include("resolutions.urls")),  # supervisions, visits, findings, recommendations
    path("", include("units.urls")),  # reorganisations (sắp xếp đơn vị), unit search
    path("", include("indicators.urls")),  # reporting periods, entry forms, workflow
    path("", include("reports.urls")),  # home, dashboards, report runs, Excel imports
]

handler404 = "config.views.page_not_found"
