"""Commands of operations: back the whole database up to a file, restore it into an empty one."""

from __future__ import annotations

import getpass
from pathlib import Path

import typer
from django.utils.translation import gettext as _

from overgang.cli.console import console, err_console, number
from overgang.cli.main import app
from overgang.web.audit.actors import command_line_actor
from overgang.web.bootstrap import ensure_database, setup_django

BY_OPTION = typer.Option(getpass.getuser(), "--by", help=_("Who does it (in the audit log)."))


@app.command(
    "backup",
    help=_(
        "Write a consistent copy of the whole database to FILE (a zip of the dump and a manifest of rows per table and its checksum). See docs/operations.md."
    ),
)
def backup_command(
    path: Path = typer.Argument(..., help=_("The backup file to write; it must not exist.")),
    by: str = BY_OPTION,
) -> None:
    ensure_database()
    from overgang.web.backup.services import BackupError, back_up

    try:
        with err_console.status(_("Writing the backup %(path)s") % {"path": path}):
            manifest = back_up(path, by=command_line_actor(by))
    except BackupError as refused:
        err_console.print(_("No backup was made: %(reason)s") % {"reason": refused}, soft_wrap=True)
        raise typer.Exit(1) from refused
    console.print(
        _(
            "Wrote the backup %(path)s: %(tables)s tables, %(rows)s rows, the audit log to entry no. %(entries)s; SHA-256 of the dump %(sha)s"
        )
        % {
            "path": path,
            "tables": len(manifest.tables),
            "rows": number(manifest.rows, 0),
            "entries": number(manifest.audit_entries, 0),
            "sha": manifest.sha256,
        },
        soft_wrap=True,
    )


@app.command(
    "restore",
    help=_(
        "Restore a backup made by 'overgang backup' into an empty database, and check its rows per table and its audit log. See docs/operations.md."
    ),
)
def restore_command(
    path: Path = typer.Argument(..., help=_("The backup file.")),
    by: str = BY_OPTION,
) -> None:
    setup_django()  # not ensure_database: the database must be empty, not even migrated
    from overgang.web.backup.services import BackupError, restore

    try:
        with err_console.status(_("Restoring %(path)s") % {"path": path}):
            manifest = restore(path, by=command_line_actor(by))
    except BackupError as refused:
        err_console.print(_("Not restored: %(reason)s") % {"reason": refused}, soft_wrap=True)
        raise typer.Exit(1) from refused
    console.print(
        _(
            "Restored the backup of %(made_at)s: %(tables)s tables and %(rows)s rows as its manifest says; the audit log verifies to entry no. %(entries)s."
        )
        % {
            "made_at": manifest.made_at,
            "tables": len(manifest.tables),
            "rows": number(manifest.rows, 0),
            "entries": number(manifest.audit_entries, 0),
        },
        soft_wrap=True,
    )
