from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnitsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "units"
    verbose_name = _("Đơn vị báo cáo")

    def ready(self):
        from . import signals

        signals.connect()

        from . import logins  # noqa: F401 - connects the token revocation on a password change
