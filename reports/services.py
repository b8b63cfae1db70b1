"""Report runs: request, compile, retry, schedule, remind, deliver.

The lifecycle of a ReportRun (DESIGN.md §4): queued → running → done | failed.
Views, the API and Celery tasks are thin callers of these functions.

Who may request a report: admins (staff) anything; approvers and supervisors
(`REQUEST_ROLES`) for units within their scope. Who sees a run: its requester,
admins, and for scheduled runs everyone whose read scope covers the run's
scope unit. Entry users and viewers see the scheduled reports of their scope.
"""

import datetime as dt
import logging
import os
import tempfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.mail import EmailMessage
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from indicators.figures import completeness
from indicators.models import Indicator, Period
from resolutions.models import Resolution
from resolutions.scope import overlaps_reach
from units.access import READ_ROLES, has_role, root_units_for_user, roots_within, scope_q
from units.models import Membership, ReportingUnit, Role
from units.tree import holder_on, tree_on

from . import excel, notifications
from . import report_data as D
from .models import (
    NotificationKind,
    Reminder,
    ReminderStage,
    ReportKind,
    ReportRun,
    ReportSubscription,
    RunStatus,
)

log = logging.getLogger(__name__)

REQUEST_ROLES = (Role.APPROVER, Role.SUPERVISOR)
TRANSIENT_ERRORS = (OperationalError, ConnectionError)
STUCK_MINUTES = getattr(settings, "REPORT_STUCK_MINUTES", 30)
CATCH_UP_DAYS = 31  # a deadline passed within this many days and not yet compiled is compiled now
REMINDER_DAYS = 7  # the first reminder 7 days before the deadline, then 3 and 1 (reminder_stage)

# Which parameters each kind needs (True) or accepts (False).
PARAMS = {
    ReportKind.PROGRESS: {"resolution": True, "period": True, "unit": False},
    ReportKind.UNIT_SCORECARD: {"resolution": False, "period": True, "unit": True},
    ReportKind.COMPLETENESS: {"resolution": False, "period": True, "unit": False},
    ReportKind.TASKS: {"resolution": True, "period": False, "unit": False},
}
FIELD_WORDS = {"resolution": "văn bản (nghị quyết, kế hoạch)", "period": "kỳ báo cáo", "unit": "đơn vị"}


class RunFailed(Exception):
    """A failure already recorded on the run."""


# --- permissions and visibility ----------------------------------------------------------

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
        raise Http404("Không tìm thấy báo cáo.")
    return run


# --- validating a request -------------------------------------------------------------------

def _id(raw, field):
    if raw in (None, ""):
        return None
    try:
        return int(raw)
    except (TypeError, ValueError):
        raise ValidationError({field: f"Mã {FIELD_WORDS[field]} “{raw}” không hợp lệ."}) from None


def clean_params(kind, params, user):
    """Check a request; returns (params with ids, scope unit). Raises ValidationError in Vietnamese.

    PermissionDenied when the user may not request reports at all.
    """
    if kind not in ReportKind.values:
        raise ValidationError({"kind": f"Loại báo cáo “{kind}” không có. Chọn một trong: "
                                       + ", ".join(ReportKind.values) + "."})
    if not can_request(user):
        raise PermissionDenied("Bạn không có quyền tạo báo cáo (cần vai trò Phê duyệt hoặc Giám sát, hoặc quản trị).")
    need = PARAMS[kind]
    ids = {f: _id((params or {}).get(f), f) for f in need}
    errors = {f: f"Chưa chọn {FIELD_WORDS[f]}." for f, required in need.items() if required and ids[f] is None}
    if errors:
        raise ValidationError(errors)
    resolution = period = unit = None
    if ids["resolution"] is not None:
        resolution = Resolution.objects.select_related("owner_unit").filter(pk=ids["resolution"]).first()
        if resolution is None:
            raise ValidationError({"resolution": f"Không tìm thấy văn bản có mã {ids['resolution']}."})
    if ids["period"] is not None:
        period = Period.objects.filter(pk=ids["period"]).first()
        if period is None:
            raise ValidationError({"period": f"Không tìm thấy kỳ báo cáo có mã {ids['period']}."})
    if ids["unit"] is not None:
        unit = ReportingUnit.objects.filter(pk=ids["unit"]).first()
        if unit is None or not has_role(user, unit, REQUEST_ROLES):
            raise ValidationError({"unit": "Đơn vị không tồn tại hoặc nằm ngoài phạm vi bạn được tạo báo cáo."})
    if unit is not None and resolution is not None and resolution.owner_unit_id and not overlaps_reach(resolution, unit):
        raise ValidationError({"unit": f"Đơn vị “{unit.name}” không thuộc phạm vi của {resolution}."})
    if unit is None:
        unit = _default_scope(user, resolution, period)
    return {"resolution": ids["resolution"], "period": ids["period"], "unit": unit.pk if unit else None}, unit


def _default_scope(user, resolution, period=None):
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
        raise ValidationError({field: f"{resolution} nằm ngoài phạm vi bạn được tạo báo cáo." if resolution
                               else "Chọn đơn vị trong phạm vi của bạn."})
    raise ValidationError({"unit": "Bạn phụ trách nhiều đơn vị: chọn đơn vị cần lập báo cáo."})


def params_key(kind, params):
    return f"{kind}:{params.get('resolution') or ''}:{params.get('period') or ''}:{params.get('unit') or ''}"


# --- lifecycle ----------------------------------------------------------------------------------

def enqueue(run):
    """Send the run to Celery once the surrounding transaction commits (eager: runs in-process)."""
    from .tasks import compile_report

    transaction.on_commit(lambda: compile_report.delay(run.pk))


def create_run(kind, params, scope_unit, user=None, scheduled=False):
    run = ReportRun.objects.create(
        kind=kind,
        parameters=params,
        scope_unit=scope_unit,
        requested_by=user,
        scheduled=scheduled,
        params_key=params_key(kind, params),
    )
    enqueue(run)
    return run


def request_report(kind, params, user):
    """Validate, create a queued run and enqueue it. Returns the run (maybe already done when eager)."""
    clean, scope_unit = clean_params(kind, params, user)
    with transaction.atomic():
        run = create_run(kind, clean, scope_unit, user)
    run.refresh_from_db()
    return run


def run_report(run_id, final_attempt=True):
    """Compile one run: running (started_at, attempts+1) → done (file) | failed (error).

    Idempotent: a done run is returned untouched. A transient error (database,
    connection) on a non-final attempt puts the run back to queued and is
    re-raised so Celery retries it with backoff.
    """
    with transaction.atomic():
        run = ReportRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None or run.status == RunStatus.DONE:
            return run
        run.status = RunStatus.RUNNING
        run.started_at = timezone.now()
        run.finished_at = None
        run.attempts += 1
        run.error = ""
        run.save(update_fields=["status", "started_at", "finished_at", "attempts", "error"])
    try:
        _generate_into(run)
    except TRANSIENT_ERRORS as exc:
        if not final_attempt:
            ReportRun.objects.filter(pk=run.pk).update(
                status=RunStatus.QUEUED, error=f"Lỗi tạm thời, đang thử lại: {exc!r}"
            )
            raise
        _fail(run, "Không tạo được báo cáo do lỗi kết nối cơ sở dữ liệu hoặc máy chủ (đã thử lại nhiều lần).", exc)
        return run
    except Exception as exc:  # noqa: BLE001 - every failure is recorded on the run, in Vietnamese
        log.exception("report run %s failed", run.pk)
        _fail(run, "Không tạo được báo cáo.", exc)
        return run
    run.status = RunStatus.DONE
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "finished_at", "file", "file_name"])
    if run.scheduled:
        try:
            notify_subscribers(run)
        except Exception:  # noqa: BLE001 - a mail failure never fails the report
            log.exception("sending report run %s to subscribers failed", run.pk)
    return run


def _fail(run, message, exc):
    run.status = RunStatus.FAILED
    run.finished_at = timezone.now()
    run.error = f"{message}\nChi tiết kỹ thuật: {type(exc).__name__}: {exc}"
    run.save(update_fields=["status", "finished_at", "error"])


def retry(run):
    """Re-queue a failed run (same parameters, same run)."""
    if run.status != RunStatus.FAILED:
        raise ValidationError("Chỉ chạy lại được báo cáo bị lỗi.")
    with transaction.atomic():
        ReportRun.objects.filter(pk=run.pk, status=RunStatus.FAILED).update(
            status=RunStatus.QUEUED, error="", started_at=None, finished_at=None
        )
        enqueue(run)
    run.refresh_from_db()
    return run


def mark_stuck_runs(now=None, minutes=STUCK_MINUTES):
    """Runs `running` for longer than `minutes` (their worker died): re-queue once, then fail.

    Returns (requeued ids, failed ids).
    """
    now = now or timezone.now()
    limit = now - dt.timedelta(minutes=minutes)
    requeued, failed = [], []
    for run in ReportRun.objects.filter(status=RunStatus.RUNNING, started_at__lt=limit):
        with transaction.atomic():
            if run.attempts < 2:
                n = ReportRun.objects.filter(pk=run.pk, status=RunStatus.RUNNING).update(
                    status=RunStatus.QUEUED,
                    error=f"Lần chạy trước bị gián đoạn (quá {minutes} phút không xong); đã tự động chạy lại.",
                )
                if n:
                    enqueue(run)
                    requeued.append(run.pk)
            else:
                n = ReportRun.objects.filter(pk=run.pk, status=RunStatus.RUNNING).update(
                    status=RunStatus.FAILED,
                    finished_at=now,
                    error=(f"Tiến trình tạo báo cáo bị dừng bất thường: quá {minutes} phút không hoàn thành "
                           f"sau {run.attempts} lần chạy (máy chủ xử lý có thể đã tắt). Bấm “Chạy lại”."),
                )
                if n:
                    failed.append(run.pk)
    return requeued, failed


# --- generating ------------------------------------------------------------------------------------

def build(kind, params, day=None):
    """(report data, writer, file name) for a kind and its parameters."""
    resolution = Resolution.objects.select_related("owner_unit").get(pk=params["resolution"]) if params.get("resolution") else None
    period = Period.objects.get(pk=params["period"]) if params.get("period") else None
    unit = ReportingUnit.objects.get(pk=params["unit"]) if params.get("unit") else None
    if kind == ReportKind.PROGRESS:
        data = D.progress_report(resolution, period, unit, day)
    elif kind == ReportKind.UNIT_SCORECARD:
        data = D.unit_scorecard_report(unit, period.year, resolution, day)
    elif kind == ReportKind.COMPLETENESS:
        data = D.completeness_report(period, unit, resolution, day)
    else:
        data = D.tasks_report(resolution, period, day)
    name = D.file_name(kind, resolution, period, unit, period.year if period else None)
    return data, excel.WRITERS[kind], name


def _generate_into(run):
    data, writer, name = build(run.kind, run.parameters)
    fd, path = tempfile.mkstemp(suffix=".xlsx")
    os.close(fd)
    try:
        writer(data, path)
        with open(path, "rb") as fh:
            run.file.save(name, File(fh), save=False)
    finally:
        os.unlink(path)
    run.file_name = name


# --- the schedule (pure decisions, then actions) ------------------------------------------------

@dataclass(frozen=True)
class DueRun:
    kind: str
    params: dict
    scope_unit: ReportingUnit | None

    @property
    def key(self):
        return params_key(self.kind, self.params)


def due_runs(day):
    """The scheduled reports due on `day` and not compiled yet.

    For each period whose deadline passed (yesterday, or within CATCH_UP_DAYS
    when a day was missed): the `progress` report of every active resolution
    with indicators reported in that kind of period (scope: its province),
    and one `completeness` report per province. Never twice for the same
    kind and parameters (whatever the earlier run's status).
    """
    periods = Period.objects.filter(deadline__lt=day, deadline__gte=day - dt.timedelta(days=CATCH_UP_DAYS))
    resolutions = list(Resolution.objects.filter(is_active=True).select_related("owner_unit"))
    kinds_by_res = {}
    for ind in Indicator.objects.filter(is_active=True, resolution__in=resolutions).only("resolution_id", "frequency"):
        kinds_by_res.setdefault(ind.resolution_id, set()).add(ind.period_kind)
    out = []
    for p in periods.order_by("deadline", "kind"):
        provinces = {}
        for res in resolutions:
            if p.kind not in kinds_by_res.get(res.pk, ()):
                continue
            # The unit holding the resolution on the period's last day (its successor after a merger).
            province = (ReportingUnit.objects.get(pk=holder_on(res.owner_unit_id, p.end, ("merge", "rename", "split"))[0])
                        if res.owner_unit_id else None)
            if province is not None:
                province = ReportingUnit.objects.get(pk=tree_on(p.end).root_of(province.pk))
            out.append(DueRun(ReportKind.PROGRESS,
                              {"resolution": res.pk, "period": p.pk, "unit": province.pk if province else None}, province))
            if province is not None:
                provinces[province.pk] = province
        for province in provinces.values():
            out.append(DueRun(ReportKind.COMPLETENESS, {"resolution": None, "period": p.pk, "unit": province.pk}, province))
    existing = set(ReportRun.objects.filter(scheduled=True, params_key__in=[d.key for d in out])
                   .values_list("params_key", flat=True))
    return [d for d in out if d.key not in existing]


def compile_due(day=None):
    """Create (and enqueue) the scheduled runs due on `day`. Returns the runs."""
    day = day or timezone.localdate()
    runs = []
    for d in due_runs(day):
        with transaction.atomic():
            runs.append(create_run(d.kind, d.params, d.scope_unit, None, scheduled=True))
    return runs


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
        when = _("đã quá hạn %(n)s ngày") % {"n": -left}
    else:
        kind = NotificationKind.DEADLINE
        title = _("Nhắc gửi báo cáo %(period)s – %(unit)s") % {"period": period.label, "unit": unit.name}
        when = _("hôm nay") if left == 0 else _("còn %(n)s ngày") % {"n": left}
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
        errors["kind"] = "Hãy chọn loại báo cáo."
    resolution = unit = None
    if resolution_id:
        resolution = Resolution.objects.filter(pk=_id(resolution_id, "resolution")).first()
        if resolution is None:
            errors["resolution"] = "Không tìm thấy văn bản."
    if unit_id:
        unit = subscription_units(user).filter(pk=_id(unit_id, "unit")).first()
        if unit is None:
            errors["unit"] = "Đơn vị nằm ngoài phạm vi bạn được xem."
    if errors:
        raise ValidationError(errors)
    sub, _ = ReportSubscription.objects.update_or_create(
        user=user, kind=kind, resolution=resolution, unit=unit, defaults={"is_active": True}
    )
    return sub


def unsubscribe(user, subscription_id):
    """Stop a subscription of `user` (someone else's is a 404)."""
    sub = ReportSubscription.objects.filter(pk=subscription_id, user=user).first()
    if sub is None:
        raise Http404("Không tìm thấy đăng ký.")
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
            f"Báo cáo tự động: {run.get_kind_display()} – {run.file_name}",
            f"Kính gửi {s.user.get_full_name() or s.user.username},\n\n"
            f"Hệ thống đã tổng hợp báo cáo “{run.get_kind_display()}” (tệp đính kèm {run.file_name}).\n"
            "Bạn nhận thư này vì đã đăng ký nhận báo cáo; quản trị viên có thể hủy đăng ký.",
            None,
            [s.user.email],
        )
        msg.attach(run.file_name, content, excel.XLSX_CONTENT_TYPE)
        msg.send()
    return len(subs)
