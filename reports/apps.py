from django.apps import AppConfig


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reports"
    verbose_name = "Báo cáo"

    def ready(self):
        from indicators.figure_cache import generations_moved
        from reports.dashboards.warmup import schedule_warm_up
        from reports.notifications import services as notifications

        notifications.connect()

        generations_moved.connect(
            lambda sender, period_id, indicator_ids, **kw: schedule_warm_up(period_id, indicator_ids),
            weak=False, dispatch_uid="reports-warm-up")
