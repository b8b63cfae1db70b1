"""The menu's "Chờ duyệt (n)": how many reports wait for the signed-in approver.

Cheap on every page: nothing for a user without an approver membership (the memberships are read once
per request anyway), else one cached number per user, dropped whenever a report moves
(`connect`) and at most QUEUE_COUNT_SECONDS old after a change of memberships.
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils.functional import SimpleLazyObject

from units.access import memberships
from units.models import Role

QUEUE_COUNT_SECONDS = 120
GENERATION_KEY = "approval-queue:generation"


def queue_generation():
    """A number moved by every change of a submission (`connect`)."""
    gen = cache.get(GENERATION_KEY)
    if gen is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        gen = cache.get(GENERATION_KEY) or 1
    return gen


def _queue_moved(sender, **kwargs):
    def move():
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:
            cache.add(GENERATION_KEY, 1, timeout=None)

    move()
    transaction.on_commit(move)


def connect():
    """Move the generation on every change of a submission (indicators.apps)."""
    post_save.connect(_queue_moved, sender="indicators.Submission", dispatch_uid="approval-queue-save")
    post_delete.connect(_queue_moved, sender="indicators.Submission", dispatch_uid="approval-queue-delete")


def approval_count(user):
    """How many reports wait for `user`'s approval (None for a user who approves nothing)."""
    if not user.is_authenticated or not (user.is_staff or memberships(user, [Role.APPROVER])):
        return None
    key = f"approval-queue:count:{user.pk}:{queue_generation()}"
    count = cache.get(key)
    if count is None:
        from .workflow import waiting_for_approval

        count = len(waiting_for_approval(user))
        cache.set(key, count, QUEUE_COUNT_SECONDS)
    return count


def approval_queue(request):
    user = getattr(request, "user", None)
    if user is None:
        return {}
    return {"approval_count": SimpleLazyObject(lambda: _Count(approval_count(user)))}


class _Count:
    """A lazily computed count a template can test and print."""

    def __init__(self, n):
        self.n = n

    def __bool__(self):
        return self.n is not None

    def __str__(self):
        return str(self.n or 0)

    @property
    def value(self):
        """The number itself (what `{% blocktranslate count counter=approval_count.value %}` needs)."""
        return self.n or 0
