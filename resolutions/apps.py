from django.apps import AppConfig


class ResolutionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "resolutions"
    verbose_name = "Nghị quyết, kế hoạch và giám sát"

    def ready(self):
        from . import handover

        handover.register()
