"""Fixtures of the indicators tests."""

import pytest

from indicators.models import Measure
from tests.factories import IndicatorFactory, PeriodFactory, ResolutionFactory, TargetFactory, UnitFactory
from units.models import UnitKind


@pytest.fixture
def entry_resolution(tree, personas):
    res = ResolutionFactory(code="09-NQ/TU", owner_unit=tree["province"])
    online = IndicatorFactory(resolution=res, code="DVCTT", name="Tỷ lệ dịch vụ công trực tuyến có phát sinh hồ sơ",
                              applies_to=[UnitKind.DEPARTMENT, UnitKind.SCHOOL])
    TargetFactory(indicator=online, unit_kind=UnitKind.DEPARTMENT, operator="gt", value=50, year=2025)
    computers = IndicatorFactory(resolution=res, code="MAYTINH", name="Số máy vi tính phục vụ giảng dạy",
                                 measure=Measure.COUNT, unit_label="máy", numerator_label="Số máy",
                                 denominator_label="", applies_to=[UnitKind.DEPARTMENT, UnitKind.SCHOOL])
    other_province = UnitFactory(kind=UnitKind.PROVINCE, name="Tỉnh Khác")
    foreign = IndicatorFactory(resolution=ResolutionFactory(code="07-NQ/TU", owner_unit=other_province),
                               code="NGOAI", name="Chỉ tiêu của tỉnh khác", applies_to=[UnitKind.DEPARTMENT])
    q3 = PeriodFactory(code="2024-Q3")
    return {"online": online, "computers": computers, "foreign": foreign, "q3": q3, **tree, **personas}
