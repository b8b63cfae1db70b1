"""The submit race on PostgreSQL: real concurrent transactions (threads, each with its own connection).

A figure written at the moment of a submit is either in the submission (written before the submit took
the report) or refused with a conflict (409): an approver never approves figures the unit changed after
sending. Writing (services.record_value: the form and PATCH; bulk.write_values: the bulk API and Excel)
and moving the report (workflow) lock the same row, the unit's Submission for the period
(services.lock_submissions). SQLite serialises whole transactions and has no row locks: skipped there.
"""

import threading
import time
from decimal import Decimal

import pytest
from django.db import connection

from indicators import bulk, services, workflow
from indicators.models import DataValue, Measure, Submission, SubmissionStatus
from tests.factories import IndicatorFactory, MembershipFactory, PeriodFactory, UnitFactory, UserFactory
from units.models import UnitKind

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL only (DATABASE_URL)"),
]


@pytest.fixture
def count_entry():
    province = UnitFactory(code="P", kind=UnitKind.PROVINCE)
    dept = UnitFactory(code="A", kind=UnitKind.DEPARTMENT, parent=province)
    user = UserFactory(username="nhaplieu_dua")
    MembershipFactory(user=user, unit=dept, role="entry")
    period = PeriodFactory(code="2024-Q3")
    indicator = IndicatorFactory(measure=Measure.COUNT, numerator_label="Số máy", denominator_label="")
    return {"unit": dept, "user": user, "period": period, "indicator": indicator}


def _run_together(*jobs):
    """Run the callables at the same moment in threads; returns each one's result or exception."""
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def runner(i, job):
        try:
            barrier.wait()
            results[i] = job()
        except Exception as exc:  # noqa: BLE001 - the outcome is what the test judges
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=runner, args=(i, job)) for i, job in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return results


def _reset(w):
    Submission.objects.filter(unit=w["unit"], period=w["period"]).delete()
    DataValue.history.model.objects.all().delete()
    DataValue.objects.all().delete()


def _judge(w, write_result):
    """The invariant: the report is sent, and a figure that was saved was saved before it was sent."""
    sub = Submission.objects.get(unit=w["unit"], period=w["period"])
    assert sub.status == SubmissionStatus.SUBMITTED
    dv = DataValue.objects.filter(unit=w["unit"], period=w["period"]).first()
    if isinstance(write_result, Exception):
        assert isinstance(write_result, services.WriteConflict), repr(write_result)
        assert "đã gửi" in write_result.message
        return "refused"
    assert dv is not None and dv.updated_at < sub.submitted_at, "a figure was accepted after the report was sent"
    return "in the submission"


def _slow_check(monkeypatch, seconds=0.05):
    """Widen the window between "may this report change?" and the write, as a busy server does."""
    original = services.ensure_writable

    def slow(unit, period):
        original(unit, period)
        time.sleep(seconds)

    monkeypatch.setattr(services, "ensure_writable", slow)


def _write(w, numerator, version=None):
    return lambda: services.record_value(unit=w["unit"], indicator=w["indicator"], period=w["period"],
                                         numerator=numerator, denominator=None, user=w["user"], version=version)


def _submit(w, delay=0.0):
    def job():
        time.sleep(delay)
        return workflow.submit(w["unit"], w["period"], w["user"])
    return job


def test_a_new_figure_and_a_submit_never_both_win_late(count_entry, monkeypatch):
    _slow_check(monkeypatch)
    outcomes = []
    for _ in range(15):
        _reset(count_entry)
        write, submit = _run_together(_write(count_entry, 7), _submit(count_entry, delay=0.01))
        assert not isinstance(submit, Exception), repr(submit)
        outcomes.append(_judge(count_entry, write))
    assert set(outcomes) <= {"in the submission", "refused"}
    assert "in the submission" in outcomes  # the writer usually starts first: the race was run, not avoided


def test_an_edit_racing_a_submit_is_in_it_or_refused(count_entry, monkeypatch):
    """PATCH-like updates (version given) against a submit: 20 trials, both orders happen, never a late edit."""
    _slow_check(monkeypatch, seconds=0.02)
    outcomes = []
    for i in range(20):
        _reset(count_entry)
        dv, _ = services.record_value(unit=count_entry["unit"], indicator=count_entry["indicator"], period=count_entry["period"],
                                      numerator=1, denominator=None, user=count_entry["user"])
        Submission.objects.filter(unit=count_entry["unit"], period=count_entry["period"]).update(status=SubmissionStatus.DRAFT)
        write, submit = _run_together(_write(count_entry, 100 + i, version=dv.version), _submit(count_entry, delay=0.005 * (i % 5)))
        assert not isinstance(submit, Exception), repr(submit)
        outcomes.append(_judge(count_entry, write))
    assert set(outcomes) <= {"in the submission", "refused"}


def test_bulk_write_planned_before_a_submit_is_refused_after_it(count_entry):
    """The bulk API and Excel check first and write later: a submit in between refuses the write (409)."""
    items = [{"unit": count_entry["unit"].pk, "indicator": count_entry["indicator"].pk, "period": count_entry["period"].pk,
              "numerator": "5"}]
    planned, errors = bulk.plan_items(items, count_entry["user"])
    assert not errors and planned
    (submit,) = _run_together(_submit(count_entry))  # another connection sends the report and commits
    assert not isinstance(submit, Exception)
    with pytest.raises(bulk.NotWritable) as exc:
        bulk.write_values(planned, count_entry["user"], "Nhập hàng loạt qua API")
    assert "đã gửi" in exc.value.reasons[0]
    assert not DataValue.objects.exists()


def test_bulk_and_submit_at_the_same_moment(count_entry, monkeypatch):
    original = services.writable_states

    def slow(units, period):
        out = original(units, period)
        time.sleep(0.03)
        return out

    monkeypatch.setattr(bulk, "writable_states", slow)
    items = [{"unit": count_entry["unit"].pk, "indicator": count_entry["indicator"].pk, "period": count_entry["period"].pk,
              "numerator": "9"}]
    outcomes = []
    for _ in range(10):
        _reset(count_entry)
        planned, _ = bulk.plan_items(items, count_entry["user"])
        write, submit = _run_together(lambda p=planned: bulk.write_values(p, count_entry["user"], "bulk"),
                                      _submit(count_entry, delay=0.01))
        assert not isinstance(submit, Exception), repr(submit)
        if isinstance(write, bulk.NotWritable):
            outcomes.append("refused")
            continue
        assert not isinstance(write, Exception), repr(write)
        sub = Submission.objects.get(unit=count_entry["unit"], period=count_entry["period"])
        dv = DataValue.objects.get()
        assert dv.numerator == Decimal(9) and dv.updated_at < sub.submitted_at
        outcomes.append("in the submission")
    assert set(outcomes) <= {"in the submission", "refused"}


def test_two_first_writes_create_one_submission_row(count_entry):
    """The draft row is created race-safely: two writers of a unit's first figures at once both succeed."""
    other = IndicatorFactory(resolution=count_entry["indicator"].resolution, measure=Measure.COUNT, numerator_label="Số")
    a, b = _run_together(
        _write(count_entry, 1),
        lambda: services.record_value(unit=count_entry["unit"], indicator=other, period=count_entry["period"], numerator=2,
                                      denominator=None, user=count_entry["user"]),
    )
    assert not isinstance(a, Exception) and not isinstance(b, Exception), (a, b)
    assert Submission.objects.filter(unit=count_entry["unit"], period=count_entry["period"]).count() == 1
    assert DataValue.objects.count() == 2
