"""notify_decision: that an employee was told the approved plan's decision, recorded once."""

from __future__ import annotations

import pytest

from overgang.web.audit.actors import SystemActor
from overgang.web.planning.services import run_plan
from overgang.web.process.models import DecisionNotification
from overgang.web.process.services import ProcessError, approve_plan, notify_decision
from tests.web.usecases.trail import mark, the_one_entry, who_did_what
from tests.web.world import VALLENSBAEK

pytestmark = pytest.mark.django_db


def test_notifying_records_when_and_by_whom_and_logs_one_entry(world, users):
    approve_plan(plan=world.plan, by=users["projektleder"])
    leader = users["kommuneleder-vallensbaek"]
    since = mark()

    notification = notify_decision(decision=world.employee_decisions["V-EMP"], by=leader)

    stored = DecisionNotification.objects.get()
    assert (stored.decision.employee_id, stored.notified_by) == ("V-EMP", leader)
    assert stored.notified_at is not None
    entry = the_one_entry(since)
    assert who_did_what(entry) == (
        "kommuneleder-vallensbaek",
        "create",
        "process.decisionnotification",
        str(notification.pk),
    )
    assert entry.municipality == VALLENSBAEK


def test_notifying_twice_keeps_the_first_notification_and_logs_it_once(world, users):
    approve_plan(plan=world.plan, by=users["projektleder"])
    decision = world.employee_decisions["V-EMP"]
    first = notify_decision(decision=decision, by=users["kommuneleder-vallensbaek"])
    since = mark()

    again = notify_decision(decision=decision, by=users["projektleder"])

    assert (again.pk, again.notified_at) == (first.pk, first.notified_at)
    assert DecisionNotification.objects.get().notified_by == users["kommuneleder-vallensbaek"]
    assert since.entries() == []


def test_a_decision_of_a_plan_that_is_not_the_approved_one_is_refused_and_nothing_is_logged(
    world, users
):
    decision = world.employee_decisions["V-EMP"]
    since = mark()
    with pytest.raises(ProcessError):  # no plan is approved yet
        notify_decision(decision=decision, by=users["projektleder"])
    assert since.entries() == []

    other = run_plan(by=SystemActor("test"), time_limit=2).stored
    approve_plan(plan=other, by=users["projektleder"])
    since = mark()
    with pytest.raises(ProcessError):  # another plan is
        notify_decision(decision=decision, by=users["projektleder"])

    assert not DecisionNotification.objects.exists()
    assert since.entries() == []
