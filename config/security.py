"""Request-level protections: body size, caching of private answers, safe redirects, health.

- `RequestSizeLimitMiddleware`: a body larger than settings.REQUEST_MAX_BYTES is refused (413, in
  Vietnamese) from its Content-Length, before Django reads a byte of it.
- `NoStoreMiddleware`: answers to signed-in users (a session, or an API token header) carry
  `Cache-Control: no-store`: figures never stay in a shared or browser cache.
- `safe_next(request, fallback)`: a posted or queried `next` only when it points to this site.
- `healthz`: database, cache and broker, as JSON (200 when all answer, else 503).
"""

import time

from django.conf import settings
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def _megabytes(n):
    return f"{n / (1024 * 1024):.0f}"


class RequestSizeLimitMiddleware:
    """Refuse a request whose declared body exceeds REQUEST_MAX_BYTES (413) before it is read."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = getattr(settings, "REQUEST_MAX_BYTES", None)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if limit and length > limit:
            message = gettext("Dữ liệu gửi lên quá lớn (%(size)s MB); tối đa %(most)s MB mỗi lần gửi.") % {
                "size": _megabytes(length), "most": _megabytes(limit)}
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=413)
            return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


class NoStoreMiddleware:
    """`Cache-Control: no-store` on every answer to a signed-in user (session or Authorization header)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or request.META.get("HTTP_AUTHORIZATION"):
            add_never_cache_headers(response)  # no-cache, no-store, must-revalidate, private, max-age=0
        return response


def safe_next(request, fallback):
    """The request's `next` (POST, then GET) if it is a path or URL of this site, else `fallback`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return fallback


def _check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _check_cache():
    from django.core.cache import cache

    key = "healthz:probe"
    value = time.time_ns()
    cache.set(key, value, 30)
    if cache.get(key) != value:
        raise RuntimeError("the cache did not keep a value")
    available = getattr(cache, "available", None)
    if available is not None and not available():
        raise RuntimeError("Redis does not answer")


def _check_broker():
    if not settings.REDIS_URL:
        return "eager"  # no broker: tasks run in-process
    from config.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
    return None


@never_cache
@require_GET
def healthz(request):
    """{"status": "ok"|"fail", "database": {...}, "cache": {...}, "broker": {...}}; 503 when one fails."""
    out, ok = {}, True
    for name, check in (("database", _check_database), ("cache", _check_cache), ("broker", _check_broker)):
        started = time.monotonic()
        try:
            mode = check()
        except Exception as exc:  # noqa: BLE001 - the answer names what failed
            ok = False
            out[name] = {"ok": False, "error": f"{type(exc).__name__}: {exc}"[:300]}
        else:
            out[name] = {"ok": True, **({"mode": mode} if mode else {})}
        out[name]["ms"] = round((time.monotonic() - started) * 1000, 1)
    return JsonResponse({"status": "ok" if ok else "fail", **out}, status=200 if ok else 503)
