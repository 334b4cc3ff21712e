"""Benchmark the audit chain's lock under concurrent users: `python -m bench.audit_lock`.

Serves the demo data set (one plan, the demo users) from a fresh scratch database on a
threaded WSGI server in this process, the way `make serve` does: a SQLite file by
default, PostgreSQL when DATABASE_URL names a server (the scratch database
`bench_audit_lock` is made there and dropped after). Then `--clients` client processes,
each logged in as one demo user of every role in turn (on the pages, or on the API with a
token), read the dashboard, staff, cases, plans and handover pages, or the API's lists,
for `--seconds`. Every append to the audit chain logs how long it waited for the chain's
lock and how long it held it (logger `overgang.audit.chain`); this collects them, per
append and per request. `--per-entry` appends each entry on its own, as before issue 16,
for comparison.

Results: bench/results/audit-lock-<database>[-per-entry].json, and the section
"Concurrent users and the audit chain's lock" of docs/benchmarks.md, written from every
stored result.
"""

from __future__ import annotations

import argparse
import json
import logging
import multiprocessing
import os
import statistics
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, Request, build_opener

from bench.measure import load_average, measurement, replace_section

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DOC = ROOT / "docs" / "benchmarks.md"
HEADING = "## Concurrent users and the audit chain's lock"
SCRATCH = "bench_audit_lock"

PAGES = ["pages:dashboard", "pages:employees", "pages:cases", "pages:plans", "pages:handovers"]
API = ["api:employee-list", "api:citizen-list", "api:case-list", "api:case-decision-list"]
# The demo users (overgang demo-users): who reads the pages, who calls the API.
PAGE_USERS = [
    "projektleder",
    "kommuneleder-ishoej",
    "kommuneleder-vallensbaek",
    "teamleder-ishoej",
    "sagsbehandler-vallensbaek",
    "med",
    "byraad",
    "revisor",
]
API_USERS = ["projektleder", "kommuneleder-vallensbaek", "teamleder-vallensbaek"]


# --- the clients: plain HTTP in processes of their own, no Django -------------------------


@dataclass(frozen=True)
class Job:
    base: str
    username: str
    password: str
    login: str  # the login page's path, or the API's token exchange for an API client
    paths: tuple[str, ...]
    api: bool
    start_at: float  # time.time() at which every client starts
    until: float


@dataclass
class ClientResult:
    statuses: Counter[int] = field(default_factory=Counter)
    seconds: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def _call(opener: Any, url: str, data: bytes | None, headers: dict[str, str]) -> tuple[int, bytes]:
    try:
        with opener.open(Request(url, data=data, headers=headers), timeout=120) as response:
            return response.status, response.read()
    except HTTPError as error:
        return error.code, error.read()


def run_client(job: Job) -> ClientResult:
    """Log in, then read the job's paths round and round until its time is up."""
    result = ClientResult()
    cookies = CookieJar()
    opener = build_opener(HTTPCookieProcessor(cookies))
    time.sleep(max(0.0, job.start_at - time.time()))
    headers: dict[str, str] = {}
    try:
        if job.api:
            body = json.dumps({"username": job.username, "password": job.password}).encode()
            status, answer = _call(
                opener, job.base + job.login, body, {"Content-Type": "application/json"}
            )
            result.statuses[status] += 1
            headers["Authorization"] = f"Token {json.loads(answer)['token']}"
        else:
            _call(opener, job.base + job.login, None, {})
            csrf = next(cookie.value for cookie in cookies if cookie.name == "csrftoken")
            form = {"username": job.username, "password": job.password}
            form["csrfmiddlewaretoken"] = csrf
            status, _page = _call(opener, job.base + job.login, urlencode(form).encode(), {})
            result.statuses[status] += 1
        turn = 0
        while time.time() < job.until:
            started = time.perf_counter()
            status, _body = _call(
                opener, job.base + job.paths[turn % len(job.paths)], None, headers
            )
            result.seconds.append(time.perf_counter() - started)
            result.statuses[status] += 1
            turn += 1
    except (URLError, OSError, KeyError, ValueError, StopIteration) as error:
        result.failures.append(f"{job.username}: {error!r}")
    return result


# --- the server side: the scratch database, the data, the server, the measurements ---------


@dataclass
class Appends:
    """Every append's timing, and per request (keyed by the request object's id)."""

    per_append: list[Any] = field(default_factory=list)
    per_request: dict[int, list[Any]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


class Collect(logging.Handler):
    def __init__(self, appends: Appends) -> None:
        super().__init__(logging.DEBUG)
        self.appends = appends

    def emit(self, record: logging.LogRecord) -> None:
        from overgang.web.audit.context import current_request

        timing = getattr(record, "append", None)
        if timing is None:
            return
        request = current_request.get()
        with self.appends.lock:
            self.appends.per_append.append(timing)
            if request is not None:
                self.appends.per_request.setdefault(id(request), []).append(timing)


@contextmanager
def scratch_database(folder: Path) -> Iterator[str]:
    """A fresh, migrated database for the run; its vendor. Dropped (PostgreSQL) after."""
    from django.db import connection

    database = connection.settings_dict
    scratch = str(folder / "bench.sqlite3") if connection.vendor == "sqlite" else SCRATCH
    database["TEST"]["NAME"] = scratch
    old_name = database["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        yield connection.vendor
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def load_demo(scale: float, plan_seconds: float) -> dict[str, Any]:
    from django.conf import settings
    from django.test import override_settings

    from overgang.demo import generate
    from overgang.web.accounts.demo import DEMO_PASSWORD, create_demo_users
    from overgang.web.audit.actors import SystemActor
    from overgang.web.dataset import models as m
    from overgang.web.dataset.store import merge_dataset
    from overgang.web.planning.services import run_plan

    # Logging in is not what is measured: a quick hasher, as the tests use.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    dataset = generate(scale=scale)
    merge_dataset(dataset, file_name="demo.xlsx", file_hash="0" * 64, imported_by="bench")
    run_plan(by=SystemActor("bench"), time_limit=plan_seconds)
    with override_settings(DEBUG=True):  # the demo users are refused in production settings
        create_demo_users()
    return {
        "scale": scale,
        "employees": m.Employee.objects.count(),
        "cases": m.Case.objects.count(),
        "password": DEMO_PASSWORD,
    }


def serve() -> tuple[Any, str]:
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application

    class Server(ThreadedWSGIServer):
        request_queue_size = 128  # every client's connection is taken, none refused

    class Quiet(WSGIRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = Server(("127.0.0.1", 0), Quiet)
    server.set_app(get_wsgi_application())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def _ms(values: list[float]) -> dict[str, float]:
    if not values:
        return {"p50": 0.0, "p95": 0.0, "max": 0.0}
    ordered = sorted(values)
    return {
        "p50": round(statistics.median(ordered) * 1000, 2),
        "p95": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] * 1000, 2),
        "max": round(ordered[-1] * 1000, 2),
    }


def summary(appends: Appends, clients: list[ClientResult], seconds: float) -> dict[str, Any]:
    statuses: Counter[int] = Counter()
    for client in clients:
        statuses.update(client.statuses)
    requests = [s for client in clients for s in client.seconds]
    per_request = list(appends.per_request.values())
    held_total = sum(t.held for t in appends.per_append)
    return {
        "requests": sum(statuses.values()),
        "statuses": {str(code): n for code, n in sorted(statuses.items())},
        "server_errors": sum(n for code, n in statuses.items() if code >= 500),
        "failures": [f for client in clients for f in client.failures],
        "requests_per_second": round(len(requests) / seconds, 1),
        "request_ms": _ms(requests),
        "appends": len(appends.per_append),
        "entries": sum(t.entries for t in appends.per_append),
        "entries_per_append_max": max((t.entries for t in appends.per_append), default=0),
        "append_wait_ms": _ms([t.waited for t in appends.per_append]),
        "append_held_ms": _ms([t.held for t in appends.per_append]),
        "requests_with_entries": len(per_request),
        "appends_per_request_max": max((len(ts) for ts in per_request), default=0),
        "request_held_ms": _ms([sum(t.held for t in ts) for ts in per_request]),
        "request_wait_ms": _ms([sum(t.waited for t in ts) for ts in per_request]),
        "chain_locked_share": round(held_total / seconds, 3),
    }


def job(base: str, password: str, username: str, api: bool, start_at: float, seconds: float) -> Job:
    from django.urls import reverse

    return Job(
        base=base,
        username=username,
        password=password,
        login=reverse("api:token" if api else "pages:login"),
        paths=tuple(reverse(name) for name in (API if api else PAGES)),
        api=api,
        start_at=start_at,
        until=start_at + seconds,
    )


def measure(args: argparse.Namespace) -> dict[str, Any]:
    # The clients are forked before Django is set up or any thread started: they use HTTP only.
    pool = multiprocessing.get_context("fork").Pool(args.clients)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "overgang.web.settings")
    import django

    django.setup()
    from django.conf import settings

    from overgang.web.audit.context import PendingEntries

    if args.per_entry:  # as before issue 16: every entry its own append
        PendingEntries.can_wait = lambda self: False  # type: ignore[method-assign]
    appends = Appends()
    logger = logging.getLogger("overgang.audit.chain")
    with tempfile.TemporaryDirectory() as folder, scratch_database(Path(folder)) as vendor:
        data = load_demo(args.scale, args.plan_seconds)
        settings.DEBUG = False  # as in production: no query log kept per request
        server, base = serve()
        logger.setLevel(logging.DEBUG)
        logger.propagate = False
        logger.addHandler(Collect(appends))
        start_at = time.time() + 1.0
        profiles = [(name, False) for name in PAGE_USERS] + [(name, True) for name in API_USERS]
        jobs = [
            job(base, data["password"], *profiles[i % len(profiles)], start_at, args.seconds)
            for i in range(args.clients)
        ]
        clients = pool.map(run_client, jobs)
        pool.close()
        server.shutdown()
        result = summary(appends, clients, args.seconds)
    return {
        **measurement("bench.audit_lock", None, args.load),
        "database": vendor,
        "mode": "per entry" if args.per_entry else "one append per request",
        "clients": args.clients,
        "seconds": args.seconds,
        "data": {k: v for k, v in data.items() if k != "password"},
        **result,
    }


def write_section() -> None:
    """Rewrite the section of docs/benchmarks.md from every stored result."""
    rows, runs = [], []
    for path in sorted(RESULTS.glob("audit-lock-*.json")):
        r = json.loads(path.read_text(encoding="utf-8"))
        rows.append(
            f"| {r['database']} | {r['mode']} | {r['requests']} ({r['requests_per_second']}/s)"
            f" | {r['server_errors']} | {r['request_ms']['p50']:.0f} / {r['request_ms']['p95']:.0f}"
            f" | {r['appends']} | {r['appends_per_request_max']}"
            f" | {r['append_held_ms']['p50']:.2f} / {r['append_held_ms']['p95']:.2f} / {r['append_held_ms']['max']:.1f}"
            f" | {r['request_held_ms']['p50']:.2f} / {r['request_held_ms']['p95']:.2f} / {r['request_held_ms']['max']:.1f}"
            f" | {r['request_wait_ms']['p50']:.1f} / {r['request_wait_ms']['p95']:.1f} / {r['request_wait_ms']['max']:.0f}"
            f" | {r['chain_locked_share']:.0%} |"
        )
        runs.append(
            f"- {r['database']}, {r['mode']}: `{r['command']}` at {r['commit']}, {r['when']};"
            f" {r['clients']} clients for {r['seconds']:.0f} s on the demo at scale"
            f" {r['data']['scale']} ({r['data']['employees']} employees, {r['data']['cases']}"
            f" cases); {r['machine']['cores']} cores, load average {r['load']} at the start."
        )
    lines = [
        HEADING,
        "",
        "How long a request holds the audit chain's lock, with twenty users reading personal",
        'data at once (issue 16; the design is in docs/operations.md, "Concurrent users").',
        "`bench/audit_lock.py` serves the demo from a scratch database on a threaded server in",
        "its process and runs each client in a process of its own; every append logs its wait",
        "for the lock and its holding of it. *Held* is from the moment the append has the lock",
        "(SQLite: `BEGIN IMMEDIATE` returned; PostgreSQL: the head row selected for update) to",
        "its commit; *per request* sums a request's appends; *locked* is the share of the run",
        "during which some request held the lock. `--per-entry` appends each entry on its own,",
        "as before. Times in ms as median / 95th percentile / max.",
        "",
        "```",
        ".venv/bin/python -m bench.audit_lock                      # SQLite, one append per request",
        ".venv/bin/python -m bench.audit_lock --per-entry",
        "DATABASE_URL=$(scripts/postgres.sh start) .venv/bin/python -m bench.audit_lock",
        "```",
        "",
        "| database | mode | requests | 5xx | request ms | appends | appends / request (max)"
        " | held per append | held per request | waited per request | locked |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
        *rows,
        "",
        *runs,
        "",
    ]
    replace_section(DOC, HEADING, lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0, help="how long the clients read")
    parser.add_argument("--scale", type=float, default=1.0, help="of the demo data set")
    parser.add_argument("--plan-seconds", type=float, default=20.0, help="the plan's time limit")
    parser.add_argument("--per-entry", action="store_true", help="each entry its own append")
    parser.add_argument("--report-only", action="store_true", help="rewrite the section only")
    args = parser.parse_args(argv)
    if not args.report_only:
        args.load = load_average()
        result = measure(args)
        name = f"audit-lock-{result['database']}{'-per-entry' if args.per_entry else ''}.json"
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / name).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        print(json.dumps({k: v for k, v in result.items() if k != "machine"}, indent=2))
    write_section()


if __name__ == "__main__":
    main()
