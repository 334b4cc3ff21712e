"""Run the monolithic MILP in a spawned process: highspy must not share one with OR-Tools.

Both ship a `libhighs.so.1` of different builds, and the dynamic loader keeps the
first one loaded, so the test process (which plans with OR-Tools) never imports
highspy itself. Only this module's functions run in the child.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from fractions import Fraction

from overgang.core.planning.policy import Policy
from overgang.core.planning.problem import Problem


@dataclass(frozen=True)
class MilpOutcome:
    status: str
    exact_cost: Fraction | None
    objective: float | None
    violations: list[str]
    employer: dict[str, int]
    contact: dict[str, str | None]
    reached_at: float | None  # seconds until an incumbent of at most the objective


def solve(problem: Problem, policy: Policy) -> MilpOutcome:
    """Return the MILP's optimum of a tiny problem (runs in the child process)."""
    from bench.milp import solve_milp

    result = solve_milp(problem, policy, time_limit=30)
    return MilpOutcome(
        status=result.status,
        exact_cost=result.exact_cost,
        objective=result.objective,
        violations=result.violations,
        employer=result.employer,
        contact=result.contact,
        reached_at=result.seconds_to_reach(result.objective)
        if result.objective is not None
        else None,
    )


@contextmanager
def milp_process() -> Iterator[ProcessPoolExecutor]:
    """Yield a pool of one spawned process that can import highspy."""
    with ProcessPoolExecutor(
        max_workers=1, mp_context=multiprocessing.get_context("spawn")
    ) as pool:
        yield pool
