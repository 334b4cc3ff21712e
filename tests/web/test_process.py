"""The process records: the refusal of a stale edit (the milestones: test_milestones.py)."""

from __future__ import annotations

from datetime import date

import pytest

from overgang.web.dataset.models import Interview
from overgang.web.process.concurrency import StaleEdit, save_versioned
from overgang.web.process.models import HandoverMeeting
from tests.web.world import build_world

pytestmark = pytest.mark.django_db


def test_the_second_editor_of_an_interview_is_refused_and_shown_the_difference():
    world = build_world()
    interview = world.interviews["I-EMP"]
    first = Interview.objects.get(pk=interview.pk)
    second = Interview.objects.get(pk=interview.pk)
    assert first.version == second.version == 1

    saved = save_versioned(first, first.version, {"note": "Vil til Vallensbæk"})
    assert saved.version == 2

    with pytest.raises(StaleEdit) as refused:
        save_versioned(
            second, second.version, {"note": "Bliver i Ishøj", "held_on": date(2021, 4, 1)}
        )
    stored = Interview.objects.get(pk=interview.pk)
    assert stored.note == "Vil til Vallensbæk"  # nothing overwritten
    assert stored.version == 2
    [difference] = refused.value.differences  # held_on is unchanged, so not shown
    assert (difference.field, difference.yours, difference.stored) == (
        "note",
        "Bliver i Ishøj",
        "Vil til Vallensbæk",
    )


def test_a_handover_meeting_saves_with_the_current_version_and_bumps_it():
    world = build_world()
    meeting = HandoverMeeting.objects.create(decision=world.case_decisions["MOVE"])
    saved = save_versioned(
        meeting, 1, {"held_on": date(2021, 11, 2), "participants": "X-EMP, V-EMP", "done": True}
    )
    assert (saved.version, saved.done, saved.held_on) == (2, True, date(2021, 11, 2))
    with pytest.raises(StaleEdit):
        save_versioned(meeting, 1, {"done": False})
    assert HandoverMeeting.objects.get(pk=meeting.pk).done is True
