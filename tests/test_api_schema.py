"""The API fuzzed against its published OpenAPI schema (schemathesis): no server error, no answer outside
the schema (status codes, content types, bodies), on every operation, as an admin holding a token.

Part of the PostgreSQL + Redis run of CI only (skipped without DATABASE_URL), bounded to a few minutes:
SCHEMATHESIS_EXAMPLES examples per operation (default 25). What it found and what was fixed: docs/security.md.
"""

import json
import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "25"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]

pytestmark = [
    pytest.mark.schemathesis,
    pytest.mark.skipif(not os.environ.get("DATABASE_URL"), reason="the schemathesis run is in the PostgreSQL job"),
]


def _published_schema():
    """The schema /api/schema/ serves (drf-spectacular), as JSON."""
    from drf_spectacular.generators import SchemaGenerator
    from rest_framework.renderers import JSONRenderer

    return json.loads(JSONRenderer().render(SchemaGenerator().get_schema(request=None, public=True)))


schema = schemathesis.openapi.from_dict(_published_schema())


@pytest.fixture
def wsgi_app():
    """The WSGI application, called in-process inside the test's transaction (as Django's test client does:
    connections are not closed at the end of each request)."""
    from django.core import signals
    from django.db import close_old_connections

    from config.wsgi import application

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield application
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def token(province_figures, settings):
    from units.logins import issue_token

    settings.API_USER_RATE = "1000000/min"  # the run measures answers, not the per-user limit
    return issue_token(province_figures["admin"])[1]


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_api_answers_within_its_schema(case, token, wsgi_app):
    case.call_and_validate(app=wsgi_app, headers={"Authorization": f"Token {token}"}, checks=CHECKS)
