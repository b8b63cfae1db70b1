"""Notifications: what a person is told, in the app (the bell) and by e-mail (sent by the worker).

Lower apps never import this module: indicators.workflow sends `report_returned` /
`report_approved`, resolutions sends `recommendation_assigned`, and `connect()`
(reports.apps) listens. Deadline, overdue and recommendation-due notices come from
the daily beat jobs (`send_reminders`, `remind_due_tasks`). Each user chooses which
kinds they get and how (NotificationPreference; no row = both). A notification is
created in the transaction of its event; its e-mail is enqueued on commit and sent by
`reports.notifications.tasks.send_notification_email`, which takes the notification's id.
"""

import datetime as dt
import logging

from django.core.cache import cache
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from reports import queue
from reports.models import Notification, NotificationKind, NotificationPreference
from units.models import Membership, Role

log = logging.getLogger(__name__)

UNREAD_KEY = "notifications:unread:{}"
UNREAD_SECONDS = 300
TASK_DUE_DAYS = 7  # a recommendation is announced due this many days before its deadline


# --- preferences -----------------------------------------------------------------------------

def preferences(user):
    """{kind: (in_app, by_email)} for every kind (defaults where the user chose nothing)."""
    chosen = {p.kind: (p.in_app, p.by_email) for p in NotificationPreference.objects.filter(user=user)}
    return {k: chosen.get(k, (True, True)) for k in NotificationKind.values}


def save_preferences(user, choices):
    """Store {kind: (in_app, by_email)} for `user` (unknown kinds ignored)."""
    with transaction.atomic():
        for kind, (in_app, by_email) in choices.items():
            if kind in NotificationKind.values:
                NotificationPreference.objects.update_or_create(
                    user=user, kind=kind, defaults={"in_app": bool(in_app), "by_email": bool(by_email)})


# --- creating ------------------------------------------------------------------------------------

def notify(users, kind, title, body="", url="", key=""):
    """Tell `users` (each per their preferences); returns the notifications created.

    `key` makes it once per user and event (a job run twice sends nothing new). E-mails go
    out after the surrounding transaction commits, through the worker.
    """
    created = []
    users = {u.pk: u for u in users if u is not None and u.is_active}
    if not users:
        return created
    chosen = {(p.user_id): (p.in_app, p.by_email)
              for p in NotificationPreference.objects.filter(user_id__in=list(users), kind=kind)}
    for user in users.values():
        in_app, by_email = chosen.get(user.pk, (True, True))
        by_email = by_email and bool(user.email)
        if not (in_app or by_email):
            continue
        if key and Notification.objects.filter(user=user, key=key).exists():
            continue
        try:
            with transaction.atomic():
                n = Notification.objects.create(user=user, kind=kind, title=title[:250], body=body, url=url[:300],
                                                key=key[:150], in_app=in_app, by_email=by_email)
        except IntegrityError:
            continue  # told already (another worker)
        created.append(n)
        if in_app:
            _forget_unread(user.pk)
        if by_email:
            transaction.on_commit(lambda pk=n.pk: _enqueue_email(pk))
    return created


def _enqueue_email(notification_id):
    queue.task(queue.SEND_NOTIFICATION_EMAIL).delay(notification_id)


def send_email(notification_id):
    """E-mail one notification (the worker's job); once, whatever the retries. Returns True when sent."""
    from django.conf import settings

    with transaction.atomic():
        n = (Notification.objects.select_for_update().select_related("user")
             .filter(pk=notification_id, by_email=True, emailed_at__isnull=True).first())
        if n is None or not n.user.email:
            return False
        link = ""
        if n.url:
            base = getattr(settings, "SITE_URL", "").rstrip("/")
            link = "\n\n" + _("Xem tại: %(url)s") % {"url": f"{base}{n.url}"}
        send_mail(
            n.title,
            _("Kính gửi %(name)s,\n\n%(body)s%(link)s\n\nThư này được gửi tự động, vui lòng không trả lời. "
              "Có thể chọn loại thông báo muốn nhận trong mục Thông báo › Cài đặt.")
            % {"name": n.user.get_full_name() or n.user.username, "body": n.body or n.title, "link": link},
            None,
            [n.user.email],
        )
        n.emailed_at = timezone.now()
        n.save(update_fields=["emailed_at"])
    return True


# --- reading ---------------------------------------------------------------------------------------

def visible(user):
    """The user's notifications shown in the app, newest first."""
    return Notification.objects.filter(user=user, in_app=True)


def unread_count(user):
    """Unread notifications under the bell: one small query, cached until the next change."""
    if not user.is_authenticated:
        return 0
    key = UNREAD_KEY.format(user.pk)
    count = cache.get(key)
    if count is None:
        count = visible(user).filter(read_at__isnull=True)[:100].count()
        cache.set(key, count, UNREAD_SECONDS)
    return count


def _forget_unread(user_id):
    key = UNREAD_KEY.format(user_id)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


def mark_read(user, ids=None):
    """Mark the user's notifications `ids` (all when None) as read; returns how many changed."""
    qs = visible(user).filter(read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    n = qs.update(read_at=timezone.now())
    _forget_unread(user.pk)
    return n


# --- who is told ------------------------------------------------------------------------------------

def unit_staff(unit, day, roles=(Role.ENTRY,)):
    """Users with one of `roles` on `unit` itself (not its ancestors: a Sở's staff are not told of each
    school), membership valid on `day`."""
    qs = Membership.objects.filter(unit=unit, role__in=roles, user__is_active=True).select_related("user")
    return [m.user for m in qs if (m.valid_from is None or m.valid_from <= day) and (m.valid_to is None or m.valid_to >= day)]


def _report_url(submission):
    return reverse("entry", args=[submission.period.code, submission.unit_id])


def on_report_returned(sender, submission, user, reason, **kwargs):
    """The unit's entry staff and the sender learn that their report came back, and why."""
    sub = submission
    users = unit_staff(sub.unit, sub.period.end) + ([sub.submitted_by] if sub.submitted_by_id else [])
    notify(
        users, NotificationKind.RETURNED,
        _("Báo cáo %(period)s của %(unit)s bị trả lại") % {"period": sub.period.label, "unit": sub.unit.name},
        _("%(who)s đã trả lại báo cáo %(period)s của %(unit)s.\nLý do: %(reason)s\nĐề nghị đơn vị sửa số liệu "
          "rồi gửi lại.") % {"who": user.get_full_name() or user.username, "period": sub.period.label,
                             "unit": sub.unit.name, "reason": reason},
        _report_url(sub),
    )


def on_report_approved(sender, submission, user, **kwargs):
    sub = submission
    users = unit_staff(sub.unit, sub.period.end) + ([sub.submitted_by] if sub.submitted_by_id else [])
    notify(
        users, NotificationKind.APPROVED,
        _("Báo cáo %(period)s của %(unit)s đã được duyệt") % {"period": sub.period.label, "unit": sub.unit.name},
        _("%(who)s đã duyệt báo cáo %(period)s của %(unit)s.") % {
            "who": user.get_full_name() or user.username, "period": sub.period.label, "unit": sub.unit.name},
        _report_url(sub),
    )


def _task_url(task):
    return reverse("visit-detail", args=[task.visit_id]) if task.visit_id else reverse("task-update", args=[task.pk])


def on_recommendation_assigned(sender, task, **kwargs):
    """The lead unit's staff (entry and approver) learn of a recommendation given to them."""
    if not task.lead_unit_id:
        return
    today = timezone.localdate()
    users = unit_staff(task.lead_unit, today, (Role.ENTRY, Role.APPROVER))
    deadline = _(" Thời hạn: %(d)s.") % {"d": task.deadline.strftime("%d/%m/%Y")} if task.deadline else ""
    notify(
        users, NotificationKind.TASK_ASSIGNED,
        _("Kiến nghị số (%(n)s) giao cho %(unit)s") % {"n": task.number, "unit": task.lead_unit.name},
        _("%(unit)s được giao chủ trì kiến nghị số (%(n)s): %(title)s.%(deadline)s") % {
            "unit": task.lead_unit.name, "n": task.number, "title": task.title, "deadline": deadline},
        _task_url(task), key=f"task-assigned:{task.pk}:{task.lead_unit_id}",
    )


def remind_due_tasks(day=None):
    """Daily: recommendations not done whose deadline is within TASK_DUE_DAYS, or passed (once each)."""
    from resolutions.models import Task, TaskStatus

    day = day or timezone.localdate()
    sent = 0
    tasks = (Task.objects.filter(visit__isnull=False, lead_unit__isnull=False, deadline__isnull=False,
                                 deadline__lte=day + dt.timedelta(days=TASK_DUE_DAYS),
                                 deadline__gte=day - dt.timedelta(days=31))
             .exclude(status=TaskStatus.DONE).select_related("lead_unit"))
    for task in tasks:
        overdue = task.deadline < day
        stage = "overdue" if overdue else "due"
        users = unit_staff(task.lead_unit, day, (Role.ENTRY, Role.APPROVER))
        if overdue:
            title = _("Kiến nghị số (%(n)s) đã quá hạn (%(d)s)")
        else:
            title = _("Kiến nghị số (%(n)s) đến hạn ngày %(d)s")
        with transaction.atomic():
            sent += len(notify(
                users, NotificationKind.TASK_DUE,
                title % {"n": task.number, "d": task.deadline.strftime("%d/%m/%Y")},
                _("%(unit)s chủ trì kiến nghị: %(title)s. Hãy cập nhật tiến độ.") % {
                    "unit": task.lead_unit.name, "title": task.title},
                _task_url(task), key=f"task-due:{stage}:{task.pk}:{task.deadline:%Y%m%d}",
            ))
    return sent


def connect():
    """Listen to the lower apps' events (called from reports.apps)."""
    from indicators.signals import report_approved, report_returned
    from resolutions.signals import recommendation_assigned

    report_returned.connect(on_report_returned, dispatch_uid="notify-report-returned")
    report_approved.connect(on_report_approved, dispatch_uid="notify-report-approved")
    recommendation_assigned.connect(on_recommendation_assigned, dispatch_uid="notify-recommendation-assigned")
