"""Large Excel uploads, checked and imported by the Celery worker with progress (ImportRun).

A file above settings.IMPORT_SYNC_MAX_BYTES is stored and handed to the
worker (`start_import`), so no web worker spends more than a few seconds on
an upload; the page and the API (202 and a status URL) show its progress.
The work itself is `reports.excel.saving.import_workbook`, the same all-or-nothing
import, rules and messages as a small file's. Without REDIS_URL (eager
Celery) the job runs in-process right after the upload.
"""

import logging
import time
import zipfile

from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from config.spreadsheets import check_size
from reports.models import ImportRun, ImportStatus
from reports.queue import IMPORT_FILE, QueueUnavailable, enqueue_task

from .reading import ImportErrors
from .saving import import_workbook

log = logging.getLogger(__name__)
PROGRESS_EVERY_SECONDS = 1.0
PHASE_WORDS = {"read": gettext_lazy("Đang đọc tệp"), "check": gettext_lazy("Đang kiểm tra"),
               "write": gettext_lazy("Đang lưu")}


def is_large(upload):
    """Is this upload for the worker? Above IMPORT_SYNC_MAX_BYTES, or unzipping to more than 8 times that
    (a small file of repeated rows can hold tens of thousands; the zip's directory says so without reading)."""
    if (upload.size or 0) > settings.IMPORT_SYNC_MAX_BYTES:
        return True
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as zf:
            unzipped = sum(i.file_size for i in zf.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False  # not a workbook: the import says so at once
    finally:
        upload.seek(0)
    return unzipped > 8 * settings.IMPORT_SYNC_MAX_BYTES


def start_import(upload, user):
    """Store the upload and queue its import; returns the ImportRun. ImportErrors for a file too large;
    QueueUnavailable when the broker does not take it (the run is deleted again)."""
    check_size(upload)
    with transaction.atomic():
        run = ImportRun.objects.create(user=user, original_name=(upload.name or "")[:255], size=upload.size or 0)
        run.file.save(f"import-{run.pk}.xlsx", upload, save=True)

        def discard(run):
            run.file.delete(save=False)
            ImportRun.objects.filter(pk=run.pk).delete()

        enqueue_task(IMPORT_FILE, run.pk, on_failure=lambda: discard(run))
    return run


def get_import_for_user(user, import_id):
    """The run if `user` uploaded it (admins: any), else 404."""
    run = ImportRun.objects.filter(pk=import_id).first() if str(import_id).isdigit() else None
    if run is None or not (user.is_staff or run.user_id == user.pk):
        raise Http404(_("Không tìm thấy lượt nhập."))
    return run


def run_import(import_id):
    """Check and import a stored upload (queued → running → done | refused | failed). Idempotent."""
    with transaction.atomic():
        run = ImportRun.objects.select_for_update().filter(pk=import_id).first()
        if run is None or run.status != ImportStatus.QUEUED:
            return run
        now = timezone.now()
        run.status, run.started_at, run.heartbeat_at = ImportStatus.RUNNING, now, now
        run.save(update_fields=["status", "started_at", "heartbeat_at"])
    last = [0.0]

    def progress(phase, done, total):
        if time.monotonic() - last[0] < PROGRESS_EVERY_SECONDS and phase == run.phase:
            return
        last[0] = time.monotonic()
        run.phase = phase
        ImportRun.objects.filter(pk=run.pk).update(phase=phase, rows_done=done, rows_total=total,
                                                   heartbeat_at=timezone.now())

    fields = {}
    try:
        with run.file.open("rb") as fh:
            result = import_workbook(fh, run.user, progress=progress)
    except ImportErrors as exc:
        fields = {"status": ImportStatus.REFUSED, "errors": exc.errors, "error_count": exc.total}
    except Exception as exc:  # noqa: BLE001 - recorded on the run, in Vietnamese
        log.exception("import %s failed", run.pk)
        fields = {"status": ImportStatus.FAILED,
                  "message": _("Không nhập được tệp do lỗi hệ thống; chưa lưu số liệu nào. (%(error)s)")
                  % {"error": type(exc).__name__}}
    else:
        fields = {"status": ImportStatus.DONE, "created": result.created, "updated": result.updated,
                  "unchanged": result.unchanged}
    fields["finished_at"] = timezone.now()
    ImportRun.objects.filter(pk=run.pk).update(**fields)
    run.file.delete(save=False)  # the figures are saved or refused: the upload is not kept
    ImportRun.objects.filter(pk=run.pk).update(file="")
    run.refresh_from_db()
    return run


def fail_stuck_imports(now=None, seconds=None):
    """Imports `running` whose progress stopped (their worker died): failed with the reason; nothing was saved."""
    now = now or timezone.now()
    seconds = settings.REPORT_STALE_SECONDS if seconds is None else seconds
    limit = now - timezone.timedelta(seconds=seconds)
    return ImportRun.objects.filter(status=ImportStatus.RUNNING, heartbeat_at__lt=limit).update(
        status=ImportStatus.FAILED, finished_at=now,
        message=_("Lượt nhập bị gián đoạn (máy chủ xử lý bị dừng); chưa lưu số liệu nào. Hãy tải tệp lên lại."))


def payload(run, request=None):
    """The status JSON of an import, shared by the page's polling and the API."""
    from django.urls import reverse

    url = reverse("api-import-detail", args=[run.pk])
    return {
        "id": run.pk,
        "status": run.status,
        "status_label": run.get_status_display(),
        "phase": str(PHASE_WORDS.get(run.phase, "")),
        "rows_done": run.rows_done,
        "rows_total": run.rows_total,
        "created": run.created,
        "updated": run.updated,
        "unchanged": run.unchanged,
        "errors": run.errors,
        "error_count": run.error_count,
        "message": run.message,
        "status_url": request.build_absolute_uri(url) if request is not None else url,
    }


__all__ = ["QueueUnavailable", "get_import_for_user", "is_large", "payload", "run_import", "start_import"]
