"""What the deterministic search costs: `python -m bench.reproducible [--limits 15 60] [--runs 2]`.

The demo data set (scale 1.0) planned in fresh processes, `--runs` times per time limit
with each search: the deterministic one (the default) and the wall-clock one (`overgang
plan --wall-clock`, the search before issue 20). Each process plans as `overgang plan`
does from an imported workbook, without the database: `plan()` with the limit counted
from the start of building the problem. Per run: cost, proven bound, wall seconds,
whether the deterministic search was stopped by the clock, and a digest of every
decision, so that runs that made the same plan show the same digest. Results go to
bench/results/reproducible.json and the section "Reproducible plans: the deterministic
search against the wall-clock one" of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from bench.measure import (
    json_from_snippet,
    load_average,
    measured_on,
    measurement,
    replace_section,
)

ROOT = Path(__file__).resolve().parent.parent
RESULT = ROOT / "bench" / "results" / "reproducible.json"
DOC = ROOT / "docs" / "benchmarks.md"
HEADING = "## Reproducible plans: the deterministic search against the wall-clock one"

# One plan in a fresh process; prints one JSON line.
ONE_PLAN = """
import hashlib, json, sys, time
from overgang.core.planning.policy import Policy
from overgang.core.planning.problem import build_problem
from overgang.core.planning.solve import plan
from overgang.demo.generator import generate

limit, deterministic = float(sys.argv[1]), sys.argv[2] == "deterministic"
dataset = generate()
policy = Policy(time_limit=limit, deterministic=deterministic)
started = time.perf_counter()
result = plan(build_problem(dataset, policy), policy, started=started)
seconds = time.perf_counter() - started
decisions = [[repr(e) for e in result.employees], [repr(c) for c in result.cases]]
print(json.dumps({
    "cost": float(result.cost.total),
    "bound": float(result.solve.bound),
    "status": str(result.solve.status),
    "seconds": round(seconds, 1),
    "stopped_on_clock": result.solve.stopped_on_clock,
    "digest": hashlib.sha256(json.dumps(decisions).encode()).hexdigest()[:12],
}))
"""

SEARCHES = ("deterministic", "wall clock")


def one_plan(limit: float, search: str) -> dict[str, Any]:
    row = json_from_snippet(ONE_PLAN, str(limit), search.replace(" ", "_"), cwd=ROOT)
    return {"limit": limit, "search": search, **row}


def write_section(result: dict[str, Any]) -> None:
    lines = [
        HEADING,
        "",
        f"{measured_on(result)}. The demo data set (scale 1.0), each plan in a"
        " fresh process, the limit counted from building the problem.",
        "",
        "| limit | search | cost | bound | gap | wall s | stopped by the clock | decisions (digest) |",
        "|--:|---|--:|--:|--:|--:|---|---|",
    ]
    for r in result["runs"]:
        gap = (r["cost"] - r["bound"]) / r["cost"] if r["cost"] else 0.0
        clock = "yes" if r["stopped_on_clock"] else "no"
        if r["search"] != "deterministic":
            clock = "–"
        lines.append(
            f"| {r['limit']:.0f} s | {r['search']} | {r['cost']:,.2f} | {r['bound']:,.2f}"
            f" | {gap:.2%} | {r['seconds']:.1f} | {clock} | `{r['digest']}` |"
        )
    lines += ["", *result["summary"], ""]
    replace_section(DOC, HEADING, lines)


def summary(runs: list[dict[str, Any]]) -> list[str]:
    """A sentence per limit: did the deterministic runs agree, and what did they cost."""
    lines = []
    for limit in sorted({r["limit"] for r in runs}):
        of = {s: [r for r in runs if r["limit"] == limit and r["search"] == s] for s in SEARCHES}
        same = {s: len({r["digest"] for r in of[s]}) == 1 for s in SEARCHES}
        best = {s: min(r["cost"] for r in of[s]) for s in SEARCHES}
        cost = (best["deterministic"] - best["wall clock"]) / best["wall clock"]
        lines.append(
            f"- {limit:.0f} s: the deterministic runs made"
            f" {'the same plan' if same['deterministic'] else 'DIFFERENT plans'}, the"
            f" wall-clock runs {'the same plan' if same['wall clock'] else 'different plans'};"
            f" the deterministic plan costs {cost:+.2%} against the wall-clock runs' best."
        )
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limits", type=float, nargs="+", default=[15.0, 60.0])
    parser.add_argument("--runs", type=int, default=2, help="fresh processes per limit and search")
    args = parser.parse_args(argv)
    load = load_average()
    runs = []
    for limit in args.limits:
        for search in SEARCHES:
            for _ in range(args.runs):
                runs.append(one_plan(limit, search))
                print(json.dumps(runs[-1]), flush=True)
    result = {
        **measurement("bench.reproducible", argv, load),
        "runs": runs,
        "summary": summary(runs),
    }
    RESULT.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    write_section(result)


if __name__ == "__main__":
    main()
