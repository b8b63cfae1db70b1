from django.apps import AppConfig


class UnitsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "units"
    verbose_name = "Đơn vị báo cáo"

    def ready(self):
        from . import signals

        signals.connect()

        from . import logins  # noqa: F401 - connects the token revocation on a password change
