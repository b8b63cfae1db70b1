"""Permission matrix of the entry pages: role × own unit / child unit / foreign unit × action.

A foreign unit is always refused (404: it cannot even be seen).
"""

import pytest
from django.urls import reverse

from indicators.models import DataValue, Submission, SubmissionStatus
from tests.factories import IndicatorFactory, MembershipFactory, PeriodFactory, SubmissionFactory, UserFactory
from units.models import UnitKind

pytestmark = pytest.mark.django_db

ROLES = ["entry", "approver", "supervisor", "viewer"]
TARGETS = {"own": "dept_a", "child": "school_a1", "foreign": "dept_b"}


@pytest.fixture
def indicator_and_period(tree):
    ind = IndicatorFactory(applies_to=[UnitKind.DEPARTMENT, UnitKind.SCHOOL])
    period = PeriodFactory(code="2024-Q3")
    return {"ind": ind, "period": period, **tree}


def login_as(client, indicator_and_period, role):
    user = UserFactory(username=f"u_{role}")
    MembershipFactory(user=user, unit=indicator_and_period["dept_a"], role=role)
    client.force_login(user)
    return user


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("where", TARGETS)
def test_view_and_save(client, indicator_and_period, role, where):
    login_as(client, indicator_and_period, role)
    unit = indicator_and_period[TARGETS[where]]
    url = reverse("entry", args=["2024-Q3", unit.pk])
    k = f"{unit.pk}-{indicator_and_period['ind'].pk}"
    get = client.get(url).status_code
    post = client.post(url, {f"n-{k}": "1", f"d-{k}": "2", "action": "save"}).status_code
    if where == "foreign":
        assert (get, post) == (404, 404)
    elif role == "entry":
        assert (get, post) == (200, 302)
    else:
        assert (get, post) == (200, 403)
    assert DataValue.objects.exists() == (role == "entry" and where != "foreign")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("where", TARGETS)
def test_submit(client, indicator_and_period, role, where):
    login_as(client, indicator_and_period, role)
    unit = indicator_and_period[TARGETS[where]]
    response = client.post(reverse("submission-action", args=["2024-Q3", unit.pk, "gui"]))
    sub = Submission.objects.filter(unit=unit).first()
    if where == "foreign":
        assert response.status_code == 404 and sub is None
    else:
        assert (sub is not None and sub.status == SubmissionStatus.SUBMITTED) == (role == "entry")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("where", TARGETS)
@pytest.mark.parametrize("action", ["duyet", "tra-lai"])
def test_approve_and_return(client, indicator_and_period, role, where, action):
    login_as(client, indicator_and_period, role)
    unit = indicator_and_period[TARGETS[where]]
    SubmissionFactory(unit=unit, period=indicator_and_period["period"], status=SubmissionStatus.SUBMITTED)
    response = client.post(reverse("submission-action", args=["2024-Q3", unit.pk, action]), {"reason": "Sai số"})
    status = Submission.objects.get(unit=unit).status
    if where == "foreign":
        assert response.status_code == 404
    expected = {"duyet": SubmissionStatus.APPROVED, "tra-lai": SubmissionStatus.RETURNED}[action]
    assert (status == expected) == (role == "approver" and where != "foreign")
