"""Celery jobs of the unit tree: a reorganisation applied in the background with its progress shown.

The job takes the id of a queued Reorganisation, checks its steps again (the
tree may have changed since the preview) and applies them through
units.reorganisation.apply; progress goes to the cache (the apply runs in one
transaction, so the database cannot show it before the end).
"""

import logging

from celery import shared_task
from django.core.cache import cache
from django.utils.translation import gettext

from . import reorganisation
from .models import Reorganisation

log = logging.getLogger(__name__)
PROGRESS_KEY = "units:reorganisation:{}:progress"


def progress_of(reorg_id):
    """(done, total) of a running apply, or None."""
    try:
        return cache.get(PROGRESS_KEY.format(reorg_id))
    except Exception:  # the cache is an optimisation: no progress, the status still tells
        return None


def _report(reorg_id):
    def progress(done, total):
        try:
            cache.set(PROGRESS_KEY.format(reorg_id), (done, total), 3600)
        except Exception:
            pass
    return progress


@shared_task(acks_late=True)
def apply_reorganisation(reorg_id):
    """Apply the queued reorganisation `reorg_id` (the page "Sắp xếp đơn vị"); in the site's language, as
    every task (config.celery.SiteLanguageTask): the error kept on the row is read by every admin."""
    reorg = Reorganisation.objects.filter(pk=reorg_id, status=Reorganisation.Status.QUEUED).first()
    if reorg is None:
        return None
    Reorganisation.objects.filter(pk=reorg_id).update(status=Reorganisation.Status.RUNNING)
    try:
        plan = reorganisation.build_plan({"effective_on": reorg.effective_on, "legal_basis": reorg.legal_basis,
                                          "steps": reorg.steps})
        reorganisation.apply(plan, reorg.applied_by, reorg=reorg, progress=_report(reorg_id))
    except reorganisation.ReorganisationInvalid as exc:
        Reorganisation.objects.filter(pk=reorg_id).update(
            status=Reorganisation.Status.FAILED, error="\n".join(e["message"] for e in exc.errors))
        return None
    except Exception as exc:
        log.exception("reorganisation %s failed", reorg_id)
        Reorganisation.objects.filter(pk=reorg_id).update(
            status=Reorganisation.Status.FAILED,
            error=gettext("Lỗi hệ thống khi áp dụng: %(error)s.") % {"error": exc.__class__.__name__})
        return None
    return reorg_id
