"""With deterministic search settings, the same data give the same plan under a time limit too."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

# Plans the demo data set (scaled) under a time limit in a fresh process, deterministically, and prints the plan's decisions,
# costs and bound: everything the plan file holds but its id, creation time and seconds.
PLAN_THE_DEMO = textwrap.dedent(
    """
    import dataclasses, json, sys
    from overgang.core.planning.policy import Policy
    from overgang.core.planning.problem import build_problem
    from overgang.core.planning.search_settings import SearchSettings
    from overgang.core.planning.solve import plan
    from overgang.demo.generator import generate

    policy = Policy(time_limit=float(sys.argv[1]))
    problem = build_problem(generate(scale=float(sys.argv[2])), policy)
    result = plan(problem, policy, settings=SearchSettings(deterministic=True))
    print(json.dumps({
        "employees": [repr(e) for e in result.employees],
        "cases": [repr(c) for c in result.cases],
        "cost": str(result.cost.total),
        "bound": str(result.solve.bound),
        "professions": [
            (r.profession, str(r.solve.objective), str(r.solve.bound)) for r in result.professions
        ],
    }))
    """
)


def plan_in_a_fresh_process(time_limit: float, scale: float) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", PLAN_THE_DEMO, str(time_limit), str(scale)],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    return json.loads(done.stdout.splitlines()[-1])  # type: ignore[no-any-return]


@pytest.mark.slow
def test_a_smaller_demo_plan_under_a_time_limit_made_in_fresh_processes_is_the_same_plan():
    first = plan_in_a_fresh_process(5, 0.6)
    again = plan_in_a_fresh_process(5, 0.6)
    assert first == again
