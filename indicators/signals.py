"""Every model write that can change a figure moves the figure cache's generation (indicators.figure_cache)."""

from django.db.models.signals import post_delete, post_save

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


def _bump(sender, **kwargs):
    figure_cache.bump()


def connect():
    from django.apps import apps

    for label in SOURCES:
        model = apps.get_model(label)
        post_save.connect(_bump, sender=model, dispatch_uid=f"figure-cache-save-{label}")
        post_delete.connect(_bump, sender=model, dispatch_uid=f"figure-cache-delete-{label}")
