"""A user's writes are noted in their session (web/own_writes.py), so that figures kept for
a few seconds are counted afresh for them; reads, refused writes and token clients are not."""

from __future__ import annotations

import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.test import Client
from rest_framework.test import APIClient

from overgang.web.own_writes import SESSION_KEY
from tests.web.users import BEFORE, FAST_HASHERS, PASSWORD, make_users, set_today
from tests.web.world import VALLENSBAEK, build_world

pytestmark = pytest.mark.django_db

INTERVIEW = {"new-held_on": "2021-05-20", "new-wish": str(VALLENSBAEK), "new-note": ""}


@pytest.fixture
def world(settings):  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = FAST_HASHERS
    built = build_world()
    make_users()
    set_today(BEFORE)
    return built


def _client(username: str) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def test_a_write_that_succeeds_is_noted_in_the_writers_session_with_its_time(world) -> None:  # type: ignore[no-untyped-def]
    leader = _client("teamleder-ishoej")
    before = time.time()
    assert leader.post("/medarbejdere/I-EMP/", INTERVIEW).status_code == 302
    assert before <= leader.session[SESSION_KEY] <= time.time()


def test_reads_and_refused_writes_are_not_noted(world) -> None:  # type: ignore[no-untyped-def]
    leader, committee = _client("teamleder-ishoej"), _client("med")
    assert leader.get("/medarbejdere/I-EMP/").status_code == 200
    assert committee.post("/medarbejdere/I-EMP/", INTERVIEW).status_code == 403
    assert SESSION_KEY not in leader.session
    assert SESSION_KEY not in committee.session


def test_a_token_clients_write_leaves_no_session_behind(world) -> None:  # type: ignore[no-untyped-def]
    sessions = Session.objects.count()
    api = APIClient()
    token = api.post(
        "/api/v1/auth/token/",
        {"username": "kommuneleder-ishoej", "password": PASSWORD},
        format="json",
    ).json()["token"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    answer = api.post(
        "/api/v1/interviews/",
        {"medarbejder_id": "I-EMP", "dato": "2021-05-20", "oensket_kommune": VALLENSBAEK},
        format="json",
    )
    assert answer.status_code == 201, answer.content
    assert Session.objects.count() == sessions
    assert "sessionid" not in api.cookies
