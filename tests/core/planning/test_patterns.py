"""The pattern bound is proven: never above the optimum, and its exclusions keep it."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from overgang.core.planning import patterns, solve
from overgang.core.planning.branching import PlacementTree
from overgang.core.planning.cost import hard_rule_violations, plan_cost
from overgang.core.planning.determinism import Clock
from overgang.core.planning.lp_bound import solve_relaxation
from overgang.core.planning.model import build_profession_model, plan_values
from overgang.core.planning.patterns import PatternSearch, packing
from overgang.core.planning.policy import Policy
from overgang.core.planning.problem import build_problem
from overgang.core.planning.search_settings import SearchSettings
from tests.core.factories import (
    ISHOEJ,
    VALLENSBAEK,
    case,
    citizen,
    dataset,
    employee,
    worked_example,
)
from tests.core.planning.strategies import each_profession, small_instances
from tests.core.planning.test_optimality import brute_force_optimum


def _models(data, relaxed=None):
    policy = Policy()
    return _models_of(build_problem(data, policy), policy, relaxed)


def _models_of(problem, policy, relaxed=None):
    models = []
    for profession in problem.professions():
        staff = [s for s in problem.staff if s.employee.profession == profession]
        cases = [a for a in problem.assignments if a.case.profession == profession]
        models.append(
            build_profession_model(problem, policy, profession, staff, cases, relaxed=relaxed)
        )
    return models


def test_a_packing_the_relaxation_cannot_see_is_proven_by_the_patterns():
    # A (18.5 h, capacity 5, limit 6) holds two cases in Ishøj, loads 4 and 3, and
    # nobody else can take them. Both do not fit: the optimum keeps the 4 and leaves
    # the 3 unstaffed, 1000 x 3 + a contact change of 10 = 3010. The linear relaxation
    # keeps two thirds of the 3 and pays only a third of it; a pattern is A's whole load.
    data = dataset(
        employees=[employee("A", hours="18.5")],
        interviews=[],
        citizens=[citizen("b1", ISHOEJ), citizen("b2", ISHOEJ)],
        cases=[case("c1", "b1", ISHOEJ, "A", load=4), case("c2", "b2", ISHOEJ, "A", load=3)],
    )
    (pm,) = _models(data)
    relaxation = solve_relaxation(pm.model, 10)
    assert relaxation is not None
    assert relaxation.bound * pm.objective_unit + pm.cost_offset < 1100
    search = PatternSearch(pm)
    result = search.run(10)
    assert result is not None and search.converged
    assert result.bound == 3010
    assert brute_force_optimum(build_problem(data, Policy()), Policy()) == 3010


def test_the_worked_example_pattern_bound_is_its_optimum_50():
    (pm,) = _models(worked_example())
    search = PatternSearch(pm)
    result = search.run(10)
    assert result is not None and search.converged
    assert result.bound == 50
    # Where the master puts everyone is the optimum's: A in Ishøj, B in Vallensbæk.
    assert search.place["A"] == ISHOEJ and search.place["B"] == VALLENSBAEK


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.booleans().flatmap(lambda siblings: small_instances(siblings=siblings)), st.booleans())
def test_the_pattern_bound_never_exceeds_the_optimum_and_beats_the_relaxation(data, relaxed):
    policy = Policy()
    total = Fraction(0)
    for pm in _models(data, relaxed):
        search = PatternSearch(pm)
        result = search.run(10)
        assert result is not None and search.converged
        total += result.bound
        # Converged, it is at least the linear relaxation's bound of the same model
        # (both rounded up to whole objective units, from rounded duals: one unit apart).
        relaxation = solve_relaxation(pm.model, 10)
        assert relaxation is not None
        lp = relaxation.bound * pm.objective_unit + pm.cost_offset
        assert result.bound >= lp - pm.objective_unit
    assert total <= brute_force_optimum(build_problem(data, policy), policy)


def test_the_worked_example_exclusions_follow_the_reduced_costs():
    # At the optimum's cost, 50, every move away from it is ruled out (A in Vallensbæk
    # costs at least 60, C there at least 70); with 100 to spare only B in Ishøj is:
    # every plan with her there costs at least 300.
    (pm,) = _models(worked_example())
    search = PatternSearch(pm)
    search.run(10)
    assert search.excluded(Fraction(50)) == [("A", VALLENSBAEK), ("B", ISHOEJ), ("C", VALLENSBAEK)]
    assert search.excluded(Fraction(150)) == [("B", ISHOEJ)]
    assert search.excluded(Fraction(1000)) == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.booleans().flatmap(lambda siblings: small_instances(siblings=siblings)), st.booleans())
def test_an_excluded_pair_is_in_no_plan_as_cheap_as_the_optimum(data, relaxed):
    policy = Policy()
    for part in each_profession(data, policy):
        (pm,) = _models_of(part, policy, relaxed)
        search = PatternSearch(pm)
        search.run(10)
        optimum = brute_force_optimum(part, policy)
        for person, m in search.excluded(optimum):
            assert brute_force_optimum(part, policy, fixed={person: m}) > optimum


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.booleans().flatmap(lambda siblings: small_instances(siblings=siblings)))
def test_a_plan_through_the_pattern_bound_and_its_exclusions_is_still_the_optimum(data):
    # Every model counted as large and every staff as many: each profession starts with
    # the pattern bound, its plan from where the pattern master puts everyone and the
    # patterns chosen, the branches on places, and the exclusions they prove.
    policy = Policy()
    problem = build_problem(data, policy)
    excluded = []

    def counting(original):
        def counted(self, upper):
            pairs = original(self, upper)
            excluded.extend(pairs)
            return pairs

        return counted

    large = SearchSettings(large_model_variables=0, pattern_first_staff=0, deterministic=False)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(PatternSearch, "excluded", counting(PatternSearch.excluded))
        patch.setattr(PlacementTree, "excluded", counting(PlacementTree.excluded))
        result = solve.plan(problem, policy, settings=large)
    assert result.solve.status == "optimal"
    assert result.cost.total == brute_force_optimum(problem, policy)
    assert result.solve.bound == result.cost.total
    # Nobody works where an exclusion ruled them out.
    employer = {d.employee_id: d.municipality for d in result.employees}
    assert not [(e, m) for e, m in excluded if employer[e] == m]


def _chosen_plan(pm, search):
    values = search.choose(10)
    assert values is not None

    def value(var):
        return values.get(var.index, 0)

    return solve._read_employers(pm, value), solve._read_contacts(pm, value)


def _worked_example_patterns():
    """The worked example's problem and policy, its one profession model, and its pattern
    master run to convergence."""
    policy = Policy()
    problem = build_problem(worked_example(), policy)
    (pm,) = _models(worked_example())
    search = PatternSearch(pm)
    search.run(10)
    return problem, policy, pm, search


def test_the_plan_made_of_the_worked_example_patterns_is_its_optimum():
    problem, policy, pm, search = _worked_example_patterns()
    employer, contact = _chosen_plan(pm, search)
    assert plan_cost(problem, policy, employer, contact).total == 50
    assert employer == {"A": ISHOEJ, "B": VALLENSBAEK, "C": ISHOEJ}
    assert contact == {"c1": "B", "c2": "B", "c3": "A", "c4": "C"}


def test_the_patterns_are_asked_only_for_a_plan_cheaper_than_the_best_so_far():
    # The worked example's optimum costs 50: from it, nothing cheaper is made of the
    # patterns; from a plan of 60, the search that starts there ends at the optimum.
    problem, policy, pm, search = _worked_example_patterns()
    employer, contact = _chosen_plan(pm, search)
    optimum = plan_cost(problem, policy, employer, contact).total
    assert optimum == 50
    search.seed({var.index: value for var, value in plan_values(pm, employer, contact)})
    assert search.choose(10, optimum) is None

    worse_employer = {"A": ISHOEJ, "B": VALLENSBAEK, "C": VALLENSBAEK}
    worse_contact = {"c1": "B", "c2": "B", "c3": "A", "c4": "C"}
    worse = plan_cost(problem, policy, worse_employer, worse_contact).total
    assert worse > optimum
    search.seed({var.index: value for var, value in plan_values(pm, worse_employer, worse_contact)})
    values = search.choose(10, worse)
    assert values is not None
    chosen = solve._read_employers(pm, lambda var: values.get(var.index, 0))
    assert chosen == {"A": ISHOEJ, "B": VALLENSBAEK, "C": ISHOEJ}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.booleans().flatmap(lambda siblings: small_instances(siblings=siblings)), st.booleans())
def test_a_plan_made_of_patterns_keeps_every_hard_rule_and_costs_what_its_columns_say(
    data, relaxed
):
    policy = Policy()
    problem = build_problem(data, policy)
    for pm in _models(data, relaxed):
        search = PatternSearch(pm)
        result = search.run(10)
        assert result is not None
        employer, contact = _chosen_plan(pm, search)
        staff = {s.id for s in pm.staff}
        cases = [a for a in problem.assignments if a.case.profession == pm.profession]
        assert set(employer) == staff
        assert set(contact) == {a.id for a in cases}
        full_employer = {s.id: employer.get(s.id, problem.host) for s in problem.staff}
        assert not hard_rule_violations(problem, policy, full_employer, contact)
        cost = plan_cost(problem, policy, employer, contact, pm.profession).total
        assert cost >= result.bound


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_instances(siblings=True), st.booleans())
def test_families_too_large_to_list_their_subsets_still_give_a_bound(data, relaxed):
    # With every family of two cases or more packed case by case (its split not charged),
    # the bound is weaker but still at most the optimum.
    policy = Policy()
    total = Fraction(0)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(packing, "FAMILY_SUBSETS", 1)
        for pm in _models(data, relaxed):
            search = PatternSearch(pm)
            result = search.run(10)
            assert result is not None and search.converged
            total += result.bound
    assert total <= brute_force_optimum(build_problem(data, policy), policy)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.booleans().flatmap(lambda siblings: small_instances(siblings=siblings)))
def test_a_seeded_plan_is_a_set_of_columns_that_costs_what_the_plan_costs(data):
    # A plan's patterns, one per employee, with only them allowed in the master: the
    # master's cost is the plan's (exact families: their split is counted exactly).
    policy = Policy()
    problem = build_problem(data, policy)
    for pm in _models(data, relaxed=False):
        search = PatternSearch(pm)
        employer, contact = pm.first_plan
        values = {var.index: value for var, value in plan_values(pm, employer, contact)}
        before = len(search.patterns)
        added = search.seed(values)
        seeded = {p.employee for p in search.patterns[before:]}
        # New for every employee with work, or the empty pattern they had already.
        assert added == len(seeded)
        for k, (pattern, var) in enumerate(zip(search.patterns, search.variables, strict=True)):
            mine = k >= before or (pattern.employee not in seeded and not pattern.items)
            if not mine or employer[search.data.employees[pattern.employee].id] != (
                pattern.municipality
            ):
                var.SetUb(0)
        assert search.solver.Solve() == search.solver.OPTIMAL
        master = Fraction(search.solver.Objective().Value()) * pm.objective_unit
        cost = plan_cost(problem, policy, employer, contact, pm.profession).total
        assert float(master + pm.cost_offset) == pytest.approx(float(cost), abs=1e-6)
        # With every column allowed again, the seeded master converges to the bound an
        # unseeded one reaches (both rounded up from rounded prices: one unit apart).
        for var in search.variables:
            var.SetUb(1)
        seeded_bound = search.run(10)
        unseeded = PatternSearch(pm).run(10)
        assert seeded_bound is not None and unseeded is not None and search.converged
        assert abs(seeded_bound.bound - unseeded.bound) <= pm.objective_unit


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.booleans().flatmap(lambda siblings: small_instances(siblings=siblings)),
    st.booleans(),
    st.data(),
)
def test_a_master_without_excluded_pairs_bounds_every_plan_that_avoids_them(data, relaxed, draw):
    # One employee held in one municipality by excluding the others: no column puts them
    # elsewhere, and the bound is at most the brute-force optimum with them held there.
    policy = Policy()
    for part, pm in zip(each_profession(data, policy), _models(data, relaxed), strict=True):
        if not pm.staff:
            continue
        person = draw.draw(st.sampled_from([s.id for s in pm.staff]))
        held = draw.draw(st.sampled_from(pm.allowed[person]))
        excluded = [(person, m) for m in pm.municipalities if m != held]
        search = PatternSearch(pm, excluded)
        assert search.forbidden == (len(pm.allowed[person]) > 1)
        result = search.run(10)
        assert result is not None and search.converged
        assert result.bound <= brute_force_optimum(part, policy, fixed={person: held})
        index = [e.id for e in search.data.employees].index(person)
        assert {p.municipality for p in search.patterns if p.employee == index} == {held}


def test_the_knapsack_leaves_out_options_beaten_at_no_more_load():
    # Options (load, gain): (2, 5) is beaten by (2, 7), and (3, 6) by (2, 7) at less
    # load. The overload only grows with the load, so the best packing never needs
    # them: at every load, the best value at or below it is as if all were there.
    start = np.full(6, patterns.UNREACHABLE, dtype=np.int64)
    start[0], start[1] = 0, 3  # something of one step, worth 3, already packed
    sack = patterns.Knapsack(start)
    options = [(2, 5, ["a"]), (2, 7, ["b"]), (3, 6, ["c"]), (1, 1, ["d"])]
    sack.add_choice(options)
    brute = [max(v for v, load in _combinations(options, start) if load <= top) for top in range(6)]
    assert np.maximum.accumulate(sack.value).tolist() == brute == [0, 3, 7, 10, 10, 10]
    assert sack.read(3) == (["b"], 1)
    assert sack.read(2) == (["b"], 0)
    assert sack.read(1) == ([], 1)


def _combinations(options, start):
    """(value, load) of every packing: what `start` holds, plus one option or none."""
    packed = [(int(v), load) for load, v in enumerate(start) if v > patterns.UNREACHABLE]
    return packed + [(v + gain, load + extra) for v, load in packed for extra, gain, _ in options]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.booleans().flatmap(lambda siblings: small_instances(siblings=siblings)), st.booleans())
def test_smoothed_prices_converge_to_the_master_optimum_the_master_prices_reach(data, relaxed):
    # Smoothing only changes the prices the pricing asks at; the master's optimum, the
    # bound at convergence and its validity stay what the master's own prices give.
    policy = Policy()
    total = Fraction(0)
    for pm in _models(data, relaxed):
        results = {}
        for smoothing in (0.0, 0.5, 0.9):
            search = PatternSearch(pm, clock=Clock(SearchSettings(smoothing=smoothing)))
            result = search.run(10)
            assert result is not None and search.converged
            results[smoothing] = result
        plain = results[0.0]
        for result in results.values():
            assert float(result.master) == pytest.approx(float(plain.master), abs=1e-6)
            assert abs(result.bound - plain.bound) <= pm.objective_unit
        total += max(result.bound for result in results.values())
    assert total <= brute_force_optimum(build_problem(data, policy), policy)
