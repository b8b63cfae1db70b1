from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reports"
    verbose_name = _("Báo cáo")

    def ready(self):
        from indicators.figure_cache import generations_moved

        # Every tasks module, so their tasks are registered wherever Django starts (web, worker, beat):
        # the services queue them by name (reports.queue), and Celery's autodiscovery only looks for
        # `reports.tasks`.
        from .dashboards import tasks as _dashboard_tasks  # noqa: F401
        from .dashboards.warmup import schedule_warm_up
        from .excel import tasks as _excel_tasks  # noqa: F401
        from .notifications import services as notifications
        from .notifications import tasks as _notification_tasks  # noqa: F401
        from .runs import tasks as _run_tasks  # noqa: F401

        notifications.connect()

        generations_moved.connect(
            lambda sender, period_id, indicator_ids, **kw: schedule_warm_up(period_id, indicator_ids),
            weak=False, dispatch_uid="reports-warm-up")
