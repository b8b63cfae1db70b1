"""The submission workflow: who may move a unit's report for a period, and where.

    draft / returned --submit (entry)-->      submitted
    submitted        --approve (approver)-->  approved
    submitted        --return (approver)-->   returned   (figures editable again)
    approved         --reopen (admin)-->      draft      (reason required)

Every function locks the submission row (select_for_update), checks the role
through `units.access.has_role` (a role reaches the unit's subtree, so an
approver of a department approves its schools), raises `WorkflowPermissionDenied`
(HTTP 403) for a missing role, `WriteConflict` (HTTP 409) for an illegal
transition and `ReasonRequired` (HTTP 400) for a blank reason, and saves with
`_change_reason` so the audit history tells who did what and why. UI, API and
admin call these; none of them changes `Submission.status` by itself.
`submit` also refuses a unit not active on the period's last day
(`rules.unit_period_problem`).

`report_state` / `report_states` name a unit's report for a period ("Chưa
nhập", "Đang nhập", "Đã gửi", "Đã duyệt", "Bị trả lại"): the period list, the
entry form's badge and the children grid all use them.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from config.language import Words
from units.access import has_role
from units.models import Role

from .models import DataValue, Submission, SubmissionStatus
from .rules import FigureError, unit_period_problem
from .services import WriteConflict, lock_submissions
from .signals import report_approved, report_returned


class WorkflowPermissionDenied(PermissionDenied):
    """The user lacks the role the transition needs (HTTP 403)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class ReasonRequired(FigureError):
    """A return or reopen without a reason (HTTP 400 {"reason": [...]})."""

    def __init__(self, message=None):
        super().__init__("reason", _("Cần nêu lý do.") if message is None else message)


def _locked(submission):
    """The submission locked (the same row value writes lock: services.lock_submissions), fresh from the database."""
    lock_submissions([submission.unit_id], submission.period_id)
    return Submission.objects.select_related("unit", "period").get(pk=submission.pk)


def _reason_text(prefix, reason):
    """The audit reason; simple_history keeps at most 100 characters."""
    text = f"{prefix}: {reason}"
    return text if len(text) <= 100 else text[:99] + "…"


def _status_text(sub):
    return sub.get_status_display().lower()


def _require_role(user, unit, role, action, period):
    """`action`: the verb, translated by the caller (pgettext "report action")."""
    # The tree and memberships of the period's last day: who may act on a period's report.
    if not has_role(user, unit, [role], on=period.end):
        raise WorkflowPermissionDenied(
            _("Bạn không có quyền %(action)s báo cáo của %(unit)s (cần vai trò “%(role)s”).")
            % {"action": action, "unit": unit.name, "role": Role(role).label}
        )


def _clean_reason(reason, message):
    """The reason without surrounding blanks; ReasonRequired(`message`) when there is none."""
    reason = (reason or "").strip() if isinstance(reason, str) or reason is None else str(reason).strip()
    if not reason:
        raise ReasonRequired(message)
    return reason


@transaction.atomic
def submit(unit, period, user):
    """Send a unit's report for a period (creates the submission if missing)."""
    _require_role(user, unit, Role.ENTRY, pgettext("report action", "gửi"), period)
    problem = unit_period_problem(unit, period)
    if problem:  # a dissolved unit has no report for a period after it ended
        raise WriteConflict(problem)
    sub = lock_submissions([unit], period)[unit.pk]  # created as a draft when missing, race-safely
    sub = Submission.objects.select_related("unit", "period").get(pk=sub.pk)
    if period.is_locked:
        raise WriteConflict(_("%(period)s đã khóa sổ; không thể gửi báo cáo.") % {"period": period.label})
    if sub.status not in (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED):
        raise WriteConflict(_("Báo cáo %(period)s của %(unit)s %(status)s; không thể gửi lại.")
                            % {"period": period.label, "unit": unit.name, "status": _status_text(sub)})
    sub.status = SubmissionStatus.SUBMITTED
    sub.submitted_at = timezone.now()
    sub.submitted_by = user
    sub.approved_at = None
    sub.approved_by = None
    sub.return_reason = ""  # the previous reason stays in the audit history
    sub.version += 1
    sub._change_reason = "Gửi báo cáo"
    sub.save()
    return sub


@transaction.atomic
def approve(submission, user):
    """Approve a submitted report (approver on the unit or an ancestor)."""
    sub = _locked(submission)
    _require_role(user, sub.unit, Role.APPROVER, pgettext("report action", "duyệt"), sub.period)
    if sub.status != SubmissionStatus.SUBMITTED:
        raise WriteConflict(
            _("Chỉ duyệt được báo cáo đã gửi; báo cáo %(period)s của %(unit)s %(status)s.")
            % {"period": sub.period.label, "unit": sub.unit.name, "status": _status_text(sub)}
        )
    sub.status = SubmissionStatus.APPROVED
    sub.approved_at = timezone.now()
    sub.approved_by = user
    sub.version += 1
    sub._change_reason = "Duyệt báo cáo"
    sub.save()
    report_approved.send(sender=Submission, submission=sub, user=user)
    return sub


@transaction.atomic
def return_submission(submission, user, reason):
    """Send a submitted report back to the unit with a reason; figures become editable."""
    reason = _clean_reason(reason, _("Cần nêu lý do trả lại."))
    sub = _locked(submission)
    _require_role(user, sub.unit, Role.APPROVER, pgettext("report action", "trả lại"), sub.period)
    if sub.status != SubmissionStatus.SUBMITTED:
        raise WriteConflict(
            _("Chỉ trả lại được báo cáo đã gửi; báo cáo %(period)s của %(unit)s %(status)s.")
            % {"period": sub.period.label, "unit": sub.unit.name, "status": _status_text(sub)}
        )
    sub.status = SubmissionStatus.RETURNED
    sub.return_reason = reason
    sub.approved_at = None
    sub.approved_by = None
    sub.version += 1
    sub._change_reason = _reason_text("Trả lại", reason)
    sub.save()
    report_returned.send(sender=Submission, submission=sub, user=user, reason=reason)
    return sub


@transaction.atomic
def reopen(submission, user, reason):
    """Admin only: reopen an approved report (back to draft), with a reason."""
    if not (user.is_authenticated and user.is_staff):
        raise WorkflowPermissionDenied(_("Chỉ quản trị viên được mở lại báo cáo đã duyệt."))
    reason = _clean_reason(reason, _("Cần nêu lý do mở lại."))
    sub = _locked(submission)
    if sub.status != SubmissionStatus.APPROVED:
        raise WriteConflict(
            _("Chỉ mở lại được báo cáo đã duyệt; báo cáo %(period)s của %(unit)s %(status)s.")
            % {"period": sub.period.label, "unit": sub.unit.name, "status": _status_text(sub)}
        )
    sub.status = SubmissionStatus.DRAFT
    sub.approved_at = None
    sub.approved_by = None
    sub.version += 1
    sub._change_reason = _reason_text("Mở lại", reason)
    sub.save()
    return sub


def waiting_for_approval(user, unit=None):
    """Submitted reports `user` may approve, oldest deadline first.

    `unit`: only that unit and the units below it; None: across every approver
    membership of the user (the queue "Chờ duyệt"). Each report is judged in the
    tree and memberships of its period's last day (units.access.has_role): a
    school moved away after a period stays its former Phòng's to approve for
    that period.
    """
    from units.tree import tree_on

    subs = Submission.objects.filter(status=SubmissionStatus.SUBMITTED)
    if not user.is_staff:
        if not any(True for _ in _approver_units(user)):
            return []
        # Only the periods some membership could cover; each is then judged on its last day.
        reach = {}
        for period_id, end in subs.values_list("period_id", "period__end").distinct():
            tree = tree_on(end)
            roots = [u for u, start, stop in _approver_units(user)
                     if (start is None or start <= end) and (stop is None or stop >= end)]
            ids = tree.subtrees(roots)
            if unit is not None:
                ids &= tree.subtree(unit.pk)
            if ids:
                reach[period_id] = ids
        if not reach:
            return []
        q = None
        for period_id, ids in reach.items():
            part = Q(period_id=period_id, unit_id__in=ids)
            q = part if q is None else q | part
        subs = subs.filter(q)
    subs = list(subs.select_related("unit", "period", "submitted_by").order_by("period__deadline", "unit__name"))
    out, under = [], {}
    for sub in subs:
        day = sub.period.end
        if unit is not None and day not in under:
            under[day] = tree_on(day).subtree(unit.pk)
        if (unit is None or sub.unit_id in under[day]) and has_role(user, sub.unit, [Role.APPROVER], on=day):
            out.append(sub)
    return out


def _approver_units(user):
    """(unit id, valid_from, valid_to) of the user's approver memberships."""
    from units.access import memberships

    return [(m.unit_id, m.valid_from, m.valid_to) for m in memberships(user, [Role.APPROVER])]


# --- the state of a unit's report, as every page names it ------------------------------

EMPTY = "empty"
STATE_LABELS = Words({  # read as plain str in the active language (rules.Words)
    EMPTY: gettext_lazy("Chưa nhập"),
    SubmissionStatus.DRAFT: gettext_lazy("Đang nhập"),
    SubmissionStatus.SUBMITTED: gettext_lazy("Đã gửi"),
    SubmissionStatus.APPROVED: gettext_lazy("Đã duyệt"),
    SubmissionStatus.RETURNED: gettext_lazy("Bị trả lại"),
})


@dataclass(frozen=True)
class ReportState:
    """A unit's report for a period as users see it: `code` (CSS class, logic) and `label` (Vietnamese)."""

    code: str
    submission: Submission | None = None

    @property
    def label(self):
        return STATE_LABELS[self.code]

    @property
    def done(self):
        """Sent or approved: counted as reported."""
        return self.code in (SubmissionStatus.SUBMITTED, SubmissionStatus.APPROVED)


def report_state(submission, has_figures):
    """The state of one unit's report for one period: the one rule every page uses.

    "Chưa nhập" until a figure is saved (a draft or reopened submission with no
    figure too), "Đang nhập" once one is (with or without a Submission row:
    the first save creates a draft one, the row every write locks), else the
    submission's status.
    """
    status = submission.status if submission is not None else None
    if status in (None, SubmissionStatus.DRAFT):
        return ReportState(SubmissionStatus.DRAFT if has_figures else EMPTY, submission)
    return ReportState(status, submission)


def report_states(units, periods):
    """{(unit id, period id): ReportState} for every pair; two queries whatever the sizes."""
    units, periods = list(units), list(periods)
    subs = {
        (s.unit_id, s.period_id): s
        for s in Submission.objects.filter(unit__in=units, period__in=periods).select_related(
            "submitted_by", "approved_by")
    }
    filled = set(
        DataValue.objects.filter(unit__in=units, period__in=periods)
        .values_list("unit_id", "period_id").distinct()
    )
    return {
        (u.pk, p.pk): report_state(subs.get((u.pk, p.pk)), (u.pk, p.pk) in filled)
        for u in units for p in periods
    }


__all__ = [
    "STATE_LABELS", "ReasonRequired", "ReportState", "WorkflowPermissionDenied", "approve", "report_state",
    "report_states", "reopen", "return_submission", "submit", "waiting_for_approval",
]
