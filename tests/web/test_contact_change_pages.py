"""Changes of contact person on the case page, and the continuity page for the leads."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from overgang.web.casefiles.models import ChangeSource, ContactChange
from tests.web.users import AFTER, FAST_HASHERS, make_users, set_today
from tests.web.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def users(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    build_world()
    make_users()
    set_today(AFTER)
    return {user.username: user for user in get_user_model().objects.all()}


def _client(users, name: str) -> Client:
    client = Client()
    client.force_login(users[name])
    return client


def test_the_caseworker_records_a_change_on_the_case_page(users):
    caseworker = _client(users, "sagsbehandler-vallensbaek")
    page = caseworker.get("/sager/V-CASE/").content.decode()
    assert 'action="/sager/V-CASE/kontaktskift/"' in page and 'name="changed_on"' in page
    response = caseworker.post(
        "/sager/V-CASE/kontaktskift/",
        {"changed_on": "2022-01-20", "from_person": "V-EMP", "to_person": "NY-1"},
    )
    assert response.status_code == 302
    change = ContactChange.objects.get()
    assert (change.case_id, change.changed_on, change.source) == (
        "V-CASE",
        date(2022, 1, 20),
        ChangeSource.PAGE,
    )
    assert "NY-1" in caseworker.get("/sager/V-CASE/").content.decode()
    # Another municipality's caseworker cannot reach the case.
    other = _client(users, "sagsbehandler-ishoej")
    assert (
        other.post("/sager/V-CASE/kontaktskift/", {"changed_on": "2022-01-21"}).status_code == 404
    )


def test_the_continuity_page_shows_suppressed_counts_to_the_leads_only(users):
    ContactChange.objects.create(
        case_id="V-CASE",
        municipality_code=187,
        changed_on=date(2022, 1, 20),
        to_person="NY-1",
        source=ChangeSource.IMPORT,
    )
    html = _client(users, "projektleder").get("/opfoelgning/kontaktpersoner/").content.decode()
    cells = re.findall(r'<td class="num">([^<]*)</td>', html)
    assert cells and set(cells) <= {"&lt;5", "x", "–", ".."}, cells  # two children: all small
    assert "V-CASE" not in html and "V-CIT" not in html
    assert (
        _client(users, "kommuneleder-vallensbaek").get("/opfoelgning/kontaktpersoner/").status_code
        == 200
    )
    for refused in ("teamleder-vallensbaek", "sagsbehandler-vallensbaek", "med"):
        assert _client(users, refused).get("/opfoelgning/kontaktpersoner/").status_code == 403
