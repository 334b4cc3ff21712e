"""`overgang serve`: the app in gunicorn with production settings, on an empty database.

The command migrates the database before it starts, serves the pages and the static
files (WhiteNoise, compressed, cached for a year under hashed names), logs one JSON
line per request, and refuses to start on a database it cannot use.
"""

from __future__ import annotations

import json
import os
import re
import socket
import time
from urllib.error import HTTPError
from urllib.request import HTTPRedirectHandler, Request, build_opener

import pytest

from tests.web.processes import Command, Databases

START_SECONDS = 180


class _NoRedirects(HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str, **headers: str):  # type: ignore[no-untyped-def]
    try:
        return build_opener(_NoRedirects).open(Request(url, headers=headers), timeout=30)
    except HTTPError as answer:  # a 3xx or 4xx still has its status and headers
        return answer


@pytest.fixture(scope="module")
def served(tmp_path_factory):  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("serve")
    databases = Databases(folder)
    url = databases.empty()
    port = _free_port()
    server = Command(
        url,
        "serve",
        "--port",
        str(port),
        "--processes",
        "2",
        DJANGO_SETTINGS_MODULE="overgang.web.settings_production",
        OVERGANG_SECRET_KEY="serve-test-" + "x" * 60,
        OVERGANG_ALLOWED_HOSTS="127.0.0.1",
        OVERGANG_STATIC_ROOT=str(folder / "static"),
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_SECONDS
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            if server.process.poll() is not None or time.monotonic() > deadline:
                server.process.kill()
                raise AssertionError("".join(server.out + server.err)) from None
            time.sleep(0.5)
    yield base, url, server
    server.process.terminate()
    server.process.wait(timeout=60)
    for reader in server.readers:
        reader.join()
    databases.drop_all()


def test_the_database_is_migrated_before_the_server_starts(served) -> None:  # type: ignore[no-untyped-def]
    _, url, server = served
    assert "Overgang: http://127.0.0.1:" in "".join(server.out)
    if url.startswith("sqlite"):
        import sqlite3

        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            applied = db.execute("select count(*) from django_migrations").fetchone()[0]
    else:
        import psycopg

        with psycopg.connect(url) as db:
            applied = db.execute("select count(*) from django_migrations").fetchone()[0]
    assert applied > 20


def test_pages_are_served_over_https_only_behind_the_proxy(served) -> None:  # type: ignore[no-untyped-def]
    base, _, _ = served
    login = _get(f"{base}/login/", **{"X-Forwarded-Proto": "https"})
    assert login.status == 200
    assert "Strict-Transport-Security" in login.headers
    plain = _get(f"{base}/login/")
    assert plain.status == 301
    assert plain.headers["Location"].startswith("https://")


def test_static_files_are_served_compressed_and_cached_under_hashed_names(served) -> None:  # type: ignore[no-untyped-def]
    base, _, _ = served
    page = _get(f"{base}/login/", **{"X-Forwarded-Proto": "https"}).read().decode()
    [css] = re.findall(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', page)
    answer = _get(f"{base}{css}", **{"X-Forwarded-Proto": "https", "Accept-Encoding": "gzip"})
    assert answer.status == 200
    assert answer.headers["Content-Encoding"] == "gzip"
    assert "max-age=315360000" in answer.headers["Cache-Control"]


def test_each_request_is_one_json_line_with_user_duration_and_outcome(served) -> None:  # type: ignore[no-untyped-def]
    base, _, server = served
    _get(f"{base}/login/?next=/plans/", **{"X-Forwarded-Proto": "https"})
    _get(f"{base}/no-such-page/", **{"X-Forwarded-Proto": "https"})
    deadline = time.monotonic() + 30
    while True:
        lines = [json.loads(line) for line in list(server.err) if line.startswith("{")]
        requests = [line for line in lines if line.get("logger") == "overgang.requests"]
        missing = [line for line in requests if line["path"] == "/no-such-page/"]
        if missing or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    [login] = [r for r in requests if r["path"] == "/login/" and r["status"] == 200][-1:]
    assert login["user"] == "-" and login["outcome"] == "ok" and login["method"] == "GET"
    assert isinstance(login["duration_ms"], float)
    assert "next" not in json.dumps(login)  # the query string is not logged
    assert missing[-1]["status"] == 404 and missing[-1]["outcome"] == "client_error"


def test_a_database_that_cannot_be_used_is_named_and_nothing_starts(tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'no-such-folder' / 'db.sqlite3'}"
    server = Command(url, "serve", "--port", str(_free_port()))
    assert server.process.wait(timeout=180) == 1
    for reader in server.readers:
        reader.join()
    text = " ".join("".join(server.out + server.err).split())
    assert "Cannot use the database SQLite" in text
    assert "no-such-folder" in text and "Nothing was started" in text


def test_a_server_and_a_worker_starting_together_on_an_empty_database_both_start(
    tmp_path,
) -> None:  # type: ignore[no-untyped-def]
    """Each migrates a database that lacks migrations; together, one waits for the other."""
    databases = Databases(tmp_path)
    url = databases.empty()
    try:
        commands = [Command(url, "jobs") for _ in range(3)]
        for command in commands:
            assert command.process.wait(timeout=300) == 0, "".join(command.out + command.err)
            for reader in command.readers:
                reader.join()
    finally:
        databases.drop_all()


def test_the_worker_runs_its_jobs_below_the_web_servers_cpu_priority(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A plan uses every core it gets: the pages' requests must come first."""
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    ours = os.getpriority(os.PRIO_PROCESS, 0)
    worker = Command(url, "worker", "--nice", "7")
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and worker.process.poll() is None:
            if os.getpriority(os.PRIO_PROCESS, worker.process.pid) == min(19, ours + 7):
                break
            time.sleep(0.2)
        assert os.getpriority(os.PRIO_PROCESS, worker.process.pid) == min(19, ours + 7)
    finally:
        worker.process.terminate()
        worker.process.wait(timeout=120)
        for reader in worker.readers:
            reader.join()


def _server_connections(url: str) -> set[int]:
    import psycopg

    with psycopg.connect(url) as db:
        rows = db.execute(
            "select pid from pg_stat_activity"
            " where datname = current_database() and pid <> pg_backend_pid()"
        ).fetchall()
    return {pid for (pid,) in rows}


def test_each_process_serves_one_request_at_a_time_and_keeps_its_connection(served) -> None:  # type: ignore[no-untyped-def]
    base, url, server = served
    text = "".join(server.err)
    assert "Using worker: sync" in text
    assert text.count("Booting worker with pid") >= 2

    def refused_requests() -> None:
        for _ in range(4):  # each looks its token up in the database, and is refused
            answer = _get(
                f"{base}/api/v1/employees/",
                **{"X-Forwarded-Proto": "https", "Authorization": "Token no-such-token"},
            )
            assert answer.status in (401, 403)

    refused_requests()
    if url.startswith("sqlite"):
        return  # a SQLite file has no server connections to count
    before = _server_connections(url)
    refused_requests()
    # The server's processes answered with the connections they had: none was opened or
    # closed for a request (overgang serve --db-connection-seconds, 60 by default).
    assert before and _server_connections(url) == before
