"""The team staffing model reaches the optimum that trying every staffing finds."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from overgang.core.teams.staffing import Candidate, staff_teams, staffing_cost


@st.composite
def instances(draw):
    teams = draw(st.integers(min_value=2, max_value=3))
    size = draw(st.integers(min_value=1, max_value=5))
    candidates = [
        Candidate(
            employee_id=f"e{i}",
            capacity=draw(st.sampled_from([500, 1000, 1200])),
            load_in_team=tuple(
                draw(st.integers(min_value=0, max_value=12)) * 100 for _ in range(teams)
            ),
        )
        for i in range(size)
    ]
    demand = [draw(st.integers(min_value=0, max_value=20)) * 100 for _ in range(teams)]
    return candidates, demand


@settings(max_examples=60, deadline=None)
@given(instances())
def test_the_model_finds_the_cheapest_staffing_of_all(instance):
    candidates, demand = instance
    result = staff_teams(candidates, demand, time_limit=5)
    assert result.optimal
    assert sorted(result.team_of) == sorted(c.employee_id for c in candidates)
    ids = [c.employee_id for c in candidates]
    best = min(
        staffing_cost(candidates, demand, dict(zip(ids, teams, strict=True)))
        for teams in itertools.product(range(len(demand)), repeat=len(candidates))
    )
    assert staffing_cost(candidates, demand, result.team_of) == best


@settings(max_examples=60, deadline=None)
@given(instances())
def test_every_team_that_needs_the_profession_gets_it_while_there_are_employees_enough(instance):
    candidates, demand = instance
    result = staff_teams(candidates, demand, time_limit=5)
    needing = [t for t, d in enumerate(demand) if d > 0]
    covered = [t for t in needing if t in result.team_of.values()]
    assert len(covered) == min(len(needing), len(candidates))
