"""A plan made in parts, one profession at a time, is the plan made in one process."""

from __future__ import annotations

import json
import time

import pytest

from overgang.core.planning.distribute import (
    assemble,
    part_as_dict,
    part_from_dict,
    part_time_limits,
    plan_profession,
)
from overgang.core.planning.policy import Policy
from overgang.core.planning.problem import build_problem
from overgang.core.planning.solve import plan
from overgang.demo.generator import generate


@pytest.fixture(scope="module")
def problem_and_policy():  # type: ignore[no-untyped-def]
    policy = Policy(time_limit=60)
    return build_problem(generate(scale=0.1, seed=7), policy), policy


def test_the_parts_assembled_are_the_single_process_plan_where_both_are_proven(
    problem_and_policy,
) -> None:  # type: ignore[no-untyped-def]
    problem, policy = problem_and_policy
    whole = plan(problem, policy)
    started = time.perf_counter()
    # Each part has its share of the time and goes through JSON, as it does between a
    # worker and the plan's assembly.
    seconds = part_time_limits(problem, policy)
    parts = [
        part_from_dict(
            json.loads(
                json.dumps(part_as_dict(plan_profession(problem, policy, p, seconds=seconds[p])))
            )
        )
        for p in problem.professions()
    ]
    assembled = assemble(problem, policy, parts, started)
    assert whole.solve.status == assembled.solve.status == "optimal"
    assert assembled.solve.objective == whole.solve.objective
    assert assembled.solve.bound == whole.solve.bound
    assert assembled.cost.terms == whole.cost.terms
    assert [r.profession for r in assembled.professions] == [
        r.profession for r in whole.professions
    ]
    # Where a profession's optimum is unique both find it; where it ties, each decision
    # still has a reason of the same kind and the profession the same cost.
    for mine, theirs in zip(assembled.professions, whole.professions, strict=True):
        assert mine.solve.objective == theirs.solve.objective, mine.profession


def test_a_plan_missing_a_profession_is_not_assembled(problem_and_policy) -> None:  # type: ignore[no-untyped-def]
    problem, policy = problem_and_policy
    first, *_ = problem.professions()
    with pytest.raises(ValueError, match="no plan for the professions"):
        assemble(problem, policy, [plan_profession(problem, policy, first)], time.perf_counter())


def test_the_parts_share_the_time_limit_by_the_professions_sizes(problem_and_policy) -> None:  # type: ignore[no-untyped-def]
    problem, policy = problem_and_policy
    seconds = part_time_limits(problem, policy)
    assert set(seconds) == set(problem.professions())
    # One worker running the parts one after the other keeps the plan's time limit.
    assert sum(seconds.values()) == pytest.approx(60, abs=0.3 * len(seconds))
    staff = {p: sum(s.employee.profession == p for s in problem.staff) for p in seconds}
    cases = {p: sum(a.case.profession == p for a in problem.assignments) for p in seconds}
    largest = max(seconds, key=lambda p: staff[p] * (1 + cases[p]))
    smallest = min(seconds, key=lambda p: staff[p] * (1 + cases[p]))
    assert seconds[largest] > seconds[smallest]
