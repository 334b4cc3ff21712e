"""The plan's cost equals an optimum found independently, by trying every plan."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from overgang.core.planning.cost import hard_rule_violations, plan_cost
from overgang.core.planning.policy import Policy
from overgang.core.planning.problem import Problem, build_problem
from overgang.core.planning.solve import plan
from tests.core.planning.strategies import small_instances


def plans_of_least_cost(
    problem: Problem, policy: Policy, fixed: Mapping[str, int] | None = None
) -> tuple[Fraction, list[tuple[dict[str, int], dict[str, str | None]]]]:
    """Return the least cost over every assignment that keeps the hard rules (and has the
    employees in `fixed` work where it says), and every assignment of that cost."""
    staff = [s.id for s in problem.staff]
    profession = {s.id: s.employee.profession for s in problem.staff}
    best: Fraction | None = None
    plans: list[tuple[dict[str, int], dict[str, str | None]]] = []
    for places in itertools.product(problem.municipalities, repeat=len(staff)):
        employer = dict(zip(staff, places, strict=True))
        if fixed and any(employer[e] != m for e, m in fixed.items()):
            continue
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
            contact = {a.id: person for a, person in zip(problem.assignments, people, strict=True)}
            if hard_rule_violations(problem, policy, employer, contact):
                continue
            cost = plan_cost(problem, policy, employer, contact).total
            if best is None or cost < best:
                best, plans = cost, []
            if cost == best:
                plans.append((employer, contact))
    assert best is not None
    return best, plans


def brute_force_optimum(
    problem: Problem, policy: Policy, fixed: Mapping[str, int] | None = None
) -> Fraction:
    """Return the least cost over every assignment that keeps the hard rules
    (and has the employees in `fixed` work where it says)."""
    return plans_of_least_cost(problem, policy, fixed)[0]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_instances(), st.booleans())
def test_plan_cost_equals_the_brute_force_optimum(data, voluntary_only):
    policy = Policy(voluntary_only=voluntary_only)
    problem = build_problem(data, policy)
    result = plan(problem, policy)
    assert hard_rule_violations(problem, policy, result.employer(), result.contacts()) == []
    assert result.solve.status == "optimal"
    assert result.cost.total == brute_force_optimum(problem, policy)
    assert result.solve.bound == result.cost.total
