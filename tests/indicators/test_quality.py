"""Data-quality warnings: jumps from the unit's history and outliers among peers."""

from decimal import Decimal

import pytest

from indicators.models import Indicator, Measure
from indicators.quality import history_warning, peer_warning, robust_z, warnings_for


def ind(measure=Measure.PERCENT):
    return Indicator(code="X", name="x", measure=measure, decimals=2, unit_label="hồ sơ")


def test_rate_jump_over_30_points_is_flagged_but_30_is_not():
    assert history_warning(ind(), Decimal("70.5"), Decimal("40")).code == "jump"
    assert history_warning(ind(), Decimal("70"), Decimal("40")) is None
    assert "giảm 35,00 điểm %" in history_warning(ind(), Decimal("5"), Decimal("40")).message


def test_count_more_than_three_times_the_previous_is_flagged():
    assert history_warning(ind(Measure.COUNT), Decimal(301), Decimal(100)) is not None
    assert history_warning(ind(Measure.COUNT), Decimal(300), Decimal(100)) is None
    assert history_warning(ind(Measure.COUNT), Decimal(30), Decimal(100)) is not None  # a third or less too
    assert history_warning(ind(Measure.COUNT), Decimal(5), None) is None  # no history, no judgement


def test_robust_z_score_beyond_3_5_among_peers():
    peers = [Decimal(v) for v in (50, 52, 48, 51, 49, 53, 47)]  # median 50, MAD 2
    assert robust_z(Decimal(60), peers) == 0.6745 * 10 / 2
    assert peer_warning(ind(), Decimal(61), peers).code == "outlier"  # z = 3,71
    assert peer_warning(ind(), Decimal(60), peers) is None  # z = 3,37
    assert peer_warning(ind(), Decimal(61), peers[:4]) is None  # too few peers to judge


def test_both_warnings_together():
    peers = [Decimal(v) for v in (50, 52, 48, 51, 49, 53, 47)]
    codes = [w.code for w in warnings_for(ind(), Decimal(95), Decimal(40), peers)]
    assert codes == ["jump", "outlier"]


@pytest.mark.django_db
def test_entry_form_flags_an_outlier_among_the_schools_of_the_province(tree, personas):
    from indicators.entry import build_rows
    from indicators.models import SubmissionStatus
    from indicators.quality import peer_statistics
    from tests.factories import (
        DataValueFactory,
        IndicatorFactory,
        PeriodFactory,
        SubmissionFactory,
        UnitFactory,
    )
    from units.models import UnitKind

    q3 = PeriodFactory(code="2024-Q3")
    indicator = IndicatorFactory(applies_to=[UnitKind.SCHOOL])
    schools = [tree["school_a1"], tree["school_a2"]] + [
        UnitFactory(kind=UnitKind.SCHOOL, parent=tree["dept_a"]) for _ in range(5)]
    for school, num in zip(schools, (99, 50, 52, 48, 51, 49, 53), strict=True):
        SubmissionFactory(unit=school, period=q3, status=SubmissionStatus.SUBMITTED)
        DataValueFactory(unit=school, indicator=indicator, period=q3, numerator=num, denominator=100)
    stats = peer_statistics([indicator], q3, UnitKind.SCHOOL)[indicator.pk]
    assert (stats.median, stats.n) == (Decimal(51), 7)
    [row] = build_rows([tree["school_a1"]], [indicator], q3)
    assert [w.code for w in row.warnings] == ["outlier"]
    assert "Khác thường so với 7 đơn vị cùng loại: cao hơn nhiều (trung vị 51,00%)" in row.warnings[0].message
    [row] = build_rows([tree["school_a2"]], [indicator], q3)
    assert row.warnings == []
