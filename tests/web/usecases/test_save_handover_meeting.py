"""handover_meeting_of and save_handover_meeting: a case's handover meeting, created and kept."""

from __future__ import annotations

from datetime import date

import pytest

from overgang.web.process.concurrency import StaleEdit
from overgang.web.process.models import HandoverMeeting
from overgang.web.process.services import handover_meeting_of, save_handover_meeting
from tests.web.usecases.trail import mark, the_one_entry, who_did_what
from tests.web.world import VALLENSBAEK

pytestmark = pytest.mark.django_db


def _save(meeting, *, version, notes, by):
    return save_handover_meeting(
        meeting=meeting,
        version=version,
        held_on=date(2021, 11, 3),
        participants="X-EMP, V-EMP",
        done=True,
        notes=notes,
        by=by,
    )


def test_the_first_look_creates_the_empty_meeting_record_and_logs_it_once(world, users):
    decision = world.case_decisions["MOVE"]
    since = mark()
    meeting = handover_meeting_of(decision=decision, by=users["teamleder-vallensbaek"])
    again = handover_meeting_of(decision=decision, by=users["teamleder-vallensbaek"])

    assert again.pk == meeting.pk
    assert (meeting.held_on, meeting.done, meeting.version) == (None, False, 1)
    entry = the_one_entry(since)
    assert who_did_what(entry) == (
        "teamleder-vallensbaek",
        "create",
        "process.handovermeeting",
        str(meeting.pk),
    )
    assert entry.municipality == VALLENSBAEK


def test_saving_stores_the_meeting_with_a_new_version_and_logs_one_entry(world, users):
    meeting = handover_meeting_of(decision=world.case_decisions["MOVE"], by=users["projektleder"])
    since = mark()
    _save(meeting, version=1, notes="Sagen er overdraget", by=users["teamleder-vallensbaek"])

    stored = HandoverMeeting.objects.get(pk=meeting.pk)
    assert (stored.held_on, stored.participants, stored.done, stored.notes) == (
        date(2021, 11, 3),
        "X-EMP, V-EMP",
        True,
        "Sagen er overdraget",
    )
    assert (stored.updated_by, stored.version) == (users["teamleder-vallensbaek"], 2)
    assert who_did_what(the_one_entry(since)) == (
        "teamleder-vallensbaek",
        "update",
        "process.handovermeeting",
        str(meeting.pk),
    )


def test_a_save_from_a_stale_version_is_refused_and_nothing_is_logged(world, users):
    meeting = handover_meeting_of(decision=world.case_decisions["MOVE"], by=users["projektleder"])
    _save(meeting, version=1, notes="first", by=users["teamleder-vallensbaek"])
    since = mark()
    with pytest.raises(StaleEdit):
        _save(meeting, version=1, notes="second", by=users["teamleder-ishoej"])
    stored = HandoverMeeting.objects.get(pk=meeting.pk)
    assert (stored.notes, stored.updated_by, stored.version) == (
        "first",
        users["teamleder-vallensbaek"],
        2,
    )
    assert since.entries() == []
