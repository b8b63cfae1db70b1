"""Upload limits and large uploads: size before reading, rows, unzipped size, a capped error list, the worker.

Settings: IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, IMPORT_MAX_UNZIPPED_BYTES, IMPORT_MAX_ERRORS,
IMPORT_SYNC_MAX_BYTES (above it the worker checks the file: page with progress, API 202), REQUEST_MAX_BYTES.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from indicators.models import DataValue
from reports.excel.reading import ImportErrors
from reports.excel.saving import import_workbook
from reports.models import ImportRun, ImportStatus
from tests.api_helpers import client_for
from tests.reports.test_imports import as_file, fill, template

pytestmark = pytest.mark.django_db


def xlsx_bytes(wb):
    return as_file(wb).getvalue()


def with_extra_rows(wb, n, text="x"):
    ws = wb["Nhập liệu"]
    start = ws.max_row + 1
    for r in range(start, start + n):
        ws[f"B{r}"], ws[f"E{r}"], ws[f"I{r}"] = "A", "CT2", text
    return wb


def test_rows_beyond_the_cap_are_refused_before_checking(import_indicators, settings):
    settings.IMPORT_MAX_ROWS = 30
    wb = with_extra_rows(template(import_indicators), 40)
    with pytest.raises(ImportErrors) as exc:
        import_workbook(as_file(wb), import_indicators["user_a"])
    assert len(exc.value.errors) == 1 and "quá nhiều dòng (hơn 30 dòng số liệu)" in exc.value.errors[0]["message"]
    # The reader used when the file has formulas (openpyxl) stops at the cap too.
    wb = with_extra_rows(template(import_indicators), 40)
    wb["Nhập liệu"]["K9"] = "=1+1"
    with pytest.raises(ImportErrors) as exc:
        import_workbook(as_file(wb), import_indicators["user_a"])
    assert "quá nhiều dòng" in exc.value.errors[0]["message"]


def test_the_error_list_is_capped_with_a_count_of_the_rest(import_indicators, settings):
    settings.IMPORT_MAX_ERRORS = 5
    wb = with_extra_rows(template(import_indicators), 12, text="không phải số")
    with pytest.raises(ImportErrors) as exc:
        import_workbook(as_file(wb), import_indicators["user_a"])
    errors = exc.value.errors
    assert exc.value.total == 12 and len(errors) == 6
    assert errors[-1]["message"].startswith("… và 7 lỗi khác (tổng cộng 12 lỗi)")
    r = client_for(import_indicators["user_a"]).post("/api/v1/imports/", {"file": as_file(wb)}, format="multipart")
    assert r.status_code == 400 and len(r.json()["errors"]) == 6


def test_unzipped_size_and_file_size_caps(import_indicators, settings):
    wb = template(import_indicators)
    settings.IMPORT_MAX_UNZIPPED_BYTES = 20_000
    with pytest.raises(ImportErrors) as exc:
        import_workbook(as_file(wb), import_indicators["user_a"])
    assert "giải nén quá lớn" in exc.value.errors[0]["message"]
    settings.IMPORT_MAX_BYTES = 2_000
    with pytest.raises(ImportErrors) as exc:
        import_workbook(as_file(wb), import_indicators["user_a"])
    assert exc.value.errors[0]["message"].startswith("Tệp quá lớn (")


def test_request_body_cap_answers_413_before_reading(client, import_indicators, settings):
    settings.REQUEST_MAX_BYTES = 4_000
    client.force_login(import_indicators["user_a"])
    big = SimpleUploadedFile("mau.xlsx", b"PK\x03\x04" + b"0" * 10_000)
    r = client.post(reverse("import-excel"), {"file": big})
    assert r.status_code == 413 and "quá lớn" in r.content.decode()
    big = SimpleUploadedFile("mau.xlsx", b"PK\x03\x04" + b"0" * 10_000)
    r = client_for(import_indicators["user_a"]).post("/api/v1/imports/", {"file": big}, format="multipart")
    assert r.status_code == 413 and "tối đa" in r.json()["detail"]


def test_a_large_upload_is_imported_by_the_worker_with_progress(client, import_indicators, settings, eager_celery,
                                                                django_capture_on_commit_callbacks):
    settings.IMPORT_SYNC_MAX_BYTES = 1_000  # every test file is "large"
    wb = template(import_indicators)
    fill(wb, "A", "CT1", 2, 9)
    client.force_login(import_indicators["user_a"])
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(reverse("import-excel"), {"file": as_file(wb)})
    run = ImportRun.objects.get()
    assert r.status_code == 302 and r["Location"] == reverse("import-status", args=[run.pk])
    assert run.status == ImportStatus.DONE and run.created == 1 and not run.file
    page = client.get(r["Location"], follow=True).content.decode()
    assert "Đã lưu: 1 số liệu mới, 0 số liệu cập nhật." in page
    assert DataValue.objects.get().value is not None
    # Someone else's import is not found.
    client.force_login(import_indicators["user_b"])
    assert client.get(reverse("import-status", args=[run.pk])).status_code == 404


def test_a_large_refused_upload_lists_its_errors_and_saves_nothing(client, import_indicators, settings, eager_celery,
                                                                   django_capture_on_commit_callbacks):
    settings.IMPORT_SYNC_MAX_BYTES = 1_000
    wb = template(import_indicators)
    fill(wb, "A", "CT1", 12, 9)
    fill(wb, "A", "CT2", "１２")
    client.force_login(import_indicators["user_a"])
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(reverse("import-excel"), {"file": as_file(wb)})
    page = client.get(r["Location"]).content.decode()
    assert "Chưa lưu số liệu nào." in page and "Tệp có 2 lỗi" in page
    assert not DataValue.objects.exists()


def test_api_answers_202_and_a_status_url_for_a_large_file(import_indicators, settings, eager_celery,
                                                           django_capture_on_commit_callbacks):
    settings.IMPORT_SYNC_MAX_BYTES = 1_000
    wb = template(import_indicators)
    fill(wb, "A", "CT1", 2, 9)
    api = client_for(import_indicators["user_a"])
    with django_capture_on_commit_callbacks(execute=True):
        r = api.post("/api/v1/imports/", {"file": as_file(wb)}, format="multipart")
    assert r.status_code == 202, r.content
    body = r.json()
    assert body["status"] == "queued" and body["status_url"].endswith(f"/api/v1/imports/{body['id']}/")
    detail = api.get(body["status_url"]).json()
    assert detail["status"] == "done" and detail["created"] == 1 and detail["errors"] == []
    assert client_for(import_indicators["user_b"]).get(body["status_url"]).status_code == 404
    # A small file is answered at once, as before.
    settings.IMPORT_SYNC_MAX_BYTES = 10 * 1024 * 1024
    wb2 = template(import_indicators)
    fill(wb2, "A", "CT2", 5)
    r = api.post("/api/v1/imports/", {"file": as_file(wb2)}, format="multipart")
    assert r.status_code == 200 and r.json() == {"created": 1, "updated": 0}


def test_progress_is_reported_while_checking(import_indicators, settings):
    wb = with_extra_rows(template(import_indicators), 3, text="1")
    seen = []
    with pytest.raises(ImportErrors):
        import_workbook(io.BytesIO(xlsx_bytes(wb)), import_indicators["user_a"], progress=lambda *a: seen.append(a))
    assert seen[0] == ("read", 0, 0) and any(p[0] == "check" for p in seen)


# --- files that answered 500 (found by fuzzing the import): now a message ---------------------------------


def _rezip(data, change):
    import zipfile

    src, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for info in src.infolist():
            z.writestr(info, change(info.filename, src.read(info.filename)))
    out.seek(0)
    return out


def test_a_huge_number_in_a_hidden_id_column_is_a_row_error(import_indicators):
    wb = template(import_indicators)
    ws = wb["Nhập liệu"]
    ws["L8"], ws["I8"], ws["J8"] = 10 ** 20, 1, 2
    with pytest.raises(ImportErrors) as exc:
        import_workbook(as_file(wb), import_indicators["user_a"])
    assert exc.value.errors[0]["message"] == "Cột nhận dạng chỉ tiêu (ẩn) đã bị sửa; hãy tải mẫu mới."


@pytest.mark.parametrize("formula", [False, True])
def test_a_damaged_data_sheet_is_said_to_be_damaged(import_indicators, formula):
    wb = template(import_indicators)
    if formula:
        wb["Nhập liệu"]["K8"] = "=1+1"  # the other reader (openpyxl)
    broken = _rezip(xlsx_bytes(wb), lambda name, b: b[:len(b) * 2 // 3] if name == "xl/worksheets/sheet1.xml" else b)
    with pytest.raises(ImportErrors) as exc:
        import_workbook(broken, import_indicators["user_a"])
    assert exc.value.errors[0]["message"].startswith("Tệp bị hỏng: không đọc được sheet “Nhập liệu”")


def test_a_small_file_that_unzips_big_goes_to_the_worker(import_indicators, settings):
    import zipfile

    from reports.excel.jobs import is_large

    data = xlsx_bytes(with_extra_rows(template(import_indicators), 3000))  # repeated rows compress well
    unzipped = sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(data)).infolist())
    settings.IMPORT_SYNC_MAX_BYTES = unzipped // 8 - 1
    assert len(data) <= settings.IMPORT_SYNC_MAX_BYTES  # small on the wire...
    assert is_large(SimpleUploadedFile("mau.xlsx", data))  # ...but not small to check
    settings.IMPORT_SYNC_MAX_BYTES = unzipped
    assert not is_large(SimpleUploadedFile("mau.xlsx", data))
