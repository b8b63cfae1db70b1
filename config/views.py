"""Error pages of the whole site, in Vietnamese (templates/400.html … 500.html, 403_csrf.html)."""

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.views import defaults


def csrf_failure(request, reason=""):
    """A form sent after its session changed (opened too long, signed in again): say so and how to go on."""
    return render(request, "403_csrf.html", {"reason": reason, "cookies": bool(request.COOKIES)}, status=403)


def page_not_found(request, exception):
    """404 with the Vietnamese message of an Http404 raised by our code (never a resolver's English).

    Under /api/ the answer is JSON {"detail"} as the contract says, an unknown URL too.
    """
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": gettext("Không tìm thấy.")}, status=404)
    message = ""
    args = getattr(exception, "args", ())
    if args and isinstance(args[0], str | Promise) and not getattr(exception, "__module__", "").startswith("django.urls"):
        message = str(args[0])
    return render(request, "404.html", {"message": message, "request_path": request.path}, status=404)


def server_error(request):
    """500: JSON {"detail"} under /api/, the Vietnamese page (templates/500.html) elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": gettext("Máy chủ gặp lỗi; vui lòng thử lại sau.")}, status=500)
    return defaults.server_error(request)
