"""The per-value rules of DESIGN.md §5, with hand-computed figures."""

import datetime as dt
from decimal import Decimal

import pytest

from indicators.models import Measure, Target
from indicators.rules import (
    FigureError,
    Status,
    applicable_target,
    compute_value,
    evaluate_status,
    format_number,
    format_target,
    format_value,
    projection,
    ratio_of_sums,
    to_decimal,
    validate_figures,
)
from indicators.scope import check_applicable
from units.models import ReportingUnit, UnitKind


class FakeIndicator:
    def __init__(self, measure=Measure.PERCENT, applies_to=("school",), decimals=2, unit_label=""):
        self.measure = measure
        self.numerator_label = "Số hồ sơ trực tuyến"
        self.denominator_label = "Tổng số hồ sơ"
        self.applies_to = list(applies_to)
        self.code = "CT1"
        self.decimals = decimals
        self.unit_label = unit_label

    def applies_to_kind(self, kind):
        return kind in self.applies_to


def T(op, value, year, unit_kind=None, unit=None):
    return Target(operator=op, value=Decimal(value), year=year, unit_kind=unit_kind, unit=unit)


# --- computation ---------------------------------------------------------------

def test_two_of_nine_online_services_is_22_22_percent():
    # Seed 000: "dịch vụ công trực tuyến có phát sinh hồ sơ còn thấp, đạt tỷ lệ 22,22%".
    value = compute_value(Measure.PERCENT, Decimal(2), Decimal(9))
    assert value == Decimal("22.2222")
    assert format_value(FakeIndicator(), value) == "22,22%"


def test_zero_over_zero_is_no_value_not_zero():
    assert compute_value(Measure.PERCENT, Decimal(0), Decimal(0)) is None


def test_count_and_boolean_values_are_the_figure():
    assert compute_value(Measure.COUNT, Decimal(1937), None) == Decimal(1937)
    assert compute_value(Measure.BOOLEAN, Decimal(1), None) == Decimal(1)


def test_ratio_of_sums_is_not_the_mean_of_rates():
    # Sở LĐTBXH Sóc Trăng: 116 of 15.828 dossiers online; a small unit: 9 of 10.
    rates_mean = (compute_value("percent", 116, 15828) + compute_value("percent", 9, 10)) / 2
    pooled = ratio_of_sums(116 + 9, 15828 + 10)
    assert pooled == Decimal("0.7892")  # 125 / 15.838
    assert rates_mean == Decimal("45.36645")  # (0,7329 + 90) / 2
    assert pooled != rates_mean


# --- validation ----------------------------------------------------------------

@pytest.mark.parametrize(
    ("measure", "num", "den", "field", "words"),
    [
        (Measure.PERCENT, -1, 10, "numerator", "không được là số âm"),
        (Measure.PERCENT, 5, -2, "denominator", "không được là số âm"),
        (Measure.PERCENT, 11, 10, "numerator", "không được lớn hơn"),
        (Measure.PERCENT, "abc", 10, "numerator", "không phải là số"),
        (Measure.PERCENT, 3, None, "denominator", "cần nhập cả tử số và mẫu số"),
        (Measure.BOOLEAN, 2, None, "numerator", "chỉ nhận 1 (Có) hoặc 0 (Không)"),
        (Measure.COUNT, 5, 10, "denominator", "không có mẫu số"),
        (Measure.COUNT, "2.5", None, "numerator", "phải là số nguyên"),
    ],
)
def test_bad_figures_are_rejected_with_a_vietnamese_message_naming_the_field(measure, num, den, field, words):
    with pytest.raises(FigureError) as exc:
        validate_figures(FakeIndicator(measure), num, den)
    assert exc.value.field == field
    assert words in exc.value.message


def test_numerator_greater_than_denominator_message_shows_both_figures():
    with pytest.raises(FigureError) as exc:
        validate_figures(FakeIndicator(), 15829, 15828)
    assert exc.value.message == "Số hồ sơ trực tuyến (15.829) không được lớn hơn tổng số hồ sơ (15.828)."


def test_indicator_not_applicable_to_unit_kind_is_rejected():
    dept = ReportingUnit(name="Sở Lao động - Thương binh và Xã hội", kind=UnitKind.DEPARTMENT)
    with pytest.raises(FigureError) as exc:
        check_applicable(FakeIndicator(applies_to=["school"]), dept)
    assert exc.value.field == "indicator"
    assert "không áp dụng cho sở, ban, ngành" in exc.value.message


def test_figures_typed_the_vietnamese_way_are_read_in_the_form():
    assert to_decimal("1.937", "numerator", "x", localized=True) == Decimal(1937)
    assert to_decimal("22,22", "numerator", "x", localized=True) == Decimal("22.22")
    assert to_decimal("241.715,5", "numerator", "x", localized=True) == Decimal("241715.5")
    # The API and Excel send plain decimals: "22.22" stays 22.22.
    assert to_decimal("22.22", "numerator", "x") == Decimal("22.22")
    assert to_decimal("", "numerator", "x") is None


# --- targets and statuses ----------------------------------------------------------

def test_nearest_milestone_at_or_after_the_period_year_applies():
    targets = [T("gte", 60, 2022), T("gte", 80, 2025), T("gte", 100, 2030)]
    assert applicable_target(targets, 2021, unit_kind="school").year == 2022
    assert applicable_target(targets, 2023, unit_kind="school").year == 2025
    assert applicable_target(targets, 2025, unit_kind="school").year == 2025
    assert applicable_target(targets, 2031, unit_kind="school").year == 2030  # after the last: the last


def test_most_specific_target_wins():
    unit = ReportingUnit(pk=7, kind="department")
    everyone, sở = T("gte", 90, 2022), T("gt", 95, 2022, unit_kind="department")
    own = T("gte", 99, 2022)
    own.unit_id = 7
    assert applicable_target([everyone, sở], 2022, unit=unit) is sở
    assert applicable_target([everyone, sở, own], 2022, unit=unit) is own
    assert applicable_target([everyone, sở], 2022, unit_kind="school") is everyone


def test_tren_95_percent_with_exactly_95_is_not_met():
    # "trên 95% hồ sơ công việc cấp Sở" (gt 95): 95,00% does not satisfy it.
    assert evaluate_status(Decimal("95.00"), T("gt", 95, 2022), dt.date(2022, 12, 14)) == Status.NOT_MET
    assert evaluate_status(Decimal("95.01"), T("gt", 95, 2022), dt.date(2022, 12, 14)) == Status.MET
    assert evaluate_status(Decimal("96"), T("gte", 96, 2022), dt.date(2022, 12, 14)) == Status.MET


def test_before_the_milestone_year_the_trend_decides():
    target = T("gte", 96, 2025)
    rising = [(dt.date(2023, 3, 14), Decimal(70)), (dt.date(2023, 6, 14), Decimal(75)),
              (dt.date(2023, 9, 14), Decimal(80)), (dt.date(2023, 12, 14), Decimal(85))]
    assert evaluate_status(Decimal(85), target, dt.date(2023, 12, 14), rising) == Status.ON_TRACK
    flat = [(d, Decimal(60)) for d, _ in rising]
    assert evaluate_status(Decimal(60), target, dt.date(2023, 12, 14), flat) == Status.AT_RISK
    # One point draws no line: not enough evidence of progress.
    assert evaluate_status(Decimal(60), target, dt.date(2023, 12, 14), flat[-1:]) == Status.AT_RISK


def test_only_the_last_four_values_make_the_trend():
    target = T("gte", 90, 2025)
    # An old dip followed by four flat quarters: the dip must not steepen the line.
    series = [(dt.date(2022, 3, 14), Decimal(10))] + [
        (dt.date(2023, m, 14), Decimal(50)) for m in (3, 6, 9, 12)
    ]
    assert evaluate_status(Decimal(50), target, dt.date(2023, 12, 14), series) == Status.AT_RISK


def test_no_data_and_no_target():
    assert evaluate_status(None, T("gte", 50, 2025), dt.date(2024, 9, 14)) == Status.NO_DATA
    assert evaluate_status(Decimal(50), None, dt.date(2024, 9, 14)) == Status.NO_TARGET


def test_decrease_target_not_exceeding():
    target = T("lte", 10, 2024)
    assert evaluate_status(Decimal(8), target, dt.date(2024, 9, 14)) == Status.MET
    assert evaluate_status(Decimal(12), target, dt.date(2024, 12, 14)) == Status.NOT_MET


def test_not_met_only_once_the_milestone_year_ends():
    # A 2025 target in Quý I/2025 can still be reached: the trend decides, never "Chưa đạt".
    target = T("gte", 96, 2025)
    rising = [(dt.date(2024, m, 14), Decimal(v)) for m, v in ((6, 70), (9, 78), (12, 86))]
    assert evaluate_status(Decimal(90), target, dt.date(2025, 3, 14), [*rising, (dt.date(2025, 3, 14), 90)]) \
        == Status.ON_TRACK
    assert evaluate_status(Decimal(60), target, dt.date(2025, 9, 14)) == Status.AT_RISK
    # Its last quarter, second half or the year itself (all end in December), or any later period.
    assert evaluate_status(Decimal(60), target, dt.date(2025, 12, 14)) == Status.NOT_MET
    assert evaluate_status(Decimal(60), target, dt.date(2025, 12, 31)) == Status.NOT_MET
    assert evaluate_status(Decimal(60), target, dt.date(2026, 3, 14)) == Status.NOT_MET


def test_a_projected_share_is_capped_at_100():
    # "đạt 100%": a line heading past 100% still does not reach a share above 100%.
    target = T("gt", 100, 2025)
    steep = [(dt.date(2024, m, 14), Decimal(v)) for m, v in ((3, 70), (6, 80), (9, 90), (12, 99))]
    assert evaluate_status(Decimal(99), target, dt.date(2024, 12, 14), steep) == Status.ON_TRACK
    assert evaluate_status(Decimal(99), target, dt.date(2024, 12, 14), steep, ceiling=Decimal(100)) == Status.AT_RISK


def test_least_squares_projection():
    # y = 2x + 1 through (0,1), (1,3), (2,5): at x=4 -> 9.
    assert projection([(0, 1), (1, 3), (2, 5)], 4) == pytest.approx(9)
    assert projection([(1, 5)], 4) is None


# --- wording -------------------------------------------------------------------

def test_numbers_and_targets_read_the_vietnamese_way():
    assert format_number(Decimal(1937)) == "1.937"
    assert format_number(Decimal("241715")) == "241.715"
    assert format_number(Decimal("22.2222"), 2) == "22,22"
    assert format_target(T("gt", 95, 2022), Measure.PERCENT) == "trên 95%"
    assert format_target(T("gte", 96, 2022), Measure.PERCENT) == "đạt 96%"
    assert format_value(FakeIndicator(Measure.COUNT, unit_label="máy"), Decimal(1937)) == "1.937 máy"
    assert format_value(FakeIndicator(Measure.BOOLEAN), Decimal(1)) == "Có"
