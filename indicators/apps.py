from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "indicators"
    verbose_name = "Chỉ tiêu và số liệu"

    def ready(self):
        from units.reorganisation import register_end_check

        from . import signals

        signals.connect()
        register_end_check(signals.figures_after)
