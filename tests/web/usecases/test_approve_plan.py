"""approve_plan: one plan is approved and locked, and only one ever is."""

from __future__ import annotations

import pytest

from overgang.web.audit.actors import SystemActor
from overgang.web.planning.selectors import approved_plan
from overgang.web.planning.services import run_plan
from overgang.web.process.models import PlanApproval
from overgang.web.process.services import ProcessError, approve_plan
from tests.web.usecases.trail import mark, the_one_entry, who_did_what

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
