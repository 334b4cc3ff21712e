"""The retention purge blanks the handover record's texts: the summary and what the child said."""

from __future__ import annotations

from datetime import date

import pytest

from overgang.web.audit.actors import SystemActor
from overgang.web.dataset.retention import pending_purge, purge_personal_data
from overgang.web.process.models import HandoverMeeting
from tests.web.users import set_today

pytestmark = pytest.mark.django_db


def test_the_purge_blanks_the_summary_and_the_childs_words_and_keeps_the_dates(world):
    HandoverMeeting.objects.create(
        decision=world.case_decisions["MOVE"],
        summary="Barnet trives i skolen",
        child_conversation_note="Vil gerne beholde Vera",
        child_conversation_on=date(2021, 12, 1),
    )
    set_today(date(2023, 1, 1))  # 12 months after the effective date
    assert pending_purge()["handover_meetings"] == 1
    purge_personal_data(by=SystemActor("dpo"))
    meeting = HandoverMeeting.objects.get()
    assert (meeting.summary, meeting.child_conversation_note) == ("", "")
    assert meeting.child_conversation_on == date(2021, 12, 1)
    assert pending_purge()["handover_meetings"] == 0
