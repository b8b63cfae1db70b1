"""Values read at most once per web request.

A page asks the same questions many times ("may this user see that unit?",
"which generation are the cached figures at?"). `RequestMemoMiddleware` opens
one memo per request; `memo(name)` returns that request's dict for `name`,
or None outside a request (Celery tasks, commands, tests calling functions
directly), where callers must read afresh every time.
"""

from contextlib import contextmanager
from contextvars import ContextVar

_memos = ContextVar("request_memos", default=None)


def memo(name):
    """This request's dict for `name`, or None outside a request."""
    memos = _memos.get()
    return None if memos is None else memos.setdefault(name, {})


@contextmanager
def request_scope():
    """Open a memo for the duration of one request (or of a test standing for one)."""
    token = _memos.set({})
    try:
        yield
    finally:
        _memos.reset(token)


class RequestMemoMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with request_scope():
            return self.get_response(request)
