"""Helpers shared by test modules (fixtures live in conftest.py)."""

from django.urls import reverse

from indicators.models import SubmissionStatus
from tests.factories import DataValueFactory, SubmissionFactory


def put(unit, indicator, period, num, den=None, status=SubmissionStatus.SUBMITTED):
    """A unit's value for a period, in a submission of the given status (submitted by default)."""
    SubmissionFactory(unit=unit, period=period, status=status)
    return DataValueFactory(unit=unit, indicator=indicator, period=period, numerator=num, denominator=den)


def by_kind(result, indicator):
    """{unit kind: rollup row} of one indicator in a rollup_by_kind result."""
    return {r.unit_kind: r for r in result[indicator.pk]}


def admin_url(model, view, *args):
    """The admin page `view` (changelist, add, change, history, ...) of a model."""
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)
