"""exempt_from_interview and undo_interview_exemption: "not relevant", with a reason, audited."""

from __future__ import annotations

import pytest

from overgang.web.audit.actors import SystemActor
from overgang.web.process.exemptions import (
    ExemptionRefused,
    exempt_from_interview,
    undo_interview_exemption,
)
from overgang.web.process.models import InterviewExemption
from tests.web.usecases.trail import mark, the_one_entry, who_did_what

pytestmark = pytest.mark.django_db


def test_marking_stores_the_reason_and_who_with_one_entry(world, users):
    since = mark()
    exempt_from_interview(
        employee=world.employees["I-EMP"],
        reason="  Langtidssygemeldt  ",
        by=users["teamleder-ishoej"],
    )
    stored = InterviewExemption.objects.get()
    assert (stored.employee_id, stored.reason, stored.marked_by) == (
        "I-EMP",
        "Langtidssygemeldt",
        users["teamleder-ishoej"],
    )
    entry = the_one_entry(since)
    assert who_did_what(entry) == (
        "teamleder-ishoej",
        "create",
        "process.interviewexemption",
        "I-EMP",  # the log names the employee
    )
    assert entry.municipality == 183


def test_marking_again_replaces_the_reason(world, users):
    exempt_from_interview(employee=world.employees["I-EMP"], reason="Orlov", by=SystemActor("hr"))
    since = mark()
    exempt_from_interview(
        employee=world.employees["I-EMP"], reason="Fratræder", by=SystemActor("hr")
    )
    assert list(InterviewExemption.objects.values_list("reason", flat=True)) == ["Fratræder"]
    assert the_one_entry(since).action == "update"


def test_a_mark_without_a_reason_is_refused_and_nothing_is_logged(world):
    since = mark()
    with pytest.raises(ExemptionRefused):
        exempt_from_interview(employee=world.employees["I-EMP"], reason="  ", by=SystemActor("hr"))
    assert (InterviewExemption.objects.count(), since.entries()) == (0, [])


def test_undo_removes_the_mark_with_one_entry_and_says_whether_there_was_one(world):
    exempt_from_interview(employee=world.employees["V-EMP"], reason="Orlov", by=SystemActor("hr"))
    since = mark()
    assert undo_interview_exemption(employee=world.employees["V-EMP"], by=SystemActor("hr"))
    assert who_did_what(the_one_entry(since))[:3] == (
        "cli:hr",
        "delete",
        "process.interviewexemption",
    )
    assert InterviewExemption.objects.count() == 0
    assert not undo_interview_exemption(employee=world.employees["V-EMP"], by=SystemActor("hr"))


def test_a_mark_is_seen_by_whoever_sees_the_employee(world, users):
    exempt_from_interview(employee=world.employees["V-EMP"], reason="Orlov", by=SystemActor("hr"))
    seen = {
        name: InterviewExemption.objects.for_user(users[name]).exists()
        for name in ("teamleder-ishoej", "teamleder-vallensbaek", "med", "projektleder")
    }
    assert seen == {
        "teamleder-ishoej": False,
        "teamleder-vallensbaek": True,
        "med": False,
        "projektleder": True,
    }
