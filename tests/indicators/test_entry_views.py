"""The entry pages as unit staff and heads use them: save, errors, conflicts, workflow, permissions."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from indicators.models import DataValue, Evidence, Submission, SubmissionStatus
from indicators.services import record_value
from tests.factories import (
    DataValueFactory,
    PeriodFactory,
    SubmissionFactory,
)

pytestmark = pytest.mark.django_db


def url(s, unit="dept_a", period="q3"):
    return reverse("entry", args=[s[period].code, s[unit].pk])


def post_row(s, unit, indicator, num, den="", note="", version="", action="save", extra=None):
    k = f"{s[unit].pk}-{indicator.pk}"
    data = {f"n-{k}": num, f"d-{k}": den, f"note-{k}": note, f"ver-{k}": version, "action": action}
    data.update(extra or {})
    return data


def test_form_lists_indicators_of_the_units_province_with_targets(client, entry_resolution):
    client.force_login(entry_resolution["user_a"])
    page = client.get(url(entry_resolution)).content.decode()
    assert "DVCTT" in page and "MAYTINH" in page
    assert "trên 50%" in page
    assert "NGOAI" not in page  # another province's resolution


def test_saving_a_draft_computes_the_rate_and_reads_vietnamese_numbers(client, entry_resolution):
    client.force_login(entry_resolution["user_a"])
    data = post_row(entry_resolution, "dept_a", entry_resolution["online"], "2", "9")
    data.update(post_row(entry_resolution, "dept_a", entry_resolution["computers"], "1.937"))
    response = client.post(url(entry_resolution), data)
    assert response.status_code == 302
    online = DataValue.objects.get(unit=entry_resolution["dept_a"], indicator=entry_resolution["online"])
    assert (online.value, online.version, online.updated_by) == (Decimal("22.2222"), 1, entry_resolution["user_a"])
    assert DataValue.objects.get(indicator=entry_resolution["computers"]).numerator == Decimal(1937)
    page = client.get(url(entry_resolution)).content.decode()
    assert "22,22%" in page and "Đã lưu nháp 2 số liệu." in page


@pytest.mark.parametrize(
    ("num", "den", "message"),
    [
        ("-1", "9", "không được là số âm"),
        ("10", "9", "không được lớn hơn"),
        ("hai", "9", "không phải là số"),
        ("2", "", "cần nhập cả tử số và mẫu số"),
    ],
)
def test_one_bad_row_is_marked_beside_the_field_and_blocks_only_the_submit(client, entry_resolution, num, den, message):
    client.force_login(entry_resolution["user_a"])
    data = post_row(entry_resolution, "dept_a", entry_resolution["online"], num, den)
    data.update(post_row(entry_resolution, "dept_a", entry_resolution["computers"], "325"))  # a good row on the same form
    response = client.post(url(entry_resolution), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page and "Đã lưu nháp 1 số liệu; 1 ô cần sửa (tô đỏ) chưa được lưu." in page
    assert 'class="invalid"' in page
    assert list(DataValue.objects.values_list("indicator", flat=True)) == [entry_resolution["computers"].pk]
    # Submitting with the bad cell is refused; the draft stays a draft.
    data["action"] = "submit"
    data[f"ver-{entry_resolution['dept_a'].pk}-{entry_resolution['computers'].pk}"] = "1"
    page = client.post(url(entry_resolution), data).content.decode()
    assert "Chưa gửi báo cáo: 1 ô số liệu cần sửa" in page
    assert not Submission.objects.filter(status="submitted").exists()


def test_a_count_with_a_fraction_is_rejected(client, entry_resolution):
    client.force_login(entry_resolution["user_a"])
    page = client.post(url(entry_resolution), post_row(entry_resolution, "dept_a", entry_resolution["computers"], "2,5")).content.decode()
    assert "phải là số nguyên" in page
    assert not DataValue.objects.exists()


def test_second_editor_gets_a_conflict_with_the_current_figures(client, entry_resolution):
    client.force_login(entry_resolution["user_a"])
    client.post(url(entry_resolution), post_row(entry_resolution, "dept_a", entry_resolution["online"], "2", "9"))
    # Another person saves 3/9 while the first still has version 1 on screen.
    record_value(unit=entry_resolution["dept_a"], indicator=entry_resolution["online"], period=entry_resolution["q3"], numerator=3, denominator=9,
                 user=entry_resolution["admin"], version=1)  # a colleague with the right
    page = client.post(url(entry_resolution), post_row(entry_resolution, "dept_a", entry_resolution["online"], "4", "9", version="1")).content.decode()
    assert "trong khi bạn đang nhập" in page and "33,33%" in page
    dv = DataValue.objects.get(indicator=entry_resolution["online"])
    assert (dv.numerator, dv.version) == (Decimal(3), 2)  # not overwritten


def test_submit_makes_the_form_read_only_for_entry(client, entry_resolution):
    client.force_login(entry_resolution["user_a"])
    client.post(url(entry_resolution), post_row(entry_resolution, "dept_a", entry_resolution["online"], "2", "9", action="submit"))
    sub = Submission.objects.get(unit=entry_resolution["dept_a"], period=entry_resolution["q3"])
    assert sub.status == SubmissionStatus.SUBMITTED and sub.submitted_by == entry_resolution["user_a"]
    assert client.post(url(entry_resolution), post_row(entry_resolution, "dept_a", entry_resolution["online"], "3", "9")).status_code == 403
    assert DataValue.objects.get(indicator=entry_resolution["online"]).numerator == Decimal(2)


def test_head_returns_with_a_reason_then_approves(client, entry_resolution):
    SubmissionFactory(unit=entry_resolution["school_a1"], period=entry_resolution["q3"], status=SubmissionStatus.SUBMITTED)
    client.force_login(entry_resolution["head_a"])
    action = reverse("submission-action", args=["2024-Q3", entry_resolution["school_a1"].pk, "tra-lai"])
    client.post(action, {"reason": ""})
    assert Submission.objects.get(unit=entry_resolution["school_a1"]).status == SubmissionStatus.SUBMITTED  # reason required
    client.post(action, {"reason": "Số hồ sơ chưa khớp Cổng dịch vụ công"})
    sub = Submission.objects.get(unit=entry_resolution["school_a1"])
    assert sub.status == SubmissionStatus.RETURNED and sub.return_reason == "Số hồ sơ chưa khớp Cổng dịch vụ công"
    periods_page = client.get(reverse("periods") + f"?unit={entry_resolution['school_a1'].pk}").content.decode()
    assert "Bị trả lại" in periods_page and "Số hồ sơ chưa khớp" in periods_page


def test_entry_cannot_approve_and_foreign_units_are_not_found(client, entry_resolution):
    SubmissionFactory(unit=entry_resolution["dept_a"], period=entry_resolution["q3"], status=SubmissionStatus.SUBMITTED)
    client.force_login(entry_resolution["user_a"])
    client.post(reverse("submission-action", args=["2024-Q3", entry_resolution["dept_a"].pk, "duyet"]))
    assert Submission.objects.get(unit=entry_resolution["dept_a"]).status == SubmissionStatus.SUBMITTED
    client.force_login(entry_resolution["user_b"])
    assert client.get(url(entry_resolution)).status_code == 404
    assert client.post(url(entry_resolution), post_row(entry_resolution, "dept_a", entry_resolution["online"], "1", "2")).status_code == 404
    assert client.post(reverse("submission-action", args=["2024-Q3", entry_resolution["dept_a"].pk, "duyet"])).status_code == 404


def test_supervisor_reads_but_cannot_write(client, entry_resolution):
    client.force_login(entry_resolution["supervisor"])
    page = client.get(url(entry_resolution)).content.decode()
    assert "DVCTT" in page and "Lưu nháp" not in page
    assert client.post(url(entry_resolution), post_row(entry_resolution, "dept_a", entry_resolution["online"], "1", "2")).status_code == 403


def test_admin_locks_the_period_with_a_reason(client, entry_resolution):
    client.force_login(entry_resolution["admin"])
    client.post(reverse("period-lock", args=["2024-Q3"]), {"lock": "1", "reason": ""})
    entry_resolution["q3"].refresh_from_db()
    assert not entry_resolution["q3"].is_locked
    client.post(reverse("period-lock", args=["2024-Q3"]), {"lock": "1", "reason": "Chốt số liệu báo cáo quý"})
    entry_resolution["q3"].refresh_from_db()
    assert entry_resolution["q3"].is_locked
    assert entry_resolution["q3"].history.first().history_change_reason == "Khóa sổ: Chốt số liệu báo cáo quý"
    client.force_login(entry_resolution["user_a"])
    assert client.post(url(entry_resolution), post_row(entry_resolution, "dept_a", entry_resolution["online"], "1", "2")).status_code == 403


def test_history_page_shows_who_changed_what(client, entry_resolution):
    client.force_login(entry_resolution["user_a"])
    client.post(url(entry_resolution), post_row(entry_resolution, "dept_a", entry_resolution["online"], "2", "9"))
    client.post(url(entry_resolution), post_row(entry_resolution, "dept_a", entry_resolution["online"], "3", "9", version="1"))
    dv = DataValue.objects.get(indicator=entry_resolution["online"])
    page = client.get(reverse("value-history", args=[dv.pk])).content.decode()
    assert "22,22%" in page and "33,33%" in page
    assert entry_resolution["user_a"].get_full_name() in page
    client.force_login(entry_resolution["user_b"])
    assert client.get(reverse("value-history", args=[dv.pk])).status_code == 404


def test_evidence_type_is_checked_and_files_are_served_in_scope_only(client, entry_resolution):
    client.force_login(entry_resolution["user_a"])
    k = f"{entry_resolution['dept_a'].pk}-{entry_resolution['online'].pk}"
    bad = SimpleUploadedFile("virus.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    page = client.post(url(entry_resolution), {**post_row(entry_resolution, "dept_a", entry_resolution["online"], "2", "9"), f"ev-{k}": bad}).content.decode()
    assert "chỉ nhận PDF" in page and not DataValue.objects.exists()
    fake_pdf = SimpleUploadedFile("bao-cao.pdf", b"not a pdf", content_type="application/pdf")
    page = client.post(url(entry_resolution), {**post_row(entry_resolution, "dept_a", entry_resolution["online"], "2", "9"), f"ev-{k}": fake_pdf}).content.decode()
    assert "không đúng định dạng PDF" in page
    pdf = SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4 minh chung", content_type="application/pdf")
    client.post(url(entry_resolution), {**post_row(entry_resolution, "dept_a", entry_resolution["online"], "2", "9"), f"ev-{k}": pdf})
    ev = Evidence.objects.get()
    assert client.get(reverse("evidence", args=[ev.pk])).status_code == 200
    client.force_login(entry_resolution["user_b"])
    assert client.get(reverse("evidence", args=[ev.pk])).status_code == 404


def test_a_jump_of_more_than_30_points_is_flagged_and_can_be_confirmed(client, entry_resolution):
    q2 = PeriodFactory(code="2024-Q2")
    DataValueFactory(unit=entry_resolution["dept_a"], indicator=entry_resolution["online"], period=q2, numerator=10, denominator=100)
    SubmissionFactory(unit=entry_resolution["dept_a"], period=q2, status=SubmissionStatus.APPROVED)
    client.force_login(entry_resolution["user_a"])
    client.post(url(entry_resolution), post_row(entry_resolution, "dept_a", entry_resolution["online"], "90", "100"))
    page = client.get(url(entry_resolution)).content.decode()
    assert "Tỷ lệ tăng 80,00 điểm % so với kỳ trước" in page
    assert "Xác nhận số liệu đúng" in page
    k = f"{entry_resolution['dept_a'].pk}-{entry_resolution['online'].pk}"
    client.post(url(entry_resolution), {**post_row(entry_resolution, "dept_a", entry_resolution["online"], "90", "100", note="Đã đưa DVC toàn trình vào vận hành",
                                         version="1"), f"ok-{k}": "1"})
    assert DataValue.objects.get(period=entry_resolution["q3"], indicator=entry_resolution["online"]).quality_confirmed


def test_children_grid_keeps_good_rows_and_marks_the_bad_one(client, entry_resolution):
    client.force_login(entry_resolution["user_a"])
    grid = reverse("entry-children", args=["2024-Q3", entry_resolution["dept_a"].pk])
    page = client.get(grid + f"?indicator={entry_resolution['online'].pk}").content.decode()
    assert "Trường THPT Số 1" in page and "Trường THPT Số 2" in page
    data = {"indicator": entry_resolution["online"].pk}
    data.update(post_row(entry_resolution, "school_a1", entry_resolution["online"], "5", "10"))
    data.update(post_row(entry_resolution, "school_a2", entry_resolution["online"], "11", "10"))
    page = client.post(grid, data).content.decode()
    assert "không được lớn hơn" in page and "Đã lưu 1 số liệu; 1 dòng cần sửa (tô đỏ) chưa được lưu." in page
    assert list(DataValue.objects.values_list("unit", flat=True)) == [entry_resolution["school_a1"].pk]
    data.update(post_row(entry_resolution, "school_a2", entry_resolution["online"], "7", "10"))
    data[f"ver-{entry_resolution['school_a1'].pk}-{entry_resolution['online'].pk}"] = "1"
    assert client.post(grid, data).status_code == 302
    assert DataValue.objects.filter(period=entry_resolution["q3"]).count() == 2


def test_periods_page_shows_status_and_days(client, entry_resolution):
    client.force_login(entry_resolution["user_a"])
    page = client.get(reverse("periods")).content.decode()
    assert "Quý III/2024" in page and "Chưa nhập" in page and "Quá hạn" in page
