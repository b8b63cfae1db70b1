"""Requesting a report run: the parameters checked, the run created and queued for the worker.

The lifecycle of a ReportRun (DESIGN.md §4): queued (here) → running → done | failed (generate.py).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from indicators.models import Period
from reports.models import ReportKind, ReportRun, RunStatus
from reports.queue import COMPILE_REPORT, enqueue_task
from resolutions.models import Resolution
from resolutions.scope import overlaps_reach
from units.access import has_role
from units.models import ReportingUnit

from .access import REQUEST_ROLES, can_request, default_scope
from .document_overrides import clean_document
from .kinds import FIELD_WORDS, FORMATS, PARAMS, clean_format, param_id, params_key


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
    ids = {f: param_id((params or {}).get(f), f) for f in need}
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
        unit = default_scope(user, resolution, period)
    clean = {"resolution": ids["resolution"], "period": ids["period"], "unit": unit.pk if unit else None}
    fmt = clean_format(kind, (params or {}).get("format"))
    if fmt != FORMATS[kind][0]:
        clean["format"] = fmt
    document = clean_document((params or {}).get("document"), resolution)
    if document:
        clean["document"] = document
    return clean, unit


def enqueue(run, on_failure=None):
    """Queue the compiling of a report run (enqueue_task); `on_failure(run)` when the broker refuses it."""
    enqueue_task(COMPILE_REPORT, run.pk, (lambda: on_failure(run)) if on_failure is not None else None)


def _discard(run):
    ReportRun.objects.filter(pk=run.pk, status=RunStatus.QUEUED).delete()


def create_run(kind, params, scope_unit, user=None, scheduled=False, on_failure=None):
    """Create a queued run (its params_key set) and hand it to the queue; `on_failure(run)` when refused."""
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
