"""The deterministic clock's rates against this machine: `python -m bench.clock_rates`.

The deterministic search (docs/planning.md, "A clock that counts work") charges each
step a count of its work turned into seconds by a rate in `SearchSettings`. A rate too
high starves the step of its share, too low lets it overrun the time limit. Each
instance (bench/instances.py) is planned once in a fresh process, in one process
(`processes=1`), at its benchmark time limit; every pricing, CLP solve and CP-SAT solve
is timed on the wall and its charge read off the clock. Per instance and step: calls,
wall seconds, counted seconds and their ratio (1.0: the rate is this machine's).
Results go to bench/results/clock_rates.json and the section "The clock's rates" of
docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from bench.instances import INSTANCES
from bench.measure import (
    json_from_snippet,
    load_average,
    measured_on,
    measurement,
    replace_section,
)

ROOT = Path(__file__).resolve().parent.parent
RESULT = ROOT / "bench" / "results" / "clock_rates.json"
DOC = ROOT / "docs" / "benchmarks.md"
HEADING = "## The clock's rates"
STEPS = ("pricing", "CLP", "CP-SAT")

# One instance in a fresh process, every timed step wrapped; prints one JSON line.
ONE_INSTANCE = """
import json, sys, time
from dataclasses import replace
from bench.clock_rates import STEPS
from bench.instances import INSTANCES
from overgang.core.planning import determinism
from overgang.core.planning.patterns.column_generation import PatternSearch
from overgang.core.planning.policy import Policy
from overgang.core.planning.problem import build_problem
from overgang.core.planning.search_settings import DEFAULT_SETTINGS
from overgang.core.planning.solve import plan

steps = {name: {"calls": 0, "wall": 0.0, "counted": 0.0} for name in STEPS}

def timed(name, method, clock_of):
    def wrapper(self, *args):
        clock = clock_of(self)
        started, charged = time.perf_counter(), clock.work
        out = method(self, *args)
        step = steps[name]
        step["calls"] += 1
        step["wall"] += time.perf_counter() - started
        step["counted"] += clock.work - charged
        return out
    return wrapper

PatternSearch._price = timed("pricing", PatternSearch._price, lambda s: s.clock)
determinism.Clock.solve_lp = timed("CLP", determinism.Clock.solve_lp, lambda s: s)
determinism.Clock.solve = timed("CP-SAT", determinism.Clock.solve, lambda s: s)

instance = INSTANCES[sys.argv[1]]
policy = Policy(time_limit=instance.plan_time_limit)
dataset = instance.make()
started = time.perf_counter()
result = plan(build_problem(dataset, policy), policy, started=started,
              settings=replace(DEFAULT_SETTINGS, processes=1))
print(json.dumps({
    "status": str(result.solve.status),
    "seconds": round(time.perf_counter() - started, 1),
    "stopped_on_clock": result.solve.stopped_on_clock,
    "steps": steps,
}))
"""


def one_instance(name: str) -> dict[str, Any]:
    return json_from_snippet(ONE_INSTANCE, name, cwd=ROOT)


def write_section(run: dict[str, Any]) -> None:
    lines = [
        HEADING,
        "",
        f"{measured_on(run)}. Each instance planned once in one process at its benchmark"
        " time limit; every step timed on the wall and its charge read off the deterministic"
        " clock.",
        "",
        "| instance | plan | step | calls | wall s | counted s | counted / wall |",
        "|---|---|---|--:|--:|--:|--:|",
    ]
    for name, one in run["instances"].items():
        stopped = ", stopped by the clock" if one["stopped_on_clock"] else ""
        outcome = f"{one['status']} in {one['seconds']:.1f} s{stopped}"
        for step in STEPS:
            measured = one["steps"][step]
            wall, counted = measured["wall"], measured["counted"]
            ratio = f"{counted / wall:.2f}" if wall else "–"
            lines.append(
                f"| {name} | {outcome} | {step} | {measured['calls']:,} | {wall:.2f}"
                f" | {counted:.2f} | {ratio} |"
            )
    lines += [
        "",
        'The rates are in `SearchSettings` (docs/planning.md, "A clock that counts work"):'
        " CP-SAT 0.5 deterministic units a second; CLP 5 × 10⁻⁸ s per simplex iteration and"
        " row and column, and 0.3 ms a solve; the pricing 4.6 × 10⁻⁸ s a knapsack cell,"
        " and 1 ms a pricing.",
        "",
    ]
    replace_section(DOC, HEADING, lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--instances",
        nargs="+",
        choices=sorted(INSTANCES),
        default=["demo", "tight-4", "tight-3-1000", "tight-5-2000", "scale-10"],
    )
    args = parser.parse_args(argv)
    run: dict[str, Any] = {
        **measurement("bench.clock_rates", argv, load_average()),
        "instances": {},
    }
    for name in args.instances:
        run["instances"][name] = one_instance(name)
        print(name, json.dumps(run["instances"][name]), flush=True)
    RESULT.parent.mkdir(parents=True, exist_ok=True)
    RESULT.write_text(json.dumps(run, indent=2) + "\n", encoding="utf-8")
    write_section(run)


if __name__ == "__main__":
    main()
