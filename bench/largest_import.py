"""The largest workbook that imports within the default limits, and what hostile files cost.

    .venv/bin/python -m bench.largest_import [--scales 100,200,300,400,418] [--hostile]

For each scale of the demo generator, smallest first: generate the data set, write
it as .xlsx into a scratch folder, and time `overgang import` of it into a fresh
SQLite database in a subprocess (wall time and peak RSS through GNU time, see
bench/measure.py), under the default limits of overgang/io/limits.py (the OVERGANG_MAX_*
variables are removed from its environment). It stops at the first scale that is
refused, or whose largest sheet would not fit in an Excel sheet (1,048,576 rows).
With --hostile it also imports every file of the hostile corpus
(tests/io/hostile_corpus.py) the same way, each into a database holding the demo
data set.

The results go to bench/results/largest-import.json and the section "The largest
workbook that imports" of docs/benchmarks.md, with the command that produced them.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import sys
import tempfile
import zipfile
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.measure import Measured, git_commit, load_average, machine, run_measured

ROOT = Path(__file__).resolve().parent.parent
RESULT = ROOT / "bench" / "results" / "largest-import.json"
DOC = ROOT / "docs" / "benchmarks.md"
BIN = Path(sys.executable).parent
START = (
    "<!-- bench:largest-import:start (written by python -m bench.largest_import; do not edit) -->"
)
END = "<!-- bench:largest-import:end -->"
EXCEL_ROWS = 1_048_576  # the rows of one Excel sheet, header included
LIMIT_VARIABLES = (
    "OVERGANG_MAX_FILE_MB",
    "OVERGANG_MAX_UNPACKED_MB",
    "OVERGANG_MAX_COMPRESSION_RATIO",
    "OVERGANG_MAX_SHEET_MB",
)


def log(message: str) -> None:
    print(f"[{datetime.now():%H:%M:%S}] {message}", flush=True)


def _environment(database: Path) -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if k not in LIMIT_VARIABLES}
    environment["DATABASE_URL"] = f"sqlite:///{database}"
    environment["DJANGO_SETTINGS_MODULE"] = "overgang.web.settings"
    return environment


def _import(path: Path, database: Path) -> Measured:
    return run_measured(
        [str(BIN / "overgang"), "import", str(path), "--by", "bench"],
        env=_environment(database),
        cwd=ROOT,
    )


def _refusal(measured: Measured) -> str:
    """The first error line `overgang import` printed, or ''."""
    for line in (measured.stdout + measured.stderr).splitlines():
        if line.startswith(("Error:", "Fejl:")):
            return " ".join(line.split(":", 1)[1].split())
    return ""


def measure_scale(scale: float, scratch: Path) -> dict[str, Any]:
    """Generate, write and import the demo data set at `scale`; return what it took."""
    from overgang.demo import generate
    from overgang.io.write import write_workbook

    dataset = generate(scale=scale)
    counts = dataset.row_counts()
    row: dict[str, Any] = {
        "scale": scale,
        "rows": sum(counts.values()),
        "largest_sheet": max(counts, key=lambda sheet: counts[sheet]),
        "largest_sheet_rows": max(counts.values()),
    }
    if row["largest_sheet_rows"] + 1 > EXCEL_ROWS:
        row["outcome"] = "beyond an Excel sheet"
        return row
    path = scratch / f"scale-{scale:g}.xlsx"
    write_workbook(dataset, path)
    del dataset
    with zipfile.ZipFile(path) as archive:
        unpacked = sum(member.file_size for member in archive.infolist())
    row["file_mib"] = round(path.stat().st_size / 2**20, 1)
    row["unpacked_mib"] = round(unpacked / 2**20, 1)
    database = scratch / f"scale-{scale:g}.sqlite3"
    log(f"scale {scale:g}: importing {row['rows']:,} rows, {row['file_mib']} MiB")
    measured = _import(path, database)
    row["seconds"] = round(measured.seconds, 1)
    row["peak_mib"] = round(measured.peak_mib) if measured.peak_mib is not None else None
    row["outcome"] = "imported" if measured.returncode == 0 else "refused"
    row["refusal"] = _refusal(measured) if measured.returncode else ""
    if measured.returncode and not row["refusal"]:
        raise RuntimeError(f"overgang import failed: {measured.stderr[-2000:]}")
    path.unlink()
    database.unlink(missing_ok=True)
    return row


def measure_hostile(scratch: Path) -> list[dict[str, Any]]:
    """Import every hostile file into a copy of a database that holds the demo data set."""
    import shutil

    from tests.io.hostile_corpus import build_corpus

    from overgang.demo import generate
    from overgang.io.write import write_workbook

    good = scratch / "demo.xlsx"
    write_workbook(generate(), good)
    stocked = scratch / "demo.sqlite3"
    if _import(good, stocked).returncode:
        raise RuntimeError("the demo data set did not import")
    rows = []
    for name, path in build_corpus(scratch / "hostile").items():
        database = scratch / "hostile.sqlite3"
        shutil.copyfile(stocked, database)
        measured = _import(path, database)
        rows.append(
            {
                "file": name,
                "seconds": round(measured.seconds, 2),
                "peak_mib": round(measured.peak_mib) if measured.peak_mib is not None else None,
                "exit": measured.returncode,
                "message": _refusal(measured),
                "traceback": "Traceback" in measured.stdout + measured.stderr,
            }
        )
        log(f"{name}: exit {measured.returncode}, {measured.seconds:.2f} s")
    return rows


def write_report(result: dict[str, Any]) -> None:
    lines = [
        START,
        "",
        f"Measured {result['date']} at commit `{result['commit']}` with "
        f"`{result['command']}`; load {result['load_before']} → {result['load_after']}. "
        f"Machine: {result['machine']['cpu']}, {result['machine']['cores']} cores, "
        f"{result['machine']['memory']}, Python {result['machine']['python']}.",
        "",
        "| scale | rows | largest sheet (rows) | .xlsx MiB | unpacked MiB | import s | "
        "peak MiB | outcome |",
        "|--:|--:|---|--:|--:|--:|--:|---|",
    ]
    for row in result["scales"]:
        lines.append(
            f"| {row['scale']:g} | {row['rows']:,} | {row['largest_sheet']} "
            f"({row['largest_sheet_rows']:,}) | {row.get('file_mib', '–')} | "
            f"{row.get('unpacked_mib', '–')} | {row.get('seconds', '–')} | "
            f"{row.get('peak_mib', '–')} | {row['outcome']}"
            + (f": {row['refusal']}" if row.get("refusal") else "")
            + " |"
        )
    if result.get("hostile"):
        lines += [
            "",
            "Each hostile file of `tests/io/hostile_corpus.py`, imported by `overgang import` "
            "into a database holding the demo data set (start-up of Python and Django included):",
            "",
            "| file | exit | s | peak MiB | first error |",
            "|---|--:|--:|--:|---|",
        ]
        for row in result["hostile"]:
            message = row["message"].replace("|", "\\|")
            if len(message) > 110:
                message = message[:109] + "…"
            lines.append(
                f"| `{row['file']}` | {row['exit']} | {row['seconds']} | {row['peak_mib']} | "
                f"{message} |"
            )
    lines += ["", END]
    text = DOC.read_text()
    block = "\n".join(lines)
    if START in text:
        text = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: block, text, flags=re.S)
    else:
        text = text.rstrip("\n") + "\n\n## The largest workbook that imports\n\n" + block + "\n"
    DOC.write_text(text)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--scales", default="100,200,300,400,418")
    parser.add_argument("--hostile", action="store_true", help="also import the hostile corpus")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "overgang.web.settings")
    import django

    django.setup()
    command = shlex.join(
        [".venv/bin/python", "-m", "bench.largest_import", *(argv or sys.argv[1:])]
    )
    result: dict[str, Any] = {
        "date": f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "commit": git_commit(ROOT),
        "command": command,
        "machine": machine(),
        "load_before": load_average(),
        "scales": [],
    }
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        for scale in sorted(float(s) for s in args.scales.split(",")):
            row = measure_scale(scale, scratch)
            result["scales"].append(row)
            log(json.dumps(row))
            if row["outcome"] != "imported":
                break
        if args.hostile:
            result["hostile"] = measure_hostile(scratch)
    result["load_after"] = load_average()
    RESULT.write_text(json.dumps(result, indent=2) + "\n")
    write_report(result)


if __name__ == "__main__":
    main()
