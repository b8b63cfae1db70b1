"""Vietnamese names for the admin sections of third-party apps that have none.

django-axes marks its model names for translation (locale/vi covers them) but not its app name;
django-rest-knox names neither. Django's documented way to rename an app is an AppConfig subclass
listed in INSTALLED_APPS; a model's name has no such hook, so knox's token gets its names when the
app is ready (its `Meta` sets none, and nothing else reads them).
"""
from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnoxConfig(AppConfig):
    name = "knox"
    verbose_name = _("Mã truy cập API")

    def ready(self):
        token = self.get_model("AuthToken")
        token._meta.verbose_name = _("mã truy cập API")
        token._meta.verbose_name_plural = _("mã truy cập API")


class AxesConfig(AxesAppConfig):
    verbose_name = _("Khóa đăng nhập")
