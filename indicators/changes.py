"""The one change hook: every write that can change a figure ends in `figures_changed`.

Cached figures (indicators.figure_cache) are only as fresh as the writes that
reach this function. How each write path reaches it:
- saves and deletes of the rows figures read (values, submissions, targets,
  indicators, periods, resolutions) and changes of an indicator's assigned
  units: Django's model signals, connected here (`connect`), so the services,
  the admin, the API and data migrations need no call of their own;
- the unit tree (units, placements, successions; a reorganisation and
  `rebuild_paths` included): `units.signals.unit_tree_changed`, connected
  here, so `units` tells of its changes without importing the figure cache;
- writes that send no model signals (bulk_create / bulk_update / COPY): the
  write service `indicators.bulk.write_values` (the Excel import, the bulk
  API) and the loaders of demo and synthetic data call `figures_changed`
  themselves, the only callers outside this module.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from . import figure_cache

# Models whose rows feed the cached aggregates: values and who counts (submissions), what is
# compared (targets, indicators), when (periods), and which resolutions apply.
SOURCES = [
    "indicators.DataValue",
    "indicators.Submission",
    "indicators.Target",
    "indicators.Indicator",
    "indicators.Period",
    "resolutions.Resolution",
]
# Rows of one period (and indicator): only the cached figures reading them are invalidated.
PER_PERIOD = {"indicators.DataValue", "indicators.Submission"}


def figures_changed(period_id=None, indicator_ids=None):
    """Tell the figure cache what a write changed; call inside the writer's transaction.

    - no argument (units, periods, indicators, targets, resolutions): every figure;
    - `period_id` (a submission): the figures reading that period;
    - `period_id` and `indicator_ids` (values): the figures reading those
      indicators in that period, and those reading values of any period.
    Cached figures are invalidated at once and again when the transaction
    commits (figure_cache.invalidate); after the commit
    `figure_cache.generations_moved` tells the refill (reports.dashboards.warmup).
    """
    figure_cache.invalidate(period_id=period_id, indicator_ids=indicator_ids)


def _everything(sender, **kwargs):
    figures_changed()


def _one_period(sender, instance, **kwargs):
    indicator_id = getattr(instance, "indicator_id", None)  # a value: its indicator; a submission: all
    figures_changed(period_id=instance.period_id, indicator_ids=[indicator_id] if indicator_id else None)


def connect():
    """Connect the model signals and the unit tree's signal to `figures_changed` (indicators.apps)."""
    from django.apps import apps

    from units.signals import unit_tree_changed

    unit_tree_changed.connect(_everything, dispatch_uid="figure-cache-unit-tree")
    # An indicator's assigned units decide who is expected (its reach): a change moves every figure.
    m2m_changed.connect(_everything, sender=apps.get_model("indicators.Indicator").assigned_units.through,
                        dispatch_uid="figure-cache-assigned-units")
    for label in SOURCES:
        model = apps.get_model(label)
        receiver = _one_period if label in PER_PERIOD else _everything
        post_save.connect(receiver, sender=model, dispatch_uid=f"figure-cache-save-{label}")
        post_delete.connect(receiver, sender=model, dispatch_uid=f"figure-cache-delete-{label}")
