from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "indicators"
    verbose_name = "Chỉ tiêu và số liệu"

    def ready(self):
        from . import signals

        signals.connect()
