"""Deadline reminders: the daily job's (7, 3 and 1 days before a deadline, then overdue) and the "Nhắc"
of the completeness page, each logged (`Reminder`) so a unit is never told twice at one stage.

Who has not submitted is `indicators.figures.completeness`; the telling is `notifications.services`.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from indicators.figures import completeness
from indicators.models import Period
from reports.models import NotificationKind, Reminder, ReminderStage
from reports.notifications import services as notifications
from reports.runs.after_deadline import CATCH_UP_DAYS
from units.access import has_role
from units.models import Role

REMINDER_DAYS = 7  # the first reminder 7 days before the deadline, then 3 and 1 (reminder_stage)


def reminder_stage(deadline, day):
    """The reminder due on `day` for a deadline: "d7" (7 to 4 days left), "d3" (3 to 2), "d1" (1 or the
    day itself), "overdue" (passed, within CATCH_UP_DAYS), or None. A day the job missed is caught up by
    the next run (same stage), and each stage goes once."""
    left = (deadline - day).days
    if left < 0:
        return ReminderStage.OVERDUE if -left <= CATCH_UP_DAYS else None
    if left <= 1:
        return ReminderStage.DAYS_1
    if left <= 3:
        return ReminderStage.DAYS_3
    if left <= REMINDER_DAYS:
        return ReminderStage.DAYS_7
    return None


def reminder_targets(day):
    """[(unit, period, stage, [entry users])] to remind on `day`.

    Periods whose deadline is within REMINDER_DAYS or passed within CATCH_UP_DAYS; units expected to
    report that have not submitted (indicators.figures.completeness); never a unit already reminded
    at that stage; only units with an `entry` user on the unit itself.
    """
    periods = Period.objects.filter(deadline__gte=day - dt.timedelta(days=CATCH_UP_DAYS),
                                    deadline__lte=day + dt.timedelta(days=REMINDER_DAYS))
    out = []
    for p in periods.order_by("deadline"):
        stage = reminder_stage(p.deadline, day)
        if stage is None:
            continue
        missing = completeness(p).missing
        if not missing:
            continue
        done = set(Reminder.objects.filter(period=p, stage=stage).values_list("unit_id", flat=True))
        for u in missing:
            if u.pk in done:
                continue
            users = notifications.unit_staff(u, p.end)
            if users:
                out.append((u, p, stage, users))
    return out


def _remind(unit, period, stage, users, day, sent_by=None):
    """Log one reminder and tell the unit's staff (in the caller's transaction)."""
    Reminder.objects.create(unit=unit, period=period, stage=stage, sent_on=day, sent_by=sent_by,
                            recipients=", ".join(sorted({u.email or u.username for u in users})))
    left = (period.deadline - day).days
    if left < 0:
        kind = NotificationKind.OVERDUE
        title = _("Quá hạn gửi báo cáo %(period)s – %(unit)s") % {"period": period.label, "unit": unit.name}
        when = ngettext("đã quá hạn %(n)s ngày", "đã quá hạn %(n)s ngày", -left) % {"n": -left}
    else:
        kind = NotificationKind.DEADLINE
        title = _("Nhắc gửi báo cáo %(period)s – %(unit)s") % {"period": period.label, "unit": unit.name}
        when = _("hôm nay") if left == 0 else ngettext("còn %(n)s ngày", "còn %(n)s ngày", left) % {"n": left}
    body = _("Hạn gửi báo cáo kết quả thực hiện chỉ tiêu chuyển đổi số %(period)s là ngày %(deadline)s (%(when)s). "
             "Hệ thống chưa nhận được báo cáo của %(unit)s.\nĐề nghị đơn vị nhập số liệu và gửi báo cáo.") % {
        "period": period.label, "deadline": period.deadline.strftime("%d/%m/%Y"), "when": when, "unit": unit.name}
    if sent_by is not None:
        body += "\n" + _("Người nhắc: %(who)s.") % {"who": sent_by.get_full_name() or sent_by.username}
    key = f"remind:{stage}:{unit.pk}:{period.pk}" + (f":{day:%Y%m%d}" if stage == ReminderStage.MANUAL else "")
    return notifications.notify(users, kind, title, body, reverse("entry", args=[period.code, unit.pk]), key=key)


def send_reminders(day=None):
    """Remind, on `day`, the units that have not submitted (7, 3 and 1 days before the deadline, then
    overdue); each logged so it is never sent twice. Returns the number of units reminded."""
    day = day or timezone.localdate()
    sent = 0
    for unit, period, stage, users in reminder_targets(day):
        try:
            with transaction.atomic():
                _remind(unit, period, stage, users, day)
        except IntegrityError:
            continue  # another worker sent it
        sent += 1
    return sent


class ReminderRefused(Exception):
    """A manual reminder that may not be sent (HTTP 400/403); `message` is Vietnamese."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


REMIND_ROLES = (Role.APPROVER, Role.SUPERVISOR)


def can_remind(user, unit):
    """Approvers and supervisors over the unit, and admins, may remind it."""
    return has_role(user, unit, REMIND_ROLES)


def remind_unit(user, unit, period, day=None):
    """The "Nhắc" of the completeness page: remind one unit that has not submitted `period`, once a day."""
    day = day or timezone.localdate()
    if not can_remind(user, unit):
        raise PermissionDenied(_("Bạn không có quyền nhắc %(unit)s (cần vai trò Phê duyệt hoặc Giám sát).")
                               % {"unit": unit.name})
    if unit.pk not in {u.pk for u in completeness(period).missing}:
        raise ReminderRefused(_("%(unit)s không thuộc các đơn vị chưa gửi báo cáo %(period)s.")
                              % {"unit": unit.name, "period": period.label})
    users = notifications.unit_staff(unit, period.end)
    if not users:
        raise ReminderRefused(_("%(unit)s chưa có cán bộ nhập liệu nào để nhắc.") % {"unit": unit.name})
    try:
        with transaction.atomic():
            _remind(unit, period, ReminderStage.MANUAL, users, day, sent_by=user)
    except IntegrityError:
        raise ReminderRefused(_("%(unit)s đã được nhắc hôm nay.") % {"unit": unit.name}) from None
    return users


def reminded_today(units, day=None):
    """{unit id: Reminder} of the manual reminders sent `day` (today) to `units`."""
    day = day or timezone.localdate()
    return {r.unit_id: r for r in Reminder.objects.filter(unit__in=list(units), stage=ReminderStage.MANUAL,
                                                          sent_on=day).select_related("sent_by")}
