"""update_transition: the transition's dates and legal basis, audited, versioned, and the
milestones that follow a date moved with it."""

from __future__ import annotations

from datetime import date

import pytest

from overgang.web.audit.actors import SystemActor
from overgang.web.process.concurrency import StaleEdit
from overgang.web.process.models import (
    LegalBasis,
    Milestone,
    MilestoneAnchor,
    MilestoneKind,
    Transition,
)
from overgang.web.process.services import ProcessError
from overgang.web.process.transition import update_transition
from tests.web.usecases.trail import mark, the_one_entry, who_did_what

pytestmark = pytest.mark.django_db


def _anchored(title: str, due_on: date, anchor: str, offset: int) -> Milestone:
    return Milestone.objects.create(
        kind=MilestoneKind.OTHER, title=title, due_on=due_on, anchor=anchor, offset_days=offset
    )


def test_the_legal_basis_and_its_note_are_stored_with_one_entry_and_a_new_version(users):
    transition = Transition.current()
    since = mark()
    update = update_transition(
        by=users["projektleder"],
        version=transition.version,
        legal_basis=LegalBasis.BY_AGREEMENT,
        legal_basis_note="  Aftalt mellem kommunerne 12. april  ",
    )

    stored = Transition.current()
    assert (stored.legal_basis, stored.legal_basis_note, stored.version) == (
        "aftale",
        "Aftalt mellem kommunerne 12. april",
        transition.version + 1,
    )
    assert update.changed == ("legal_basis", "legal_basis_note")
    entry = the_one_entry(since)
    assert who_did_what(entry) == ("projektleder", "update", "process.transition", "1")
    assert entry.detail["fields"] == ["legal_basis", "legal_basis_note"]
    assert entry.detail["milestones_moved"] == 0


def test_moving_the_effective_date_moves_the_milestones_that_follow_it(world):
    _anchored("told", date(2021, 5, 31), MilestoneAnchor.EFFECTIVE_DATE, -215)
    by_hand = Milestone.objects.create(
        kind=MilestoneKind.OTHER, title="by hand", due_on=date(2021, 6, 1)
    )
    since = mark()
    update = update_transition(
        by=SystemActor("anna"),
        version=Transition.current().version,
        effective_date=date(2022, 4, 1),
        announced_on=date(2021, 2, 1),
    )

    assert update.milestones_moved == 1
    assert Milestone.objects.get(title="told").due_on == date(2021, 8, 29)
    assert Milestone.objects.get(pk=by_hand.pk).due_on == date(2021, 6, 1)
    entry = the_one_entry(since)
    assert entry.username == "cli:anna"
    assert entry.detail["effective_date"] == "2022-04-01"
    assert entry.detail["milestones_moved"] == 1


def test_a_change_from_a_stale_version_is_refused_and_nothing_is_logged(world):
    version = Transition.current().version
    update_transition(by=SystemActor("a"), version=version, legal_basis_note="first")
    since = mark()
    with pytest.raises(StaleEdit) as stale:
        update_transition(by=SystemActor("b"), version=version, legal_basis_note="second")
    assert [d.field for d in stale.value.differences] == ["legal_basis_note"]
    assert Transition.current().legal_basis_note == "first"
    assert since.entries() == []


@pytest.mark.parametrize(
    ("settings_given", "message"),
    [
        ({"legal_basis": "lov"}, "vol, aftale, andet"),
        ({"announced_on": date(2022, 2, 1)}, "varsles før overgangsdatoen"),
    ],
)
def test_a_basis_that_does_not_exist_or_an_announcement_after_the_date_is_refused(
    world, settings_given, message
):
    since = mark()
    with pytest.raises(ProcessError, match=message):
        update_transition(
            by=SystemActor("a"), version=Transition.current().version, **settings_given
        )
    assert since.entries() == []


def test_clearing_the_announcement_leaves_its_milestones_where_they_are(world):
    _anchored("after", date(2021, 2, 15), MilestoneAnchor.ANNOUNCED_ON, 14)
    version = Transition.current().version
    update_transition(by=SystemActor("a"), version=version, announced_on=date(2021, 3, 1))
    assert Milestone.objects.get(title="after").due_on == date(2021, 3, 15)
    update_transition(by=SystemActor("a"), version=version + 1, announced_on=None)
    assert Transition.current().announced_on is None
    assert Milestone.objects.get(title="after").due_on == date(2021, 3, 15)
