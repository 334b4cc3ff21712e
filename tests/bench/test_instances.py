"""The tight benchmark instances are what the targets describe."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

import pytest
from bench.instances import INSTANCES, LARGE_TIGHT, PART_TIME_HOURS, TIGHT_CASES, tight

from overgang.core.planning.policy import Policy
from overgang.core.planning.problem import build_problem


@pytest.mark.parametrize(
    ("name", "municipalities", "cases"),
    [("tight-3", 3, TIGHT_CASES), ("tight-4", 4, TIGHT_CASES)]
    + [(f"tight-{m}-{n}", m, n) for m, n in LARGE_TIGHT],
)
def test_tight_instance_has_its_cases_loads_1_to_3_and_capacity_just_covering_load(
    name: str, municipalities: int, cases: int
) -> None:
    policy = Policy()
    problem = build_problem(INSTANCES[name].make(), policy)
    assert len(problem.municipalities) == municipalities
    assert len(problem.assignments) == cases
    assert {a.case.load for a in problem.assignments} <= {Decimal(1), Decimal(2), Decimal(3)}
    load: dict[str, Decimal] = defaultdict(Decimal)
    capacity: dict[str, Decimal] = defaultdict(Decimal)
    for a in problem.assignments:
        load[a.case.profession] += a.case.load
    for s in problem.staff:
        capacity[s.employee.profession] += s.capacity
        if s.employee.profession in load:
            assert s.employee.hours in PART_TIME_HOURS
    for profession, total in load.items():
        assert total <= capacity[profession] <= total * Decimal("1.01")


def test_tight_instances_are_reproducible():
    assert tight(4) == tight(4)


def test_the_large_tight_instances_span_1000_to_2000_cases_and_3_to_5_municipalities():
    # #21's target names them: "1,000-2,000 in-house cases and 3-5 municipalities".
    assert {m for m, _ in LARGE_TIGHT} == {3, 4, 5}
    assert min(n for _, n in LARGE_TIGHT) == 1000
    assert max(n for _, n in LARGE_TIGHT) == 2000
