"""Report runs: request, compile, retry, schedule, remind, deliver.

A run writes a workbook (reports.excel.export), the narrative Word report
(reports.documents.narrative) or either as PDF (reports.documents.convert), in the document
frame of its issuing unit (reports.documents.layout) with the requester's overrides.

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
import shutil
import tempfile
import threading
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from config.language import in_vietnamese
from indicators.models import Indicator, Period
from reports.documents import convert
from reports.documents.layout import regime_for
from reports.documents.narrative.compose import narrative_report
from reports.documents.narrative.word import DOCX_CONTENT_TYPE, write_narrative
from reports.documents.report_data import file_names
from reports.documents.report_data.completeness import completeness_report
from reports.documents.report_data.progress import progress_report
from reports.documents.report_data.scorecard import unit_scorecard_report
from reports.documents.report_data.tasks_report import tasks_report
from reports.excel.export import WRITERS
from reports.excel.export.progress import write_progress
from reports.excel.export.sheet import XLSX_CONTENT_TYPE
from reports.models import (
    ReportFormat,
    ReportKind,
    ReportRun,
    ReportSubscription,
    RunStatus,
)
from reports.queue import COMPILE_REPORT, TRANSIENT_ERRORS, QueueUnavailable, enqueue_task
from resolutions.models import Resolution
from resolutions.scope import overlaps_reach
from units.access import READ_ROLES, has_role, root_units_for_user, roots_within, scope_q
from units.models import AUTHORITY_PREFIXES, Membership, ReportingUnit, Role, authority_message
from units.tree import holder_on, tree_on

log = logging.getLogger(__name__)

REQUEST_ROLES = (Role.APPROVER, Role.SUPERVISOR)
STUCK_MINUTES = None  # detect_stuck_runs' default: runs whose heartbeat stopped (REPORT_STALE_SECONDS)
MAX_ATTEMPTS = 2  # a run whose worker died twice is failed with the reason
CATCH_UP_DAYS = 31  # a deadline passed within this many days and not yet compiled is compiled now

# Which parameters each kind needs (True) or accepts (False).
PARAMS = {
    ReportKind.PROGRESS: {"resolution": True, "period": True, "unit": False},
    ReportKind.UNIT_SCORECARD: {"resolution": False, "period": True, "unit": True},
    ReportKind.COMPLETENESS: {"resolution": False, "period": True, "unit": False},
    ReportKind.TASKS: {"resolution": True, "period": False, "unit": False},
    ReportKind.NARRATIVE: {"resolution": True, "period": True, "unit": False},
}
FIELD_WORDS = {"resolution": gettext_lazy("văn bản (nghị quyết, kế hoạch)"), "period": gettext_lazy("kỳ báo cáo"),
               "unit": gettext_lazy("đơn vị")}
# The files each kind is written as (API.md "Documents"), the first one by default; PDF is converted
# from the same document by LibreOffice (reports.documents.convert).
FORMATS = {kind: (ReportFormat.XLSX, ReportFormat.PDF) for kind in ReportKind.values}
FORMATS[ReportKind.NARRATIVE] = (ReportFormat.DOCX, ReportFormat.PDF)
CONTENT_TYPES = {
    ReportFormat.XLSX: XLSX_CONTENT_TYPE,
    ReportFormat.DOCX: DOCX_CONTENT_TYPE,
    ReportFormat.PDF: convert.PDF_CONTENT_TYPE,
}
# The "document" overrides (API.md "Documents"): field -> (words for a message, longest text).
DOCUMENT_FIELDS = {
    "number": (gettext_lazy("Số văn bản"), 40),
    "place": (gettext_lazy("Địa danh"), 60),
    "signer": (gettext_lazy("Họ tên người ký"), 120),
    "signer_title": (gettext_lazy("Chức vụ người ký"), 120),
    "authority": (gettext_lazy("Thẩm quyền ký"), 200),
}
MAX_RECIPIENTS = 30


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
        raise Http404(_("Không tìm thấy báo cáo."))
    return run


# --- validating a request -------------------------------------------------------------------

def _id(raw, field):
    if raw in (None, ""):
        return None
    try:
        return int(raw)
    except (TypeError, ValueError):
        raise ValidationError({field: _("Mã %(field)s “%(value)s” không hợp lệ.") % {"field": FIELD_WORDS[field], "value": raw}}) from None


def clean_params(kind, params, user):
    """Check a request; returns (params with ids, scope unit). Raises ValidationError in Vietnamese.

    PermissionDenied when the user may not request reports at all.
    """
    if kind not in ReportKind.values:
        raise ValidationError({"kind": _("Loại báo cáo “%(kind)s” không có. Chọn một trong: %(choices)s.")
                                       % {"kind": kind, "choices": ", ".join(ReportKind.values)}})
    if not can_request(user):
        raise PermissionDenied(_("Bạn không có quyền tạo báo cáo (cần vai trò Phê duyệt hoặc Giám sát, hoặc quản trị)."))
    need = PARAMS[kind]
    ids = {f: _id((params or {}).get(f), f) for f in need}
    errors = {f: _("Chưa chọn %(field)s.") % {"field": FIELD_WORDS[f]} for f, required in need.items()
              if required and ids[f] is None}
    if errors:
        raise ValidationError(errors)
    resolution = period = unit = None
    if ids["resolution"] is not None:
        resolution = Resolution.objects.select_related("owner_unit").filter(pk=ids["resolution"]).first()
        if resolution is None:
            raise ValidationError({"resolution": _("Không tìm thấy văn bản có mã %(id)s.") % {"id": ids["resolution"]}})
    if ids["period"] is not None:
        period = Period.objects.filter(pk=ids["period"]).first()
        if period is None:
            raise ValidationError({"period": _("Không tìm thấy kỳ báo cáo có mã %(id)s.") % {"id": ids["period"]}})
    if ids["unit"] is not None:
        unit = ReportingUnit.objects.filter(pk=ids["unit"]).first()
        if unit is None or not has_role(user, unit, REQUEST_ROLES):
            raise ValidationError({"unit": _("Đơn vị không tồn tại hoặc nằm ngoài phạm vi bạn được tạo báo cáo.")})
    if unit is not None and resolution is not None and resolution.owner_unit_id and not overlaps_reach(resolution, unit):
        raise ValidationError({"unit": _("Đơn vị “%(unit)s” không thuộc phạm vi của %(resolution)s.")
                                       % {"unit": unit.name, "resolution": resolution}})
    if unit is None:
        unit = _default_scope(user, resolution, period)
    clean = {"resolution": ids["resolution"], "period": ids["period"], "unit": unit.pk if unit else None}
    fmt = clean_format(kind, (params or {}).get("format"))
    if fmt != FORMATS[kind][0]:
        clean["format"] = fmt
    document = clean_document((params or {}).get("document"), resolution)
    if document:
        clean["document"] = document
    return clean, unit


def clean_format(kind, raw):
    """The file format asked for, checked against the kind (and the server, for PDF)."""
    allowed = FORMATS[kind]
    if raw in (None, ""):
        return allowed[0]
    if raw not in allowed:
        raise ValidationError({"format": _("Định dạng “%(format)s” không dùng được cho báo cáo “%(kind)s”; "
                                           "chọn một trong: %(allowed)s.")
                               % {"format": raw, "kind": ReportKind(kind).label, "allowed": ", ".join(allowed)}})
    if raw == ReportFormat.PDF and not convert.pdf_available():
        raise ValidationError({"format": _("Máy chủ chưa cài LibreOffice nên chưa tạo được tệp PDF; hãy chọn "
                                           "định dạng %(format)s.") % {"format": allowed[0]}})
    return raw


def clean_document(raw, resolution=None):
    """The requester's overrides of the issuing unit's number, place, signer… (API.md "Documents").

    Blank fields are dropped (the unit's own apply). Returns a JSON-safe dict;
    raises ValidationError naming the field in Vietnamese.
    """
    if raw in (None, ""):
        return {}
    if not isinstance(raw, dict):
        raise ValidationError({"document": _("Thông tin văn bản phải là một đối tượng JSON "
                                             "(number, place, signer, signer_title, authority, recipients).")})
    unknown = sorted(set(raw) - set(DOCUMENT_FIELDS) - {"recipients", "date", "annex"})
    if unknown:
        raise ValidationError({"document": _("Thông tin văn bản không có trường: %(fields)s.")
                                           % {"fields": ", ".join(unknown)}})
    out, errors = {}, []
    for key, (words, longest) in DOCUMENT_FIELDS.items():
        value = raw.get(key)
        if value in (None, ""):
            continue
        if not isinstance(value, str):
            errors.append(_("%(words)s (%(key)s): phải là chữ.") % {"words": words, "key": key})
            continue
        value = value.strip().replace("\r\n", "\n")
        if len(value) > longest:
            errors.append(_("%(words)s (%(key)s): tối đa %(n)s ký tự.") % {"words": words, "key": key, "n": longest})
        elif value:
            out[key] = value
    if "authority" in out:
        regime = regime_for(resolution)
        bad = [x.strip() for x in out["authority"].splitlines()
               if x.strip() and not x.strip().startswith(AUTHORITY_PREFIXES[regime])]
        if bad:
            errors.append(_("Thẩm quyền ký (authority): %(message)s") % {"message": authority_message(regime, bad[0])})
    recipients = raw.get("recipients")
    if isinstance(recipients, str):
        recipients = recipients.splitlines()
    if recipients not in (None, ""):
        if not isinstance(recipients, list) or not all(isinstance(x, str) for x in recipients):
            errors.append(_("Nơi nhận (recipients): phải là danh sách các dòng chữ."))
        else:
            lines = [x.strip() for x in recipients if x.strip()]
            if len(lines) > MAX_RECIPIENTS or any(len(x) > 200 for x in lines):
                errors.append(_("Nơi nhận (recipients): tối đa %(n)s dòng, mỗi dòng tối đa 200 ký tự.")
                              % {"n": MAX_RECIPIENTS})
            elif lines:
                out["recipients"] = lines
    if raw.get("date") not in (None, ""):
        day = _parse_day(raw["date"])
        if day is None:
            errors.append(_("Ngày văn bản (date): “%(date)s” không phải ngày hợp lệ (YYYY-MM-DD hoặc dd/mm/yyyy).")
                          % {"date": raw["date"]})
        else:
            out["date"] = day.isoformat()
    if raw.get("annex") not in (None, "", False, "0", "false"):
        out["annex"] = True
    if errors:
        raise ValidationError({"document": errors})
    return out


def _parse_day(raw):
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(str(raw).strip(), fmt).date()
        except ValueError:
            continue
    return None


def document_overrides(params):
    """The stored "document" overrides as reports.documents.layout.build_document takes them (the date as a date)."""
    document = dict((params or {}).get("document") or {})
    if document.get("date"):
        document["date"] = dt.date.fromisoformat(document["date"])
    return document


def run_format(run):
    """The file format of a run (its kind's default when none was asked)."""
    return (run.parameters or {}).get("format") or FORMATS[run.kind][0]


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
        raise ValidationError({field: _("%(resolution)s nằm ngoài phạm vi bạn được tạo báo cáo.")
                               % {"resolution": resolution} if resolution
                               else _("Chọn đơn vị trong phạm vi của bạn.")})
    raise ValidationError({"unit": _("Bạn phụ trách nhiều đơn vị: chọn đơn vị cần lập báo cáo.")})


def document_defaults(user, resolution_id=None, unit_id=None, day=None):
    """What a document would carry by default for a request: the issuing unit's heading, number, signer….

    The Báo cáo page fills its document fields with these (and refreshes them
    when the resolution or the unit changes). A unit outside the user's scope
    is ignored; {} when there is no issuing unit to speak of.
    """
    from reports.documents.layout import build_document, issuer_for

    if not can_request(user):
        raise PermissionDenied(_("Bạn không có quyền tạo báo cáo."))
    resolution = unit = None
    if str(resolution_id or "").isdigit():
        resolution = Resolution.objects.select_related("owner_unit").filter(pk=resolution_id).first()
    if str(unit_id or "").isdigit():
        unit = ReportingUnit.objects.filter(pk=unit_id).first()
        if unit is not None and not has_role(user, unit, REQUEST_ROLES):
            unit = None
    if unit is None:
        try:
            unit = _default_scope(user, resolution)
        except ValidationError:
            unit = None
    issuer = issuer_for(resolution, unit)
    if issuer is None:
        return {}
    frame = build_document("", issuer, resolution, day)
    return {
        "issuer": " / ".join(([frame.governing_body] if frame.governing_body else []) + frame.official_lines),
        "regime": regime_for(resolution),
        "number_text": frame.number_text,
        "place": frame.place,
        "authority": "\n".join(frame.authority_lines),
        "signer_title": frame.signer_title,
        "signer": frame.signer_name,
        "recipients": "\n".join(frame.recipients),
        "derived": frame.derived,
    }


def params_key(kind, params):
    return f"{kind}:{params.get('resolution') or ''}:{params.get('period') or ''}:{params.get('unit') or ''}"


# --- lifecycle ----------------------------------------------------------------------------------

def enqueue(run, on_failure=None):
    """Queue the compiling of a report run (enqueue_task); `on_failure(run)` when the broker refuses it."""
    enqueue_task(COMPILE_REPORT, run.pk, (lambda: on_failure(run)) if on_failure is not None else None)


def _discard(run):
    ReportRun.objects.filter(pk=run.pk, status=RunStatus.QUEUED).delete()


def create_run(kind, params, scope_unit, user=None, scheduled=False, on_failure=None):
    run = ReportRun.objects.create(
        kind=kind,
        parameters=params,
        scope_unit=scope_unit,
        requested_by=user,
        scheduled=scheduled,
        params_key=params_key(kind, params),
    )
    enqueue(run, on_failure)
    return run


def request_report(kind, params, user):
    """Validate, create a queued run and enqueue it. Returns the run (maybe already done when eager).

    QueueUnavailable when the broker does not take it: the run is deleted again (no orphan `queued` run).
    """
    clean, scope_unit = clean_params(kind, params, user)
    with transaction.atomic():
        run = create_run(kind, clean, scope_unit, user, on_failure=_discard)
    run.refresh_from_db()
    return run


class Heartbeat:
    """A thread that stamps `heartbeat_at` on a running run every REPORT_HEARTBEAT_SECONDS, on its own
    database connection, until stopped. A run whose stamps stop lost its worker."""

    def __init__(self, run_id):
        self.run_id = run_id
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, name=f"report-heartbeat-{run_id}", daemon=True)

    def start(self):
        self._thread.start()

    def stop(self):
        self._stop.set()
        self._thread.join(5)

    def _beat(self):
        try:
            while not self._stop.wait(settings.REPORT_HEARTBEAT_SECONDS):
                try:
                    ReportRun.objects.filter(pk=self.run_id, status=RunStatus.RUNNING).update(
                        heartbeat_at=timezone.now())
                except Exception:  # noqa: BLE001 - a missed beat is not the report's failure
                    log.warning("heartbeat of report run %s failed", self.run_id, exc_info=True)
        finally:
            connection.close()


def is_stale(run, now=None, seconds=None):
    """Has a running run's heartbeat (or start) stopped for `seconds` (REPORT_STALE_SECONDS)?"""
    now = now or timezone.now()
    seconds = settings.REPORT_STALE_SECONDS if seconds is None else seconds
    beat = run.heartbeat_at or run.started_at
    return beat is None or beat < now - dt.timedelta(seconds=seconds)


def _dead_reason(run, seconds):
    return _("Tiến trình tạo báo cáo bị dừng bất thường: không còn tín hiệu hoạt động quá %(seconds)s giây, "
             "sau %(attempts)s lần chạy (máy chủ xử lý có thể đã tắt hoặc bị dừng). Bấm “Chạy lại”.") % {
        "seconds": seconds, "attempts": run.attempts}


def _fail_dead(run, now, seconds=None):
    seconds = settings.REPORT_STALE_SECONDS if seconds is None else seconds
    run.status = RunStatus.FAILED
    run.finished_at = now
    run.error = _dead_reason(run, seconds)
    run.save(update_fields=["status", "finished_at", "error"])


def run_report(run_id, final_attempt=True):
    """Compile one run: running (started_at, attempts+1) → done (file) | failed (error).

    Idempotent: a done or failed run is returned untouched, and so is a
    running one whose heartbeat is fresh (another worker is on it); a running
    run whose heartbeat stopped (this message was redelivered after its worker
    died) counts as a new attempt, or fails after MAX_ATTEMPTS. While it
    compiles, the run beats (`heartbeat_at`, every REPORT_HEARTBEAT_SECONDS).
    A transient error (database, connection) on a non-final attempt puts the
    run back to queued and is re-raised so Celery retries it with backoff.
    """
    with transaction.atomic():
        run = ReportRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None or run.status in (RunStatus.DONE, RunStatus.FAILED):
            return run
        now = timezone.now()
        if run.status == RunStatus.RUNNING:
            if not is_stale(run, now):
                return run
            if run.attempts >= MAX_ATTEMPTS:
                _fail_dead(run, now)
                return run
        run.status = RunStatus.RUNNING
        run.started_at = run.heartbeat_at = now
        run.finished_at = None
        run.attempts += 1
        run.error = ""
        run.save(update_fields=["status", "started_at", "heartbeat_at", "finished_at", "attempts", "error"])
    beat = Heartbeat(run.pk)
    beat.start()
    try:
        _generate_into(run)
    except TRANSIENT_ERRORS as exc:
        if not final_attempt:
            ReportRun.objects.filter(pk=run.pk).update(
                status=RunStatus.QUEUED, error=_("Lỗi tạm thời, đang thử lại: %(error)s") % {"error": repr(exc)}
            )
            raise
        _fail(run, _("Không tạo được báo cáo do lỗi kết nối cơ sở dữ liệu hoặc máy chủ (đã thử lại nhiều lần)."), exc)
        return run
    except Exception as exc:  # noqa: BLE001 - every failure is recorded on the run, in Vietnamese
        log.exception("report run %s failed", run.pk)
        _fail(run, _("Không tạo được báo cáo."), exc)
        return run
    finally:
        beat.stop()
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
    run.error = message + "\n" + _("Chi tiết kỹ thuật: %(type)s: %(error)s") % {"type": type(exc).__name__, "error": exc}
    run.save(update_fields=["status", "finished_at", "error"])


def retry(run):
    """Re-queue a failed run (same parameters, same run)."""
    if run.status != RunStatus.FAILED:
        raise ValidationError(_("Chỉ chạy lại được báo cáo bị lỗi."))
    def back_to_failed(run):
        ReportRun.objects.filter(pk=run.pk, status=RunStatus.QUEUED).update(
            status=RunStatus.FAILED, error=QueueUnavailable.message)

    with transaction.atomic():
        ReportRun.objects.filter(pk=run.pk, status=RunStatus.FAILED).update(
            status=RunStatus.QUEUED, error="", started_at=None, finished_at=None, heartbeat_at=None
        )
        enqueue(run, on_failure=back_to_failed)
    run.refresh_from_db()
    return run


def mark_stuck_runs(now=None, minutes=None):
    """Runs `running` whose worker died: re-queue once, then fail with the reason. Returns (requeued, failed).

    A run is stuck when its heartbeat (or its start) is older than REPORT_STALE_SECONDS (or `minutes`,
    when given). Called when a worker starts (reports.runs.tasks: at once and once more after the stale
    time) and by beat every minute, so a run whose worker was killed is re-queued within about two
    minutes of a worker coming back.
    """
    now = now or timezone.now()
    seconds = settings.REPORT_STALE_SECONDS if minutes is None else minutes * 60
    requeued, failed = [], []
    for run in ReportRun.objects.filter(status=RunStatus.RUNNING):
        if not is_stale(run, now, seconds):
            continue
        with transaction.atomic():
            locked = ReportRun.objects.select_for_update().filter(pk=run.pk, status=RunStatus.RUNNING).first()
            if locked is None or not is_stale(locked, now, seconds):
                continue
            if locked.attempts < MAX_ATTEMPTS:
                locked.status = RunStatus.QUEUED
                locked.error = _("Lần chạy trước bị gián đoạn (không còn tín hiệu hoạt động quá %(seconds)s giây); "
                                 "đã tự động chạy lại.") % {"seconds": seconds}
                locked.save(update_fields=["status", "error"])
                enqueue(locked)
                requeued.append(run.pk)
            else:
                _fail_dead(locked, now, seconds)
                failed.append(run.pk)
    return requeued, failed


# --- generating ------------------------------------------------------------------------------------

def build(kind, params, day=None):
    """(report data, writer, file name) for a kind and its parameters (format and document overrides included)."""
    resolution = Resolution.objects.select_related("owner_unit").get(pk=params["resolution"]) if params.get("resolution") else None
    period = Period.objects.get(pk=params["period"]) if params.get("period") else None
    unit = ReportingUnit.objects.get(pk=params["unit"]) if params.get("unit") else None
    document = document_overrides(params)
    fmt = params.get("format") or FORMATS[kind][0]
    if kind == ReportKind.PROGRESS:
        data = progress_report(resolution, period, unit, day, document)
    elif kind == ReportKind.UNIT_SCORECARD:
        data = unit_scorecard_report(unit, period.year, resolution, day, document)
    elif kind == ReportKind.COMPLETENESS:
        data = completeness_report(period, unit, resolution, day, document)
    elif kind == ReportKind.NARRATIVE:
        data = narrative_report(resolution, period, unit, day, document)
    else:
        data = tasks_report(resolution, period, day, document=document)
    name = file_names.file_name(kind, resolution, period, unit, period.year if period else None, fmt)
    if kind == ReportKind.NARRATIVE:
        writer = write_narrative
    elif kind == ReportKind.PROGRESS and fmt == ReportFormat.PDF:
        # A province's per-unit sheet would print as a thousand pages: the PDF is the signed summary,
        # the workbook carries every unit.
        def writer(report, target):
            return write_progress(report, target, unit_sheet=False)
    else:
        writer = WRITERS[kind]
    return data, writer, name


@in_vietnamese
def _generate_into(run):
    data, writer, name = build(run.kind, run.parameters)
    fmt = run_format(run)
    source_ext = ".docx" if run.kind == ReportKind.NARRATIVE else ".xlsx"
    work = tempfile.mkdtemp(prefix="report-")
    try:
        # The name LibreOffice's output takes: the file's own name, so the PDF's metadata reads well.
        source = os.path.join(work, os.path.splitext(name)[0] + source_ext)
        writer(data, source)
        path = source
        if fmt == ReportFormat.PDF:
            path = os.path.join(work, name)
            convert.to_pdf(source, path)
        with open(path, "rb") as fh:
            run.file.save(name, File(fh), save=False)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    run.file_name = name


def content_type(file_name):
    """The MIME type of a report file, by its extension."""
    ext = os.path.splitext(file_name or "")[1].lstrip(".").lower()
    return CONTENT_TYPES.get(ext, XLSX_CONTENT_TYPE)


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
        resolution = Resolution.objects.filter(pk=_id(resolution_id, "resolution")).first()
        if resolution is None:
            errors["resolution"] = _("Không tìm thấy văn bản.")
    if unit_id:
        unit = subscription_units(user).filter(pk=_id(unit_id, "unit")).first()
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
