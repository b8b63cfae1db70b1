"""The entry form's autosave (/so-lieu/luu-tu-dong/): one row at a time, through record_value."""

import pytest
from django.urls import reverse

from indicators.history import value_history
from indicators.models import DataValue, SubmissionStatus
from indicators.services import record_value
from tests.factories import SubmissionFactory, UserFactory

pytestmark = pytest.mark.django_db


def save(client, s, indicator, n="", d="", ver="", unit="dept_a", note=""):
    return client.post(reverse("autosave-row"), {"period": "2024-Q3", "unit": s[unit].pk, "indicator": indicator.pk,
                                                 "n": n, "d": d, "ver": ver, "note": note})


def test_a_good_row_is_saved_with_its_time_and_history(client, entry_resolution):
    client.force_login(entry_resolution["user_a"])
    r = save(client, entry_resolution, entry_resolution["online"], "2", "9")
    assert r.status_code == 200 and r.json()["ok"] and r.json()["version"] == 1 and r.json()["text"] == "22,22%"
    assert r.json()["saved_at"]
    dv = DataValue.objects.get()
    assert dv.value.quantize(1) == 22 and value_history(dv)[0].reason == "Lưu tự động trên biểu mẫu"
    # the same figures again write nothing new
    assert save(client, entry_resolution, entry_resolution["online"], "2", "9", ver="1").json()["saved_at"] is None
    assert DataValue.objects.get().version == 1
    r = save(client, entry_resolution, entry_resolution["online"], "3", "9", ver="1")
    assert r.json()["version"] == 2


def test_a_bad_cell_is_refused_on_its_own(client, entry_resolution):
    client.force_login(entry_resolution["user_a"])
    assert save(client, entry_resolution, entry_resolution["computers"], "325").status_code == 200
    r = save(client, entry_resolution, entry_resolution["online"], "10", "9")
    assert r.status_code == 400 and r.json()["field"] == "numerator" and "không được lớn hơn" in r.json()["message"]
    assert list(DataValue.objects.values_list("indicator", flat=True)) == [entry_resolution["computers"].pk]
    r = save(client, entry_resolution, entry_resolution["computers"], "22,5", ver="1")
    assert r.status_code == 400 and "phải là số nguyên" in r.json()["message"]
    assert DataValue.objects.get().numerator == 325


def test_a_figure_changed_by_someone_else_is_shown_never_overwritten(client, entry_resolution):
    client.force_login(entry_resolution["user_a"])
    save(client, entry_resolution, entry_resolution["online"], "2", "9")
    other = UserFactory(username="nhaplieu_a_2")
    other.memberships.create(unit=entry_resolution["dept_a"], role="entry")
    record_value(unit=entry_resolution["dept_a"], indicator=entry_resolution["online"], period=entry_resolution["q3"], numerator=5, denominator=9,
                 user=other, version=1)
    r = save(client, entry_resolution, entry_resolution["online"], "4", "9", ver="1")
    assert r.status_code == 409
    assert r.json()["conflict"]["n"] == "5" and r.json()["conflict"]["version"] == 2
    assert DataValue.objects.get().numerator == 5


def test_no_right_or_a_sent_report_saves_nothing(client, entry_resolution):
    client.force_login(entry_resolution["user_b"])  # entry at Sở B only
    assert save(client, entry_resolution, entry_resolution["online"], "2", "9").status_code == 404  # Sở A is out of their scope
    client.force_login(entry_resolution["head_a"])  # approver, not entry
    r = save(client, entry_resolution, entry_resolution["online"], "2", "9")
    assert r.status_code == 403 and "Nhập liệu" in r.json()["message"]
    SubmissionFactory(unit=entry_resolution["dept_a"], period=entry_resolution["q3"], status=SubmissionStatus.SUBMITTED)
    client.force_login(entry_resolution["user_a"])
    r = save(client, entry_resolution, entry_resolution["online"], "2", "9")
    assert r.status_code == 409 and "không thể sửa" in r.json()["message"]
    assert not DataValue.objects.exists()
