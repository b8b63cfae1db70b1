"""Formats in one place (issue 11): indicators.rules' wording, the API's text of a value, the admin's years."""

from decimal import Decimal

import pytest
from django.urls import reverse

from indicators import rules
from indicators.models import Indicator, Measure
from indicators.serializers import value_text as serializer_value_text
from reports.dashboards import api as progress_api
from tests.factories import IndicatorFactory, PeriodFactory, TargetFactory


def ind(measure=Measure.PERCENT, decimals=2, unit_label=""):
    return Indicator(code="X", name="x", measure=measure, decimals=decimals, unit_label=unit_label)


# --- numbers and percents -----------------------------------------------------


def test_percents_have_two_decimals_whatever_the_indicator_says():
    # 10/13 = 76.9231: one figure, one text ("76,9%", "76,92%" and "77%" were all seen)
    for decimals in (0, 1, 2):
        assert rules.format_value(ind(decimals=decimals), Decimal("76.9231")) == "76,92%"
    assert rules.format_value(ind(decimals=3), Decimal("76.9231")) == "76,923%"  # more when asked
    assert rules.format_value(ind(), Decimal("86")) == "86,00%"
    assert rules.format_percent(Decimal("22.2222")) == "22,22%"
    assert rules.format_percent(None) == "—"


def test_a_boolean_is_an_answer_for_one_unit_and_a_share_over_many():
    yes_no = ind(Measure.BOOLEAN)
    assert rules.format_value(yes_no, Decimal(1)) == "Có"
    assert rules.format_value(yes_no, Decimal(100)) == "Có"  # judged 100%
    assert rules.format_value(yes_no, Decimal(0)) == "Không"
    assert rules.format_value(yes_no, Decimal("52.1"), share=True) == "52,10%"


def test_counts_are_grouped_the_vietnamese_way():
    assert rules.format_value(ind(Measure.COUNT, decimals=0, unit_label="máy"), Decimal("1937")) == "1.937 máy"
    assert rules.format_number(Decimal("1234567.5"), 2) == "1.234.567,50"


def test_a_change_of_a_rate_is_in_percentage_points():
    assert rules.format_change(ind(), Decimal("1.3812")) == "+1,38 điểm %"
    assert rules.format_change(ind(), Decimal("-12.5")) == "−12,50 điểm %"
    assert rules.format_change(ind(Measure.BOOLEAN), Decimal("10")) == "+10,00 điểm %"
    assert rules.format_change(ind(), Decimal("0.001")) == "0,00 điểm %"  # rounds to zero: no sign
    assert rules.format_change(ind(Measure.COUNT, unit_label="máy"), Decimal("12")) == "+12 máy"
    assert rules.format_change(ind(Measure.COUNT), Decimal("-1937")) == "−1.937"
    assert rules.format_change(ind(), None) == "—"
    assert "%" not in rules.format_change(ind(), Decimal("1.38")).replace(" điểm %", "")


def test_one_value_text_for_the_api():
    # The values API and the progress API share one function (no second rounding elsewhere).
    assert serializer_value_text is rules.value_text
    assert progress_api.value_text is rules.value_text
    assert rules.value_text(ind(decimals=0), Decimal("76.9231")) == "76.92"
    assert rules.value_text(ind(decimals=3), Decimal("22.2222")) == "22.222"
    assert rules.value_text(ind(), Decimal(0)) == "0.00"
    assert rules.value_text(ind(Measure.COUNT), Decimal("1937.0000")) == "1937"
    assert rules.value_text(ind(Measure.BOOLEAN), Decimal(1)) == "1"  # a unit's answer
    assert rules.value_text(ind(Measure.BOOLEAN), Decimal("52.1"), share=True) == "52.10"  # a share of units
    assert rules.value_text(ind(), None) is None


def test_template_filters_call_the_rules():
    from indicators.templatetags import kpi

    assert kpi.percent(Decimal("76.9231")) == "76,92%"
    assert kpi.share(Decimal("52.1"), ind(Measure.BOOLEAN)) == "52,10%"
    assert kpi.change(Decimal("1.38"), ind()) == "+1,38 điểm %"


# --- admin: years never grouped ---------------------------------------------------


@pytest.mark.django_db
def test_admin_shows_years_ungrouped(client, personas):
    target = TargetFactory(indicator=IndicatorFactory(), year=2025)
    period = PeriodFactory(code="2025-Q3")
    client.force_login(personas["admin"])
    page = client.get(reverse("admin:indicators_target_changelist")).content.decode()
    assert ">2025<" in page and "2.025" not in page
    page = client.get(reverse("admin:indicators_period_change", args=[period.pk])).content.decode()
    assert "2025" in page and "2.025" not in page
    assert target.year == 2025
