"""save_milestone: a milestone moved or marked done, unless someone changed it first."""

from __future__ import annotations

from datetime import date

import pytest

from overgang.web.audit.actors import SystemActor
from overgang.web.process.concurrency import StaleEdit
from overgang.web.process.milestones import ensure_milestones
from overgang.web.process.models import Milestone, MilestoneKind
from overgang.web.process.services import save_milestone
from tests.web.usecases.trail import mark, the_one_entry, who_did_what

pytestmark = pytest.mark.django_db


@pytest.fixture
def milestone(world):
    ensure_milestones(date(2022, 1, 1))
    return Milestone.objects.get(kind=MilestoneKind.TELL_EMPLOYEES)


def test_a_milestone_moved_and_done_is_stored_with_a_new_version_and_one_entry(milestone, users):
    since = mark()
    save_milestone(
        milestone=milestone,
        version=1,
        due_on=date(2021, 9, 15),
        done_on=date(2021, 9, 14),
        note="Breve sendt",
        by=users["projektleder"],
    )

    stored = Milestone.objects.get(pk=milestone.pk)
    assert (stored.due_on, stored.done_on, stored.note, stored.version) == (
        date(2021, 9, 15),
        date(2021, 9, 14),
        "Breve sendt",
        2,
    )
    assert who_did_what(the_one_entry(since)) == (
        "projektleder",
        "update",
        "process.milestone",
        str(milestone.pk),
    )


def test_a_save_from_a_stale_version_is_refused_and_nothing_is_logged(milestone):
    due = milestone.due_on
    save_milestone(
        milestone=milestone, version=1, due_on=due, done_on=None, note="first", by=SystemActor("a")
    )
    since = mark()
    with pytest.raises(StaleEdit):
        save_milestone(
            milestone=milestone,
            version=1,
            due_on=date(2021, 12, 1),
            done_on=None,
            note="second",
            by=SystemActor("b"),
        )
    stored = Milestone.objects.get(pk=milestone.pk)
    assert (stored.due_on, stored.note, stored.version) == (due, "first", 2)
    assert since.entries() == []
