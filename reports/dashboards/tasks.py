"""Celery task of the dashboards: a thin caller of `reports.dashboards.warmup` (its name is fixed: reports.queue)."""

from celery import shared_task

from reports import queue

from . import warmup


@shared_task(name=queue.WARM_FIGURE_CACHE, acks_late=True, ignore_result=True)
def warm_figure_cache(drill_downs=False):
    """After a big invalidation, and every few minutes: recompute the province-wide figures (reports.dashboards.warmup);
    the drill-down pages too after a change of units, indicators, targets or periods."""
    return warmup.warm_figures(drill_downs=drill_downs)
