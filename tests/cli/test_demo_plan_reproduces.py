"""The demo plan at a 15 s time limit, made twice by `overgang plan` in fresh processes, is
the same plan file twice: the deterministic search is the default (docs/planning.md)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow


def overgang(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "overgang.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def without_measurements(document: dict[str, Any]) -> dict[str, Any]:
    """The plan file but its id and the seconds it took (as its creation time, a measurement)."""
    kept = {key: value for key, value in document.items() if key != "plan_id"}
    solver = {key: value for key, value in document["solver"].items() if key != "seconds"}
    solver["professions"] = [
        {key: value for key, value in profession.items() if key != "seconds"}
        for profession in solver["professions"]
    ]
    kept["solver"] = solver
    return kept


def test_the_demo_plan_made_twice_in_fresh_processes_is_the_same_plan_file(tmp_path: Path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        "OVERGANG_LANG": "da",
    }
    workbook = tmp_path / "demo.xlsx"
    overgang("demo-data", str(workbook), env=env)
    overgang("import", str(workbook), env=env)
    files = []
    for run in ("first", "again"):
        plan_file = tmp_path / f"{run}.json"
        args = ["plan", "--time-limit", "15", "--cooperation-seconds", "0", "--json"]
        overgang(*args, str(plan_file), env=env)
        files.append(json.loads(plan_file.read_text(encoding="utf-8")))
    first, again = files
    assert first["plan_id"] != again["plan_id"]  # two plans stored, not one shown twice
    assert first["solver"]["stopped_on_clock"] is False  # the search ended on its own count
    assert without_measurements(first) == without_measurements(again)
    # The same plan, decision for decision, and a whole demo's worth of them.
    assert len(first["cases"]) > 1000 and first["cases"] == again["cases"]
