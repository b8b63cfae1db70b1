from django.apps import AppConfig


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reports"
    verbose_name = "Báo cáo"

    def ready(self):
        from indicators.figure_cache import generations_moved

        from .warmup import schedule_warm_up

        generations_moved.connect(lambda sender, scopes, **kw: schedule_warm_up(scopes), weak=False,
                                  dispatch_uid="reports-warm-up")
