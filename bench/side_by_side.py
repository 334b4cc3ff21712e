"""The professions searched side by side: `python -m bench.side_by_side [--instances demo tight-3]`.

Each instance (bench/instances.py) planned in a fresh process with the deterministic
search (the default) at the instance's benchmark time limit, once with the professions
searched one after another in that process (`SearchSettings.processes=1`) and once in as
many processes as the machine gives (`processes=0`: one per core, at most one per
profession worth a process). Per run: status, cost, proven bound, wall seconds (building the
problem included, generating the data set not), the slowest professions, and a digest of
every decision: the two runs of an instance should show the same digest. Results go to
bench/results/side_by_side.json and the section "The professions side by side" of
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
RESULT = ROOT / "bench" / "results" / "side_by_side.json"
DOC = ROOT / "docs" / "benchmarks.md"
HEADING = "## The professions side by side"

# One plan in a fresh process; prints one JSON line. Guarded: the planner's processes
# start from a fork server, which imports the main module.
ONE_PLAN = """
import hashlib, json, sys, time
from dataclasses import replace
from bench.instances import INSTANCES
from overgang.core.planning.parallel import processes_for
from overgang.core.planning.policy import Policy
from overgang.core.planning.problem import build_problem
from overgang.core.planning.search_settings import DEFAULT_SETTINGS
from overgang.core.planning.solve import plan, profession_sizes

if __name__ == "__main__":
    instance, processes = INSTANCES[sys.argv[1]], int(sys.argv[2])
    dataset = instance.make()
    policy = Policy(time_limit=instance.plan_time_limit)
    settings = replace(DEFAULT_SETTINGS, processes=processes)
    started = time.perf_counter()
    problem = build_problem(dataset, policy)
    result = plan(problem, policy, started=started, settings=settings)
    seconds = time.perf_counter() - started
    sizes = profession_sizes(problem)
    decisions = [[repr(e) for e in result.employees], [repr(c) for c in result.cases]]
    slowest = sorted(result.professions, key=lambda r: -r.solve.seconds)[:3]
    print(json.dumps({
        "processes": processes_for(settings, sizes),
        "cost": float(result.cost.total),
        "bound": float(result.solve.bound),
        "status": str(result.solve.status),
        "seconds": round(seconds, 1),
        "stopped_on_clock": result.solve.stopped_on_clock,
        "slowest": [[r.profession, round(r.solve.seconds, 1)] for r in slowest],
        "digest": hashlib.sha256(json.dumps(decisions).encode()).hexdigest()[:12],
    }))
"""


def one_plan(instance: str, processes: int) -> dict[str, Any]:
    return json_from_snippet(ONE_PLAN, instance, str(processes), cwd=ROOT)


def write_section(run: dict[str, Any]) -> None:
    lines = [
        HEADING,
        "",
        f"{measured_on(run)}. The deterministic search (the default) at each instance's"
        " benchmark time limit, in a fresh process; one process, then the machine's (the"
        " planner's default).",
        "",
        "| instance | limit s | processes | status | cost | bound | wall s | slowest (s) |"
        " stopped by the clock | plan digest |",
        "|---|--:|--:|---|--:|--:|--:|---|---|---|",
    ]
    for name, runs in run["instances"].items():
        for one in runs:
            slowest = ", ".join(f"{p} {s}" for p, s in one["slowest"])
            lines.append(
                f"| {name} | {one['limit']:g} | {one['processes']} | {one['status']} |"
                f" {one['cost']:,.2f} | {one['bound']:,.2f} | {one['seconds']} | {slowest} |"
                f" {'yes' if one['stopped_on_clock'] else 'no'} | `{one['digest']}` |"
            )
    lines += [
        "",
        "Each profession counts its own work on the deterministic clock, and its first share"
        " is its part of the time by size whichever process takes it (docs/planning.md), so"
        " the two runs of an instance make the same plan (the same digest) unless the clock"
        " stopped one.",
        "",
    ]
    replace_section(DOC, HEADING, lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--instances",
        nargs="+",
        default=["demo", "tight-3", "tight-4", "tight-3-1000", "tight-4-1500", "tight-5-2000"],
    )
    args = parser.parse_args(argv)
    load = load_average()
    run: dict[str, Any] = {
        **measurement("bench.side_by_side", argv, load),
        "instances": {},
    }
    for name in args.instances:
        runs = []
        for processes in (1, 0):
            one = one_plan(name, processes) | {"limit": INSTANCES[name].plan_time_limit}
            print(name, json.dumps(one), flush=True)
            runs.append(one)
        run["instances"][name] = runs
    RESULT.parent.mkdir(parents=True, exist_ok=True)
    RESULT.write_text(json.dumps(run, indent=2) + "\n", encoding="utf-8")
    write_section(run)


if __name__ == "__main__":
    main()
