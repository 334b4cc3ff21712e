"""schemathesis against the API's own OpenAPI schema, in-process on the WSGI app: generated
requests, valid and invalid, to every operation, as a transition lead, give no server error."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode

from tests.web.users import BEFORE, make_users, set_today
from tests.web.world import build_world

pytestmark = pytest.mark.django_db

EXAMPLES = 12  # per operation and mode: bounded, so the test takes seconds


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """As Django's test client does: the WSGI app must not close the test's database connection
    at the end of each request (it would on PostgreSQL, ending the test's transaction)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token():
    cache.clear()  # the token exchange's rate limit starts afresh
    build_world()
    users = make_users()
    set_today(BEFORE)
    return Token.objects.create(user=users["projektleder"]).key


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_generated_request_gives_a_server_error(token, mode):
    from overgang.web.wsgi import application

    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10  # every resource's operations, the token exchange included
    headers = {"Authorization": f"Token {token}"}
    tested = 0
    for operation in operations:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            response = case.call(headers=headers)
            assert response.status_code < 500, (case.method, case.formatted_path, response.text)
            case.validate_response(response, checks=[not_a_server_error])

        try:
            check()
        except Unsatisfiable:
            # Only where nothing can be made invalid: an operation without parameters or body.
            assert mode is GenerationMode.NEGATIVE, operation.label
            continue
        tested += 1
    assert tested >= (len(operations) if mode is GenerationMode.POSITIVE else 5)
