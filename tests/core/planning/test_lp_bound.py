"""The linear relaxation's bound is proven: never above the optimum, whatever the duals."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ortools.sat.python import cp_model

from overgang.core.planning import search, solve
from overgang.core.planning.lp_bound import _exact_bound, solve_relaxation
from overgang.core.planning.model import build_profession_model
from overgang.core.planning.policy import Policy
from overgang.core.planning.problem import build_problem
from overgang.core.planning.search_settings import SearchSettings
from tests.core.factories import worked_example
from tests.core.planning.strategies import small_instances
from tests.core.planning.test_optimality import brute_force_optimum


def _two_and_three():
    """min x + y with x + y >= 3 and 2x + y <= 8, x and y in 0..5."""
    lower, upper = [0, 0], [5, 5]
    rows = [({0: 1, 1: 1}, 3, None), ({0: 2, 1: 1}, None, 8)]
    costs = {0: 1, 1: 1}
    return lower, upper, rows, costs


def test_the_optimal_duals_give_the_optimum():
    assert _exact_bound(*_two_and_three(), duals=[1.0, 0.0]) == 3


def test_any_duals_give_a_bound_below_the_optimum():
    # y = 0.5 on the first row: 1.5 + min over the box of 0.5x + 0.5y = 1.5, rounded up to 2.
    assert _exact_bound(*_two_and_three(), duals=[0.5, 0.0]) == 2
    # Duals of the wrong sign prove nothing and are left out: the box alone gives 0.
    assert _exact_bound(*_two_and_three(), duals=[-1.0, 1.0]) == 0
    # Too large a dual makes the reduced costs negative: the box pays it back.
    assert _exact_bound(*_two_and_three(), duals=[3.0, 0.0]) <= 3


def test_the_worked_example_bound_is_positive_and_at_most_its_optimum_50():
    policy = Policy()
    problem = build_problem(worked_example(), policy)
    pm = build_profession_model(
        problem, policy, "PSY", list(problem.staff), list(problem.assignments)
    )
    relaxation = solve_relaxation(pm.model, 10)
    assert relaxation is not None
    bound = relaxation.bound * pm.objective_unit + pm.cost_offset
    assert 0 < bound <= 50


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.booleans().flatmap(lambda siblings: small_instances(siblings=siblings)), st.booleans())
def test_the_bound_never_exceeds_the_brute_force_optimum(data, relaxed):
    policy = Policy()
    problem = build_problem(data, policy)
    total = model_total = Fraction(0)
    for profession in problem.professions():
        staff = [s for s in problem.staff if s.employee.profession == profession]
        cases = [a for a in problem.assignments if a.case.profession == profession]
        pm = build_profession_model(problem, policy, profession, staff, cases, relaxed=relaxed)
        relaxation = solve_relaxation(pm.model, 10)
        assert relaxation is not None
        units = relaxation.bound
        # Leaving the maxima out only weakens it.
        weaker = solve_relaxation(pm.model, 10, maxima=False)
        assert weaker is not None
        assert weaker.bound <= units
        # The model's own optimum lies at or above its relaxation's bound.
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        assert solver.solve(pm.model) == cp_model.OPTIMAL
        assert units <= round(solver.objective_value)
        total += units * pm.objective_unit + pm.cost_offset
        model_total += round(solver.objective_value) * pm.objective_unit + pm.cost_offset
    optimum = brute_force_optimum(problem, policy)
    assert total <= model_total
    # With relaxed families the model's optimum is a lower bound; with exact ones, the optimum.
    assert model_total <= optimum if relaxed else model_total == optimum


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_instances())
def test_a_plan_that_starts_from_the_relaxation_is_still_the_optimum(data):
    # Every model counted as large and the pattern bound neither first nor given time: each
    # profession starts with the relaxation's bound and its plan from where the relaxation
    # puts everyone, then searches.
    policy = Policy()
    problem = build_problem(data, policy)
    solved = []

    def counted(model, seconds, maxima=True, clock=None):
        solved.append(maxima)
        return solve_relaxation(model, seconds, maxima, clock)

    large = SearchSettings(large_model_variables=0, pattern_share=0, pattern_first_staff=10**6)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search, "solve_relaxation", counted)
        result = solve.plan(problem, policy, settings=large)
    # Each profession: first without the family split's maxima, then whole.
    assert solved == [False, True] * len(result.professions)
    assert result.solve.status == "optimal"
    assert result.cost.total == brute_force_optimum(problem, policy)
    assert result.solve.bound == result.cost.total
