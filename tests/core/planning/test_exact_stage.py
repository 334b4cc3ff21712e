"""After branching on places with relaxed families: the exact patterns, and the dive."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from overgang.core.planning import solve
from overgang.core.planning.cost import plan_cost
from overgang.core.planning.patterns import PatternSearch
from overgang.core.planning.policy import Policy
from overgang.core.planning.problem import build_problem
from overgang.core.planning.search_settings import SearchSettings
from tests.core.factories import ISHOEJ, VALLENSBAEK, case, citizen, dataset, employee, interview
from tests.core.planning.strategies import each_profession, small_instances
from tests.core.planning.test_optimality import brute_force_optimum


def _siblings_that_cannot_stay_together():
    """X (wishes Vallensbæk) holds two siblings' cases in Ishøj; B and C (wish Ishøj)
    each hold a case of load 9 (capacity 10, limit 12) and have room for one more
    without overload."""
    return dataset(
        employees=[employee("X"), employee("B"), employee("C")],
        interviews=[interview("X", VALLENSBAEK), interview("B", ISHOEJ), interview("C", ISHOEJ)],
        citizens=[
            citizen("s1", ISHOEJ, "f"),
            citizen("s2", ISHOEJ, "f"),
            citizen("b", ISHOEJ),
            citizen("c", ISHOEJ),
        ],
        cases=[
            case("k1", "s1", ISHOEJ, "X"),
            case("k2", "s2", ISHOEJ, "X"),
            case("kb", "b", ISHOEJ, "B", load=9),
            case("kc", "c", ISHOEJ, "C", load=9),
        ],
    )


def test_the_exact_patterns_prove_the_split_the_relaxed_families_cannot_see():
    # X moves by wish; the siblings' cases change contact person (2 x 10) and, as B
    # and C can each take one without overload (both on one: 20 of overload), the
    # family is split (5): 25. Staying would cost the wish (100). With families relaxed
    # the split of handed-on cases is not seen: those patterns and their branches prove
    # 20 only. The exact model's patterns, without the pairs ruled out so far, prove 25.
    policy = Policy()
    problem = build_problem(_siblings_that_cannot_stay_together(), policy)
    masters: list[tuple[bool, object]] = []
    original = PatternSearch.run

    def recording(self, seconds):
        result = original(self, seconds)
        masters.append((self.pm.relaxed_families, result and result.bound))
        return result

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(PatternSearch, "run", recording)
        result = solve.plan(
            problem,
            policy,
            settings=SearchSettings(
                pattern_first_staff=0, deterministic=False, exact_stage_rows=150
            ),
        )
    assert masters == [(True, 20), (False, 25)]
    assert brute_force_optimum(problem, policy) == 25
    assert result.solve.status == "optimal"
    assert result.solve.bound == result.cost.total == 25
    contact = {d.case_id: d.contact_person for d in result.cases}
    assert {contact["k1"], contact["k2"]} == {"B", "C"}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.booleans().flatmap(lambda siblings: small_instances(siblings=siblings)), st.data())
def test_the_dive_is_the_cheapest_plan_with_everyone_where_it_says(data, draw):
    policy = Policy()
    for part in each_profession(data, policy):
        (profession,) = part.professions()
        staff = list(part.staff)
        search = solve._Search(part, policy, profession, staff, list(part.assignments), 1.0)
        place = {s.id: draw.draw(st.sampled_from(search.pm.allowed[s.id])) for s in staff}
        dive = search._dive(place, 10)
        assert dive is not None
        employer, contact = dive
        assert employer == place
        cost = plan_cost(part, policy, employer, contact, profession).total
        assert cost == brute_force_optimum(part, policy, fixed=place)


def test_no_dive_where_the_exclusions_leave_everyone_one_place():
    # The dive fixes everyone's place; where the pattern bound's exclusions already
    # have, it would search the model the exact search searches next.
    policy = Policy()
    problem = build_problem(_siblings_that_cannot_stay_together(), policy)
    (profession,) = problem.professions()
    staff = list(problem.staff)
    search = solve._Search(problem, policy, profession, staff, list(problem.assignments), 1.0)
    place = {s.id: search.pm.allowed[s.id][0] for s in staff}
    others = [(s.id, m) for s in staff for m in search.pm.allowed[s.id] if m != place[s.id]]
    assert others
    search.excluded = set(others)
    assert not search._places_open(place)
    search.excluded = set(others[1:])
    assert search._places_open(place)
