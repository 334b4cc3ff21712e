"""The professions searched side by side in processes give the plan searched in one.

On the deterministic clock each profession counts its own work (parallel.py), so the
plan is the same whatever the number of processes; a process that dies or a plan that
is cancelled leaves no process behind.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from dataclasses import replace

import pytest

from overgang.core.planning import parallel
from overgang.core.planning.plan import PlanningError
from overgang.core.planning.policy import Policy
from overgang.core.planning.problem import build_problem
from overgang.core.planning.search_settings import DEFAULT_SETTINGS
from overgang.core.planning.solve import plan
from overgang.demo.generator import generate

ONE = replace(DEFAULT_SETTINGS, processes=1)
# Every profession worth a process of its own, so that a small data set runs in two.
TWO = replace(DEFAULT_SETTINGS, processes=2, process_min_size=0)


@pytest.fixture(scope="module")
def problem_and_policy():  # type: ignore[no-untyped-def]
    policy = Policy(time_limit=120)
    return build_problem(generate(scale=0.1, seed=7), policy), policy


@pytest.mark.parametrize("scale", [0.1, 1.0])
def test_two_processes_make_the_plan_one_makes(scale: float) -> None:
    # A counted budget of 1.2 s within a wall-clock limit of 60 s: at scale 1 the search
    # stops on its work, unproven, and however busy the machine, never on the clock.
    policy = Policy(time_limit=60)
    problem = build_problem(generate(scale=scale, seed=7), policy)
    budget = {"work_share": 0.02}
    alone = plan(problem, policy, settings=replace(ONE, **budget))
    processes: list[int] = []

    def progress(step: str, done: int, total: int) -> None:
        processes.append(len(multiprocessing.active_children()))

    beside = plan(problem, policy, progress, settings=replace(TWO, **budget))
    assert max(processes) == 2
    assert alone.solve.status == ("optimal" if scale < 1 else "feasible")
    assert not alone.solve.stopped_on_clock and not beside.solve.stopped_on_clock
    assert beside.employer() == alone.employer()
    assert beside.contacts() == alone.contacts()
    assert (beside.solve.status, beside.solve.objective, beside.solve.bound) == (
        alone.solve.status,
        alone.solve.objective,
        alone.solve.bound,
    )
    assert [(r.profession, r.solve.objective, r.solve.bound) for r in beside.professions] == [
        (r.profession, r.solve.objective, r.solve.bound) for r in alone.professions
    ]
    assert multiprocessing.active_children() == []


def test_a_planning_process_that_dies_fails_the_plan_and_leaves_none_behind(
    problem_and_policy,
) -> None:  # type: ignore[no-untyped-def]
    problem, policy = problem_and_policy
    killed: list[int] = []

    def progress(step: str, done: int, total: int) -> None:
        children = multiprocessing.active_children()
        if children and not killed:
            killed.append(children[0].pid or 0)
            os.kill(killed[0], signal.SIGKILL)

    with pytest.raises(PlanningError, match="a planning process ended unexpectedly"):
        plan(problem, policy, progress, settings=TWO)
    assert killed and multiprocessing.active_children() == []


def test_a_cancelled_plan_ends_its_processes(problem_and_policy) -> None:  # type: ignore[no-untyped-def]
    problem, policy = problem_and_policy

    class Cancelled(Exception):
        pass

    def progress(step: str, done: int, total: int) -> None:
        if done:
            raise Cancelled

    with pytest.raises(Cancelled):
        plan(problem, policy, progress, settings=TWO)
    assert multiprocessing.active_children() == []


def test_a_profession_its_first_share_proves_has_its_ties_broken_beside_the_others(
    problem_and_policy,
) -> None:  # type: ignore[no-untyped-def]
    # No tie-break waits for every first share: each comes with the share that proves it.
    problem, policy = problem_and_policy
    asked_apart: list[str] = []
    broken: list[str] = []
    original_break = parallel.Host._break_ties

    def recording(self, search, seconds):  # type: ignore[no-untyped-def]
        broken.append(search.profession)
        original_break(self, search, seconds)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(parallel.Host, "tie_break", lambda self, p, s: asked_apart.append(p))
        patch.setattr(parallel.Host, "_break_ties", recording)
        result = plan(problem, policy, settings=ONE)
    assert result.solve.status == "optimal"
    assert asked_apart == []
    assert broken and set(broken) <= set(problem.professions())
