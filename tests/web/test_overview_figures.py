"""The overview's counts are kept a few seconds (OVERGANG_STATUS_SECONDS) and say when they
were counted; a user's own write shows at once, another user's once the seconds are past."""

from __future__ import annotations

import re
import time
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from overgang.web.dataset.models import Employee
from tests.web.users import BEFORE, FAST_HASHERS, make_users, set_today
from tests.web.world import VALLENSBAEK, build_world

pytestmark = pytest.mark.django_db

LOCAL = ZoneInfo("Europe/Copenhagen")  # settings.TIME_ZONE: the pages' clock
FIGURE = re.compile(r'<span class="value">([^<]*)</span><span class="label">([^<]*)</span>')
AS_OF = re.compile(r'<time datetime="([^"]+)">Tal pr\. kl\. (\d\d:\d\d:\d\d)</time>')


@pytest.fixture
def world(settings):  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = FAST_HASHERS
    settings.STATUS_SECONDS = 60  # longer than any test: kept unless a test says otherwise
    built = build_world()
    make_users()
    set_today(BEFORE)
    return built


def _client(username: str) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def _overview(client: Client) -> tuple[str, datetime]:
    """The overview's "Afholdte samtaler" figure, and the moment its counts are as of."""
    page = client.get("/")
    assert page.status_code == 200
    html = page.content.decode()
    figures = {label: value for value, label in FIGURE.findall(html)}
    moment = AS_OF.search(html)
    assert moment is not None, "the overview says when its figures were counted"
    return figures["Afholdte samtaler"], datetime.fromisoformat(moment.group(1))


def _not_interviewed(world) -> str:  # type: ignore[no-untyped-def]
    """A new employee of the PPR team in Ishøj (no plan moves them yet), not interviewed."""
    first = world.employees["I-EMP"]
    Employee.objects.create(
        ext_id="N-EMP",
        name="Nina Ny",
        profession=first.profession,
        hours=Decimal(37),
        unit="PPR",
        batch=first.batch,
    )
    return "N-EMP"


def _record_interview(client: Client, employee: str) -> None:
    answer = client.post(
        f"/medarbejdere/{employee}/",
        {"new-held_on": "2021-05-20", "new-wish": str(VALLENSBAEK), "new-note": ""},
    )
    assert answer.status_code == 302, answer.content


def test_the_overview_says_when_its_figures_were_counted_in_the_pages_time(world) -> None:  # type: ignore[no-untyped-def]
    before = timezone.now().replace(microsecond=0)
    html = _client("projektleder").get("/").content.decode()
    after = timezone.now()
    found = AS_OF.search(html)
    assert found is not None
    counted = datetime.fromisoformat(found.group(1))
    assert before <= counted <= after
    assert found.group(2) == counted.astimezone(LOCAL).strftime("%H:%M:%S")


def test_the_overview_says_it_in_english_for_those_who_chose_english(world) -> None:  # type: ignore[no-untyped-def]
    lead = _client("projektleder")
    lead.cookies["django_language"] = "en"
    html = lead.get("/").content.decode()
    assert re.search(r'<time datetime="[^"]+">Figures as of \d\d:\d\d:\d\d</time>', html)


def test_a_users_own_interview_is_counted_on_their_next_overview_at_once(world) -> None:  # type: ignore[no-untyped-def]
    employee = _not_interviewed(world)
    leader = _client("teamleder-ishoej")
    held, counted = _overview(leader)
    _record_interview(leader, employee)
    held_now, counted_now = _overview(leader)
    assert int(held_now.split()[0]) == int(held.split()[0]) + 1
    assert counted_now > counted


def test_another_users_interview_shows_once_the_kept_figures_are_older_than_the_setting(
    world, settings
) -> None:  # type: ignore[no-untyped-def]
    employee = _not_interviewed(world)
    lead, leader = _client("projektleder"), _client("teamleder-ishoej")
    held, counted = _overview(lead)
    _record_interview(leader, employee)
    # Within the seconds the figures are kept: the lead sees them as they were, and when.
    assert _overview(lead) == (held, counted)
    settings.STATUS_SECONDS = 0.05
    time.sleep(0.1)  # the kept figures are now older than the setting
    held_now, counted_now = _overview(lead)
    assert int(held_now.split()[0]) == int(held.split()[0]) + 1
    assert counted_now > counted


def test_with_no_seconds_set_every_overview_counts_afresh(world, settings) -> None:  # type: ignore[no-untyped-def]
    settings.STATUS_SECONDS = 0
    employee = _not_interviewed(world)
    lead, leader = _client("projektleder"), _client("teamleder-ishoej")
    held, _counted = _overview(lead)
    _record_interview(leader, employee)
    held_now, _counted = _overview(lead)
    assert int(held_now.split()[0]) == int(held.split()[0]) + 1


def test_a_committee_sees_suppressed_figures_though_a_lead_saw_the_exact_ones_first(world) -> None:  # type: ignore[no-untyped-def]
    committee, lead = _client("med"), _client("projektleder")
    alone = FIGURE.findall(committee.get("/").content.decode())
    cache.clear()
    exact = FIGURE.findall(lead.get("/").content.decode())
    after_lead = FIGURE.findall(committee.get("/").content.decode())
    assert after_lead == alone
    assert exact != alone  # the world's counts are small: the committee sees them hidden
