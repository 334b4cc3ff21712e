"""change_interview: an interview changed, unless someone else changed it first."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client

from overgang.web.audit.actors import SystemActor
from overgang.web.dataset.models import Interview
from overgang.web.dataset.services import change_interview
from overgang.web.process.concurrency import StaleEdit
from tests.web.usecases.trail import mark, the_one_entry, who_did_what
from tests.web.users import PASSWORD
from tests.web.world import ISHOEJ, VALLENSBAEK

pytestmark = pytest.mark.django_db


def _change(interview, *, version, note, wish=VALLENSBAEK, by):
    return change_interview(
        interview=interview, version=version, held_on=date(2021, 5, 2), wish=wish, note=note, by=by
    )


def test_a_change_is_stored_with_a_new_version_and_one_audit_entry(world, users):
    interview = world.interviews["I-EMP"]
    since = mark()
    _change(interview, version=1, note="Vil til Vallensbæk", by=users["kommuneleder-ishoej"])

    stored = Interview.objects.get(pk=interview.pk)
    assert (stored.held_on, stored.wished_municipality.code, stored.note) == (
        date(2021, 5, 2),
        VALLENSBAEK,
        "Vil til Vallensbæk",
    )
    assert (stored.recorded_by, stored.version) == ("kommuneleder-ishoej", 2)
    entry = the_one_entry(since)
    assert who_did_what(entry) == (
        "kommuneleder-ishoej",
        "update",
        "dataset.interview",
        str(interview.pk),
    )
    assert entry.municipality == ISHOEJ


def test_a_change_from_a_stale_version_is_refused_and_nothing_is_logged(world):
    interview = world.interviews["I-EMP"]
    _change(interview, version=1, note="first", by=SystemActor("hr"))
    since = mark()
    with pytest.raises(StaleEdit):
        _change(interview, version=1, note="second", by=SystemActor("hr2"))
    stored = Interview.objects.get(pk=interview.pk)
    assert (stored.note, stored.recorded_by, stored.version) == ("first", "hr", 2)
    assert since.entries() == []


def test_a_wish_for_an_unknown_municipality_is_refused_and_nothing_is_changed(world):
    interview = world.interviews["I-EMP"]
    since = mark()
    with pytest.raises(ValueError, match="999"):
        _change(interview, version=1, note="?", wish=999, by=SystemActor("hr"))
    stored = Interview.objects.get(pk=interview.pk)
    assert (stored.note, stored.wished_municipality.code, stored.version) == (
        "Bliver gerne",
        ISHOEJ,
        1,
    )
    assert since.entries() == []


def test_the_interview_page_saves_the_acceptable_municipalities_ticked(world):
    interview = world.interviews["I-EMP"]
    page = Client()
    assert page.login(username="kommuneleder-ishoej", password=PASSWORD)
    form = page.get(f"/samtaler/{interview.pk}/").content.decode()
    assert 'name="acceptable"' in form
    assert f'value="{VALLENSBAEK}"' in form

    response = page.post(
        f"/samtaler/{interview.pk}/",
        {
            "held_on": "2021-05-02",
            "wish": str(ISHOEJ),
            "acceptable": [str(VALLENSBAEK)],
            "note": "Kan også Vallensbæk",
            "version": "1",
        },
    )

    assert response.status_code == 302, response.content
    stored = Interview.objects.get(pk=interview.pk)
    assert (stored.acceptable_municipalities, stored.version) == ([VALLENSBAEK], 2)
    again = page.get(f"/samtaler/{interview.pk}/").content.decode()
    assert re.search(f'value="{VALLENSBAEK}"[^>]*checked', again)
    assert not re.search(f'value="{ISHOEJ}"[^>]*checked', again)


def test_a_change_can_clear_the_acceptable_municipalities(world):
    interview = world.interviews["I-EMP"]
    change_interview(
        interview=interview,
        version=1,
        held_on=date(2021, 5, 2),
        wish=ISHOEJ,
        acceptable=[VALLENSBAEK],
        by=SystemActor("hr"),
    )
    change_interview(
        interview=interview,
        version=2,
        held_on=date(2021, 5, 2),
        wish=ISHOEJ,
        by=SystemActor("hr"),
    )
    assert Interview.objects.get(pk=interview.pk).acceptable_municipalities == []
