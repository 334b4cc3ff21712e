"""Real `overgang` processes on a database of their own, for the crash, race and backup tests.

The database is of the engine the suite runs on: a SQLite file, or a new PostgreSQL
database on the server of DATABASE_URL (dropped afterwards). `Databases` makes a prepared
database once and copies it for each test (a file copy; CREATE DATABASE ... TEMPLATE).
`Command` runs the command line, optionally paused at named points (overgang.web.pausepoints)
so that a test can kill it there or let it go on.
"""

from __future__ import annotations

import os
import queue
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

SERVER_URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRES = SERVER_URL.startswith(("postgres://", "postgresql://"))
WAIT_SECONDS = 180  # for a paused point or an end, however loaded the machine


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(SERVER_URL, autocommit=True) as session:
        session.execute(sql)


@dataclass
class Databases:
    """Databases for processes: new empty ones, or copies of one prepared once."""

    folder: Path
    made: list[str] = field(default_factory=list)

    def empty(self) -> str:
        name = f"overgang_proc_{uuid.uuid4().hex[:10]}"
        if ON_POSTGRES:
            _admin(f'CREATE DATABASE "{name}"')
            self.made.append(name)
            return _with_database(SERVER_URL, name)
        return f"sqlite:///{self.folder / name}.sqlite3"

    def copy(self, template: str) -> str:
        name = f"overgang_proc_{uuid.uuid4().hex[:10]}"
        if ON_POSTGRES:
            _admin(f'CREATE DATABASE "{name}" TEMPLATE "{urlsplit(template).path[1:]}"')
            self.made.append(name)
            return _with_database(SERVER_URL, name)
        source = Path(urlsplit(template).path)
        target = self.folder / f"{name}.sqlite3"
        for suffix in ("", "-wal"):
            if Path(f"{source}{suffix}").exists():
                shutil.copyfile(f"{source}{suffix}", f"{target}{suffix}")
        return f"sqlite:///{target}"

    def drop_all(self) -> None:
        import psycopg

        for name in self.made:
            # FORCE cannot end an autovacuum worker in the database without pg_signal_backend
            # (scripts/postgres.sh grants it; another server may not): wait for it to finish.
            for attempt in range(30):
                try:
                    _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                    break
                except psycopg.errors.InsufficientPrivilege:
                    if attempt == 29:
                        raise
                    time.sleep(1)


@dataclass
class Finished:
    returncode: int
    stdout: str
    stderr: str

    @property
    def text(self) -> str:
        """Both streams with their line breaks and Rich's wrapping made single spaces."""
        return " ".join(f"{self.stdout}\n{self.stderr}".split())


class Command:
    """One `overgang` process, read as it runs, pausable at points named in OVERGANG_PAUSE_AT."""

    def __init__(self, url: str, *args: str, pause_at: tuple[str, ...] = (), **env: str) -> None:
        environment = {
            **os.environ,
            "DATABASE_URL": url,
            "OVERGANG_LANG": "en",
            "OVERGANG_PAUSE_AT": ",".join(pause_at),
            "COLUMNS": "200",
            **env,
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "overgang.cli", *args],
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.out: list[str] = []
        self.err: list[str] = []
        self.readers = [
            threading.Thread(target=self._read, args=(self.process.stdout, self.out, False)),
            threading.Thread(target=self._read, args=(self.process.stderr, self.err, True)),
        ]
        for reader in self.readers:
            reader.start()

    def _read(self, stream: Any, kept: list[str], announce: bool) -> None:
        for line in stream:
            kept.append(line)
            if announce:
                self.lines.put(line)

    def paused_at(self, point: str) -> Command:
        """Wait until the process says it stopped at `point`."""
        while True:
            try:
                line = self.lines.get(timeout=WAIT_SECONDS)
            except queue.Empty as late:
                raise AssertionError(f"never paused at {point}: {''.join(self.err)}") from late
            if line.strip() == f"PAUSED {point}":
                return self
            if self.process.poll() is not None and self.lines.empty():
                raise AssertionError(f"ended before {point}: {''.join(self.out + self.err)}")

    def resume(self) -> Command:
        self.process.send_signal(signal.SIGUSR1)
        return self

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(WAIT_SECONDS)
        for reader in self.readers:
            reader.join(WAIT_SECONDS)

    def finished(self) -> Finished:
        self.process.wait(WAIT_SECONDS)
        for reader in self.readers:
            reader.join(WAIT_SECONDS)
        return Finished(self.process.returncode, "".join(self.out), "".join(self.err))


def run(url: str, *args: str, **env: str) -> Finished:
    return Command(url, *args, **env).finished()


# --- what a database holds -----------------------------------------------------------


def _sqlite_rows(path: str) -> dict[str, list[tuple[Any, ...]]]:
    database = sqlite3.connect(path)
    try:
        tables = [
            name
            for (name,) in database.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {t: sorted(database.execute(f'SELECT * FROM "{t}"'), key=repr) for t in tables}
    finally:
        database.close()


def _postgres_rows(url: str) -> dict[str, list[tuple[Any, ...]]]:
    import psycopg

    with psycopg.connect(url) as session:
        tables = [
            name
            for (name,) in session.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
            )
        ]
        return {t: sorted(session.execute(f'SELECT * FROM "{t}"'), key=repr) for t in tables}


def every_row(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, sorted, table by table."""
    if url.startswith("sqlite:///"):
        return _sqlite_rows(url.removeprefix("sqlite:///"))
    return _postgres_rows(url)


def column(url: str, sql: str) -> list[Any]:
    """The first column of the rows the query gives."""
    if url.startswith("sqlite:///"):
        database = sqlite3.connect(url.removeprefix("sqlite:///"))
        try:
            return [row[0] for row in database.execute(sql)]
        finally:
            database.close()
    import psycopg

    with psycopg.connect(url) as session:
        return [row[0] for row in session.execute(sql)]


def execute(url: str, sql: str) -> None:
    """Run one statement behind the application's back, as a careless hand or a fault would."""
    if url.startswith("sqlite:///"):
        database = sqlite3.connect(url.removeprefix("sqlite:///"))
        try:
            with database:
                database.execute(sql)
        finally:
            database.close()
        return
    import psycopg

    with psycopg.connect(url) as session:
        session.execute(sql)


def scalar(url: str, sql: str) -> Any:
    """The first column of the first row the query gives (None for no row)."""
    found = column(url, sql)
    return found[0] if found else None


def differences(before: dict[str, list[Any]], after: dict[str, list[Any]]) -> list[str]:
    """The tables whose rows differ, with how many rows each holds before and after."""
    return [
        f"{table}: {len(before.get(table, []))} -> {len(after.get(table, []))} rows"
        for table in sorted(set(before) | set(after))
        if before.get(table) != after.get(table)
    ]


def write_workbooks(folder: Path) -> dict[str, Path]:
    """w1: the worked example; w2: C works full time; w3: D joins as well."""
    from dataclasses import replace

    from overgang.io.write import write_workbook
    from tests.core.factories import employee, worked_example

    example = worked_example()
    full_time = replace(example, employees=(*example.employees[:2], employee("C", hours=37)))
    joined = replace(full_time, employees=(*full_time.employees, employee("D")))
    books = {"w1": example, "w2": full_time, "w3": joined}
    for name, data in books.items():
        write_workbook(data, folder / f"{name}.xlsx")
    return {name: folder / f"{name}.xlsx" for name in books}
