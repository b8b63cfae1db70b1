"""The set-based writer shared by the bulk API and the Excel import: all or nothing, never a silent overwrite."""

from decimal import Decimal

import pytest
from django.utils import timezone

from indicators import bulk
from indicators.models import DataValue, Measure
from indicators.services import record_value
from tests.factories import DataValueFactory, IndicatorFactory, PeriodFactory


@pytest.fixture
def stored_value(personas, tree):
    period = PeriodFactory(code="2024-Q3")
    ind = IndicatorFactory(measure=Measure.PERCENT)
    stored = DataValueFactory(unit=tree["dept_a"], indicator=ind, period=period, numerator=1, denominator=2,
                              note="ghi chú cũ", quality_confirmed=True)
    return {**personas, **tree, "period": period, "ind": ind, "stored": stored}


def plan(stored_value, items):
    items = [{"unit": stored_value["dept_a"].pk, "indicator": stored_value["ind"].pk, "period": stored_value["period"].pk, **it} for it in items]
    planned, errors = bulk.plan_items(items, stored_value["user_a"])
    assert errors == []
    return planned


def test_update_keeps_note_when_absent_clears_confirmation_and_records_reason(stored_value):
    planned = plan(stored_value, [{"numerator": Decimal(3), "denominator": Decimal(4)}])
    assert bulk.write_values(planned, stored_value["user_a"], "Nhập hàng loạt qua API") == (0, 1)
    dv = DataValue.objects.get(pk=stored_value["stored"].pk)
    assert (dv.value, dv.version, dv.note, dv.quality_confirmed) == (Decimal("75.0000"), 2, "ghi chú cũ", False)
    last = dv.history.first()
    assert (last.history_user, last.history_change_reason, last.history_type) == (stored_value["user_a"], "Nhập hàng loạt qua API", "~")
    assert (last.numerator, last.value, last.version, last.note) == (Decimal(3), Decimal("75.0000"), 2, "ghi chú cũ")
    assert abs((timezone.now() - last.history_date).total_seconds()) < 60
    # The history page reads it like any other change: old and new figures.
    from indicators.history import value_history

    changes = [(c.field, c.old, c.new, c.reason) for c in value_history(dv)]
    assert ("numerator", Decimal(1), Decimal(3), "Nhập hàng loạt qua API") in changes


def test_value_changed_after_the_check_is_refused_and_nothing_saved(stored_value):
    planned = plan(stored_value, [{"numerator": Decimal(3), "denominator": Decimal(4), "version": 1}])
    # Someone else saves between the check and the write.
    record_value(unit=stored_value["dept_a"], indicator=stored_value["ind"], period=stored_value["period"], numerator=2, denominator=2,
                 user=stored_value["admin"], version=1)  # another writer with the right
    with pytest.raises(bulk.StaleWrites) as exc:
        bulk.write_values(planned, stored_value["user_a"], "Nhập hàng loạt qua API")
    assert exc.value.refs == [0]
    dv = DataValue.objects.get(pk=stored_value["stored"].pk)
    assert (dv.numerator, dv.version) == (Decimal(2), 2)


def test_create_raced_by_another_writer_saves_nothing(stored_value):
    ind = IndicatorFactory(resolution=stored_value["ind"].resolution, measure=Measure.COUNT, denominator_label="")
    planned, errors = bulk.plan_items(
        [{"unit": stored_value["dept_a"].pk, "indicator": stored_value["ind"].pk, "period": stored_value["period"].pk,
          "numerator": Decimal(1), "denominator": Decimal(1)},
         {"unit": stored_value["dept_a"].pk, "indicator": ind.pk, "period": stored_value["period"].pk, "numerator": Decimal(7),
          "denominator": None}],
        stored_value["user_a"],
    )
    assert errors == []
    DataValueFactory(unit=stored_value["dept_a"], indicator=ind, period=stored_value["period"], numerator=5, denominator=None)
    with pytest.raises(bulk.StaleWrites):
        bulk.write_values(planned, stored_value["user_a"], "x")
    assert DataValue.objects.get(pk=stored_value["stored"].pk).version == 1  # the update in the same batch rolled back
    assert DataValue.objects.get(indicator=ind).numerator == 5


def test_plan_reports_scope_figures_and_duplicates_by_index(stored_value):
    items = [
        {"unit": stored_value["dept_b"].pk, "indicator": stored_value["ind"].pk, "period": stored_value["period"].pk,
         "numerator": Decimal(1), "denominator": Decimal(2)},
        {"unit": stored_value["dept_a"].pk, "indicator": stored_value["ind"].pk, "period": stored_value["period"].pk,
         "numerator": Decimal(5), "denominator": Decimal(2)},
        {"unit": stored_value["dept_a"].pk, "indicator": stored_value["ind"].pk, "period": stored_value["period"].pk,
         "numerator": Decimal(1), "denominator": Decimal(2), "version": 7},
    ]
    planned, errors = bulk.plan_items(items, stored_value["user_a"])
    assert planned == []
    assert [(kind, i, field) for kind, i, field, _ in errors] == [
        ("denied", 0, "unit"), ("invalid", 1, "numerator"), ("invalid", 2, "non_field_errors"),
    ]
