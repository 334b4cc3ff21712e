"""change_interview: an interview changed, unless someone else changed it first."""

from __future__ import annotations

from datetime import date

import pytest

from overgang.web.audit.actors import SystemActor
from overgang.web.dataset.models import Interview
from overgang.web.dataset.services import change_interview
from overgang.web.process.concurrency import StaleEdit
from tests.web.usecases.trail import mark, the_one_entry, who_did_what
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
