"""Celery task of notifications: a thin caller of `reports.notifications.services` (its name is fixed:
reports.queue)."""

from celery import shared_task

from reports import queue

from . import services


@shared_task(name=queue.SEND_NOTIFICATION_EMAIL, acks_late=True, autoretry_for=queue.TRANSIENT_ERRORS + (OSError,),
             retry_backoff=True, max_retries=5)
def send_notification_email(notification_id):
    """E-mail one notification (enqueued on commit by reports.notifications.services.notify)."""
    return services.send_email(notification_id)
