"""How the deterministic planner shares its counted budget among the professions (solve.py).

The budget is the time limit's `work_share` for each of `work_processes` processes,
whatever the number of processes the plan runs in, and no profession is given more than
one process's part.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from overgang.core.planning import parallel
from overgang.core.planning.policy import Policy
from overgang.core.planning.problem import build_problem
from overgang.core.planning.search_settings import DEFAULT_SETTINGS
from overgang.core.planning.solve import plan, profession_sizes
from overgang.demo.generator import generate

ONE = replace(DEFAULT_SETTINGS, processes=1, deterministic=True, work_share=0.02)
LIMIT = 60.0  # the counted budget: 60 s x 0.02 x 2 processes = 2.4 s


@pytest.fixture(scope="module")
def scale_one():  # type: ignore[no-untyped-def]
    policy = Policy(time_limit=LIMIT)
    return build_problem(generate(scale=1.0, seed=7), policy), policy


def _first_shares(monkeypatch: pytest.MonkeyPatch) -> dict[str, float]:
    shares: dict[str, float] = {}
    start = parallel.Host.start

    def recorded(self, profession, share, ties=0.0):  # type: ignore[no-untyped-def]
        shares[profession] = share
        return start(self, profession, share, ties)

    monkeypatch.setattr(parallel.Host, "start", recorded)
    return shares


def test_the_budget_is_for_two_processes_in_one(monkeypatch, scale_one) -> None:  # type: ignore[no-untyped-def]
    problem, policy = scale_one
    shares = _first_shares(monkeypatch)
    plan(problem, policy, settings=ONE)
    size = profession_sizes(problem)
    budget = LIMIT * ONE.work_share * ONE.work_processes
    # The largest profession's first share is its part by size of both processes' budget.
    assert shares["FAM"] == pytest.approx(budget * size["FAM"] / sum(size.values()))


def test_no_profession_gets_more_than_one_process_part(monkeypatch, scale_one) -> None:  # type: ignore[no-untyped-def]
    problem, policy = scale_one
    alone = parallel._restricted(problem, {"FAM"})
    shares = _first_shares(monkeypatch)
    made = plan(alone, policy, settings=ONE)
    # Alone it is all of the size, but one process cannot do two processes' work by the limit.
    assert shares == {"FAM": pytest.approx(LIMIT * ONE.work_share)}
    assert not made.solve.stopped_on_clock
