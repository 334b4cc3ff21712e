"""The tight benchmark instances are what the targets describe."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from bench.instances import PART_TIME_HOURS, TIGHT_CASES, tight

from overgang.core.planning.policy import Policy
from overgang.core.planning.problem import build_problem


def test_tight_instance_has_600_cases_loads_1_to_3_and_capacity_just_covering_load():
    policy = Policy()
    data = tight(3)
    problem = build_problem(data, policy)
    assert len(problem.municipalities) == 3
    assert len(problem.assignments) == TIGHT_CASES
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
