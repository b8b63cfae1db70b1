"""Period codes, labels and windows (Nghị định 09/2019/NĐ-CP by default)."""

import datetime as dt

import pytest

from indicators.models import Period
from indicators.periods import PeriodCodeError, label, parse_code, window


def test_q3_2024_decree_window():
    p = Period.build("2024-Q3")
    assert (p.kind, p.year, p.number) == ("quarter", 2024, 3)
    assert (p.start, p.end, p.deadline) == (dt.date(2024, 6, 15), dt.date(2024, 9, 14), dt.date(2024, 9, 20))
    assert p.label == "Quý III/2024"


def test_q1_starts_in_december_of_the_year_before():
    assert window("quarter", 2024, 1, "decree")[:2] == (dt.date(2023, 12, 15), dt.date(2024, 3, 14))


def test_half_year_and_year_windows_and_labels():
    assert window("half_year", 2024, 1, "decree")[:2] == (dt.date(2023, 12, 15), dt.date(2024, 6, 14))
    assert window("year", 2024, 1, "decree")[:2] == (dt.date(2023, 12, 15), dt.date(2024, 12, 14))
    assert label("half_year", 2024, 1) == "6 tháng đầu năm 2024"
    assert label("year", 2024, 1) == "Năm 2024"
    assert parse_code("2024-H1").code == "2024-H1"
    assert parse_code("2024").kind == "year"


def test_calendar_windows_by_setting(settings):
    settings.PERIOD_WINDOWS = "calendar"
    p = Period.build("2024-Q3")
    assert (p.start, p.end, p.deadline) == (dt.date(2024, 7, 1), dt.date(2024, 9, 30), dt.date(2024, 10, 20))


@pytest.mark.parametrize("code", ["2024-Q5", "2024-H3", "Q3-2024", "", "24-Q1"])
def test_bad_codes_say_so_in_vietnamese(code):
    with pytest.raises(PeriodCodeError) as exc:
        parse_code(code)
    assert "không hợp lệ" in str(exc.value)


@pytest.mark.django_db
def test_period_code_is_stored_and_unique():
    p = Period.ensure("2024-Q3")
    assert p.code == "2024-Q3"
    assert Period.ensure("2024-Q3").pk == p.pk
    assert Period.objects.get_by_code("2024-Q3") == p
