"""The page "Sắp xếp đơn vị": rows typed or read from the mapping workbook, preview, apply with progress, revert."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import UnitFactory
from units import reorganisation_rows as R
from units.models import Reorganisation, ReportingUnit, UnitKind, UnitSuccession

pytestmark = pytest.mark.django_db


@pytest.fixture
def office_and_school(tree, personas):
    office = UnitFactory(code="PGD", name="Phòng GDĐT Thành phố", kind=UnitKind.DISTRICT_OFFICE,
                         parent=tree["dept_a"])
    school = UnitFactory(code="T9", name="Trường Tiểu học Bắc Lý", kind=UnitKind.SCHOOL, parent=office)
    return {**tree, **personas, "office": office, "school": school}


def rows_post(rows, **extra):
    data = {"effective_on": "01/07/2025", "legal_basis": "Nghị quyết số 202/2025/QH15", **extra}
    for n, values in enumerate(rows, start=1):
        for key, value in zip(R.KEYS, values, strict=True):
            data[f"{key}-{n}"] = value
    return data


def test_only_staff_reach_the_page(client, office_and_school):
    client.force_login(office_and_school["supervisor"])
    assert client.get(reverse("reorganise")).status_code == 302  # to the admin login
    client.force_login(office_and_school["admin"])
    assert client.get(reverse("reorganise")).status_code == 200


def test_preview_lists_what_would_change_and_saves_nothing(client, office_and_school):
    client.force_login(office_and_school["admin"])
    page = client.post(reverse("reorganise"), rows_post([("sáp nhập", "PGD", "A", "", "", "")],
                                                         action="preview")).content.decode()
    assert "Xem trước — chưa có gì được lưu" in page
    assert "1 đơn vị thôi hoạt động, 0 đơn vị mới, 1 đơn vị chuyển đơn vị cấp trên" in page
    assert "Trường Tiểu học Bắc Lý" in page and "Áp dụng" in page
    assert ReportingUnit.objects.get(code="PGD").valid_to is None and not UnitSuccession.objects.exists()


def test_apply_runs_in_the_background_and_the_page_follows_it(client, office_and_school, eager_celery,
                                                               django_capture_on_commit_callbacks):
    client.force_login(office_and_school["admin"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reorganise"), rows_post([("sáp nhập", "PGD", "A", "", "", "")],
                                                                action="apply"))
    reorg = Reorganisation.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"?follow={reorg.pk}")
    status = client.get(reverse("reorganise-status", args=[reorg.pk])).json()
    assert (status["status"], status["ended"], status["moved"]) == ("applied", 1, 1)
    assert ReportingUnit.objects.get(code="T9").parent_id == office_and_school["dept_a"].pk
    page = client.get(response["Location"]).content.decode()
    assert "Nghị quyết số 202/2025/QH15" in page and "01/07/2025" in page and "Đã áp dụng" in page


def test_every_bad_row_is_named_with_its_row(client, office_and_school):
    client.force_login(office_and_school["admin"])
    page = client.post(reverse("reorganise"), rows_post([
        ("gộp", "PGD", "A", "", "", ""),
        ("sáp nhập", "T9", "P", "", "", ""),
    ], action="preview")).content.decode()
    assert "Loại thay đổi “gộp” không hợp lệ" in page
    page = client.post(reverse("reorganise"), rows_post([
        ("sáp nhập", "PGD", "A", "", "", ""),
        ("sáp nhập", "T9", "P", "", "", ""),
    ], action="preview")).content.decode()
    assert "Chưa lưu gì." in page
    assert "“Trường Tiểu học Bắc Lý” (Cơ sở giáo dục) không thể sáp nhập vào một đơn vị loại Tỉnh/Thành phố." in page
    assert '<td class="num">2</td>' in page  # the row of that step
    page = client.post(reverse("reorganise"), rows_post([("sáp nhập", "PGD", "A", "", "", "")],
                                                        effective_on="1/7/25", action="preview")).content.decode()
    assert "Cần ngày hiệu lực theo dạng ngày/tháng/năm" in page
    assert not Reorganisation.objects.exists()


def test_the_mapping_workbook_round_trip(client, office_and_school):
    client.force_login(office_and_school["admin"])
    data = client.get(reverse("reorganise-template")).content
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["Sắp xếp đơn vị", "Hướng dẫn", "Đơn vị hiện có"]
    ws = wb["Sắp xếp đơn vị"]
    assert [c.value for c in ws[1]] == R.COLUMNS
    assert "PGD" in [c.value for c in wb["Đơn vị hiện có"]["A"]]
    ws.append(["sáp nhập", "PGD", "PGD2", "Phòng GDĐT mới", "Phòng chuyên môn cấp huyện", "A"])
    out = io.BytesIO()
    wb.save(out)
    upload = SimpleUploadedFile("bang.xlsx", out.getvalue())
    page = client.post(reverse("reorganise"), {"action": "upload", "file": upload}).content.decode()
    assert "Đã đọc 1 dòng" in page and 'value="PGD2"' in page and 'value="Phòng GDĐT mới"' in page
    rows = R.read_workbook(SimpleUploadedFile("bang.xlsx", out.getvalue()))
    payload = R.rows_to_payload(rows, "2025-07-01", "NQ")
    assert payload.body["steps"] == [{"kind": "merge", "from": ["PGD"], "into": {
        "code": "PGD2", "name": "Phòng GDĐT mới", "kind": "district_office", "parent": "A"}}]
    assert payload.step_rows == [[2]]


def test_a_file_that_is_not_the_workbook_is_refused(client, office_and_school):
    client.force_login(office_and_school["admin"])
    page = client.post(reverse("reorganise"), {"action": "upload", "file": SimpleUploadedFile(
        "bang.xlsx", b"not a workbook")}, follow=True).content.decode()
    assert "Tệp không phải bảng tính Excel .xlsx" in page


def test_the_unit_search_finds_by_part_of_the_name_with_ancestors(client, office_and_school):
    client.force_login(office_and_school["user_a"])
    found = client.get(reverse("unit-search"), {"q": "bắc lý"}).json()["results"]
    assert [(u["code"], u["ancestors"]) for u in found] == [
        ("T9", ["Tỉnh Mẫu", "Sở Giáo dục và Đào tạo", "Phòng GDĐT Thành phố"])]
    client.force_login(office_and_school["user_b"])  # another Sở: not in scope
    assert client.get(reverse("unit-search"), {"q": "bắc lý"}).json()["results"] == []
