"""Branching on where employees work raises the pattern bound, and it stays proven."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from overgang.core.domain import StaffingNeed
from overgang.core.planning.branching import PlacementTree
from overgang.core.planning.model import build_profession_model
from overgang.core.planning.patterns import PatternSearch
from overgang.core.planning.policy import Policy
from overgang.core.planning.problem import build_problem
from tests.core.factories import ISHOEJ, VALLENSBAEK, dataset, employee, interview
from tests.core.planning.strategies import each_profession, small_instances
from tests.core.planning.test_optimality import brute_force_optimum

# Far above any small instance's cost: no branch is closed by it.
NO_PLAN = Fraction(10**9)


def _search(problem, policy, relaxed=None):
    (profession,) = problem.professions()
    staff = [s for s in problem.staff if s.employee.profession == profession]
    cases = [a for a in problem.assignments if a.case.profession == profession]
    pm = build_profession_model(problem, policy, profession, staff, cases, relaxed=relaxed)
    search = PatternSearch(pm)
    result = search.run(10)
    assert result is not None and search.converged
    return search, result.bound


def _half_a_need():
    """A (37 h) wishes to stay in Ishøj; Vallensbæk needs half a psychologist."""
    return dataset(
        employees=[employee("A")],
        interviews=[interview("A", ISHOEJ)],
        citizens=[],
        cases=[],
        needs=(StaffingNeed(VALLENSBAEK, "PSY", Decimal("0.5")),),
    )


def test_half_an_employee_in_each_municipality_is_branched_away():
    # A (37 h) wishes to stay in Ishøj; Vallensbæk needs half a psychologist. Moving A
    # against the wish costs 100 + 100, leaving the need open 500 x 0.5 = 250: the
    # optimum is 200. The master moves half of A (100) and covers the need with that
    # half: 100. Held in Ishøj, a branch costs 250; held in Vallensbæk, 200.
    policy = Policy()
    problem = build_problem(_half_a_need(), policy)
    search, root = _search(problem, policy)
    assert root == 100
    assert search.shares[0] == {ISHOEJ: 0.5, VALLENSBAEK: 0.5}
    tree = PlacementTree(search)
    assert tree.run(10, NO_PLAN) == 200
    assert tree.exhausted(NO_PLAN)
    assert tree.place() == {"A": VALLENSBAEK}
    assert brute_force_optimum(problem, policy) == 200
    # Every plan as cheap as 200 has A in Vallensbæk.
    assert tree.excluded(Fraction(200)) == [("A", ISHOEJ)]
    assert tree.excluded(Fraction(250)) == []
    # With a plan of 200 in hand, both branches close at once: the bound is that plan's.
    fresh, _ = _search(problem, policy)
    assert PlacementTree(fresh).run(10, Fraction(200)) == 200


def test_no_time_leaves_the_bound_where_the_master_had_it():
    policy = Policy()
    search, root = _search(build_problem(_half_a_need(), policy), policy)
    tree = PlacementTree(search)
    assert tree.run(0, NO_PLAN) == root
    assert not tree.exhausted(NO_PLAN)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.booleans().flatmap(lambda siblings: small_instances(siblings=siblings)), st.booleans())
def test_the_branched_bound_lies_between_the_master_and_the_optimum(data, relaxed):
    policy = Policy()
    for part in each_profession(data, policy):
        search, root = _search(part, policy, relaxed)
        tree = PlacementTree(search)
        bound = tree.run(30, NO_PLAN)
        assert tree.exhausted(NO_PLAN)
        assert root <= bound <= brute_force_optimum(part, policy)
        # After branching, the search is back at the root: every hold lifted.
        assert search.fixed == {}
        assert search.run(10) is not None and search.converged


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.booleans().flatmap(lambda siblings: small_instances(siblings=siblings)), st.booleans())
def test_a_pair_the_branches_exclude_is_in_no_plan_as_cheap_as_the_optimum(data, relaxed):
    policy = Policy()
    for part in each_profession(data, policy):
        optimum = brute_force_optimum(part, policy)
        search, _ = _search(part, policy, relaxed)
        tree = PlacementTree(search)
        tree.run(30, optimum)
        excluded = tree.excluded(optimum)
        for person, m in excluded:
            assert brute_force_optimum(part, policy, fixed={person: m}) > optimum
