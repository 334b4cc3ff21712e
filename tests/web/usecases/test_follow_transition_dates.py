"""follow_transition_dates: anchored milestones follow the transition's dates; others stay."""

from __future__ import annotations

from datetime import date

import pytest

from overgang.web.process.milestones import follow_transition_dates
from overgang.web.process.models import Milestone, MilestoneAnchor, MilestoneKind, Transition

pytestmark = pytest.mark.django_db


def _milestone(title: str, due_on: date, anchor: str = "", offset: int | None = None) -> Milestone:
    return Milestone.objects.create(
        kind=MilestoneKind.OTHER, title=title, due_on=due_on, anchor=anchor, offset_days=offset
    )


def test_anchored_milestones_move_with_the_dates_and_one_set_by_hand_stays():
    transition = Transition.current()
    transition.effective_date = date(2022, 1, 1)
    transition.announced_on = date(2020, 5, 1)
    transition.save()
    before = _milestone("before", date(2021, 5, 31), MilestoneAnchor.EFFECTIVE_DATE, -215)
    after = _milestone("after", date(2020, 5, 15), MilestoneAnchor.ANNOUNCED_ON, 14)
    by_hand = _milestone("by hand", date(2021, 6, 1))
    assert follow_transition_dates() == 0

    transition.effective_date = date(2022, 4, 1)
    transition.announced_on = date(2020, 6, 1)
    transition.save()
    assert follow_transition_dates() == 2

    moved = {m.title: (m.due_on, m.version) for m in Milestone.objects.all()}
    assert moved[before.title] == (date(2021, 8, 29), 2)
    assert moved[after.title] == (date(2020, 6, 15), 2)
    assert moved[by_hand.title] == (date(2021, 6, 1), 1)


def test_a_milestone_following_an_unrecorded_announcement_stays():
    _milestone("after", date(2020, 5, 15), MilestoneAnchor.ANNOUNCED_ON, 14)
    assert Transition.current().announced_on is None
    assert follow_transition_dates() == 0
    assert Milestone.objects.get().due_on == date(2020, 5, 15)
