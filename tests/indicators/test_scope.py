"""Issue 11, "scope in one place": what a unit reports for a period, as its entry form shows it.

`indicators.scope.indicators_for_unit` is the one answer; the entry form, the
Excel template and import (tests/reports/test_import_scope.py) and the unit
scorecard list exactly it: the indicators of the resolutions that reach the
unit, never another province's.
"""

import datetime as dt

import pytest
from django.urls import reverse

from indicators.scope import indicators_for_unit, indicators_for_units
from tests.factories import PeriodFactory

pytestmark = pytest.mark.django_db



def codes(indicators):
    return [(i.resolution.code, i.code) for i in indicators]


def test_a_unit_reports_the_indicators_of_the_resolutions_reaching_it_in_order(two_provinces):
    s = two_provinces
    got = indicators_for_unit(s["dept_a"], s["q3"])
    # One entry per (resolution, indicator); by resolution (issue date), then the indicator's order.
    assert codes(got) == [("09-NQ/TU", "VB-KYSO"), ("09-NQ/TU", "HSCV-MANG"), ("KH-2022", "HSCV-MANG")]
    assert codes(indicators_for_unit(s["school_a1"], s["q3"])) == [
        ("09-NQ/TU", "VB-KYSO"), ("09-NQ/TU", "HSCV-MANG"), ("09-NQ/TU", "TRUONG"), ("KH-2022", "HSCV-MANG")]
    # The other province's department reports its own resolution only.
    assert codes(indicators_for_unit(s["other_dept"], s["q3"])) == [("07-NQ/TU", "CAPQUANG")]
    # Of one resolution; of the period's frequency.
    assert codes(indicators_for_unit(s["dept_a"], s["q3"], s["plan"])) == [("KH-2022", "HSCV-MANG")]
    assert codes(indicators_for_unit(s["dept_a"], PeriodFactory(code="2024"))) == [("09-NQ/TU", "NAM")]


def test_a_unit_not_active_on_the_periods_last_day_reports_nothing(two_provinces):
    s = two_provinces
    s["dept_a"].valid_to = dt.date(2024, 6, 30)
    s["dept_a"].save()
    assert indicators_for_unit(s["dept_a"], s["q3"]) == []
    assert indicators_for_unit(s["dept_a"], PeriodFactory(code="2024-Q2")) != []


def test_many_units_in_one_query_for_the_indicators(two_provinces, django_assert_max_num_queries):
    s = two_provinces
    units = [s["dept_a"], s["school_a1"], s["school_a2"], s["other_dept"]]
    with django_assert_max_num_queries(9):  # indicators + targets, the horizons, each resolution's reach once
        scope = indicators_for_units(units, s["q3"])
    assert {u.code: len(scope[u.pk]) for u in units} == {"A": 3, "A1": 4, "A2": 4, "QA": 1}


def test_the_entry_form_lists_exactly_that_scope(client, two_provinces):
    s = two_provinces
    client.force_login(s["user_a"])
    page = client.get(reverse("entry", args=[s["q3"].code, s["dept_a"].pk])).content.decode()
    assert "Hồ sơ công việc (09-NQ/TU)" in page and "Hồ sơ công việc (kế hoạch)" in page
    assert "Văn bản đi được ký số" in page
    for absent in ("Kết nối internet cáp quang", "Chỉ tiêu đã thôi theo dõi", "Chỉ tiêu báo cáo năm",
                   "Chỉ tiêu của trường"):
        assert absent not in page, absent
