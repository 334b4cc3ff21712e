"""Of several plans of least cost, the planner's is the one the stated rule names
(docs/planning.md, "Ties"), checked against every plan of small instances."""

from __future__ import annotations

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from overgang.core.planning.determinism import Clock
from overgang.core.planning.policy import Policy
from overgang.core.planning.problem import Problem, build_problem
from overgang.core.planning.search import ProfessionSearch
from overgang.core.planning.search_settings import DEFAULT_SETTINGS
from overgang.core.planning.solve import plan
from overgang.core.planning.tiebreak import break_ties
from tests.core.factories import case, citizen, dataset, employee, interview
from tests.core.planning.strategies import each_profession, small_instances
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


def test_with_the_places_chosen_each_municipality_breaks_its_own_ties() -> None:
    # Two interchangeable colleagues in each municipality, and a case in each whose contact
    # person has left: either colleague takes it at the same cost, and the rule names the
    # lower id. The search's plan here gives both cases to the higher one.
    data = dataset(
        [employee(e, profession="PSY") for e in ("E1", "E2", "E3", "E4")],
        [interview("E1", 183), interview("E2", 183), interview("E3", 187), interview("E4", 187)],
        [citizen("b1", 183), citizen("b2", 187), citizen("b3", 183), citizen("b4", 187)],
        [
            case("c1", "b1", 183, None, profession="PSY"),
            case("c2", "b2", 187, None, profession="PSY"),
            case("c3", "b3", 183, "E1", profession="PSY"),
            case("c4", "b4", 187, "E3", profession="PSY"),
        ],
        professions=(("PSY", 4),),
        codes=(183, 187),
    )
    policy = Policy()
    (problem,) = each_profession(data, policy)
    employer = {"E1": 183, "E2": 183, "E3": 187, "E4": 187}
    searched = {"c1": "E2", "c2": "E4", "c3": "E1", "c4": "E3"}
    tie = break_ties(
        problem,
        policy,
        "PSY",
        list(problem.staff),
        list(problem.assignments),
        (employer, searched),
        Clock(DEFAULT_SETTINGS),
        30.0,
    )
    assert tie.complete
    assert tie.employer == employer
    assert tie.contact == {"c1": "E1", "c2": "E3", "c3": "E1", "c4": "E3"}


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(st.one_of(small_instances(), small_instances(siblings=True)), st.booleans())
def test_what_the_search_excluded_no_plan_of_least_cost_uses_and_the_rule_is_unchanged(
    data, voluntary_only
):
    # The tie-break takes the search's exclusions as answered questions: sound only if
    # no plan of least cost works anywhere the search ruled out.
    policy = Policy(voluntary_only=voluntary_only)
    for problem in each_profession(data, policy):
        profession = problem.staff[0].employee.profession if problem.staff else None
        if profession is None or not problem.assignments:
            continue
        staff, cases = list(problem.staff), list(problem.assignments)
        search = ProfessionSearch(problem, policy, profession, staff, cases, 10.0)
        search.run(10.0)
        assert search.proven
        _, plans = plans_of_least_cost(problem, policy)
        used = {(e, m) for employer, _ in plans for e, m in employer.items()}
        assert not used & search.excluded

        searched = (search.employer, search.contact)
        ties = [
            break_ties(
                problem,
                policy,
                profession,
                staff,
                cases,
                searched,
                Clock(DEFAULT_SETTINGS),
                30.0,
                excluded=excluded,
            )
            for excluded in (search.excluded, set())
        ]
        assert ties[0] == ties[1]
