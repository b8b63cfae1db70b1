"""Pages of the dashboards. Thin: selectors compute, templates show."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .selectors import resolution_overview, visible_resolutions


@login_required
def home(request):
    """The first screen: every resolution in scope with its indicators' latest status."""
    approved_only = request.GET.get("approved_only") in ("1", "true", "on")
    overviews = [resolution_overview(r, request.user, approved_only=approved_only) for r in visible_resolutions(request.user)]
    return render(request, "reports/home.html", {"overviews": overviews, "approved_only": approved_only})
