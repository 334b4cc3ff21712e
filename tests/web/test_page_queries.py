"""The pages read what they show in a fixed number of queries, and a read-only request
reads the current plan and the transition once (web/request_memo.py)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from overgang.web.audit.actors import SystemActor
from overgang.web.dataset import models as m
from overgang.web.planning.selectors import current_plan
from overgang.web.planning.services import run_plan
from overgang.web.request_memo import RequestMemoMiddleware
from tests.web.users import BEFORE, FAST_HASHERS, make_users, set_today
from tests.web.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings):  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = FAST_HASHERS
    world = build_world()
    make_users()
    set_today(BEFORE)
    return world


def _client(username: str) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def _queries(client: Client, path: str) -> list[str]:
    client.get(path)  # the session and the caches settle first
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return [q["sql"] for q in captured.captured_queries]


def test_the_employee_page_reads_its_cases_in_the_same_queries_however_many(world) -> None:  # type: ignore[no-untyped-def]
    leader = _client("teamleder-ishoej")
    page = reverse("pages:employee", args=["I-EMP"])
    first = world.cases["I-CASE"]

    def add_cases(numbers: range) -> None:
        for n in numbers:
            citizen = m.Citizen.objects.create(
                ext_id=f"I-CIT-{n}", municipality=world.ishoej, family_id=f"F{n}", batch=first.batch
            )
            m.Case.objects.create(
                ext_id=f"I-CASE-{n}",
                citizen=citizen,
                service="PPR-vurdering",
                profession=first.profession,
                delivery="intern",
                load=Decimal(1),
                acting_municipality=world.ishoej,
                paying_municipality=world.vallensbaek,
                contact_person=world.employees["I-EMP"],
                batch=first.batch,
            )

    add_cases(range(1))
    two_cases = len(_queries(leader, page))
    add_cases(range(1, 11))
    shown = leader.get(page).content.decode()
    assert "I-CASE-10" in shown and "Vallensbæk" in shown
    assert len(_queries(leader, page)) == two_cases


def test_the_overview_reads_the_current_plan_once(world) -> None:  # type: ignore[no-untyped-def]
    plans = [
        sql for sql in _queries(_client("projektleder"), "/") if 'FROM "planning_storedplan"' in sql
    ]
    # The approved plan (none here), then the latest: once each, not once per figure.
    assert len(plans) <= 2, plans


def test_a_read_only_request_keeps_its_plan_and_the_next_request_reads_afresh(world) -> None:  # type: ignore[no-untyped-def]
    seen: list[int | None] = []

    def view(request: HttpRequest) -> HttpResponse:
        seen.append(getattr(current_plan(), "pk", None))
        if request.method == "POST" or len(seen) == 1:
            run_plan(by=SystemActor("test"))  # a plan stored while the request runs
        seen.append(getattr(current_plan(), "pk", None))
        return HttpResponse()

    memo = RequestMemoMiddleware(view)
    memo(RequestFactory().get("/"))
    assert seen[0] == seen[1] == world.plan.pk  # one answer within the GET
    assert getattr(current_plan(), "pk", None) != world.plan.pk  # after it: the new plan
    seen.clear()
    memo(RequestFactory().post("/"))
    assert seen[0] != seen[1]  # a write reads afresh


def test_the_employee_page_logs_its_interviews_in_the_same_queries_however_many(world) -> None:  # type: ignore[no-untyped-def]
    """The audit log names each interview's municipality by its employee: read once per
    page, not once per interview."""
    leader = _client("teamleder-ishoej")
    page = reverse("pages:employee", args=["I-EMP"])
    employee = world.employees["I-EMP"]

    def add_interviews(count: int) -> None:
        for day in range(count):
            m.Interview.objects.create(
                employee=employee, held_on=date(2021, 5, 1 + day), note=f"samtale {day}"
            )

    add_interviews(1)
    two_interviews = len(_queries(leader, page))
    add_interviews(10)
    assert "samtale 9" in leader.get(page).content.decode()
    assert len(_queries(leader, page)) == two_interviews
