"""Set Django up for the command line, creating and migrating the database when needed."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager

_ready = False
# The advisory lock's key for migrating (any number no other lock of Overgang uses).
MIGRATION_LOCK = 0x6F7665726D6967


def setup_django() -> None:
    """Configure Django once per process."""
    global _ready
    if _ready:
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "overgang.web.settings")
    import django

    django.setup()
    _ready = True


def ensure_database() -> None:
    """Create the database and apply every migration it lacks, so any command works on a fresh one.

    Processes that start together (the web server and a worker) migrate one at a time:
    the second finds the work done.
    """
    setup_django()
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    def pending() -> bool:
        executor = MigrationExecutor(connection)
        return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))

    if not pending():
        return
    with _migration_lock():
        if pending():
            call_command("migrate", interactive=False, verbosity=0)


@contextmanager
def _migration_lock() -> Iterator[None]:
    """Held while migrating: PostgreSQL's advisory lock, or a flock beside the SQLite file."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [MIGRATION_LOCK])
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [MIGRATION_LOCK])
        return
    name = str(connection.settings_dict["NAME"])
    if not name or name == ":memory:" or name.startswith("file:"):
        yield
        return
    with open(f"{name}.migrate.lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
