"""approve_plan: a plan is approved and locked; after that only a re-plan from it that keeps
what employees were told can replace it, and their notifications carry over."""

from __future__ import annotations

import pytest

from overgang.web.audit.actors import SystemActor
from overgang.web.planning.models import EmployeeDecision
from overgang.web.planning.selectors import approved_plan
from overgang.web.planning.services import run_plan
from overgang.web.process.models import DecisionNotification, PlanApproval
from overgang.web.process.services import ProcessError, approve_plan, notify_decision
from tests.web.usecases.trail import mark, the_one_entry, who_did_what
from tests.web.world import ISHOEJ

pytestmark = pytest.mark.django_db


def test_approving_makes_the_plan_the_approved_one_and_logs_one_entry(world, users):
    since = mark()
    approval = approve_plan(plan=world.plan, by=users["projektleder"])

    assert approved_plan() == world.plan
    assert PlanApproval.objects.get().approved_by == users["projektleder"]
    assert who_did_what(the_one_entry(since)) == (
        "projektleder",
        "create",
        "process.planapproval",
        str(world.plan.pk),
    )
    assert approval.plan == world.plan


def test_the_command_line_approves_in_the_name_of_the_person_at_the_terminal(world):
    since = mark()
    approval = approve_plan(plan=world.plan, by=SystemActor("leder"))
    assert approval.approved_by is None  # no user account behind the command line
    assert the_one_entry(since).username == "cli:leder"


def test_a_second_plan_cannot_be_approved_and_nothing_is_logged(world, users):
    approve_plan(plan=world.plan, by=users["projektleder"])
    other = run_plan(by=SystemActor("test"), time_limit=2).stored
    since = mark()

    with pytest.raises(ProcessError):
        approve_plan(plan=other, by=users["projektleder"])
    with pytest.raises(ProcessError):
        approve_plan(plan=world.plan, by=users["projektleder"])

    assert [a.plan for a in PlanApproval.objects.all()] == [world.plan]
    assert approved_plan() == world.plan
    assert since.entries() == []


def test_a_replan_from_the_approved_plan_replaces_it_and_carries_the_notifications(world, users):
    approve_plan(plan=world.plan, by=users["projektleder"])
    told = notify_decision(decision=world.employee_decisions["V-EMP"], by=users["projektleder"])
    replan = run_plan(by=SystemActor("test"), time_limit=2, from_plan=world.plan.pk).stored
    since = mark()

    approve_plan(plan=replan, by=users["projektleder"])

    assert approved_plan() == replan
    assert [a.plan for a in PlanApproval.objects.order_by("approved_at")] == [world.plan, replan]
    carried = DecisionNotification.objects.get(decision__plan=replan)
    assert carried.decision.employee_id == "V-EMP"
    assert (carried.notified_at, carried.notified_by) == (told.notified_at, told.notified_by)
    entry = the_one_entry(since)
    assert entry.detail == {"replaces": world.plan.pk, "notifications_carried": 1}


def test_a_replan_that_moves_a_notified_employee_is_refused_naming_them(world, users):
    approve_plan(plan=world.plan, by=users["projektleder"])
    notify_decision(decision=world.employee_decisions["V-EMP"], by=users["projektleder"])
    replan = run_plan(by=SystemActor("test"), time_limit=2, from_plan=world.plan.pk).stored
    # As if the plan had been made without the notified decision fixed.
    EmployeeDecision.objects.filter(plan=replan, employee_id="V-EMP").update(municipality=ISHOEJ)

    with pytest.raises(ProcessError, match="V-EMP"):
        approve_plan(plan=replan, by=users["projektleder"])
    assert approved_plan() == world.plan
