"""Benchmark the data protection officer's answers: `python -m bench.insight`.

Stores the demo data set in a scratch SQLite database (or the empty database DATABASE_URL
names), then fills the audit log as users reading the cases page would: `--entries` lists
of 50 cases and single case reads, through `audit.log.record_list` and `record`. It
measures what naming each entry's citizens costs a list (the same lists written with and
without `detail["citizens"]`), and how long `overgang audit citizen` and `overgang audit
user` take to answer on that log (`accesses_to_citizen`, `accesses_by_user`).

Results: bench/results/insight-<database>.json, printed as the rows of the section
"Answering a request for insight" of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.measure import git_commit, load_average, machine

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PAGE = 50  # cases per list, as a page of /sager/


def _fill(entries: int, seed: int) -> dict[str, Any]:
    """Append `entries` entries; return the milliseconds a list took with and without citizens."""
    from overgang.web.audit import log
    from overgang.web.audit.actors import SystemActor
    from overgang.web.audit.log import record, record_list
    from overgang.web.dataset.models import Case

    cases = list(Case.objects.select_related("acting_municipality").order_by("ext_id"))
    draw = random.Random(seed)
    readers = [SystemActor(f"reader{n}") for n in range(20)]
    timings: dict[str, list[float]] = {"with": [], "without": []}
    resolver = log.citizens_of
    written = 0
    while written < entries:
        start = draw.randrange(0, max(1, len(cases) - PAGE))
        listed = cases[start : start + PAGE]
        who = draw.choice(readers)
        # The first 400 lists alternate with and without naming their citizens.
        plain = written < 800 and (written // 2) % 2 == 1
        if plain:
            log.citizens_of = lambda objects: []  # type: ignore[assignment]
        began = time.perf_counter()
        made = record_list(who, listed)
        took = (time.perf_counter() - began) * 1000 / len(made)
        log.citizens_of = resolver
        if written < 800:
            timings["without" if plain else "with"].append(took)
        record(who, "view", draw.choice(listed))
        written += len(made) + 1
    return {
        "list_ms_with_citizens": statistics.median(timings["with"]),
        "list_ms_without_citizens": statistics.median(timings["without"]),
    }


def _answers(seed: int, asked: int) -> dict[str, Any]:
    from overgang.web.audit.insight import accesses_by_user, accesses_to_citizen
    from overgang.web.dataset.models import Citizen

    draw = random.Random(seed + 1)
    citizens = draw.sample(sorted(Citizen.objects.values_list("ext_id", flat=True)), asked)
    seconds, found = [], []
    for citizen in citizens:
        began = time.perf_counter()
        found.append(len(accesses_to_citizen(citizen)))
        seconds.append(time.perf_counter() - began)
    began = time.perf_counter()
    by_user = len(accesses_by_user("cli:reader0"))
    return {
        "citizen_seconds_median": statistics.median(seconds),
        "citizen_seconds_max": max(seconds),
        "citizen_entries_median": statistics.median(found),
        "user_seconds": time.perf_counter() - began,
        "user_entries": by_user,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--asked", type=int, default=5, help="citizens asked about")
    parser.add_argument("--seed", type=int, default=2021)
    args = parser.parse_args()
    scratch = tempfile.mkdtemp(prefix="bench-insight-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{scratch}/overgang.sqlite3")
    started = datetime.now(UTC)
    load_before = load_average()
    from overgang.web.bootstrap import ensure_database

    ensure_database()
    from django.db import connection

    from overgang.demo import generate
    from overgang.web.audit.models import AuditEntry
    from overgang.web.dataset.store import merge_dataset

    merge_dataset(generate(), file_name="demo.xlsx", file_hash="0" * 64, imported_by="bench")
    began = time.perf_counter()
    fill = _fill(args.entries, args.seed)
    fill_seconds = time.perf_counter() - began
    result = {
        "command": " ".join([".venv/bin/python -m bench.insight", *sys.argv[1:]]),
        "database": connection.vendor,
        "at": started.strftime("%Y-%m-%d %H:%M UTC"),
        "commit": git_commit(ROOT),
        "load": [load_before, load_average()],
        "machine": machine(),
        "entries": AuditEntry.objects.count(),
        "fill_seconds": fill_seconds,
        **fill,
        **_answers(args.seed, args.asked),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"insight-{connection.vendor}.json").write_text(json.dumps(result, indent=1) + "\n")
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
