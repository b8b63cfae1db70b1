"""Pages of the dashboards. Thin: selectors compute, templates show.

Every filter travels in the URL (GET form), so a delegation can share the
exact view it is looking at: ?period=2024-Q3&unit=12&kind=school&approved_only=1.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from config.language import Words
from indicators.models import Indicator, Period
from reports.notifications import reminders
from resolutions.models import Resolution
from units.access import get_unit_for_user, units_for_user
from units.models import UnitKind

from . import selectors
from .charts import sparkline
from .selectors import resolution_overview, visible_resolutions

KINDS = Words(UnitKind.choices)


def _approved_only(request):
    return request.GET.get("approved_only") in ("1", "true", "on")


def _filters(request):
    """(period, unit, kind, approved_only) from the query string; a foreign unit is a 404."""
    period = selectors.find_period(request.GET.get("period"))
    unit = None
    raw_unit = request.GET.get("unit")
    if raw_unit:
        unit = get_unit_for_user(request.user, raw_unit)  # a foreign or unknown unit: 404
    kind = request.GET.get("kind") or None
    if kind not in KINDS:
        kind = None
    return period, unit, kind, _approved_only(request)


def _visible_resolution(user, pk):
    resolution = get_object_or_404(Resolution, pk=pk, is_active=True)
    if selectors.resolution_scope(resolution, user) == []:
        raise Http404(_("Không tìm thấy văn bản."))
    return resolution


@login_required
def home(request):
    """The first screen: every resolution in scope with its indicators' latest status."""
    approved_only = _approved_only(request)
    period = selectors.find_period(request.GET.get("period"))
    overviews = [resolution_overview(r, request.user, period=period, approved_only=approved_only)
                 for r in visible_resolutions(request.user)]
    return render(request, "reports/home.html", {
        "overviews": overviews, "approved_only": approved_only, "period": period,
        "periods": selectors.periods_for(Indicator.objects.filter(is_active=True).only("frequency")),
    })


@login_required
def resolution_dashboard(request, pk):
    """Where a resolution stands: per pillar, indicator and unit kind; summary band; tasks; completeness."""
    resolution = _visible_resolution(request.user, pk)
    period, unit, kind, approved_only = _filters(request)
    dash = selectors.resolution_dashboard(resolution, request.user, period, unit, kind, approved_only)
    for _pillar, lines in dash.pillars:
        for line in lines:
            for r in line.rows:
                r.spark = sparkline([v for _, v in r.series], r.status,
                                    label=_("Xu hướng: %(periods)s") % {"periods": ", ".join(p.label for p, _v in r.series)})
    return render(request, "reports/dashboard.html", {"dash": dash, "ov": dash.overview, "kinds": KINDS})


@login_required
def indicator_detail(request, pk):
    """One indicator: series and target line, projection to the milestone, breakdown and ranking of units."""
    indicator = get_object_or_404(Indicator.objects.select_related("resolution", "pillar"), pk=pk)
    _visible_resolution(request.user, indicator.resolution_id)
    period, unit, kind, approved_only = _filters(request)
    detail = selectors.indicator_detail(indicator, request.user, period, unit, kind, approved_only)
    return render(request, "reports/indicator.html", {"d": detail, "ind": indicator, "kinds": KINDS})


@login_required
def unit_detail(request, pk):
    """A unit's figures, its children's (heat map) and its history of mergers."""
    unit = get_unit_for_user(request.user, pk)
    period = selectors.find_period(request.GET.get("period"))
    resolution = None
    if request.GET.get("resolution"):
        resolution = _visible_resolution(request.user, request.GET["resolution"]) if request.GET["resolution"].isdigit() else None
    detail = selectors.unit_detail(unit, request.user, resolution, period, _approved_only(request))
    for fig, series in detail.own:
        fig.last = next(((p, v) for p, v in reversed(series) if v is not None), None)
        fig.spark = sparkline([v for _, v in series], fig.status,
                              label=_("Xu hướng: %(periods)s") % {"periods": ", ".join(p.label for p, _v in series)})
    return render(request, "reports/unit.html", {"d": detail, "unit": unit})


@login_required
def completeness_page(request):
    """Who has not reported, who was late — for a period and a scope, by unit kind."""
    period, unit, _kind, _approved = _filters(request)
    resolution = None
    if (request.GET.get("resolution") or "").isdigit():
        resolution = _visible_resolution(request.user, request.GET["resolution"])
    resolutions = visible_resolutions(request.user)
    if period is None:
        # Default: the latest period already due with reports in the viewer's scope.
        in_scope = Period.objects.filter(submissions__unit__in=units_for_user(request.user)).distinct().order_by("-end")
        period = (in_scope.filter(deadline__lte=timezone.localdate()).first() or in_scope.first()
                  or Period.objects.order_by("-end").first())
    comp = roots = None
    today = timezone.localdate()
    if period is not None:
        comp, roots = selectors.completeness_for(request.user, period, unit, resolution)
        for k in comp.by_kind:
            k["units_missing"] = k["units_expected"] - k["units_reported"]
        # "Số ngày trễ" and "Nhắc" (once per unit and day, for approvers and supervisors over the unit).
        reminded = reminders.reminded_today(comp.missing, today)
        late_by = max((today - period.deadline).days, 0)
        for u in comp.missing:
            u.days_late = late_by
            u.reminded = reminded.get(u.pk)
            u.can_remind = reminders.can_remind(request.user, u)
        for u, s in comp.late:
            u.days_late = (timezone.localtime(s.submitted_at).date() - period.deadline).days if s.submitted_at else None
    return render(request, "reports/completeness.html", {
        "comp": comp, "period": period, "unit": unit, "resolution": resolution, "resolutions": resolutions,
        "periods": Period.objects.order_by("-end"), "units": selectors.scope_units(request.user, roots, resolution),
        "kinds": KINDS,
    })
