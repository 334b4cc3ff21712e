"""schemathesis against the API's own OpenAPI schema, in-process on the WSGI app.

Generated requests, valid and invalid, to every operation, as a transition lead, give no
server error. Stateful runs follow the links schemathesis infers from the schema (a list
to its rows, a new interview or fix to reading and deleting it) with every role's token,
before and after the effective date: no server error, no response that breaks the schema
(body and content type), and no row outside the role's scope, as the hand-made tables of
test_access.py say it.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from tests.web.test_access import AFTER_TABLE, BEFORE_TABLE
from tests.web.users import AFTER, BEFORE, ROLES, make_users, set_today
from tests.web.world import build_world

pytestmark = pytest.mark.django_db

EXAMPLES = 12  # per operation and mode: bounded, so the test takes seconds
# Per role and day: this many scenarios of at most this many calls each.
SCENARIOS, STEPS = 10, 6


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


# --- stateful: every role, following the links between operations -------------------------

# Which of the role's rows each operation's rows are: (path prefix, field, table column),
# the column being 0 (employees), 1 (citizens) or 2 (cases) of test_access's tables.
ROWS = [
    ("/api/v1/employees/", "medarbejder_id", 0),
    ("/api/v1/interviews/", "medarbejder_id", 0),
    ("/api/v1/citizens/", "borger_id", 1),
    ("/api/v1/cases/", "sag_id", 2),
    ("/api/v1/decisions/employees/", "medarbejder_id", 0),
    ("/api/v1/decisions/cases/", "sag_id", 2),
]
FIX_KINDS = {"medarbejder": 0, "sag": 2}


def _rows(body):
    if isinstance(body, dict) and isinstance(body.get("results"), list):
        return body["results"]
    return [body] if isinstance(body, dict) else []


def rows_in_scope(scope: tuple[list[str], list[str], list[str]]):
    """A check: every row a response shows is one the role may see."""

    def no_row_outside_the_role_s_scope(ctx, response, case):
        if response.status_code >= 300:
            return None
        path = case.operation.path
        for row in _rows(response.json()):
            if path.startswith("/api/v1/fixes/") and row.get("type") in FIX_KINDS:
                allowed, value = scope[FIX_KINDS[row["type"]]], row.get("id")
            else:
                found = [(scope[col], row.get(f)) for p, f, col in ROWS if path.startswith(p)]
                if not found:
                    continue
                allowed, value = found[0]
            assert value in allowed, f"{case.method} {case.formatted_path} showed {value!r}"
        return None

    return no_row_outside_the_role_s_scope


def role_machine(schema, token: str, scope):
    """The schema's state machine, calling as the role and checking what it must hold."""
    checks = [
        not_a_server_error,
        response_schema_conformance,
        content_type_conformance,
        rows_in_scope(scope),
    ]

    class AsRole(schema.as_state_machine()):  # type: ignore[misc]
        def get_call_kwargs(self, case):
            return {"headers": {"Authorization": f"Token {token}"}}

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            case.validate_response(
                response, checks=checks, transport_kwargs=kwargs or None, recorder=self.recorder
            )

    return AsRole


@pytest.mark.parametrize("day", ["before", "after"])
def test_stateful_calls_as_every_role_keep_to_the_schema_and_the_role_s_rows(day):
    from overgang.web.wsgi import application

    cache.clear()
    build_world()
    users = make_users()
    set_today(BEFORE if day == "before" else AFTER)
    table = BEFORE_TABLE if day == "before" else AFTER_TABLE
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)
    bounds = settings(
        max_examples=SCENARIOS,
        stateful_step_count=STEPS,
        phases=[Phase.generate],
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    for username in ROLES:  # the token as the exchange would give it, for those without API use too
        token = Token.objects.create(user=users[username]).key
        try:
            role_machine(schema, token, table[username]).run(settings=bounds)
        except Exception as failure:
            failure.add_note(f"as {username}, {day} the effective date")
            raise
