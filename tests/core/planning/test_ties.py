"""Of several plans of least cost, the planner's is the one the stated rule names
(docs/planning.md, "Ties"), checked against every plan of small instances."""

from __future__ import annotations

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from overgang.core.planning.policy import Policy
from overgang.core.planning.problem import Problem, build_problem
from overgang.core.planning.solve import plan
from tests.core.planning.strategies import small_instances
from tests.core.planning.test_optimality import plans_of_least_cost

Employer = dict[str, int]
Contact = dict[str, str | None]


def the_rule(problem: Problem, plans: list[tuple[Employer, Contact]]) -> tuple[Employer, Contact]:
    """The plan the rule names: employees by id, each at the host else the lowest code; then
    cases by id, each with today's contact person, else the lowest id, else none."""
    today = {a.id: a.current_contact for a in problem.assignments}

    def place(m: int) -> tuple[bool, int]:
        return (m != problem.host, m)

    def contact_person(case: str, person: str | None) -> tuple[int, str]:
        if person is None:
            return (2, "")
        return (0, "") if person == today[case] else (1, person)

    def key(candidate: tuple[Employer, Contact]) -> tuple[tuple[object, ...], ...]:
        employer, contact = candidate
        return (
            tuple(place(employer[e]) for e in sorted(employer)),
            tuple(contact_person(c, contact[c]) for c in sorted(contact)),
        )

    return min(plans, key=key)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(st.one_of(small_instances(), small_instances(siblings=True)), st.booleans())
def test_of_several_plans_of_least_cost_the_planner_makes_the_one_the_rule_names(
    data, voluntary_only
):
    policy = Policy(voluntary_only=voluntary_only)
    problem = build_problem(data, policy)
    _, plans = plans_of_least_cost(problem, policy)
    assume(len(plans) > 1)
    result = plan(problem, policy)
    assert result.solve.status == "optimal"
    employer, contact = the_rule(problem, plans)
    assert result.employer() == employer
    assert result.contacts() == contact
