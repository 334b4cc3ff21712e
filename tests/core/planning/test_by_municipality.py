"""Once everyone's place is settled, a profession is searched municipality by municipality
(by_municipality.py): the optimum and the bound are those of the whole profession with
those places, which brute force finds by trying every plan."""

from __future__ import annotations

from fractions import Fraction
from random import Random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ortools.sat.python import cp_model

from overgang.core.domain import Dataset
from overgang.core.planning.by_municipality import Parts, families_apart
from overgang.core.planning.cost import hard_rule_violations, plan_cost
from overgang.core.planning.determinism import Clock
from overgang.core.planning.model import ProfessionModel
from overgang.core.planning.policy import Policy
from overgang.core.planning.prices import allowed_municipalities
from overgang.core.planning.problem import Problem
from overgang.core.planning.search_settings import DEFAULT_SETTINGS
from tests.core.factories import case, citizen, dataset, employee
from tests.core.planning.strategies import each_profession, small_instances
from tests.core.planning.test_fixes_and_reference import instances_with_history
from tests.core.planning.test_optimality import brute_force_optimum


def _solver(pm: ProfessionModel, seconds: float) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = 10
    solver.parameters.num_workers = 1
    return solver


def _parts(problem: Problem, policy: Policy, profession: str, place: dict[str, int]) -> Parts:
    return Parts.build(
        problem,
        policy,
        profession,
        list(problem.staff),
        list(problem.assignments),
        place,
        relaxed=False,
        settings=DEFAULT_SETTINGS,
        clock=Clock(DEFAULT_SETTINGS),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_instances(siblings=True), st.booleans(), st.randoms(use_true_random=False))
def test_by_municipality_the_optimum_of_the_settled_places(data, voluntary_only, random):  # type: ignore[no-untyped-def]
    _assert_parts_optimal(data, Policy(voluntary_only=voluntary_only), random)


def _assert_parts_optimal(data: Dataset, policy: Policy, random: Random) -> None:
    """With random places, each profession's parts prove the brute-force optimum."""
    for problem in each_profession(data, policy):
        profession = problem.staff[0].employee.profession if problem.staff else None
        if profession is None or not families_apart(problem.assignments):
            continue
        allowed = allowed_municipalities(problem, policy)
        place = {s.id: random.choice(allowed[s.id]) for s in problem.staff}
        parts = _parts(problem, policy, profession, place)
        contact, bound, proven = parts.solve({}, 10.0, _solver, Clock(DEFAULT_SETTINGS))
        optimum = brute_force_optimum(problem, policy, fixed=place)
        assert proven
        assert hard_rule_violations(problem, policy, place, contact) == []
        assert plan_cost(problem, policy, place, contact).total == optimum
        assert bound == optimum


def _two_cases(
    staff: tuple[str, ...], contacts: tuple[str, str], family: str | None = None
) -> Problem:
    """Psychologists in 183 and 187: a child in each, with the given contact persons."""
    data = dataset(
        [employee(e, profession="PSY") for e in staff],
        [],
        [citizen("b1", 183, family), citizen("b2", 187, family)],
        [
            case("c1", "b1", 183, contacts[0], profession="PSY"),
            case("c2", "b2", 187, contacts[1], profession="PSY"),
        ],
        professions=(("PSY", 4),),
        codes=(183, 187),
    )
    (problem,) = each_profession(data, Policy())
    return problem


def test_a_family_in_two_municipalities_keeps_the_profession_whole() -> None:
    problem = _two_cases(("E1", "E2"), ("E1", "E1"), family="f1")
    # Its split counts contact persons in both: their models would each count one.
    assert not families_apart(problem.assignments)
    assert families_apart(problem.assignments[:1])


def test_a_municipality_nobody_works_for_still_counts_its_cases_and_needs() -> None:
    policy = Policy()
    problem = _two_cases(("E1",), ("E1", "E1"))
    place = {"E1": 183}
    parts = _parts(problem, policy, "PSY", place)
    contact, bound, _ = parts.solve({}, 10.0, _solver, Clock(DEFAULT_SETTINGS))
    assert contact == {"c1": "E1", "c2": None}
    assert bound == plan_cost(problem, policy, place, contact).total > Fraction(0)


def test_a_municipality_proven_once_is_not_searched_again() -> None:
    policy = Policy()
    problem = _two_cases(("E1", "E2"), ("E1", "E2"))
    parts = _parts(problem, policy, "PSY", {"E1": 183, "E2": 187})
    first = parts.solve({}, 10.0, _solver, Clock(DEFAULT_SETTINGS))
    searched: list[ProfessionModel] = []

    def counted(pm: ProfessionModel, seconds: float) -> cp_model.CpSolver:
        searched.append(pm)
        return _solver(pm, seconds)

    # The dive proved both; the exact search with the same places takes what it proved.
    assert parts.solve({}, 10.0, counted, Clock(DEFAULT_SETTINGS)) == first
    assert first == ({"c1": "E1", "c2": "E2"}, first[1], True)
    assert searched == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances_with_history(), st.randoms(use_true_random=False))
def test_by_municipality_a_reference_plan_and_history_keep_the_optimum(instance, random):  # type: ignore[no-untyped-def]
    # The reference plan's contact person of a case may work in another municipality:
    # changing from them still costs there.
    data, policy = instance
    _assert_parts_optimal(data, policy, random)
