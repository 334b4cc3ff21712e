"""The greedy baseline keeps every hard rule and does what its spreadsheet recipe says."""

from __future__ import annotations

from bench.greedy import greedy_plan
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from overgang.core.planning.cost import hard_rule_violations, plan_cost
from overgang.core.planning.policy import Policy
from overgang.core.planning.problem import build_problem
from tests.core.factories import (
    ISHOEJ,
    VALLENSBAEK,
    case,
    citizen,
    dataset,
    employee,
    interview,
    worked_example,
)
from tests.core.planning.strategies import small_instances


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_instances(max_employees=5, max_cases=8), st.booleans())
def test_greedy_plan_keeps_every_hard_rule(data, voluntary_only):
    policy = Policy(voluntary_only=voluntary_only)
    problem = build_problem(data, policy)
    employer, contact = greedy_plan(problem, policy)
    assert set(employer) == {s.id for s in problem.staff}
    assert set(contact) == {a.id for a in problem.assignments}
    assert hard_rule_violations(problem, policy, employer, contact) == []


@settings(max_examples=50, deadline=None)
@given(small_instances(max_employees=5, max_cases=8))
def test_greedy_grants_every_stated_wish_and_keeps_blank_wishes_with_the_host(data):
    policy = Policy()
    problem = build_problem(data, policy)
    employer, _ = greedy_plan(problem, policy)
    for s in problem.staff:
        assert employer[s.id] == (s.wish if s.wish is not None else problem.host)


def test_greedy_reaches_the_optimum_of_the_worked_example():
    policy = Policy()
    problem = build_problem(worked_example(), policy)
    employer, contact = greedy_plan(problem, policy)
    assert employer == {"A": ISHOEJ, "B": VALLENSBAEK, "C": ISHOEJ}
    assert contact == {"c1": "B", "c2": "B", "c3": "A", "c4": "C"}
    assert plan_cost(problem, policy, employer, contact).total == 50


def test_greedy_keeps_the_most_vulnerable_case_when_the_contact_person_is_full():
    data = dataset(
        employees=[employee("A", hours="18.5")],  # capacity 5, hard limit 6
        interviews=[interview("A", ISHOEJ)],
        citizens=[citizen("b1", ISHOEJ), citizen("b2", ISHOEJ)],
        cases=[
            case("c1", "b1", ISHOEJ, "A", load=4, vulnerability=1),
            case("c2", "b2", ISHOEJ, "A", load=4, vulnerability=3),
        ],
    )
    policy = Policy()
    problem = build_problem(data, policy)
    _, contact = greedy_plan(problem, policy)
    assert contact == {"c1": None, "c2": "A"}


def test_greedy_hands_on_to_the_least_loaded_colleague_in_the_serving_municipality():
    data = dataset(
        employees=[employee("A"), employee("B"), employee("C", hours="18.5"), employee("D")],
        interviews=[
            interview("A", VALLENSBAEK),
            interview("B", ISHOEJ),
            interview("C", ISHOEJ),
            interview("D", VALLENSBAEK),
        ],
        citizens=[citizen("b1", ISHOEJ), citizen("b2", ISHOEJ), citizen("b3", ISHOEJ)],
        cases=[
            case("c1", "b1", ISHOEJ, "A", load=2),  # A moves away: handed on
            case("c2", "b2", ISHOEJ, "B", load=4),  # B keeps it: load 4 of 10
            case("c3", "b3", ISHOEJ, "C", load=1),  # C keeps it: load 1 of 5
        ],
    )
    policy = Policy()
    problem = build_problem(data, policy)
    _, contact = greedy_plan(problem, policy)
    assert contact["c1"] == "C"  # 20 % loaded against B's 40 %; D works in Vallensbæk
