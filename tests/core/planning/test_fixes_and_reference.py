"""Fixed decisions, re-planning from an approved plan, acceptable wishes and a child's history:
the planner's plans keep the fixes and are optimal against brute force."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterator
from datetime import date
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from overgang.core.domain import Dataset, Interview
from overgang.core.planning.cost import hard_rule_violations, plan_cost
from overgang.core.planning.fixes import (
    CaseFix,
    ConflictKind,
    EmployeeFix,
    Fixes,
    Reference,
    fix_conflicts,
)
from overgang.core.planning.plan import Plan
from overgang.core.planning.policy import Policy, Weights, policy_as_dict, policy_from_dict
from overgang.core.planning.problem import Problem, build_problem
from overgang.core.planning.solve import FixConflictError, plan
from tests.core.factories import (
    ISHOEJ,
    VALLENSBAEK,
    case,
    citizen,
    dataset,
    employee,
    interview,
)
from tests.core.planning.strategies import small_instances

PlanParts = tuple[dict[str, int], dict[str, str | None]]


def valid_plans(problem: Problem, policy: Policy) -> Iterator[PlanParts]:
    """Every plan that keeps the hard rules, fixed decisions included."""
    staff = [s.id for s in problem.staff]
    profession = {s.id: s.employee.profession for s in problem.staff}
    for places in itertools.product(problem.municipalities, repeat=len(staff)):
        employer = dict(zip(staff, places, strict=True))
        choices = [
            [
                None,
                *(
                    e
                    for e in staff
                    if profession[e] == a.case.profession and employer[e] == a.serving
                ),
            ]
            for a in problem.assignments
        ]
        for people in itertools.product(*choices):
            contact = {a.id: p for a, p in zip(problem.assignments, people, strict=True)}
            if not hard_rule_violations(problem, policy, employer, contact):
                yield employer, contact


def brute_force(problem: Problem, policy: Policy) -> Fraction | None:
    """The least cost of a valid plan; None: no plan keeps the rules."""
    costs = [plan_cost(problem, policy, *parts).total for parts in valid_plans(problem, policy)]
    return min(costs, default=None)


def kept(result: Plan, fixes: Fixes) -> bool:
    employer, contacts = result.employer(), result.contacts()
    return all(employer[f.employee_id] == f.municipality for f in fixes.employees) and all(
        contacts[f.case_id] == f.contact_person for f in fixes.cases
    )


# Hand-made instances where the fix changes the optimum.


def two_psychologists() -> Dataset:
    """A wants Vallensbæk, B Ishøj; each has a case in the municipality they want."""
    return dataset(
        employees=[employee("A"), employee("B")],
        interviews=[interview("A", VALLENSBAEK), interview("B", ISHOEJ)],
        citizens=[citizen("b1", VALLENSBAEK), citizen("b2", ISHOEJ)],
        cases=[
            case("c1", "b1", VALLENSBAEK, "A", load=4),
            case("c2", "b2", ISHOEJ, "B", load=4),
        ],
    )


def test_a_fixed_employee_works_where_fixed_although_the_optimum_differs():
    data = two_psychologists()
    free = plan(build_problem(data, Policy()), Policy())
    assert free.employer()["A"] == VALLENSBAEK

    fix = EmployeeFix(
        "A", ISHOEJ, by="leder", fixed_on="2021-04-06", reason="Aftalt i ledergruppen"
    )
    policy = Policy(fixes=Fixes(employees=(fix,)))
    result = plan(build_problem(data, policy), policy)

    assert result.employer()["A"] == ISHOEJ
    assert result.solve.status == "optimal"
    assert result.cost.total == brute_force(build_problem(data, policy), policy)
    reason = next(d.reason for d in result.employees if d.employee_id == "A")
    assert reason.code == "fixed"
    assert dict(reason.params)["by"] == "leder"
    assert dict(reason.params)["reason"] == "Aftalt i ledergruppen"


def test_a_fixed_case_gets_its_contact_person_although_today_s_could_keep_it():
    data = dataset(
        employees=[employee("A"), employee("B")],
        interviews=[interview("A", ISHOEJ), interview("B", ISHOEJ)],
        citizens=[citizen("b1", ISHOEJ), citizen("b2", ISHOEJ)],
        cases=[case("c1", "b1", ISHOEJ, "B", load=4), case("c2", "b2", ISHOEJ, "B", load=4)],
    )
    assert plan(build_problem(data, Policy()), Policy()).contacts()["c2"] == "B"

    policy = Policy(fixes=Fixes(cases=(CaseFix("c2", "A", reason="Kender familien"),)))
    problem = build_problem(data, policy)
    result = plan(problem, policy)

    assert result.contacts() == {"c1": "B", "c2": "A"}
    assert result.solve.status == "optimal"
    assert result.cost.total == brute_force(problem, policy)
    reason = next(d.reason for d in result.cases if d.case_id == "c2")
    assert reason.code == "fixed"


def test_a_case_fixed_to_a_contact_person_makes_them_work_for_its_municipality():
    data = two_psychologists()  # A wishes Vallensbæk; c2 is Ishøj's
    policy = Policy(fixes=Fixes(cases=(CaseFix("c2", "A", reason="Kender familien"),)))
    result = plan(build_problem(data, policy), policy)
    assert result.contacts()["c2"] == "A"
    assert result.employer()["A"] == ISHOEJ


def test_conflicting_fixes_stop_planning_naming_both():
    data = two_psychologists()
    fixes = Fixes(
        employees=(EmployeeFix("A", VALLENSBAEK, reason="x"),),
        cases=(CaseFix("c2", "A", reason="y"),),  # c2 is Ishøj's: A must work there
    )
    policy = Policy(fixes=fixes)
    with pytest.raises(FixConflictError) as raised:
        plan(build_problem(data, policy), policy)
    (conflict,) = raised.value.conflicts
    assert conflict.kind is ConflictKind.TWO_PLACES
    assert set(conflict.fixes) == {fixes.employees[0], fixes.cases[0]}
    assert "medarbejder A" in str(raised.value) and "sag c2" in str(raised.value)


def test_more_load_fixed_on_one_person_than_the_hard_limit_is_a_conflict():
    data = dataset(
        employees=[employee("A", hours="18.5"), employee("B")],
        interviews=[],
        citizens=[citizen("b1", ISHOEJ), citizen("b2", ISHOEJ)],
        cases=[case("c1", "b1", ISHOEJ, "B", load=4), case("c2", "b2", ISHOEJ, "B", load=3)],
    )  # A's capacity is 5, the hard limit 6
    fixes = Fixes(cases=(CaseFix("c1", "A"), CaseFix("c2", "A")))
    policy = Policy(fixes=fixes)
    (conflict,) = fix_conflicts(build_problem(data, policy), policy)
    assert conflict.kind is ConflictKind.OVER_LIMIT
    assert set(conflict.fixes) == set(fixes.cases)
    assert brute_force(build_problem(data, policy), policy) is None


def test_a_fix_of_someone_no_longer_planned_is_stale_and_does_not_stop_planning():
    data = two_psychologists()
    policy = Policy(fixes=Fixes(employees=(EmployeeFix("GONE", ISHOEJ),)))
    (conflict,) = fix_conflicts(build_problem(data, policy), policy)
    assert conflict.kind is ConflictKind.UNKNOWN_EMPLOYEE
    assert plan(build_problem(data, policy), policy).solve.status == "optimal"


def test_the_plan_settings_carry_the_fixes_and_the_reference():
    policy = Policy(
        fixes=Fixes(
            employees=(EmployeeFix("A", ISHOEJ, "leder", "2021-04-06", "aftalt"),),
            cases=(CaseFix("c2", "A", "leder", "2021-04-07", "kender familien"),),
        ),
        reference=Reference(7, (("A", ISHOEJ),), (("c1", "A"), ("c2", None))),
    )
    settings = policy_as_dict(policy)
    assert settings["weights"]["changed_from_approved"] == 150
    assert policy_from_dict(settings) == policy
    assert "changed_from_approved" not in policy_as_dict(Policy())["weights"]


# Random instances against brute force.


@st.composite
def instances_with_fixes(draw: st.DrawFn) -> tuple[Dataset, Policy]:
    data = draw(small_instances(max_employees=3, max_cases=3))
    employees = [e.id for e in data.employees]
    codes = [m.code for m in data.municipalities]
    employee_fixes = tuple(
        EmployeeFix(e, draw(st.sampled_from(codes)), reason="r")
        for e in employees
        if draw(st.integers(0, 3)) == 0
    )
    case_fixes = []
    for c in data.cases:
        colleagues = [e.id for e in data.employees if e.profession == c.profession]
        if colleagues and draw(st.booleans()):
            case_fixes.append(CaseFix(c.id, draw(st.sampled_from(colleagues)), reason="r"))
    return data, Policy(
        fixes=Fixes(employee_fixes, tuple(case_fixes)), voluntary_only=draw(st.booleans())
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances_with_fixes())
def test_random_fixes_are_kept_at_the_brute_force_optimum_or_refused_when_impossible(instance):
    data, policy = instance
    problem = build_problem(data, policy)
    best = brute_force(problem, policy)
    if fix_conflicts(problem, policy):
        # The conflicts named are real: no plan keeps every fix (voluntary_only aside,
        # which can make even consistent fixes impossible: checked below).
        with pytest.raises(FixConflictError):
            plan(problem, policy)
        assert best is None
        return
    if best is None:
        return  # a fix against a stated wish under voluntary_only: no plan (see below)
    result = plan(problem, policy)
    assert kept(result, policy.fixes)
    assert hard_rule_violations(problem, policy, result.employer(), result.contacts()) == []
    assert result.solve.status == "optimal"
    assert result.cost.total == best


@st.composite
def instances_with_history(draw: st.DrawFn) -> tuple[Dataset, Policy]:
    """Acceptable municipalities, earlier changes and a random reference plan."""
    data = draw(small_instances(max_employees=3, max_cases=3))
    codes = [m.code for m in data.municipalities]
    interviews = tuple(
        dataclasses.replace(
            i, acceptable_municipalities=tuple(draw(st.sets(st.sampled_from(codes), max_size=2)))
        )
        for i in data.interviews
    )
    cases = tuple(
        dataclasses.replace(c, earlier_changes=draw(st.integers(0, 5))) for c in data.cases
    )
    data = dataclasses.replace(data, interviews=interviews, cases=cases)
    reference = None
    if draw(st.booleans()):
        reference = Reference(
            1,
            tuple((e.id, draw(st.sampled_from(codes))) for e in data.employees),
            tuple(
                (c.id, draw(st.sampled_from([None, *(e.id for e in data.employees)])))
                for c in data.cases
            ),
        )
    return data, Policy(
        reference=reference,
        voluntary_only=draw(st.booleans()),
        history_cap=draw(st.integers(1, 4)),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances_with_history())
def test_history_acceptable_wishes_and_a_reference_plan_keep_the_brute_force_optimum(instance):
    data, policy = instance
    problem = build_problem(data, policy)
    result = plan(problem, policy)
    assert result.solve.status == "optimal"
    assert result.cost.total == brute_force(problem, policy)


def test_a_sibling_case_the_reference_plan_moved_stays_with_its_approved_contact_person():
    """Found by the property above on CI: the plan's families were regrouped after the solver
    without pricing the reference plan, moving c2 from E0 (approved) to E1 to unsplit the
    family (saving 5, costing 150), so the plan cost more than the solver's optimum."""
    data = dataset(
        employees=[employee("E0", hours="18.5"), employee("E1")],
        interviews=[interview("E0", VALLENSBAEK), interview("E1", ISHOEJ)],
        citizens=[citizen(f"b{i}", VALLENSBAEK, family="f1") for i in range(3)],
        cases=[
            case("c0", "b0", VALLENSBAEK, None, load="0.5"),
            case("c1", "b1", VALLENSBAEK, None),
            case("c2", "b2", VALLENSBAEK, None),
        ],
        professions=(("PSY", 4),),
    )
    reference = Reference(
        1, (("E0", ISHOEJ), ("E1", ISHOEJ)), (("c0", None), ("c1", None), ("c2", "E0"))
    )
    policy = Policy(reference=reference, history_cap=1)
    problem = build_problem(data, policy)
    result = plan(problem, policy)
    assert result.contacts()["c2"] == "E0"
    assert result.solve.status == "optimal"
    assert result.cost.total == brute_force(problem, policy)


def test_a_move_to_an_acceptable_municipality_costs_the_wish_only():
    data = dataset(
        employees=[employee("A")],
        interviews=[
            Interview("A", date(2021, 5, 1), VALLENSBAEK, acceptable_municipalities=(175,)),
        ],
        citizens=[],
        cases=[],
        codes=(ISHOEJ, VALLENSBAEK, 175),
    )
    problem = build_problem(data, Policy())
    to_acceptable = plan_cost(problem, Policy(), {"A": 175}, {})
    assert to_acceptable.terms["wish_not_met"] == 100
    assert to_acceptable.terms["moved_from_host_against_wish"] == 0
    # Under voluntary_only the acceptable municipality is allowed, the host too.
    assert not hard_rule_violations(problem, Policy(voluntary_only=True), {"A": 175}, {})


def test_each_earlier_change_makes_a_further_one_dearer_up_to_the_cap():
    def change_cost(earlier: int, cap: int = 4) -> Fraction:
        data = dataset(
            employees=[employee("A"), employee("B")],
            interviews=[],
            citizens=[citizen("b1", ISHOEJ)],
            cases=[
                dataclasses.replace(
                    case("c1", "b1", ISHOEJ, "A", vulnerability=2), earlier_changes=earlier
                )
            ],
        )
        policy = Policy(history_cap=cap)
        problem = build_problem(data, policy)
        both_stay = {"A": ISHOEJ, "B": ISHOEJ}
        return plan_cost(problem, policy, both_stay, {"c1": "B"}).terms["contact_change"]

    assert [change_cost(n) for n in range(6)] == [20, 40, 60, 80, 80, 80]
    assert change_cost(5, cap=10) == 120


# Re-planning from an approved, notified plan after a resignation.


def resign(data: Dataset, employee_id: str) -> Dataset:
    return dataclasses.replace(
        data,
        employees=tuple(
            dataclasses.replace(e, resigned_on=date(2021, 9, 30)) if e.id == employee_id else e
            for e in data.employees
        ),
    )


def changes(employer: dict[str, int], contact: dict[str, str | None], reference: Reference) -> int:
    """The decisions that differ from the reference plan, of those a plan can keep: employees
    still planned, cases whose contact person in the reference is still planned."""
    moved = sum(1 for e, m in reference.employer if e in employer and employer[e] != m)
    return moved + sum(
        1 for c, p in reference.contact if p is not None and p in employer and contact.get(c) != p
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_instances(max_employees=3, max_cases=3), st.data())
def test_a_replan_after_a_resignation_keeps_every_notified_decision_and_changes_least(data, draw):
    approved = plan(build_problem(data, Policy()), Policy())
    reference = Reference(1, tuple(approved.employer().items()), tuple(approved.contacts().items()))
    gone = draw.draw(st.sampled_from([e.id for e in data.employees]))
    notified = tuple(
        EmployeeFix(e, m, by="leder", fixed_on="2021-06-01", reason="Meddelt")
        for e, m in reference.employer
    )
    # Changing a decision outweighs every other term: the plan changes as few as it can.
    policy = Policy(
        fixes=Fixes(employees=notified),
        reference=reference,
        weights=Weights(changed_from_approved=100000),
    )
    after = resign(data, gone)
    problem = build_problem(after, policy)
    result = plan(problem, policy)

    assert all(
        result.employer()[f.employee_id] == f.municipality
        for f in notified
        if f.employee_id != gone
    )
    least = min(changes(*parts, reference) for parts in valid_plans(problem, policy))
    assert changes(result.employer(), result.contacts(), reference) == least
    assert result.cost.total == brute_force(problem, policy)
