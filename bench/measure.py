"""Run a command in a subprocess and measure its wall time and peak memory."""

from __future__ import annotations

import json
import os
import platform
import re
import resource
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

GNU_TIME = "/usr/bin/time"
ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Measured:
    seconds: float  # wall time of the whole command, as seen from here
    peak_mib: float | None  # the command's peak resident set size
    returncode: int
    stdout: str
    stderr: str
    memory_method: str  # how peak_mib was measured


def run_measured(
    command: list[str], *, env: dict[str, str] | None = None, cwd: Path | None = None
) -> Measured:
    """Run `command` to its end; return its wall time and peak RSS.

    With GNU time (`/usr/bin/time -v`) the peak RSS is the command's own. Without it,
    it is getrusage(RUSAGE_CHILDREN).ru_maxrss: the largest of all children waited
    for so far, an upper bound that is exact when this is the largest child yet.
    """
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "time.txt"
        gnu_time = shutil.which(GNU_TIME) is not None
        full = [GNU_TIME, "-v", "-o", str(report), *command] if gnu_time else command
        started = time.perf_counter()
        completed = subprocess.run(full, env=env, cwd=cwd, capture_output=True, text=True)
        seconds = time.perf_counter() - started
        if gnu_time:
            match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", report.read_text())
            peak = int(match.group(1)) / 1024 if match else None
            method = "GNU time -v"
        else:
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            method = "getrusage(RUSAGE_CHILDREN)"
    return Measured(
        seconds=seconds,
        peak_mib=peak,
        returncode=completed.returncode,
        stdout=completed.stdout,
        stderr=completed.stderr,
        memory_method=method,
    )


def load_average() -> str:
    """Return the 1, 5 and 15 minute load averages, as `uptime` shows them."""
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def machine() -> dict[str, str]:
    """Return what a reader needs to compare numbers: CPU, cores, memory, versions."""
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = re.findall(r"^model name\s*:\s*(.+)$", cpuinfo.read_text(), flags=re.M)
        if names:
            cpu = names[0]
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        match = re.search(r"^MemTotal:\s*(\d+) kB", meminfo.read_text(), flags=re.M)
        if match:
            memory = f"{int(match.group(1)) / 1024**2:.1f} GiB"
    from importlib.metadata import version

    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "memory": memory,
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "ortools": version("ortools"),
        "highspy": version("highspy"),
    }


def git_commit(repo: Path) -> str:
    """Return the checked-out commit, with `+dirty` when the working tree has changes."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=repo, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no", "src"],
            cwd=repo,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except OSError:
        return "unknown"
    return commit + ("+dirty" if dirty else "")


def replace_section(doc: Path, heading: str, lines: list[str]) -> None:
    """Write `lines` as the section of `doc` under `heading` (up to the next "## "),
    replacing the one there, or appended where there is none."""
    text = doc.read_text(encoding="utf-8")
    section = "\n".join(lines)
    pattern = re.compile(rf"^{re.escape(heading)}\n.*?(?=^## |\Z)", re.S | re.M)
    text = (
        pattern.sub(lambda _: section + "\n", text)
        if pattern.search(text)
        else text.rstrip("\n") + "\n\n" + section
    )
    doc.write_text(text.rstrip("\n") + "\n", encoding="utf-8")  # the last section as any other


def json_from_snippet(code: str, *args: str, cwd: Path) -> dict[str, Any]:
    """Run the Python `code` with `args` in a fresh process in `cwd`; return the JSON object
    on the last line it prints."""
    done = subprocess.run(
        [sys.executable, "-c", code, *args], cwd=cwd, capture_output=True, text=True, check=True
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def measured_on(run: dict[str, Any]) -> str:
    """The command, commit, time and machine a run was measured on, as a section says it."""
    machine = run["machine"]
    return (
        f"`{run['command']}` at {run['commit']}, {run['when']} ({machine['cpu']},"
        f" {machine['cores']} cores, load average {run['load']} at the start)"
    )


def measurement(module: str, argv: list[str] | None, load: str) -> dict[str, Any]:
    """What every result file starts with: the command that made it (`python -m module` and
    its arguments), the commit, the time, the machine and its load before the run."""
    return {
        "command": f"python -m {module} " + shlex.join(sys.argv[1:] if argv is None else argv),
        "commit": git_commit(ROOT),
        "when": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "load": load,
    }
