"""Every model write that can change a figure moves the figure cache's generation (indicators.figure_cache)."""

from django.db.models.signals import post_delete, post_save, pre_save

from . import figure_cache

# Models whose rows feed the cached aggregates: values and who counts (submissions), what is
# compared (targets, indicators), when (periods) and where (units, successions).
SOURCES = [
    "indicators.DataValue",
    "indicators.Submission",
    "indicators.Target",
    "indicators.Indicator",
    "indicators.Period",
    "units.ReportingUnit",
    "units.UnitSuccession",
    "resolutions.Resolution",
]


# Rows of one period (and indicator): only the cached figures reading them are invalidated.
PER_PERIOD = {"indicators.DataValue", "indicators.Submission"}


def _bump(sender, **kwargs):
    figure_cache.bump()


def _bump_period(sender, instance, **kwargs):
    indicator_id = getattr(instance, "indicator_id", None)  # a value: its indicator; a submission: all
    figure_cache.bump(period_id=instance.period_id, indicator_ids=[indicator_id] if indicator_id else None)


# Apps whose text fields never keep a control character (indicators.rules.strip_instance_controls).
TEXT_APPS = ("units", "resolutions", "indicators", "reports", "auth")


def connect():
    from django.apps import apps

    from .rules import strip_instance_controls

    for app in TEXT_APPS:
        for model in apps.get_app_config(app).get_models():
            pre_save.connect(strip_instance_controls, sender=model, dispatch_uid=f"strip-controls-{model._meta.label}")

    for label in SOURCES:
        model = apps.get_model(label)
        receiver = _bump_period if label in PER_PERIOD else _bump
        post_save.connect(receiver, sender=model, dispatch_uid=f"figure-cache-save-{label}")
        post_delete.connect(receiver, sender=model, dispatch_uid=f"figure-cache-delete-{label}")
