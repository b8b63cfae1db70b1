from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import set_language

from config.security import healthz
from units import token_views

admin.site.site_header = _("Quản trị hệ thống theo dõi chỉ tiêu chuyển đổi số")
admin.site.site_title = _("Quản trị CĐS")
admin.site.index_title = _("Cấu hình nghị quyết, chỉ tiêu, đơn vị và người dùng")

handler404 = "config.views.page_not_found"  # JSON under /api/, a page elsewhere
handler500 = "config.views.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("config.api_urls")),
    path("healthz", healthz, name="healthz"),
    path("ngon-ngu/", set_language, name="set-language"),  # the header's Tiếng Việt / English switch (POST)
    path("dang-nhap/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("tai-khoan/ma-truy-cap/", token_views.tokens_page, name="api-tokens-page"),
    path("giam-sat/", include("resolutions.urls")),  # supervisions, visits, findings, recommendations
    path("", include("units.urls")),  # reorganisations (sắp xếp đơn vị), unit search
    path("", include("resolutions.target_urls")),  # targets read from a resolution's text (admins)
    path("", include("indicators.urls")),  # reporting periods, entry forms, workflow
    path("", include("reports.urls")),  # home, dashboards, report runs, Excel imports
]

