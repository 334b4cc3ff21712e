"""The handover record: kept only for cases that change contact person, saved with a version,
signed off only by the team leader of the unit or the municipal lead."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import translation

from overgang.web.access import can
from overgang.web.process.concurrency import StaleEdit
from overgang.web.process.handover_records import (
    SignOffRefused,
    handover_progress,
    handover_record_of,
    save_handover_record,
    sign_off_handover,
)
from overgang.web.process.models import HandoverMeeting
from overgang.web.process.services import ProcessError
from tests.web.usecases.trail import mark, the_one_entry, who_did_what
from tests.web.users import set_today

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    """The refusals are read in English, whatever language an earlier test left active."""
    with translation.override("en"):
        yield


COMPLETE = {
    "summary": "Vurderinger og plan indtil nu",
    "held_on": date(2021, 9, 1),
    "participants": "X-EMP, V-EMP",
    "done": True,
    "family_meeting_planned_on": date(2021, 9, 10),
    "family_meeting_held_on": date(2021, 9, 10),
    "child_conversation_on": date(2021, 9, 10),
    "child_conversation_note": "Glad for at møde Vera",
    "support_person_offered": True,
}


def _complete(world, users):
    meeting = handover_record_of(
        decision=world.case_decisions["MOVE"], by=users["sagsbehandler-ishoej"]
    )
    return save_handover_record(
        meeting=meeting, version=meeting.version, **COMPLETE, by=users["sagsbehandler-ishoej"]
    )


def test_a_case_that_keeps_its_contact_person_gets_no_record_and_is_not_counted(world, users):
    with pytest.raises(ProcessError, match="V-CASE"):
        handover_record_of(decision=world.case_decisions["V-CASE"], by=users["projektleder"])
    assert not HandoverMeeting.objects.filter(decision__case_id="V-CASE").exists()
    (row,) = handover_progress()
    assert (row.municipality, row.cases) == (187, 1)  # MOVE only, of the three cases


def test_the_caseworker_saves_the_record_and_one_entry_names_the_fields(world, users):
    meeting = handover_record_of(
        decision=world.case_decisions["MOVE"], by=users["sagsbehandler-ishoej"]
    )
    since = mark()
    saved = save_handover_record(
        meeting=meeting, version=1, **COMPLETE, by=users["sagsbehandler-ishoej"]
    )
    assert (saved.summary, saved.support_person_offered, saved.version) == (
        "Vurderinger og plan indtil nu",
        True,
        2,
    )
    entry = the_one_entry(since)
    assert who_did_what(entry)[:3] == (
        "sagsbehandler-ishoej",
        "update",
        "process.handovermeeting",
    )
    assert "child_conversation_note" in entry.detail["fields"]
    assert entry.detail["citizens"] == ["V-CIT2"]


def test_a_save_from_a_stale_version_is_refused(world, users):
    saved = _complete(world, users)
    with pytest.raises(StaleEdit):
        save_handover_record(meeting=saved, version=1, summary="x", by=users["projektleder"])
    assert HandoverMeeting.objects.get(pk=saved.pk).summary == COMPLETE["summary"]


def test_a_step_dated_after_today_is_refused(world, users):
    meeting = handover_record_of(decision=world.case_decisions["MOVE"], by=users["projektleder"])
    with pytest.raises(ProcessError, match="2021-12-01"):
        save_handover_record(
            meeting=meeting,
            version=1,
            family_meeting_held_on=date(2021, 12, 1),  # today is 2021-09-15
            by=users["projektleder"],
        )


def test_sign_off_is_refused_to_a_caseworker_and_to_another_units_team_leader(world, users):
    saved = _complete(world, users)
    for refused in ("sagsbehandler-ishoej", "sagsbehandler-vallensbaek", "teamleder-ishoej"):
        assert not can(users[refused], "sign_off_handover", saved)
        with pytest.raises(SignOffRefused):
            sign_off_handover(meeting=saved, version=saved.version, by=users[refused])
    assert HandoverMeeting.objects.get(pk=saved.pk).signed_off_at is None


def test_the_team_leader_of_the_unit_signs_off_a_complete_record_once_logged(world, users):
    saved = _complete(world, users)
    leader = users["teamleder-vallensbaek"]  # V-EMP, who takes MOVE over, is in PPR
    since = mark()
    signed = sign_off_handover(meeting=saved, version=saved.version, by=leader)
    assert signed.signed_off_by == leader and signed.signed_off_at is not None
    assert who_did_what(the_one_entry(since))[:2] == ("teamleder-vallensbaek", "update")
    assert can(users["kommuneleder-vallensbaek"], "sign_off_handover", signed)
    assert not can(users["kommuneleder-ishoej"], "sign_off_handover", signed)


def test_an_incomplete_record_cannot_be_signed_off(world, users):
    meeting = handover_record_of(decision=world.case_decisions["MOVE"], by=users["projektleder"])
    with pytest.raises(ProcessError, match="Summary for the new contact person"):
        sign_off_handover(meeting=meeting, version=1, by=users["kommuneleder-vallensbaek"])


def test_changing_a_signed_off_record_lifts_the_sign_off(world, users):
    saved = _complete(world, users)
    signed = sign_off_handover(
        meeting=saved, version=saved.version, by=users["teamleder-vallensbaek"]
    )
    changed = save_handover_record(
        meeting=signed,
        version=signed.version,
        **{**COMPLETE, "summary": "Ny vurdering"},
        by=users["sagsbehandler-ishoej"],
    )
    assert changed.signed_off_at is None and changed.signed_off_by is None


def test_the_progress_flags_a_family_visit_not_held_after_the_deadline(world, users):
    meeting = handover_record_of(decision=world.case_decisions["MOVE"], by=users["projektleder"])
    save_handover_record(meeting=meeting, version=1, summary="s", by=users["projektleder"])
    set_today(date(2022, 1, 31))  # the deadline, 30 days after 2022-01-01: not yet overdue
    assert handover_progress()[0].overdue == 0
    set_today(date(2022, 2, 1))
    (row,) = handover_progress()
    assert (row.cases, row.overdue, dict(row.done)["summary"]) == (1, 1, 1)
