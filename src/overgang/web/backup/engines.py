"""Dump and restore the database: SQLite through its online backup, PostgreSQL through
pg_dump and pg_restore (custom format) of the server's own major version.

Each dump returns the rows of every table and the audit log's head as the dump holds
them: SQLite's are counted in the copy itself, PostgreSQL's in the snapshot pg_dump is
given (`--snapshot`), so the manifest and the dump always agree, however busy the
database is while the backup runs.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import connection, transaction
from django.utils.translation import gettext as _

from overgang.web.backup.archive import BackupError

# What migrating an empty database writes, and so what an empty database may hold: the
# schema's bookkeeping and the audit log's head at number 0 (no entry).
BOOKKEEPING = frozenset(
    {"django_migrations", "django_content_type", "auth_permission", "audit_audithead"}
)


@dataclass(frozen=True)
class Snapshot:
    tables: dict[str, int]
    audit_entries: int
    audit_head: str
    server_version: str = ""


def _quoted(table: str) -> str:
    return '"' + table.replace('"', '""') + '"'


def _audit_head(rows: Iterable[tuple[Any, ...]]) -> tuple[int, str]:
    found = list(rows)
    return (int(found[0][0]), str(found[0][1])) if found else (0, "0" * 64)


def non_empty_tables(counts: dict[str, int], audit_entries: int) -> list[str]:
    """The tables that make a database not empty: rows beyond the schema's bookkeeping."""
    held = [t for t, n in sorted(counts.items()) if n and t not in BOOKKEEPING]
    if audit_entries and "audit_auditentry" not in held:
        held.append("audit_auditentry")
    return held


# --- SQLite --------------------------------------------------------------------------


def _sqlite_counts(database: sqlite3.Connection) -> Snapshot:
    tables = [
        name
        for (name,) in database.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " ORDER BY name"
        )
    ]
    counts = {
        t: database.execute(f"SELECT count(*) FROM {_quoted(t)}").fetchone()[0] for t in tables
    }
    head: tuple[int, str] = (0, "0" * 64)
    if "audit_audithead" in counts:
        head = _audit_head(database.execute("SELECT seq, hash FROM audit_audithead WHERE id = 1"))
    return Snapshot(counts, *head)


def sqlite_path() -> Path:
    name = str(connection.settings_dict["NAME"])
    if ":memory:" in name or "mode=memory" in name:
        raise BackupError(_("An in-memory database cannot be backed up or restored."))
    return Path(name)


def sqlite_dump(target: Path) -> Snapshot:
    """Copy the live database to `target` with SQLite's online backup, in one step (so
    from one snapshot), and count the copy."""
    connection.ensure_connection()
    live = connection.connection
    with sqlite3.connect(target) as copy:
        live.backup(copy)
        snapshot = _sqlite_counts(copy)
    copy.close()
    return snapshot


def sqlite_snapshot() -> Snapshot:
    """The rows of every table of the database now (an absent file is empty)."""
    path = sqlite_path()
    if not path.exists():
        return Snapshot({}, 0, "0" * 64)
    database = sqlite3.connect(path)
    try:
        return _sqlite_counts(database)
    finally:
        database.close()


def sqlite_restore(dump: Path) -> None:
    """Replace the database, empty, by the dump, page for page, with the online backup."""
    path = sqlite_path()
    if not path.parent.is_dir():
        raise BackupError(_("There is no folder %(path)s.") % {"path": path.parent})
    connection.close()
    source = sqlite3.connect(f"file:{dump}?mode=ro", uri=True)
    target = sqlite3.connect(path)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()


# --- PostgreSQL ----------------------------------------------------------------------


def _server_version() -> tuple[str, int]:
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        text = str(cursor.fetchone()[0]).split()[0]
    return text, int(text.split(".")[0])


def pg_tool(name: str) -> Path:
    """pg_dump or pg_restore of the server's major version, or a message saying how to get it."""
    _text, major = _server_version()
    candidates = [Path(f"/usr/lib/postgresql/{major}/bin/{name}")]
    on_path = shutil.which(name)
    if on_path:
        candidates.append(Path(on_path))
    for candidate in candidates:
        if not os.access(candidate, os.X_OK):
            continue
        shown = subprocess.run(
            [candidate, "--version"], capture_output=True, text=True, check=False
        ).stdout
        found = re.search(r"(\d+)(?:\.\d+)?", shown)
        if found and int(found.group(1)) == major:
            return candidate
    raise BackupError(
        _(
            "%(tool)s of PostgreSQL %(major)s is needed (the server's version) and was not found."
            " Install it: scripts/system-deps.sh postgresql-client-%(major)s:%(tool)s"
        )
        % {"tool": name, "major": major}
    )


def _pg_environment() -> dict[str, str]:
    """The connection's parameters as libpq's environment, never on a command line."""
    settings = connection.settings_dict
    env = dict(os.environ)
    for variable, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ):
        if settings.get(key):
            env[variable] = str(settings[key])
    if settings.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = str(settings["OPTIONS"]["sslmode"])
    return env


def _run(command: list[str | Path], what: str) -> None:
    done = subprocess.run(
        [str(part) for part in command], env=_pg_environment(), capture_output=True, text=True
    )
    if done.returncode != 0:
        raise BackupError(
            _("%(what)s failed: %(error)s") % {"what": what, "error": done.stderr.strip()}
        )


def _pg_tables(cursor: Any) -> list[str]:
    cursor.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
    )
    return [row[0] for row in cursor.fetchall()]


def _pg_counts(cursor: Any) -> Snapshot:
    counts = {}
    for table in _pg_tables(cursor):
        cursor.execute(f"SELECT count(*) FROM {_quoted(table)}")
        counts[table] = int(cursor.fetchone()[0])
    head: tuple[int, str] = (0, "0" * 64)
    if "audit_audithead" in counts:
        cursor.execute("SELECT seq, hash FROM audit_audithead WHERE id = 1")
        head = _audit_head(cursor.fetchall())
    return Snapshot(counts, *head)


def postgres_dump(target: Path) -> Snapshot:
    """pg_dump in its custom format from a snapshot the counts are taken in too."""
    import psycopg

    tool = pg_tool("pg_dump")
    version, _major = _server_version()
    env = _pg_environment()
    with psycopg.connect(
        host=env.get("PGHOST"),
        port=env.get("PGPORT"),
        user=env.get("PGUSER"),
        password=env.get("PGPASSWORD"),
        dbname=env.get("PGDATABASE"),
        sslmode=env.get("PGSSLMODE", "prefer"),
    ) as session:
        session.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        session.read_only = True
        with session.transaction(), session.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot()")
            exported = str(cursor.fetchone()[0])
            snapshot = _pg_counts(cursor)
            # The snapshot lives while this transaction does: pg_dump runs inside it.
            _run(
                [tool, "--format=custom", f"--file={target}", f"--snapshot={exported}"],
                "pg_dump",
            )
    return Snapshot(snapshot.tables, snapshot.audit_entries, snapshot.audit_head, version)


def postgres_snapshot() -> Snapshot:
    with connection.cursor() as cursor:
        return _pg_counts(cursor)


def postgres_restore(dump: Path) -> None:
    """Restore the dump with pg_restore in one transaction, into a schema emptied of the
    tables migrating it left (they hold no data: `non_empty_tables` was checked)."""
    tool = pg_tool("pg_restore")
    with transaction.atomic(), connection.cursor() as cursor:
        counts = _pg_counts(cursor)
        if non_empty_tables(counts.tables, counts.audit_entries):
            raise BackupError(_("The database has been written to meanwhile; nothing restored."))
        tables = _pg_tables(cursor)
        if tables:
            cursor.execute("DROP TABLE " + ", ".join(_quoted(t) for t in tables) + " CASCADE")
    name = str(connection.settings_dict["NAME"])
    connection.close()
    _run(
        [
            tool,
            "--single-transaction",
            "--exit-on-error",
            "--no-owner",
            "--no-privileges",
            f"--dbname={name}",
            dump,
        ],
        "pg_restore",
    )
