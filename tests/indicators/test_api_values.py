"""REST API v1 values: scope, validation, conflicts, bulk all-or-nothing, history."""

from decimal import Decimal

import pytest

from indicators.models import DataValue, Measure, SubmissionStatus
from tests.api_helpers import client_for
from tests.factories import (
    DataValueFactory,
    IndicatorFactory,
    MembershipFactory,
    PeriodFactory,
    SubmissionFactory,
    UnitFactory,
    UserFactory,
)
from units.models import UnitKind

URL = "/api/v1/values/"


@pytest.fixture
def value_indicators(personas, tree):
    period = PeriodFactory(code="2024-Q3")
    percent = IndicatorFactory(measure=Measure.PERCENT)
    count = IndicatorFactory(resolution=percent.resolution, measure=Measure.COUNT, numerator_label="Số máy tính",
                             denominator_label="", unit_label="máy")
    boolean = IndicatorFactory(resolution=percent.resolution, measure=Measure.BOOLEAN, numerator_label="",
                               denominator_label="")
    commune_only = IndicatorFactory(resolution=percent.resolution, applies_to=[UnitKind.COMMUNE])
    return {**personas, **tree, "period": period, "percent": percent, "count": count, "boolean": boolean,
            "commune_only": commune_only}


def payload(s, unit="dept_a", indicator="percent", **figures):
    body = {"unit": s[unit].pk, "indicator": s[indicator].pk, "period": s["period"].pk}
    body.update(figures)
    return body


# --- create / read -------------------------------------------------------------

def test_unauthenticated_is_401(value_indicators):
    r = client_for().get(URL)
    assert r.status_code == 401 and "Chưa đăng nhập" in r.json()["detail"]


def test_create_returns_201_version_1_and_value_22_22(value_indicators):
    r = client_for(value_indicators["user_a"]).post(URL, payload(value_indicators, numerator=2, denominator="9", note="Số liệu quý"),
                                         format="json")
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["version"] == 1
    assert body["value"] == "22.22"
    assert body["numerator"] == "2" and body["denominator"] == "9"
    assert body["unit"] == value_indicators["dept_a"].pk and body["updated_by"] == "nhaplieu_a"
    dv = DataValue.objects.get(pk=body["id"])
    assert dv.value == Decimal("22.2222")
    # Reading it back gives the same representation.
    r = client_for(value_indicators["supervisor"]).get(f"{URL}{dv.pk}/")
    assert r.json()["value"] == "22.22"


def test_value_uses_indicator_decimals_when_more_than_two(value_indicators):
    value_indicators["percent"].decimals = 3
    value_indicators["percent"].save()
    r = client_for(value_indicators["user_a"]).post(URL, payload(value_indicators, numerator=2, denominator=9), format="json")
    assert r.json()["value"] == "22.222"


def test_count_and_zero_denominator_values(value_indicators):
    c = client_for(value_indicators["user_a"])
    r = c.post(URL, payload(value_indicators, indicator="count", numerator="1937"), format="json")
    assert r.status_code == 201 and r.json()["value"] == "1937" and r.json()["denominator"] is None
    r = c.post(URL, payload(value_indicators, unit="school_a1", numerator=0, denominator=0), format="json")
    assert r.status_code == 201 and r.json()["value"] is None  # "không phát sinh"


def test_duplicate_natural_key_is_409_with_id(value_indicators):
    c = client_for(value_indicators["user_a"])
    first = c.post(URL, payload(value_indicators, numerator=1, denominator=2), format="json").json()
    r = c.post(URL, payload(value_indicators, numerator=1, denominator=3), format="json")
    assert r.status_code == 409
    assert r.json()["id"] == first["id"] and r.json()["detail"]
    assert DataValue.objects.get().denominator == 2


def test_list_filters_and_pagination(value_indicators):
    DataValueFactory(unit=value_indicators["dept_a"], indicator=value_indicators["percent"], period=value_indicators["period"])
    DataValueFactory(unit=value_indicators["school_a1"], indicator=value_indicators["percent"], period=value_indicators["period"])
    DataValueFactory(unit=value_indicators["dept_b"], indicator=value_indicators["percent"], period=value_indicators["period"])
    c = client_for(value_indicators["supervisor"])
    body = c.get(URL, {"page_size": 2}).json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 3 and len(body["results"]) == 2 and body["next"]
    assert c.get(URL, {"within": value_indicators["dept_a"].pk}).json()["count"] == 2
    assert c.get(URL, {"unit": value_indicators["dept_b"].pk}).json()["count"] == 1
    assert c.get(URL, {"resolution": value_indicators["percent"].resolution_id, "period": value_indicators["period"].pk}).json()["count"] == 3
    assert c.get(URL, {"indicator": value_indicators["count"].pk}).json()["count"] == 0
    assert c.get(URL, {"page_size": 1000}).json()["count"] == 3  # capped at 500, not an error


# --- permission matrix ------------------------------------------------------------

ROLE_EXPECT = {
    # role on dept_a -> (own dept_a, child school_a1, foreign dept_b)
    "entry": (201, 201, 404),
    "approver": (403, 403, 404),
    "supervisor": (403, 403, 404),
    "viewer": (403, 403, 404),
}


@pytest.mark.parametrize("role", list(ROLE_EXPECT))
def test_write_permission_matrix(value_indicators, role):
    user = UserFactory(username=f"u_{role}")
    MembershipFactory(user=user, unit=value_indicators["dept_a"], role=role)
    c = client_for(user)
    for unit, expected in zip(("dept_a", "school_a1", "dept_b"), ROLE_EXPECT[role], strict=True):
        r = c.post(URL, payload(value_indicators, unit=unit, numerator=1, denominator=2), format="json")
        assert r.status_code == expected, (role, unit, r.content)
    assert DataValue.objects.count() == (2 if role == "entry" else 0)


@pytest.mark.parametrize("role", list(ROLE_EXPECT))
def test_read_and_patch_permission_matrix(value_indicators, role):
    user = UserFactory(username=f"u_{role}")
    MembershipFactory(user=user, unit=value_indicators["dept_a"], role=role)
    values = {u: DataValueFactory(unit=value_indicators[u], indicator=value_indicators["percent"], period=value_indicators["period"])
              for u in ("dept_a", "school_a1", "dept_b")}
    c = client_for(user)
    listed = {v["id"] for v in c.get(URL).json()["results"]}
    assert listed == {values["dept_a"].pk, values["school_a1"].pk}
    for unit, expected in zip(("dept_a", "school_a1", "dept_b"), ROLE_EXPECT[role], strict=True):
        r = c.patch(f"{URL}{values[unit].pk}/", {"numerator": 1, "denominator": 4, "version": 1}, format="json")
        assert r.status_code == (200 if expected == 201 else expected), (role, unit, r.content)
        assert c.get(f"{URL}{values[unit].pk}/history/").status_code == (404 if unit == "dept_b" else 200)
    assert DataValue.objects.get(pk=values["dept_b"].pk).version == 1


def test_foreign_entry_user_refused_everywhere(value_indicators):
    c = client_for(value_indicators["user_b"])
    dv = DataValueFactory(unit=value_indicators["dept_a"], indicator=value_indicators["percent"], period=value_indicators["period"])
    assert c.get(f"{URL}{dv.pk}/").status_code == 404
    assert c.post(URL, payload(value_indicators, numerator=1, denominator=2), format="json").status_code == 404
    r = c.post(f"{URL}bulk/", {"values": [payload(value_indicators, numerator=1, denominator=2)]}, format="json")
    assert r.status_code == 403 and r.json()["errors"][0]["index"] == 0


def test_admin_writes_anywhere(value_indicators):
    r = client_for(value_indicators["admin"]).post(URL, payload(value_indicators, unit="dept_b", numerator=1, denominator=2), format="json")
    assert r.status_code == 201


# --- validation ------------------------------------------------------------------------

BAD_INPUTS = [
    ("negative numerator", "percent", {"numerator": -1, "denominator": 5}, "numerator"),
    ("negative denominator", "percent", {"numerator": 1, "denominator": "-5"}, "denominator"),
    ("numerator > denominator", "percent", {"numerator": 10, "denominator": 5}, "numerator"),
    ("boolean 2", "boolean", {"numerator": 2}, "numerator"),
    ("denominator on a count", "count", {"numerator": 5, "denominator": 10}, "denominator"),
    ("non-number", "percent", {"numerator": "abc", "denominator": 5}, "numerator"),
    ("json boolean", "percent", {"numerator": True, "denominator": 5}, "numerator"),
    ("not applicable", "commune_only", {"numerator": 1, "denominator": 5}, "indicator"),
]


@pytest.mark.parametrize(("label", "indicator", "figures", "field"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_on_post_is_400_and_nothing_saved(value_indicators, label, indicator, figures, field):
    r = client_for(value_indicators["user_a"]).post(URL, payload(value_indicators, indicator=indicator, **figures), format="json")
    assert r.status_code == 400, r.content
    body = r.json()
    assert field in body and isinstance(body[field], list) and body[field][0]
    assert DataValue.objects.count() == 0


@pytest.mark.parametrize(("label", "indicator", "figures", "field"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_on_patch_is_400_and_nothing_changed(value_indicators, label, indicator, figures, field):
    ind = value_indicators[indicator]
    unit = value_indicators["dept_a"]
    if indicator == "commune_only":
        # A value that should never have been stored: the PATCH still refuses it.
        dv = DataValueFactory(unit=unit, indicator=ind, period=value_indicators["period"])
    elif ind.measure == Measure.PERCENT:
        dv = DataValueFactory(unit=unit, indicator=ind, period=value_indicators["period"], numerator=1, denominator=2)
    else:
        dv = DataValueFactory(unit=unit, indicator=ind, period=value_indicators["period"], numerator=1, denominator=None)
    before = (dv.numerator, dv.denominator, dv.value, dv.version)
    r = client_for(value_indicators["user_a"]).patch(f"{URL}{dv.pk}/", {**figures, "version": 1}, format="json")
    assert r.status_code == 400, r.content
    assert field in r.json()
    dv.refresh_from_db()
    assert (dv.numerator, dv.denominator, dv.value, dv.version) == before


def test_messages_are_vietnamese(value_indicators):
    r = client_for(value_indicators["user_a"]).post(URL, payload(value_indicators, numerator=10, denominator=5), format="json")
    assert "không được lớn hơn" in r.json()["numerator"][0]
    r = client_for(value_indicators["user_a"]).post(URL, {"indicator": value_indicators["percent"].pk}, format="json")
    assert r.status_code == 400 and "unit" in r.json()


def test_unknown_indicator_or_period_is_400(value_indicators):
    c = client_for(value_indicators["user_a"])
    r = c.post(URL, {"unit": value_indicators["dept_a"].pk, "indicator": 999999, "period": value_indicators["period"].pk}, format="json")
    assert r.status_code == 400 and "indicator" in r.json()
    r = c.post(URL, {"unit": value_indicators["dept_a"].pk, "indicator": value_indicators["percent"].pk, "period": 999999}, format="json")
    assert r.status_code == 400 and "period" in r.json()


# --- PATCH and conflicts ---------------------------------------------------------------

def test_patch_bumps_version_and_keeps_untouched_fields(value_indicators):
    c = client_for(value_indicators["user_a"])
    created = c.post(URL, payload(value_indicators, numerator=1, denominator=4, note="ban đầu"), format="json").json()
    r = c.patch(f"{URL}{created['id']}/", {"numerator": 3, "version": 1}, format="json")
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["version"] == 2 and body["numerator"] == "3" and body["denominator"] == "4"
    assert body["value"] == "75.00" and body["note"] == "ban đầu"


def test_patch_requires_version(value_indicators):
    dv = DataValueFactory(unit=value_indicators["dept_a"], indicator=value_indicators["percent"], period=value_indicators["period"])
    r = client_for(value_indicators["user_a"]).patch(f"{URL}{dv.pk}/", {"numerator": 1}, format="json")
    assert r.status_code == 400 and "version" in r.json()


def test_put_is_not_allowed(value_indicators):
    dv = DataValueFactory(unit=value_indicators["dept_a"], indicator=value_indicators["percent"], period=value_indicators["period"])
    r = client_for(value_indicators["user_a"]).put(f"{URL}{dv.pk}/", {"numerator": 1, "version": 1}, format="json")
    assert r.status_code == 405


def test_stale_version_is_409_and_value_unchanged(value_indicators):
    c = client_for(value_indicators["user_a"])
    created = c.post(URL, payload(value_indicators, numerator=1, denominator=4), format="json").json()
    assert c.patch(f"{URL}{created['id']}/", {"numerator": 2, "version": 1}, format="json").status_code == 200
    r = c.patch(f"{URL}{created['id']}/", {"numerator": 3, "version": 1}, format="json")
    assert r.status_code == 409
    assert r.json()["detail"] and r.json()["version"] == 2
    dv = DataValue.objects.get(pk=created["id"])
    assert dv.numerator == 2 and dv.version == 2


def test_locked_period_is_409(value_indicators):
    value_indicators["period"].is_locked = True
    value_indicators["period"].save()
    c = client_for(value_indicators["user_a"])
    r = c.post(URL, payload(value_indicators, numerator=1, denominator=2), format="json")
    assert r.status_code == 409 and "khóa sổ" in r.json()["detail"]
    dv = DataValueFactory(unit=value_indicators["school_a1"], indicator=value_indicators["percent"], period=value_indicators["period"])
    r = c.patch(f"{URL}{dv.pk}/", {"numerator": 0, "version": 1}, format="json")
    assert r.status_code == 409
    dv.refresh_from_db()
    assert dv.numerator == 1 and dv.version == 1


@pytest.mark.parametrize("sub_status", [SubmissionStatus.SUBMITTED, SubmissionStatus.APPROVED])
def test_submitted_submission_is_409(value_indicators, sub_status):
    SubmissionFactory(unit=value_indicators["dept_a"], period=value_indicators["period"], status=sub_status)
    c = client_for(value_indicators["user_a"])
    assert c.post(URL, payload(value_indicators, numerator=1, denominator=2), format="json").status_code == 409
    dv = DataValueFactory(unit=value_indicators["dept_a"], indicator=value_indicators["count"], period=value_indicators["period"], numerator=5,
                          denominator=None)
    assert c.patch(f"{URL}{dv.pk}/", {"numerator": 6, "version": 1}, format="json").status_code == 409
    dv.refresh_from_db()
    assert dv.numerator == 5
    # A child unit has its own submission: still writable.
    assert c.post(URL, payload(value_indicators, unit="school_a1", numerator=1, denominator=2), format="json").status_code == 201


def test_returned_submission_is_writable(value_indicators):
    SubmissionFactory(unit=value_indicators["dept_a"], period=value_indicators["period"], status=SubmissionStatus.RETURNED)
    r = client_for(value_indicators["user_a"]).post(URL, payload(value_indicators, numerator=1, denominator=2), format="json")
    assert r.status_code == 201


# --- bulk -------------------------------------------------------------------------------

BULK = URL + "bulk/"


def test_bulk_upserts_in_one_go(value_indicators):
    existing = DataValueFactory(unit=value_indicators["dept_a"], indicator=value_indicators["percent"], period=value_indicators["period"])
    items = [
        payload(value_indicators, numerator=2, denominator=9),  # update (no version: current one)
        payload(value_indicators, unit="school_a1", numerator="3", denominator="4"),
        payload(value_indicators, indicator="count", numerator=1937, note="máy tính"),
        payload(value_indicators, unit="school_a2", indicator="boolean", numerator=1),
    ]
    r = client_for(value_indicators["user_a"]).post(BULK, {"values": items}, format="json")
    assert r.status_code == 200, r.content
    assert r.json() == {"created": 3, "updated": 1}
    existing.refresh_from_db()
    assert existing.value == Decimal("22.2222") and existing.version == 2
    assert DataValue.objects.count() == 4


def test_bulk_lists_every_bad_item_and_saves_nothing(value_indicators):
    existing = DataValueFactory(unit=value_indicators["dept_a"], indicator=value_indicators["percent"], period=value_indicators["period"])
    items = [
        payload(value_indicators, unit="school_a1", numerator=1, denominator=2),  # 0 fine
        payload(value_indicators, numerator=-1, denominator=2),  # 1 negative
        payload(value_indicators, unit="school_a2", numerator=5, denominator=2),  # 2 num > den
        payload(value_indicators, unit="school_a2", indicator="boolean", numerator=2),  # 3 boolean 2
        payload(value_indicators, indicator="count", numerator=1, denominator=2),  # 4 denominator on count
        payload(value_indicators, unit="school_a1", indicator="count", numerator="nhiều"),  # 5 non-number
        payload(value_indicators, indicator="commune_only", numerator=1, denominator=2),  # 6 not applicable
        {"unit": "x", "indicator": value_indicators["percent"].pk},  # 7 bad and missing fields
        payload(value_indicators, unit="school_a1", numerator=1, denominator=3),  # 8 duplicate of 0
    ]
    r = client_for(value_indicators["user_a"]).post(BULK, {"values": items}, format="json")
    assert r.status_code == 400, r.content
    errors = r.json()["errors"]
    assert {e["index"] for e in errors} == {1, 2, 3, 4, 5, 6, 7, 8}
    by_index = {e["index"]: e for e in errors}
    assert by_index[1]["field"] == "numerator"
    assert by_index[4]["field"] == "denominator"
    assert by_index[6]["field"] == "indicator"
    assert all(e["message"] for e in errors)
    assert {e["field"]: e["message"] for e in errors if e["index"] == 7} == {
        "unit": "Cần một số nguyên hợp lệ.", "period": "Trường này là bắt buộc."}
    assert DataValue.objects.count() == 1
    existing.refresh_from_db()
    assert existing.version == 1


def test_bulk_outside_scope_is_403_and_nothing_saved(value_indicators):
    items = [payload(value_indicators, numerator=1, denominator=2), payload(value_indicators, unit="dept_b", numerator=1, denominator=2),
             payload(value_indicators, unit="school_a1", numerator=-3, denominator=2)]
    r = client_for(value_indicators["user_a"]).post(BULK, {"values": items}, format="json")
    assert r.status_code == 403
    assert [e["index"] for e in r.json()["errors"]] == [1, 2]
    assert DataValue.objects.count() == 0
    r = client_for(value_indicators["head_a"]).post(BULK, {"values": items[:1]}, format="json")
    assert r.status_code == 403
    assert DataValue.objects.count() == 0


def test_bulk_conflicts_are_409_and_nothing_saved(value_indicators):
    SubmissionFactory(unit=value_indicators["school_a2"], period=value_indicators["period"], status=SubmissionStatus.SUBMITTED)
    dv = DataValueFactory(unit=value_indicators["dept_a"], indicator=value_indicators["percent"], period=value_indicators["period"])
    items = [
        payload(value_indicators, unit="school_a1", numerator=1, denominator=2),
        payload(value_indicators, unit="school_a2", numerator=1, denominator=2),  # submitted
        {**payload(value_indicators, numerator=1, denominator=3), "version": 7},  # stale
    ]
    r = client_for(value_indicators["user_a"]).post(BULK, {"values": items}, format="json")
    assert r.status_code == 409, r.content
    assert [(e["index"], e["field"]) for e in r.json()["errors"]] == [(1, "period"), (2, "version")]
    assert DataValue.objects.count() == 1
    dv.refresh_from_db()
    assert dv.version == 1


def test_bulk_locked_period_is_409(value_indicators):
    value_indicators["period"].is_locked = True
    value_indicators["period"].save()
    r = client_for(value_indicators["user_a"]).post(BULK, {"values": [payload(value_indicators, numerator=1, denominator=2)]},
                                         format="json")
    assert r.status_code == 409 and DataValue.objects.count() == 0


def test_bulk_requires_a_list(value_indicators):
    c = client_for(value_indicators["user_a"])
    assert c.post(BULK, {"values": "x"}, format="json").status_code == 400
    assert c.post(BULK, {}, format="json").status_code == 400


# --- history ------------------------------------------------------------------------------

def test_history_lists_changes(value_indicators):
    c = client_for(value_indicators["user_a"])
    created = c.post(URL, payload(value_indicators, numerator=1, denominator=4), format="json").json()
    c.patch(f"{URL}{created['id']}/", {"numerator": 2, "denominator": 9, "note": "sửa", "version": 1}, format="json")
    r = c.get(f"{URL}{created['id']}/history/")
    assert r.status_code == 200
    rows = r.json()
    first = [x for x in rows if x["old"] is None and x["field"] in ("numerator", "denominator", "value")]
    assert {(x["field"], x["new"]) for x in first} >= {("numerator", "1"), ("denominator", "4"), ("value", "25.00")}
    changed = {x["field"]: (x["old"], x["new"]) for x in rows if x["old"] is not None or x["field"] == "note"}
    assert changed["numerator"] == ("1", "2")
    assert changed["denominator"] == ("4", "9")
    assert changed["value"] == ("25.00", "22.22")
    assert changed["note"] == ("", "sửa")
    assert all(x["by"] == "nhaplieu_a" and x["at"] for x in rows)


def test_history_of_unknown_value_is_404(value_indicators):
    assert client_for(value_indicators["user_a"]).get(f"{URL}999999/history/").status_code == 404


def test_other_province_is_foreign(value_indicators):
    other = UnitFactory(code="Q", kind=UnitKind.PROVINCE)
    dept = UnitFactory(code="Q1", kind=UnitKind.DEPARTMENT, parent=other)
    r = client_for(value_indicators["supervisor"]).get(URL, {"unit": dept.pk})
    assert r.json()["count"] == 0
    r = client_for(value_indicators["user_a"]).post(URL, {"unit": dept.pk, "indicator": value_indicators["percent"].pk,
                                               "period": value_indicators["period"].pk, "numerator": 1, "denominator": 2},
                                         format="json")
    assert r.status_code == 404


def test_value_outside_the_indicators_reporting_periods_is_refused(value_indicators):
    from indicators.models import Frequency

    yearly = IndicatorFactory(resolution=value_indicators["percent"].resolution, frequency=Frequency.YEARLY, code="NAM")
    api = client_for(value_indicators["user_a"])
    r = api.post(URL, payload(value_indicators, indicator="percent", numerator=1, denominator=2) | {"indicator": yearly.pk},
                 format="json")
    assert r.status_code == 400
    assert "NAM báo cáo hằng năm; Quý III/2024 không phải kỳ báo cáo" in str(r.json())
    r = api.post(URL + "bulk/", {"values": [{"unit": value_indicators["dept_a"].pk, "indicator": yearly.pk,
                                             "period": value_indicators["period"].pk, "numerator": 1, "denominator": 2}]},
                 format="json")
    assert r.status_code == 400 and r.json()["errors"][0]["field"] == "period"
    assert not DataValue.objects.filter(indicator=yearly).exists()
