"""Reverting an applied reorganisation, while no figure exists for a period ending on or after its date.

Reads the undo data applying.py kept on the row, in reverse order: hand-overs, memberships, placements,
successions, end dates, then the units it created.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext

from ..models import Membership, Reorganisation, ReportingUnit, UnitPlacement, UnitSuccession
from ..signals import tree_changed
from ..tree import tree_on
from .registries import HANDOVERS


class RevertRefused(Exception):
    """A reorganisation that can no longer be reverted (figures entered after its date)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def touched_units(reorg):
    """Ids of the units a reorganisation changed, and everything under them on its date."""
    r = reorg.result
    ids = set(r.get("ended", [])) | {c["id"] for c in r.get("created", [])} | {m["unit"] for m in r.get("moved", [])}
    ids |= {m["to"] for m in r.get("moved", [])}
    tree = tree_on(reorg.effective_on)
    return tree.subtrees(ids) | ids


@transaction.atomic
def revert(reorg, user=None):
    """Undo an applied reorganisation while no figure exists for a period ending on or after its date
    in the subtrees it touched (RevertRefused otherwise)."""
    from django.apps import apps

    reorg = Reorganisation.objects.select_for_update().get(pk=reorg.pk)
    if reorg.reverted_at is not None:
        raise RevertRefused(gettext("Đợt sắp xếp này đã được hoàn tác."))
    if reorg.status != Reorganisation.Status.APPLIED:
        raise RevertRefused(gettext("Chỉ hoàn tác được đợt sắp xếp đã áp dụng."))
    later = Reorganisation.objects.filter(reverted_at__isnull=True, status=Reorganisation.Status.APPLIED,
                                          applied_at__gt=reorg.applied_at).exclude(pk=reorg.pk)
    if later.exists():
        raise RevertRefused(gettext("Đã có đợt sắp xếp đơn vị áp dụng sau đợt này; hãy hoàn tác đợt sau trước."))
    DataValue = apps.get_model("indicators", "DataValue")
    touched = touched_units(reorg)
    if DataValue.objects.filter(unit_id__in=sorted(touched), period__end__gte=reorg.effective_on).exists():
        raise RevertRefused(
            gettext("Đã có số liệu của kỳ kết thúc từ ngày %(date)s trở đi cho các đơn vị liên quan; "
                    "không thể hoàn tác đợt sắp xếp này.") % {"date": f"{reorg.effective_on:%d/%m/%Y}"}
        )
    undo = reorg.result.get("undo", {})
    for name, _, revert_fn in reversed(HANDOVERS):
        if name in undo.get("handovers", {}):
            revert_fn(undo["handovers"][name])
    Membership.objects.filter(pk__in=undo.get("memberships", [])).delete()
    for move in reversed(undo.get("placements", [])):
        pk = move["unit"]
        keep = {p for p, _ in move["before"]}
        UnitPlacement.objects.filter(unit_id=pk).exclude(pk__in=keep).delete()
        for p, end in move["before"]:
            UnitPlacement.objects.filter(pk=p).update(valid_to=parse_date(end) if end else None)
        # The placements are restored above; the parent mirror follows them (paths: rebuild_paths below).
        ReportingUnit.objects.filter(pk=pk).update(parent_id=move["parent"])
    UnitSuccession.objects.filter(pk__in=undo.get("successions", [])).delete()
    for pk, end in undo.get("ended", {}).items():
        ReportingUnit.objects.filter(pk=int(pk)).update(valid_to=parse_date(end) if end else None)
    for pk in reversed(undo.get("created", [])):
        UnitPlacement.objects.filter(unit_id=pk).delete()
        ReportingUnit.objects.filter(pk=pk).delete()
    ReportingUnit.objects.rebuild_paths()
    reorg.reverted_at = timezone.now()
    reorg.reverted_by = user
    reorg.save(update_fields=["reverted_at", "reverted_by"])
    tree_changed()
    return reorg
