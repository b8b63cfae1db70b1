"""Subscriptions to scheduled reports, and the e-mail that delivers a compiled one to its subscribers."""

from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from reports.models import ReportKind, ReportSubscription
from resolutions.models import Resolution
from units.access import READ_ROLES, has_role, root_units_for_user
from units.models import ReportingUnit

from .kinds import content_type, param_id


def subscription_units(user):
    """Units a user may subscribe for: their scope's roots and the units one level below (all for admins)."""
    if user.is_staff:
        return ReportingUnit.objects.filter(depth__lte=1).order_by("path")
    roots = root_units_for_user(user)
    return ReportingUnit.objects.filter(Q(pk__in=[r.pk for r in roots]) | Q(parent__in=roots)).order_by("path")


def subscribe(user, kind, resolution_id=None, unit_id=None):
    """Subscribe `user` to a kind of scheduled report, optionally for one resolution and one unit."""
    errors = {}
    if kind not in ReportKind.values:
        errors["kind"] = _("Hãy chọn loại báo cáo.")
    resolution = unit = None
    if resolution_id:
        resolution = Resolution.objects.filter(pk=param_id(resolution_id, "resolution")).first()
        if resolution is None:
            errors["resolution"] = _("Không tìm thấy văn bản.")
    if unit_id:
        unit = subscription_units(user).filter(pk=param_id(unit_id, "unit")).first()
        if unit is None:
            errors["unit"] = _("Đơn vị nằm ngoài phạm vi bạn được xem.")
    if errors:
        raise ValidationError(errors)
    sub, _created = ReportSubscription.objects.update_or_create(
        user=user, kind=kind, resolution=resolution, unit=unit, defaults={"is_active": True}
    )
    return sub


def unsubscribe(user, subscription_id):
    """Stop a subscription of `user` (someone else's is a 404)."""
    sub = ReportSubscription.objects.filter(pk=subscription_id, user=user).first()
    if sub is None:
        raise Http404(_("Không tìm thấy đăng ký."))
    sub.delete()


def subscribers_for(run):
    """Active subscriptions whose scope covers a run, of users allowed to see it."""
    subs = ReportSubscription.objects.filter(kind=run.kind, is_active=True).select_related("user", "unit")
    resolution_id = (run.parameters or {}).get("resolution")
    out = []
    for s in subs:
        if s.resolution_id and s.resolution_id != resolution_id:
            continue
        if s.unit_id and (run.scope_unit is None or not run.scope_unit.is_within(s.unit)):
            continue
        if not s.user.is_active or not s.user.email:
            continue
        if not (s.user.is_staff or (run.scope_unit is not None and has_role(s.user, run.scope_unit, READ_ROLES))):
            continue
        out.append(s)
    return out


def notify_subscribers(run):
    """E-mail a compiled scheduled report (attached) to its subscribers. Returns the count."""
    subs = subscribers_for(run)
    if not subs or not run.file:
        return 0
    run.file.open("rb")
    try:
        content = run.file.read()
    finally:
        run.file.close()
    for s in subs:
        msg = EmailMessage(
            _("Báo cáo tự động: %(kind)s – %(file)s") % {"kind": run.get_kind_display(), "file": run.file_name},
            _("Kính gửi %(name)s,\n\nHệ thống đã tổng hợp báo cáo “%(kind)s” (tệp đính kèm %(file)s).\n"
              "Bạn nhận thư này vì đã đăng ký nhận báo cáo; quản trị viên có thể hủy đăng ký.") % {
                "name": s.user.get_full_name() or s.user.username, "kind": run.get_kind_display(),
                "file": run.file_name},
            None,
            [s.user.email],
        )
        msg.attach(run.file_name, content, content_type(run.file_name))
        msg.send()
    return len(subs)
