"""Set Django up for the command line, creating and migrating the database when needed."""

from __future__ import annotations

import os

_ready = False


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
    """Create the database and apply every migration it lacks, so any command works on a fresh one."""
    setup_django()
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        call_command("migrate", interactive=False, verbosity=0)
