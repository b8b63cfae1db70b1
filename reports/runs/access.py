"""Who may request a report run, and who sees which run.

Who may request a report: admins (staff) anything; approvers and supervisors
(`REQUEST_ROLES`) for units within their scope. Who sees a run: its requester,
admins, and for scheduled runs everyone whose read scope covers the run's
scope unit. Entry users and viewers see the scheduled reports of their scope.
"""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from reports.models import ReportRun
from units.access import READ_ROLES, roots_within, scope_q
from units.models import Membership, ReportingUnit, Role
from units.tree import holder_on

REQUEST_ROLES = (Role.APPROVER, Role.SUPERVISOR)


def can_request(user):
    """May the user request reports at all (the form and the API's POST)?"""
    if not user.is_authenticated:
        return False
    return user.is_staff or Membership.objects.filter(user=user, role__in=REQUEST_ROLES).exists()


def visible_runs(user):
    """Runs the user sees: their own; scheduled ones within their scope; admins all."""
    qs = ReportRun.objects.select_related("requested_by", "scope_unit")
    if user.is_staff:
        return qs
    return qs.filter(Q(requested_by=user) | (Q(scheduled=True, scope_unit__isnull=False)
                                             & scope_q(user, READ_ROLES, field="scope_unit__path")))


def get_run_for_user(user, run_id):
    """The run if the user sees it, else 404 (unknown and forbidden look the same)."""
    run = visible_runs(user).filter(pk=run_id).first() if str(run_id).isdigit() else None
    if run is None:
        raise Http404(_("Không tìm thấy báo cáo."))
    return run


def default_scope(user, resolution, period=None):
    """The scope when no unit is chosen: the unit holding the resolution on the period's last day (its owner,
    or its successor after a merger), or the user's one root."""
    holder = None
    if resolution is not None and resolution.owner_unit_id:
        day = period.end if period is not None else timezone.localdate()
        holder = ReportingUnit.objects.get(pk=holder_on(resolution.owner_unit_id, day, ("merge", "rename", "split"))[0])
    if user.is_staff:
        return holder
    roots = []
    for h in ([holder] if holder else [None]):
        roots += roots_within(user, h, REQUEST_ROLES) or []
    if len(roots) == 1:
        return roots[0]
    field = "resolution" if resolution is not None and not roots else "unit"
    if not roots:
        raise ValidationError({field: _("%(resolution)s nằm ngoài phạm vi bạn được tạo báo cáo.")
                               % {"resolution": resolution} if resolution
                               else _("Chọn đơn vị trong phạm vi của bạn.")})
    raise ValidationError({"unit": _("Bạn phụ trách nhiều đơn vị: chọn đơn vị cần lập báo cáo.")})
