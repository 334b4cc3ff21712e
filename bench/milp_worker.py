"""Solve one instance's monolithic MILP in a process of its own, and write a JSON summary.

`python -m bench.milp_worker NAME --time-limit S [--target COST] --out FILE [--log FILE]`

A process of its own, for two reasons: its peak memory is measured apart from
everything else, and highspy must not share a process with OR-Tools (both load a
`libhighs.so.1`, of different builds: whichever comes second fails to import).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.instances import INSTANCES
from bench.milp import solve_milp
from overgang.core.planning.policy import Policy
from overgang.core.planning.problem import build_problem


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("name", choices=sorted(INSTANCES))
    parser.add_argument("--time-limit", type=float, required=True)
    parser.add_argument("--target", type=float, help="report when the MILP first reaches this cost")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--log", default="", help="HiGHS log file")
    args = parser.parse_args(argv)

    policy = Policy()
    problem = build_problem(INSTANCES[args.name].make(), policy)
    result = solve_milp(problem, policy, time_limit=args.time_limit, log_file=args.log)
    summary: dict[str, Any] = {
        "status": result.status,
        "binaries": result.binaries,
        "columns": result.columns,
        "rows": result.rows,
        "nonzeros": result.nonzeros,
        "build_seconds": round(result.build_seconds, 2),
        "solve_seconds": round(result.solve_seconds, 2),
        "objective": result.objective,
        "bound": result.bound,
        "exact_cost": float(result.exact_cost) if result.exact_cost is not None else None,
        "exact_cost_fraction": str(result.exact_cost) if result.exact_cost is not None else None,
        "violations": result.violations,
        "incumbents": [[round(i.seconds, 2), i.objective] for i in result.incumbents],
        "target": args.target,
        "seconds_to_target": (
            result.seconds_to_reach(args.target) if args.target is not None else None
        ),
        "note": result.note,
    }
    args.out.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
