"""A planned demo data set in its own SQLite file, made once with the real `overgang` command.

Every report test runs the command as a user would, against this database, and
reads the files it writes; the plan file (`plan.json`) holds the plan's metrics
to compare with.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

OVERGANG = [sys.executable, "-m", "overgang.cli"]


@dataclass(frozen=True)
class DemoRun:
    folder: Path
    env: dict[str, str]
    plan: dict[str, Any]  # the plan file

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [*OVERGANG, *args],
            cwd=self.folder,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if check:
            assert result.returncode == 0, result.stdout + result.stderr
        return result


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory) -> DemoRun:
    """The demo data set at a tenth of its size, imported and planned (a short time limit)."""
    folder = tmp_path_factory.mktemp("demo")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{folder / 'overgang.sqlite3'}",
        "OVERGANG_LANG": "da",
    }
    run = DemoRun(folder, env, {})
    run.run("demo-data", "demo.xlsx", "--scale", "0.1")
    run.run("import", "demo.xlsx")
    run.run("plan", "--time-limit", "2", "--cooperation-seconds", "0", "--json", "plan.json")
    plan = json.loads((folder / "plan.json").read_text(encoding="utf-8"))
    return DemoRun(folder, env, plan)


def pdf_text(path: Path) -> str:
    """Return a PDF's text as pdftotext reads it."""
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
