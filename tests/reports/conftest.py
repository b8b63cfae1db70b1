"""Fixtures of the reports tests."""

import pytest

from indicators.models import Measure
from tests.factories import IndicatorFactory, PeriodFactory, TargetFactory


@pytest.fixture
def import_indicators(personas, tree):
    period = PeriodFactory(code="2024-Q3")
    percent = IndicatorFactory(code="CT1", measure=Measure.PERCENT, order=1)
    TargetFactory(indicator=percent, operator="gt", value=95, year=2025)
    count = IndicatorFactory(resolution=percent.resolution, code="CT2", order=2, measure=Measure.COUNT,
                             name="Số máy tính phục vụ quản lý", numerator_label="Số máy tính",
                             denominator_label="", unit_label="máy")
    boolean = IndicatorFactory(resolution=percent.resolution, code="CT3", order=3, measure=Measure.BOOLEAN,
                               name="Có Ban chỉ đạo chuyển đổi số", numerator_label="", denominator_label="")
    return {**personas, **tree, "period": period, "percent": percent, "count": count, "boolean": boolean,
            "resolution": percent.resolution}
