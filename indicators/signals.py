"""Every model write that can change a figure moves the figure cache's generation (indicators.figure_cache)."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from . import figure_cache

# Models whose rows feed the cached aggregates: values and who counts (submissions), what is
# compared (targets, indicators), when (periods) and where (units, successions).
SOURCES = [
    "indicators.DataValue",
    "indicators.Submission",
    "indicators.Target",
    "indicators.Indicator",
    "indicators.Period",
    "resolutions.Resolution",
]
# Units, placements and successions: units.signals.unit_tree_changed (model writes and bulk writers alike).


# Rows of one period (and indicator): only the cached figures reading them are invalidated.
PER_PERIOD = {"indicators.DataValue", "indicators.Submission"}


def _bump(sender, **kwargs):
    figure_cache.bump()


def _bump_period(sender, instance, **kwargs):
    indicator_id = getattr(instance, "indicator_id", None)  # a value: its indicator; a submission: all
    figure_cache.bump(period_id=instance.period_id, indicator_ids=[indicator_id] if indicator_id else None)


def connect():
    from django.apps import apps

    from units.signals import unit_tree_changed

    unit_tree_changed.connect(_bump, dispatch_uid="figure-cache-unit-tree")
    # An indicator's assigned units decide who is expected (its reach): a change moves every figure.
    m2m_changed.connect(_bump, sender=apps.get_model("indicators.Indicator").assigned_units.through,
                        dispatch_uid="figure-cache-assigned-units")
    for label in SOURCES:
        model = apps.get_model(label)
        receiver = _bump_period if label in PER_PERIOD else _bump
        post_save.connect(receiver, sender=model, dispatch_uid=f"figure-cache-save-{label}")
        post_delete.connect(receiver, sender=model, dispatch_uid=f"figure-cache-delete-{label}")
