"""Celery task of the Excel import: a thin caller of `reports.excel.jobs` (its name is fixed: reports.queue)."""

from celery import shared_task

from reports import queue

from . import jobs


@shared_task(name=queue.IMPORT_FILE, acks_late=True)
def import_file(import_id):
    """Check and import a large Excel upload (reports.excel.jobs), all or nothing, with progress."""
    run = jobs.run_import(import_id)
    return run.status if run else None
