"""Report runs: lifecycle, retry, stuck runs, permissions, the page and the API."""

import datetime as dt
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from reports.models import ReportRun, RunStatus
from reports.runs import generate, recovery, requests
from tests.api_helpers import client_for

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _params(w, **extra):
    return {"resolution": w["res"].pk, "period": w["q3"].pk, **extra}



@pytest.fixture(autouse=True)
def _eager(eager_celery):
    """These tests run tasks in-process, even when REDIS_URL is set (the worker test covers Redis)."""

def test_request_runs_to_done(province_figures, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run = requests.request_report("progress", _params(province_figures), province_figures["supervisor"])
    run.refresh_from_db()
    assert run.status == RunStatus.DONE and run.attempts == 1
    assert run.started_at and run.finished_at and run.finished_at >= run.started_at
    assert run.file_name == "BaoCao_09-NQ-TU_Quy-III-2024.xlsx"
    assert run.scope_unit == province_figures["province"]
    wb = load_workbook(run.file.path)
    assert wb.sheetnames == ["Tổng hợp", "Chi tiết đơn vị"]
    # idempotent: a done run is not regenerated
    before = run.file.name
    assert generate.run_report(run.pk).file.name == before
    assert ReportRun.objects.get(pk=run.pk).attempts == 1


def test_request_is_queued_until_commit(province_figures, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        run = requests.request_report("progress", _params(province_figures), province_figures["admin"])
    assert run.status == RunStatus.QUEUED and len(callbacks) == 1


def test_failure_then_retry(province_figures, django_capture_on_commit_callbacks):
    with mock.patch("reports.runs.generate.progress_report", side_effect=ValueError("hỏng")):
        with django_capture_on_commit_callbacks(execute=True):
            run = requests.request_report("progress", _params(province_figures), province_figures["admin"])
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert run.error.startswith("Không tạo được báo cáo.") and "ValueError: hỏng" in run.error
    with django_capture_on_commit_callbacks(execute=True):
        recovery.retry(run)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE and run.attempts == 2 and run.error == ""
    with pytest.raises(ValidationError):
        recovery.retry(run)


def test_transient_error_requeues_then_fails_on_last_attempt(province_figures, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        run = requests.request_report("progress", _params(province_figures), province_figures["admin"])
    with mock.patch("reports.runs.generate.progress_report", side_effect=OperationalError("database is locked")):
        with pytest.raises(OperationalError):
            generate.run_report(run.pk, final_attempt=False)
        assert ReportRun.objects.get(pk=run.pk).status == RunStatus.QUEUED
        generate.run_report(run.pk, final_attempt=True)
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED and "kết nối" in run.error


def test_celery_task_retry_policy(province_figures, django_capture_on_commit_callbacks):
    from reports.runs.tasks import compile_report

    assert compile_report.acks_late and compile_report.retry_backoff
    assert OperationalError in compile_report.autoretry_for and ConnectionError in compile_report.autoretry_for
    with django_capture_on_commit_callbacks(execute=False):
        run = requests.request_report("progress", _params(province_figures), province_figures["admin"])
    # On a worker, a transient error is re-raised so Celery retries with backoff...
    with mock.patch.object(generate, "_generate_into", side_effect=ConnectionError("redis gone")):
        with pytest.raises(ConnectionError):
            generate.run_report(run.pk, final_attempt=False)
        # ...in-process (eager) the attempt is final: recorded, never a 500 for the page.
        compile_report.apply(args=[run.pk])
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED and run.attempts == 2


def test_stuck_runs_requeued_once_then_failed(province_figures, django_capture_on_commit_callbacks):
    now = timezone.now()
    run = ReportRun.objects.create(kind="progress", parameters=_params(province_figures, unit=None), status=RunStatus.RUNNING,
                                   started_at=now - dt.timedelta(hours=2), attempts=1)
    fresh = ReportRun.objects.create(kind="progress", parameters=_params(province_figures), status=RunStatus.RUNNING,
                                     started_at=now - dt.timedelta(minutes=5), attempts=1)
    with django_capture_on_commit_callbacks(execute=False) as cbs:
        assert recovery.mark_stuck_runs(now, minutes=30) == ([run.pk], [])
    assert len(cbs) == 1 and ReportRun.objects.get(pk=run.pk).status == RunStatus.QUEUED
    ReportRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING, attempts=2)
    assert recovery.mark_stuck_runs(now, minutes=30) == ([], [run.pk])
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED and "dừng bất thường" in run.error
    assert ReportRun.objects.get(pk=fresh.pk).status == RunStatus.RUNNING


def test_validation_and_scope(province_figures):
    with pytest.raises(ValidationError) as e:
        requests.request_report("progress", {"period": province_figures["q3"].pk}, province_figures["admin"])
    assert "Chưa chọn văn bản" in str(e.value.message_dict["resolution"])
    with pytest.raises(ValidationError) as e:
        requests.request_report("progress", _params(province_figures, period=999999), province_figures["admin"])
    assert "Không tìm thấy kỳ báo cáo" in e.value.message_dict["period"][0]
    with pytest.raises(ValidationError):
        requests.request_report("nope", {}, province_figures["admin"])
    # head_a (approver of dept_a) may not report on dept_b
    with pytest.raises(ValidationError) as e:
        requests.request_report("progress", _params(province_figures, unit=province_figures["dept_b"].pk), province_figures["head_a"])
    assert "ngoài phạm vi" in e.value.message_dict["unit"][0]
    # entry users may not request reports
    with pytest.raises(PermissionDenied):
        requests.request_report("progress", _params(province_figures), province_figures["user_a"])
    # an approver without a unit gets their own subtree
    params, unit = requests.clean_params("progress", _params(province_figures), province_figures["head_a"])
    assert unit == province_figures["dept_a"] and params["unit"] == province_figures["dept_a"].pk


def test_visibility_and_download(province_figures, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run = requests.request_report("progress", _params(province_figures, unit=province_figures["dept_a"].pk), province_figures["head_a"])
    url = reverse("report-run-download", args=[run.pk])
    client.force_login(province_figures["head_a"])
    resp = client.get(url)
    assert resp.status_code == 200 and resp["Content-Type"] == XLSX
    assert 'filename="BaoCao_09-NQ-TU_Quy-III-2024.xlsx"' in resp["Content-Disposition"]
    for outsider in ("user_b", "supervisor"):  # not theirs and not scheduled: 404
        client.force_login(province_figures[outsider])
        assert client.get(url).status_code == 404
        assert client.get(reverse("report-run-status", args=[run.pk])).status_code == 404
    # a scheduled run is visible within its scope only
    ReportRun.objects.filter(pk=run.pk).update(scheduled=True)
    client.force_login(province_figures["user_a"])  # entry user of dept_a: covered
    assert client.get(url).status_code == 200
    client.force_login(province_figures["user_b"])
    assert client.get(url).status_code == 404
    client.force_login(province_figures["admin"])
    assert client.get(url).status_code == 200


def test_runs_page_lists_and_requests(province_figures, client, django_capture_on_commit_callbacks):
    client.force_login(province_figures["supervisor"])
    page = client.get(reverse("report-runs"))
    assert page.status_code == 200 and "Tạo báo cáo" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        resp = client.post(reverse("report-runs"), {"kind": "progress", "resolution": province_figures["res"].pk,
                                                    "period": province_figures["q3"].pk, "unit": ""})
    assert resp.status_code == 302
    html = client.get(reverse("report-runs")).content.decode()
    assert "Hoàn thành" in html and "Tải về" in html
    bad = client.post(reverse("report-runs"), {"kind": "progress", "resolution": "", "period": ""})
    assert bad.status_code == 400 and "Chưa chọn văn bản" in bad.content.decode()
    client.force_login(province_figures["user_a"])
    page = client.get(reverse("report-runs")).content.decode()
    assert 'id="run-form"' not in page
    assert client.post(reverse("report-runs"), {"kind": "progress"}).status_code == 403


def test_retry_view(province_figures, client, django_capture_on_commit_callbacks):
    run = ReportRun.objects.create(kind="progress", parameters=_params(province_figures, unit=province_figures["province"].pk),
                                   status=RunStatus.FAILED, error="x", requested_by=province_figures["supervisor"],
                                   scope_unit=province_figures["province"])
    client.force_login(province_figures["supervisor"])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("report-run-retry", args=[run.pk])).status_code == 302
    assert ReportRun.objects.get(pk=run.pk).status == RunStatus.DONE


def test_api_shapes(province_figures, django_capture_on_commit_callbacks):
    api = client_for(province_figures["supervisor"])
    with django_capture_on_commit_callbacks(execute=True):
        resp = api.post("/api/v1/reports/", {"kind": "progress", "resolution": province_figures["res"].pk,
                                             "period": province_figures["q3"].pk}, format="json")
    assert resp.status_code == 202 and set(resp.json()) == {"id", "status"}
    detail = api.get(f"/api/v1/reports/{resp.json()['id']}/").json()
    assert set(detail) == {"id", "kind", "status", "error", "created_at", "finished_at", "download_url"}
    assert detail["status"] == "done" and detail["download_url"].endswith("/download/")
    file = api.get(detail["download_url"])
    assert file.status_code == 200 and file["Content-Type"] == XLSX
    assert api.post("/api/v1/reports/", {"kind": "progress"}, format="json").status_code == 400
    assert client_for(province_figures["user_a"]).post("/api/v1/reports/", {"kind": "progress"}, format="json").status_code == 403
    assert client_for(province_figures["user_b"]).get(f"/api/v1/reports/{detail['id']}/").status_code == 404
    assert client_for().get(f"/api/v1/reports/{detail['id']}/").status_code == 401


def test_user_subscribes_to_reports_of_their_scope_and_unsubscribes(client, personas, tree):
    from reports.models import ReportSubscription

    client.force_login(personas["user_b"])
    r = client.post(reverse("report-subscribe"), {"kind": "progress", "unit": tree["dept_a"].pk})
    assert r.status_code == 400 and "Đơn vị nằm ngoài phạm vi bạn được xem." in r.content.decode()
    assert not ReportSubscription.objects.exists()

    r = client.post(reverse("report-subscribe"), {"kind": "completeness", "unit": tree["dept_b"].pk})
    assert r.status_code == 302
    sub = ReportSubscription.objects.get()
    assert (sub.user, sub.kind, sub.unit) == (personas["user_b"], "completeness", tree["dept_b"])
    page = client.get(reverse("report-runs")).content.decode()
    assert "Tình hình gửi báo cáo" in page and "Hủy đăng ký" in page

    client.force_login(personas["user_a"])  # someone else's subscription is not theirs to cancel
    assert client.post(reverse("report-unsubscribe", args=[sub.pk])).status_code == 404
    client.force_login(personas["user_b"])
    assert client.post(reverse("report-unsubscribe", args=[sub.pk])).status_code == 302
    assert not ReportSubscription.objects.exists()
