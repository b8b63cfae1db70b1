"""The unit tree changed: one hook that every writer of units, placements and successions reaches.

Model saves and deletes arrive through Django's signals; bulk writers (the
demo and synthetic loaders, `rebuild_paths`, a reorganisation) call
`tree_changed()` themselves. Receivers of `unit_tree_changed` (the figure
cache in `indicators.signals`) learn of it without `units` importing them.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal

from . import tree

unit_tree_changed = Signal()


def tree_changed(**kwargs):
    """Move the tree version (units.tree) and tell the receivers (figure cache)."""
    tree.changed()
    unit_tree_changed.send(sender=None)


def _on_model_change(sender, **kwargs):
    tree_changed()


def connect():
    # Senders named by string: units.models sends tree_changed() from its bulk writes.
    for name in ("ReportingUnit", "UnitPlacement", "UnitSuccession"):
        post_save.connect(_on_model_change, sender=f"units.{name}", dispatch_uid=f"unit-tree-save-{name}")
        post_delete.connect(_on_model_change, sender=f"units.{name}", dispatch_uid=f"unit-tree-delete-{name}")
