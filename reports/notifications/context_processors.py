"""The bell in the header: the signed-in user's unread notifications (reports.notifications.services.unread_count)."""

from django.utils.functional import SimpleLazyObject

from . import services as notifications


def unread_notifications(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": SimpleLazyObject(lambda: _Number(notifications.unread_count(user)))}


class _Number(int):
    """An int a lazy object can stand for."""
