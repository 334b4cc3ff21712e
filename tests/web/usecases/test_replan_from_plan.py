"""run_plan(from_plan=…) and run_plan(leaders_only=True): a re-plan from an approved plan keeps
what employees have been told, and a plan of the leaders alone, on the world of world.py.

The world's plan: I-EMP and X-EMP stay in Ishøj, V-EMP goes to Vallensbæk; I-CASE keeps
I-EMP, V-CASE keeps V-EMP, MOVE is handed from X-EMP to V-EMP.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from overgang.core.planning.fixes import EmployeeFix, Fixes
from overgang.core.planning.plan_diff import ChangeCount
from overgang.core.planning.policy import Policy
from overgang.web.audit.actors import SystemActor
from overgang.web.dataset.models import Employee, Interview
from overgang.web.planning.models import StoredPlan
from overgang.web.planning.replanning import (
    changes_from_reference_plan,
    reference_policy,
    reference_warnings,
)
from overgang.web.planning.services import PlanningUnavailable, run_plan
from overgang.web.process.services import approve_plan, notify_decision
from tests.web.world import ISHOEJ, VALLENSBAEK

pytestmark = pytest.mark.django_db


@pytest.fixture
def notified(world, users):
    """The world's plan approved, and V-EMP told of going to Vallensbæk."""
    approve_plan(plan=world.plan, by=users["projektleder"])
    notify_decision(
        decision=world.employee_decisions["V-EMP"], by=users["kommuneleder-vallensbaek"]
    )
    return world.plan


def test_a_replan_stores_the_reference_and_the_notified_decision_as_a_fix(notified):
    day = timezone.localdate().isoformat()

    stored = run_plan(by=SystemActor("planner"), time_limit=2, from_plan=notified.pk).stored

    assert stored.settings["reference"] == {
        "plan": notified.pk,
        "medarbejdere": {"I-EMP": ISHOEJ, "V-EMP": VALLENSBAEK, "X-EMP": ISHOEJ},
        "sager": {"I-CASE": "I-EMP", "MOVE": "V-EMP", "V-CASE": "V-EMP"},
    }
    assert stored.settings["fixes"] == [
        {
            "type": "medarbejder",
            "id": "V-EMP",
            "vaerdi": VALLENSBAEK,
            "af": "kommuneleder-vallensbaek",
            "dato": day,
            "begrundelse": f"Meddelt medarbejderen ud fra plan {notified.pk}",
        }
    ]
    assert stored.settings["weights"]["changed_from_approved"] == 150
    # Nothing changed in the data, so the re-plan decides as its reference did.
    assert changes_from_reference_plan(stored).changed == ChangeCount(0, 0)  # type: ignore[union-attr]


def test_a_notified_decision_holds_when_the_employee_wishes_otherwise_since(notified, world):
    # V-EMP now wishes Ishøj; told of Vallensbæk, they stay there.
    Interview.objects.create(
        employee=world.employees["V-EMP"],
        held_on=date(2021, 9, 20),
        wished_municipality=world.ishoej,
    )
    stored = run_plan(by=SystemActor("planner"), time_limit=2, from_plan=notified.pk).stored
    decision = stored.employee_decisions.get(employee_id="V-EMP")
    assert (decision.municipality, decision.reason_code) == (VALLENSBAEK, "fixed")


def test_a_fix_stored_by_hand_wins_over_the_notified_decision_of_the_same_employee(notified):
    by_hand = EmployeeFix(
        "V-EMP", ISHOEJ, by="projektleder", fixed_on="2021-09-30", reason="Aftalt"
    )
    policy = reference_policy(Policy(fixes=Fixes(employees=(by_hand,))), notified)
    assert policy.fixes.employees == (by_hand,)
    assert policy.reference is not None and policy.reference.plan_id == notified.pk


def test_a_notified_employee_who_has_left_is_not_fixed(notified):
    policy = reference_policy(Policy(), notified, planned={"I-EMP", "X-EMP"})
    assert policy.fixes.employees == ()
    assert dict(policy.reference.employer)["V-EMP"] == VALLENSBAEK  # type: ignore[union-attr]


def test_replanning_from_a_plan_that_does_not_exist_is_refused_and_nothing_is_stored(world):
    with pytest.raises(PlanningUnavailable, match="ingen plan har id'et 999"):
        run_plan(by=SystemActor("planner"), time_limit=2, from_plan=999)
    assert list(StoredPlan.objects.all()) == [world.plan]


def test_replanning_from_a_plan_that_is_not_approved_is_warned_about_not_refused(world):
    assert reference_warnings(world.plan) == [
        f"Plan {world.plan.pk} er ikke godkendt; den nye plan afviger alligevel så lidt fra den som muligt."
    ]
    stored = run_plan(by=SystemActor("planner"), time_limit=2, from_plan=world.plan.pk).stored
    assert stored.settings["reference"]["plan"] == world.plan.pk
    assert "fixes" not in stored.settings  # nobody has been told of an unapproved plan


def test_a_plan_of_the_leaders_alone_places_them_without_cases(world):
    Employee.objects.filter(ext_id="V-EMP").update(is_leader=True)
    stored = run_plan(by=SystemActor("planner"), time_limit=2, leaders_only=True).stored
    assert stored.settings["leaders_only"] is True
    assert [(d.employee_id, d.municipality) for d in stored.employee_decisions.all()] == [
        ("V-EMP", VALLENSBAEK)
    ]
    assert not stored.case_decisions.exists()
