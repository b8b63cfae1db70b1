from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "indicators"
    verbose_name = _("Chỉ tiêu và số liệu")

    def ready(self):
        from units.reorganisation.registries import register_end_check

        from . import changes, context_processors, signals

        signals.connect()
        context_processors.connect()
        changes.connect()
        register_end_check(signals.figures_after)
        _register_api_errors()


def _register_api_errors():
    """How the API answers this app's exceptions (config.api.register_error)."""
    from config.api import register_error

    from .periods import PeriodCodeError
    from .rules import FigureError
    from .services import WriteConflict

    def conflict(exc):
        body = {"detail": exc.message}
        if exc.current is not None:
            body["id"] = exc.current.pk
            body["version"] = getattr(exc.current, "version", None)
        return body, 409

    register_error(FigureError, lambda exc: ({exc.field: [exc.message]}, 400))
    register_error(PeriodCodeError, lambda exc: ({"code": [str(exc)]}, 400))
    register_error(WriteConflict, conflict)
