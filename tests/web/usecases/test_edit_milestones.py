"""add, move, set responsible, mark done, remove: each milestone edit versioned and logged once."""

from __future__ import annotations

from datetime import date

import pytest

from overgang.web.audit.actors import SystemActor
from overgang.web.process.concurrency import StaleEdit
from overgang.web.process.milestones import ensure_milestones, follow_transition_dates
from overgang.web.process.models import Milestone, MilestoneAnchor, MilestoneKind, Transition
from overgang.web.process.services import (
    ProcessError,
    add_milestone,
    mark_milestone_done,
    move_milestone,
    remove_milestone,
    set_milestone_responsible,
)
from tests.web.usecases.trail import mark, the_one_entry, who_did_what

pytestmark = pytest.mark.django_db


@pytest.fixture
def tell(world):
    ensure_milestones(date(2022, 1, 1))
    return Milestone.objects.get(kind=MilestoneKind.TELL_EMPLOYEES)


def test_an_added_milestone_has_its_own_date_a_responsible_person_and_one_entry(world, users):
    since = mark()
    added = add_milestone(
        title=" Møde med TR ",
        due_on=date(2021, 6, 2),
        responsible="Anne Hansen, HR",
        by=users["projektleder"],
    )
    stored = Milestone.objects.get(pk=added.pk)
    assert (stored.title, stored.responsible, stored.kind, stored.anchor) == (
        "Møde med TR",
        "Anne Hansen, HR",
        MilestoneKind.OTHER,
        "",
    )
    assert who_did_what(the_one_entry(since)) == (
        "projektleder",
        "create",
        "process.milestone",
        str(added.pk),
    )


def test_a_milestone_needs_a_title(world):
    with pytest.raises(ProcessError):
        add_milestone(title="  ", due_on=date(2021, 6, 2), by=SystemActor("test"))
    assert not Milestone.objects.exists()


def test_a_milestone_moved_by_hand_no_longer_follows_the_effective_date(tell):
    assert tell.anchor == MilestoneAnchor.EFFECTIVE_DATE
    since = mark()
    moved = move_milestone(
        milestone=tell, version=1, due_on=date(2021, 6, 7), by=SystemActor("lead")
    )
    assert (moved.due_on, moved.anchor, moved.offset_days, moved.version) == (
        date(2021, 6, 7),
        "",
        None,
        2,
    )
    assert the_one_entry(since).detail["fields"] == ["anchor", "due_on", "offset_days"]
    transition = Transition.current()
    transition.effective_date = date(2022, 2, 1)
    transition.save()
    follow_transition_dates()
    assert Milestone.objects.get(pk=tell.pk).due_on == date(2021, 6, 7)


def test_responsible_and_done_are_saved_each_with_a_new_version_and_one_entry(tell):
    since = mark()
    named = set_milestone_responsible(
        milestone=tell, version=1, responsible="Centerchefen", by=SystemActor("lead")
    )
    assert the_one_entry(since).detail["fields"] == ["responsible"]
    since = mark()
    done = mark_milestone_done(
        milestone=named, version=2, done_on=date(2021, 5, 31), by=SystemActor("lead")
    )
    assert the_one_entry(since).detail["fields"] == ["done_on"]
    assert (done.responsible, done.done_on, done.version) == ("Centerchefen", date(2021, 5, 31), 3)
    assert done.anchor == MilestoneAnchor.EFFECTIVE_DATE  # marking done does not move it


def test_a_removed_milestone_is_gone_and_the_log_keeps_what_it_was(tell):
    since = mark()
    remove_milestone(milestone=tell, version=1, by=SystemActor("lead"))
    assert not Milestone.objects.filter(pk=tell.pk).exists()
    entry = the_one_entry(since)
    assert (entry.action, entry.detail["kind"], entry.detail["due_on"]) == (
        "delete",
        "tell_employees",
        "2021-05-31",
    )


def test_a_stale_edit_or_removal_is_refused_and_nothing_is_logged(tell):
    set_milestone_responsible(milestone=tell, version=1, responsible="A", by=SystemActor("a"))
    since = mark()
    with pytest.raises(StaleEdit):
        move_milestone(milestone=tell, version=1, due_on=date(2021, 6, 1), by=SystemActor("b"))
    with pytest.raises(StaleEdit):
        remove_milestone(milestone=tell, version=1, by=SystemActor("b"))
    stored = Milestone.objects.get(pk=tell.pk)
    assert (stored.due_on, stored.responsible, stored.version) == (date(2021, 5, 31), "A", 2)
    assert since.entries() == []
