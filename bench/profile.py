"""Where the planner's time goes: `python -m bench.profile [--time-limit S] [--wall-clock]`.

The demo data set (scale 1.0, or `--scale`) planned once in this process, each
profession's search timed by stage: building its models (with the pooled first plan),
the pattern master, the placement tree, the dive, the plan of the chosen patterns, the
linear relaxation, the CP-SAT searches (of the relaxed families' model, then the
exact one) and the tie-break. A stage's time excludes the stages it calls. Without
`--time-limit` the plan runs until proven optimal (or the planner's default limit).
Results go to bench/results/profile.json and the section "Where the planner's time goes"
of docs/benchmarks.md, under the label `--label` (a run per label is kept: before and
after a change).
"""

from __future__ import annotations

import argparse
import functools
import json
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from bench.measure import load_average, measured_on, measurement, replace_section
from overgang.core.planning import parallel as parallel_module
from overgang.core.planning import search as search_module
from overgang.core.planning import solve as solve_module
from overgang.core.planning.policy import Policy
from overgang.core.planning.problem import build_problem
from overgang.core.planning.search_settings import DEFAULT_SETTINGS
from overgang.demo.generator import generate

ROOT = Path(__file__).resolve().parent.parent
RESULT = ROOT / "bench" / "results" / "profile.json"
DOC = ROOT / "docs" / "benchmarks.md"
HEADING = "## Where the planner's time goes"

# ProfessionSearch's methods, one per stage, in the order a share runs them.
STAGES = {
    "__init__": "build",
    "_pattern_master": "pattern master",
    "_placement_tree": "placement tree",
    "_dive": "dive",
    "_chosen_plan": "chosen patterns",
    "_relaxation_bound": "linear relaxation",
    "_relaxed_search": "CP-SAT relaxed",
    "_search": "CP-SAT",
}
TIE_BREAK = "tie-break"
COLUMNS = [*STAGES.values(), TIE_BREAK]


class Stopwatch:
    """Exclusive time per (profession, stage): a stage called from another pauses it."""

    def __init__(self) -> None:
        self.seconds: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        self.stack: list[tuple[str, str, float]] = []

    def timed(self, stage: str, profession: Callable[..., str]) -> Callable[..., Any]:
        def wrap(method: Callable[..., Any]) -> Callable[..., Any]:
            @functools.wraps(method)
            def timed_method(*args: Any, **kwargs: Any) -> Any:
                self._enter(profession(*args, **kwargs), stage)
                try:
                    return method(*args, **kwargs)
                finally:
                    self._leave()

            return timed_method

        return wrap

    def _enter(self, profession: str, stage: str) -> None:
        now = time.perf_counter()
        if self.stack:
            outer_profession, outer_stage, since = self.stack[-1]
            self.seconds[outer_profession][outer_stage] += now - since
        self.stack.append((profession, stage, now))

    def _leave(self) -> None:
        now = time.perf_counter()
        profession, stage, since = self.stack.pop()
        self.seconds[profession][stage] += now - since
        if self.stack:
            outer_profession, outer_stage, _ = self.stack[-1]
            self.stack[-1] = (outer_profession, outer_stage, now)


def instrument(watch: Stopwatch) -> None:
    cls = search_module.ProfessionSearch
    for name, stage in STAGES.items():
        if name == "__init__":
            # The profession is the fourth argument: (self, problem, policy, profession, ...)
            setattr(cls, name, watch.timed(stage, lambda *a, **k: a[3])(getattr(cls, name)))
        else:
            setattr(
                cls,
                name,
                watch.timed(stage, lambda self, *a, **k: self.profession)(getattr(cls, name)),
            )
    parallel_module.break_ties = watch.timed(TIE_BREAK, lambda *a, **k: a[2])(
        parallel_module.break_ties
    )


def write_section(runs: dict[str, Any]) -> None:
    lines = [HEADING, ""]
    for label, run in runs.items():
        lines += [
            f"### {label}",
            "",
            f"{measured_on(run)}:"
            f" {run['status']}, cost {run['cost']:,.2f}, bound {run['bound']:,.2f},"
            f" {run['seconds']:.1f} s in all ({run['load_seconds']:.1f} s of it building the problem).",
            "",
            "| profession | " + " | ".join(COLUMNS) + " | all | proven |",
            "|---|" + "--:|" * (len(COLUMNS) + 1) + "---|",
        ]
        for profession, row in run["professions"].items():
            cells = [f"{row['stages'].get(stage, 0.0):.2f}" for stage in COLUMNS]
            lines.append(
                f"| {profession} | " + " | ".join(cells) + f" | {sum(row['stages'].values()):.2f}"
                f" | {'yes' if row['proven'] else 'no'} |"
            )
        lines.append("")
    replace_section(DOC, HEADING, lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time-limit", type=float, default=None)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--wall-clock", action="store_true", help="the search on the clock")
    parser.add_argument("--label", default="now", help="the run's heading in the section")
    args = parser.parse_args(argv)
    load = load_average()
    watch = Stopwatch()
    instrument(watch)
    dataset = generate(scale=args.scale)
    policy = Policy(time_limit=args.time_limit, deterministic=not args.wall_clock)
    started = time.perf_counter()
    problem = build_problem(dataset, policy)
    loaded = time.perf_counter() - started
    # The stages are timed in this process: the professions are searched one after another.
    settings = replace(DEFAULT_SETTINGS, processes=1)
    result = solve_module.plan(problem, policy, started=started, settings=settings)
    seconds = time.perf_counter() - started
    run = {
        **measurement("bench.profile", argv, load),
        "status": str(result.solve.status),
        "cost": float(result.cost.total),
        "bound": float(result.solve.bound),
        "seconds": round(seconds, 2),
        "load_seconds": round(loaded, 2),
        "professions": {
            r.profession: {
                "stages": {k: round(v, 3) for k, v in watch.seconds[r.profession].items()},
                "proven": r.solve.objective <= r.solve.bound,
            }
            for r in result.professions
        },
    }
    print(json.dumps(run, indent=2))
    runs = json.loads(RESULT.read_text(encoding="utf-8")) if RESULT.exists() else {}
    runs[args.label] = run
    RESULT.write_text(json.dumps(runs, indent=2) + "\n", encoding="utf-8")
    write_section(runs)


if __name__ == "__main__":
    main()
