"""A plan in one process against a plan spread over worker processes, one job per profession.

    .venv/bin/python -m bench.distributed [--scale 100] [--time-limit 600] [--workers 0,1]

In a scratch SQLite database: generate the demo data set at `--scale` and import it; then
time `overgang plan` (one process), and `overgang plan --distribute` beside each number of
`overgang worker` processes in `--workers` (0: the command runs every part itself; 1: one
worker takes parts beside it, so two processes plan). Each part job's own time is read
from the database, and what four machines would take is estimated from them: the
slowest part plus what the command does besides planning (reading, assembling, storing).
The results go to bench/results/distributed.json and the section "Planning spread over
workers" of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from bench.measure import load_average, measurement, replace_section

ROOT = Path(__file__).resolve().parent.parent
RESULT = ROOT / "bench" / "results" / "distributed.json"
DOC = ROOT / "docs" / "benchmarks.md"
HEADING = "## Planning spread over workers"
OVERGANG = [sys.executable, "-m", "overgang.cli"]


def _run(env: dict[str, str], *args: str) -> float:
    started = time.perf_counter()
    subprocess.run([*OVERGANG, *args], env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def _last_plan(db: Path) -> dict[str, Any]:
    with sqlite3.connect(db) as con:
        status, objective, bound, gap = con.execute(
            "select status, objective_value, bound_value, gap from planning_storedplan"
            " order by id desc limit 1"
        ).fetchone()
        parts = con.execute(
            "select params, started_at, finished_at from jobs_job where kind = 'plan_part'"
            " and state = 'done' order by created_at"
        ).fetchall()
        con.execute("delete from jobs_job where kind = 'plan_part'")
    seconds = {}
    for params, started, finished in parts:
        begin, end = (datetime.fromisoformat(value) for value in (started, finished))
        seconds[json.loads(params)["profession"]] = round((end - begin).total_seconds(), 1)
    return {"status": status, "objective": objective, "bound": bound, "gap": gap, "parts": seconds}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=100.0)
    parser.add_argument("--time-limit", type=float, default=600.0)
    parser.add_argument("--workers", default="0,1", help="worker processes beside the command")
    args = parser.parse_args(argv)
    load = load_average()
    folder = Path(tempfile.mkdtemp(prefix="overgang-distributed-"))
    db = folder / "db.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}", "OVERGANG_LANG": "en"}
    workbook = folder / "demo.xlsx"
    _run(env, "demo-data", str(workbook), "--scale", str(args.scale))
    _run(env, "import", str(workbook))
    plan_args = ["plan", "--time-limit", str(args.time_limit), "--cooperation-seconds", "0"]
    runs = [{"mode": "one process", "seconds": round(_run(env, *plan_args), 1), **_last_plan(db)}]
    print(json.dumps(runs[-1]), flush=True)
    for count in (int(w) for w in args.workers.split(",")):
        workers = [
            subprocess.Popen(
                [*OVERGANG, "worker", "--interval", "0.2"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for _ in range(count)
        ]
        try:
            seconds = _run(env, *plan_args, "--distribute")
        finally:
            for worker in workers:
                worker.terminate()
                worker.wait(timeout=600)
        result = _last_plan(db)
        runs.append(
            {
                "mode": f"distributed, {count + 1} process{'es' if count else ''}",
                "seconds": round(seconds, 1),
                **result,
            }
        )
        print(json.dumps(runs[-1]), flush=True)
    # One process runs the parts one after the other: the rest of its time is reading the
    # data, queueing, assembling and storing, which a machine per part would still take.
    serial = next((r for r in runs if r["mode"] == "distributed, 1 process"), runs[-1])
    parts = serial["parts"]
    overhead = max(0.0, serial["seconds"] - sum(parts.values()))
    estimate = round(max(parts.values()) + overhead, 1) if parts else None
    result = {
        **measurement("bench.distributed", argv, load),
        "scale": args.scale,
        "time_limit": args.time_limit,
        "runs": runs,
        "four_machines_estimate": estimate,
    }
    RESULT.parent.mkdir(parents=True, exist_ok=True)
    RESULT.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    _write_section(result)


def _write_section(result: dict[str, Any]) -> None:
    lines = [
        HEADING,
        "",
        f"`{result['command']}` at {result['commit']}, {result['when']}"
        f" ({result['machine']['cpu']}, {result['machine']['cores']} cores, load average"
        f" {result['load']} at the start); the demo data set at scale {result['scale']},"
        f" time limit {result['time_limit']:.0f} s, SQLite.",
        "",
        "| how | wall s | status | objective | bound | gap | seconds per profession |",
        "|---|--:|---|--:|--:|--:|---|",
    ]
    for run in result["runs"]:
        parts = ", ".join(f"{p} {s}" for p, s in sorted(run["parts"].items())) or "-"
        lines.append(
            f"| {run['mode']} | {run['seconds']} | {run['status']} | {run['objective']:.2f}"
            f" | {run['bound']:.2f} | {run['gap']:.2%} | {parts} |"
        )
    lines += [
        "",
        "Each part has its profession's share of the time limit, so one process takes about",
        "the time limit and two at best half of it; on this two-core machine the solver of each",
        "part uses both cores as well, so the gain is bounded by the cores. With a machine per",
        f"part the plan would take about {result['four_machines_estimate']} s: its slowest part",
        "plus what the command does besides planning (estimated from the one-process run).",
        "",
    ]
    replace_section(DOC, HEADING, lines)


if __name__ == "__main__":
    main()
