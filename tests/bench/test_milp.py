"""The monolithic MILP keeps every hard rule and, on tiny instances, finds the planner's optimum."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from overgang.core.planning.cost import hard_rule_violations, plan_cost
from overgang.core.planning.policy import Policy
from overgang.core.planning.problem import build_problem
from overgang.core.planning.solve import plan
from tests.bench.milp_process import solve
from tests.core.factories import worked_example
from tests.core.planning.strategies import small_instances


def test_milp_finds_the_optimum_of_the_worked_example(milp_pool):
    policy = Policy()
    problem = build_problem(worked_example(), policy)
    outcome = milp_pool.submit(solve, problem, policy).result()
    assert outcome.status == "Optimal"
    assert outcome.exact_cost == 50
    assert outcome.objective is not None and abs(outcome.objective - 50) < 1e-6
    assert outcome.reached_at is not None


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_instances(max_employees=4, max_cases=6), st.booleans())
def test_milp_optimum_keeps_the_hard_rules_and_equals_the_planners_cost(
    milp_pool, data, voluntary_only
):
    policy = Policy(voluntary_only=voluntary_only)
    problem = build_problem(data, policy)
    outcome = milp_pool.submit(solve, problem, policy).result()
    assert outcome.status == "Optimal"
    assert outcome.violations == []
    assert hard_rule_violations(problem, policy, outcome.employer, outcome.contact) == []
    assert outcome.exact_cost == plan_cost(problem, policy, outcome.employer, outcome.contact).total
    # Float coefficients, but the optimum is the exact one.
    assert (
        outcome.objective is not None and abs(outcome.objective - float(outcome.exact_cost)) < 1e-6
    )
    assert outcome.exact_cost == plan(problem, policy).cost.total
