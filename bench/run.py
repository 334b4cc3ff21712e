"""Benchmark the planner: `python -m bench.run [--only NAME] [--time-limit S] [--milp-time-limit S]`.

For each instance, in one run and one after the other:

1. generate the data set and write it as a workbook in a scratch folder;
2. `overgang import` it into a fresh SQLite database, then time
   `overgang plan --json plan.json --time-limit S` in a subprocess (wall time and
   peak RSS through GNU time), and read status, objective, bound and gap from the
   plan file; the plan's assignments are checked against the hard rules and their
   cost recomputed with plan_cost on the same data set;
3. run the greedy baseline in this process;
4. run the monolithic MILP (HiGHS) in a subprocess of its own, told the plan's cost
   so that it reports when it first reaches it;
5. store the result in bench/results/NAME.json and rewrite the tables of
   docs/benchmarks.md from every stored result.

This process never imports OR-Tools: see bench/milp_worker.py for why.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from fractions import Fraction
from pathlib import Path
from typing import Any

from bench.greedy import greedy_plan
from bench.instances import INSTANCES, Instance
from bench.measure import git_commit, load_average, machine, run_measured
from bench.milp import DEFAULT_MAX_PAIRS, REACH_TOLERANCE, count_binaries
from bench.report import load_results, write_report
from overgang.core.planning.cost import hard_rule_violations, plan_cost
from overgang.core.planning.policy import Policy
from overgang.core.planning.problem import Problem, build_problem
from overgang.io.write import write_workbook

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DOC = ROOT / "docs" / "benchmarks.md"
BIN = Path(sys.executable).parent
# Peak memory of the MILP process per takes[c, e] binary: 9.2 GiB for 4.75 M binaries
# at scale 10, still in presolve. Used only to say why a larger model is not built.
BYTES_PER_BINARY = 2_000


def log(message: str) -> None:
    print(f"[{datetime.now():%H:%M:%S}] {message}", flush=True)


def run_instance(
    instance: Instance,
    *,
    plan_time_limit: float,
    milp_time_limit: float,
    milp: bool,
    command: str,
    scratch: Path,
    reuse_milp: bool = False,
) -> dict[str, Any]:
    """Return the measured results of one instance."""
    started = time.perf_counter()
    log(f"{instance.name}: generating")
    dataset = instance.make()
    generate_seconds = time.perf_counter() - started
    policy = Policy()
    problem = build_problem(dataset, policy)
    workbook = scratch / f"{instance.name}.xlsx"
    write_workbook(dataset, workbook)
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{scratch / 'overgang.sqlite3'}",
        "OVERGANG_LANG": "en",
    }
    log(f"{instance.name}: importing {len(problem.assignments):,} in-house cases")
    imported = run_measured([str(BIN / "overgang"), "import", str(workbook)], env=env)
    if imported.returncode != 0:
        raise RuntimeError(f"import failed:\n{imported.stdout}\n{imported.stderr}")

    load_before = load_average()
    plan = _run_plan(instance, problem, policy, plan_time_limit, scratch, env)

    greedy_started = time.perf_counter()
    g_employer, g_contact = greedy_plan(problem, policy)
    greedy_seconds = time.perf_counter() - greedy_started
    greedy_cost = plan_cost(problem, policy, g_employer, g_contact)
    greedy = {
        "seconds": round(greedy_seconds, 3),
        "objective": float(greedy_cost.total),
        "terms": {name: float(value) for name, value in greedy_cost.terms.items()},
        "violations": len(hard_rule_violations(problem, policy, g_employer, g_contact)),
    }
    log(f"{instance.name}: greedy {greedy['objective']:.2f}")

    reused = _reused_milp(instance, problem, plan.get("objective")) if reuse_milp else None
    milp_result = reused or _run_milp(
        instance, problem, policy, milp, milp_time_limit, plan.get("objective"), scratch, env
    )
    return {
        "name": instance.name,
        # A run under other limits than the instance's own is stored beside it.
        "run": instance.name
        if plan_time_limit == instance.plan_time_limit
        else f"{instance.name}-t{plan_time_limit:g}",
        "description": instance.description,
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M"),
        "command": command,
        "commit": git_commit(ROOT),
        "machine": machine(),
        "load_before": load_before,
        "load_after": load_average(),
        "cases": len(problem.assignments),
        "cases_total": len(dataset.cases),
        "employees": len(problem.staff),
        "municipalities": len(problem.municipalities),
        "generate_seconds": round(generate_seconds, 2),
        "import": {"seconds": round(imported.seconds, 2), "peak_mib": imported.peak_mib},
        "plan": plan,
        "greedy": greedy,
        "milp": milp_result,
    }


def _run_plan(
    instance: Instance,
    problem: Problem,
    policy: Policy,
    time_limit: float,
    scratch: Path,
    env: dict[str, str],
) -> dict[str, Any]:
    """Return the measurements of `overgang plan` and what its plan file says."""
    plan_file = scratch / "plan.json"
    # The ranking of cooperation agreements (issue 4's analysis) re-plans the data set
    # once per service; it is not the plan, and is left out of the measurement.
    arguments = [
        "plan",
        "--json",
        str(plan_file),
        "--time-limit",
        f"{time_limit:g}",
        "--cooperation-seconds",
        "0",
    ]
    log(f"{instance.name}: overgang {' '.join(arguments)}")
    planned = run_measured([str(BIN / "overgang"), *arguments], env=env)
    measured: dict[str, Any] = {
        "command": f"overgang plan --json plan.json --time-limit {time_limit:g} --cooperation-seconds 0",
        "time_limit": time_limit,
        "seconds": round(planned.seconds, 2),
        "peak_mib": planned.peak_mib,
        "memory_method": planned.memory_method,
    }
    if planned.returncode != 0:
        error = (planned.stderr.strip().splitlines() or ["no output"])[-1]
        log(f"{instance.name}: plan failed after {planned.seconds:.1f} s: {error}")
        return {**measured, "status": "failed", "error": error, "professions": []}
    document = json.loads(plan_file.read_text(encoding="utf-8"))
    solver = document["solver"]
    employer = {e["medarbejder_id"]: e["kommune"] for e in document["employees"]}
    contact = {c["sag_id"]: c["kontaktperson"] for c in document["cases"]}
    recomputed = plan_cost(problem, policy, employer, contact).total
    if recomputed != Fraction(solver["objective_exact"]):
        raise RuntimeError(f"plan file objective {solver['objective_exact']} != {recomputed}")
    log(
        f"{instance.name}: plan {planned.seconds:.1f} s, {solver['status']}, "
        f"{solver['objective']:.2f} (bound {solver['bound']:.2f})"
    )
    return {
        **measured,
        "status": solver["status"],
        "objective": solver["objective"],
        "bound": solver["bound"],
        "gap": solver["gap"],
        "solver_seconds": solver["seconds"],
        "objective_exact": solver["objective_exact"],
        "bound_exact": solver["bound_exact"],
        "cost_terms": solver["cost_terms"],
        "professions": solver["professions"],
        "violations": len(hard_rule_violations(problem, policy, employer, contact)),
    }


def _run_milp(
    instance: Instance,
    problem: Problem,
    policy: Policy,
    wanted: bool,
    time_limit: float,
    target: float | None,
    scratch: Path,
    env: dict[str, str],
) -> dict[str, Any]:
    binaries = count_binaries(problem, policy)
    if not wanted:
        return {"status": "skipped", "binaries": binaries, "note": "not run (--no-milp)"}
    if binaries > DEFAULT_MAX_PAIRS:
        gib = binaries * BYTES_PER_BINARY / 1024**3
        return {
            "status": "skipped",
            "binaries": binaries,
            "note": f"{binaries / 1e6:,.0f} M binaries, about {gib:,.0f} GiB before its first LP",
        }
    out = scratch / "milp.json"
    log_file = RESULTS / f"{instance.name}.highs.log"
    log(f"{instance.name}: MILP with {binaries:,} binaries, {time_limit:g} s")
    measured = run_measured(
        [
            sys.executable,
            "-m",
            "bench.milp_worker",
            instance.name,
            "--time-limit",
            f"{time_limit:g}",
            *(["--target", repr(target)] if target is not None else []),
            "--out",
            str(out),
            "--log",
            str(log_file),
        ],
        env={
            **env,
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])),
        },
        cwd=ROOT,
    )
    if measured.returncode != 0 or not out.exists():
        return {
            "status": "failed",
            "binaries": binaries,
            "time_limit": time_limit,
            "peak_mib": measured.peak_mib,
            "note": (measured.stderr.strip().splitlines() or ["no output"])[-1],
        }
    result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    result.update(
        time_limit=time_limit, peak_mib=measured.peak_mib, wall_seconds=round(measured.seconds, 2)
    )
    log(
        f"{instance.name}: MILP {result['status']}, {result['exact_cost']} "
        f"(bound {result['bound']}), reaches the plan's cost at {result['seconds_to_target']}"
    )
    return result


def _reused_milp(
    instance: Instance, problem: Problem, target: float | None
) -> dict[str, Any] | None:
    """Return the MILP's result from the instance's last run, measured against a new plan.

    The MILP does not depend on the planner, so a run of the same instance (the same
    cases and employees) can be reused; when it reaches the new plan's cost is read
    from its recorded incumbents by the same rule as in a fresh run.
    """
    runs = [RESULTS / f"{instance.name}.json", *sorted(RESULTS.glob(f"{instance.name}-t*.json"))]
    for path in runs:
        if not path.exists():
            continue
        earlier = json.loads(path.read_text(encoding="utf-8"))
        result: dict[str, Any] = dict(earlier.get("milp") or {})
        same_instance = (earlier.get("cases"), earlier.get("employees")) == (
            len(problem.assignments),
            len(problem.staff),
        )
        if same_instance and result.get("status") not in (None, "skipped", "failed"):
            break
    else:
        return None
    seconds = None
    if target is not None:
        tolerance = REACH_TOLERANCE * max(1.0, abs(target))
        seconds = next(
            (t for t, cost in result.get("incumbents", []) if cost <= target + tolerance), None
        )
    # A result reused before keeps the date of the run that really made it.
    note = result.get("note") or ""
    if not note.startswith("reused from"):
        note = f"reused from the run of {earlier['date']} (commit {earlier['commit']})"
    result.update(target=target, seconds_to_target=seconds, note=note)
    log(f"{instance.name}: MILP reused from {earlier['date']}")
    return result


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--only", action="append", choices=sorted(INSTANCES), help="run only this instance"
    )
    parser.add_argument("--time-limit", type=float, help="seconds for overgang plan")
    parser.add_argument("--milp-time-limit", type=float, help="seconds for HiGHS")
    parser.add_argument("--no-milp", action="store_true", help="skip the monolithic MILP")
    parser.add_argument(
        "--reuse-milp",
        action="store_true",
        help="take the MILP's result from the instance's last run where it has one",
    )
    parser.add_argument(
        "--report-only", action="store_true", help="rewrite docs/benchmarks.md from the results"
    )
    args = parser.parse_args(argv)
    command = shlex.join([".venv/bin/python", "-m", "bench.run", *(argv or sys.argv[1:])])
    RESULTS.mkdir(exist_ok=True)
    if not args.report_only:
        for name in args.only or list(INSTANCES):
            instance = INSTANCES[name]
            with tempfile.TemporaryDirectory(prefix=f"bench-{name}-") as scratch:
                result = run_instance(
                    instance,
                    plan_time_limit=args.time_limit or instance.plan_time_limit,
                    milp_time_limit=args.milp_time_limit or instance.milp_time_limit,
                    milp=not args.no_milp,
                    command=command,
                    scratch=Path(scratch),
                    reuse_milp=args.reuse_milp,
                )
            path = RESULTS / f"{result['run']}.json"
            path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
            log(f"{name}: wrote {path.relative_to(ROOT)}")
            write_report(DOC, load_results(RESULTS))
    write_report(DOC, load_results(RESULTS))


if __name__ == "__main__":
    main()
