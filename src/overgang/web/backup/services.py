"""Use cases: back the whole database up to one file, and restore it into an empty database.

Both are audited: the backup's entry is appended once the file is written (so the live
log says who took a copy of everything, and where); the restore's once the restored
audit log's chain is verified, so that it continues a chain known to be whole.
"""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime
from pathlib import Path

from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils.translation import gettext as _

from overgang.web.audit.actors import Actor
from overgang.web.audit.chain import verify_chain
from overgang.web.audit.log import record
from overgang.web.audit.models import Action
from overgang.web.backup import engines
from overgang.web.backup.archive import (
    BackupError,
    Manifest,
    extracted_dump,
    read_manifest,
    sha256_of,
    write_archive,
)
from overgang.web.bootstrap import ensure_database

__all__ = ["BackupError", "Manifest", "back_up", "restore"]


def _engine() -> str:
    if connection.vendor not in ("sqlite", "postgresql"):
        raise BackupError(
            _("Backups are made of SQLite and PostgreSQL databases, not %(vendor)s.")
            % {"vendor": connection.vendor}
        )
    return str(connection.vendor)


def _last_migrations() -> dict[str, str]:
    last: dict[str, str] = {}
    for app, name in MigrationRecorder.Migration.objects.order_by("app", "name").values_list(
        "app", "name"
    ):
        last[app] = name
    return last


def back_up(path: Path, *, by: Actor) -> Manifest:
    """Write a consistent copy of the whole database to `path`, with its manifest; log it."""

    engine = _engine()
    if path.exists():
        raise BackupError(
            _("%(path)s exists already; a backup never overwrites a file. Choose another name.")
            % {"path": path}
        )
    if not path.parent.is_dir():
        raise BackupError(_("There is no folder %(path)s.") % {"path": path.parent})
    with tempfile.TemporaryDirectory(prefix="overgang-backup-") as folder:
        if engine == "sqlite":
            dump = Path(folder) / "database.sqlite3"
            snapshot = engines.sqlite_dump(dump)
        else:
            dump = Path(folder) / "database.dump"
            snapshot = engines.postgres_dump(dump)
        manifest = Manifest(
            engine=engine,
            made_at=datetime.now(UTC).isoformat(timespec="seconds"),
            dump_name=dump.name,
            sha256=sha256_of(dump),
            size=dump.stat().st_size,
            tables=snapshot.tables,
            audit_entries=snapshot.audit_entries,
            audit_head=snapshot.audit_head,
            server_version=snapshot.server_version,
            migrations=_last_migrations(),
        )
        # pg_dump's custom format is compressed already; a SQLite file is not.
        write_archive(path, dump, manifest, compress=engine == "sqlite")
    record(
        by,
        Action.DOWNLOAD,
        object_type="backup",
        object_id=path.name,
        detail={
            "file": str(path.resolve()),
            "sha256": manifest.sha256,
            "tables": len(manifest.tables),
            "rows": manifest.rows,
            "audit_entries": manifest.audit_entries,
        },
    )
    return manifest


def _snapshot() -> engines.Snapshot:
    return (
        engines.sqlite_snapshot() if connection.vendor == "sqlite" else engines.postgres_snapshot()
    )


def restore(path: Path, *, by: Actor) -> Manifest:
    """Restore a backup into an empty database, check it against its manifest, and log it.

    Refuses a database that holds data, a backup of the other engine and a damaged file
    before it changes anything. After restoring: every table's rows as the manifest says,
    the schema migrated to this version, the audit log's chain whole and ending where the
    backup's did; only then is the restore's own entry appended.
    """

    engine = _engine()
    manifest = read_manifest(path)
    if manifest.engine != engine:
        raise BackupError(
            _(
                "The backup is of a %(backup)s database and cannot be restored into %(engine)s."
                " Point DATABASE_URL to an empty %(backup)s database."
            )
            % {"backup": manifest.engine, "engine": engine}
        )
    before = _snapshot()
    held = engines.non_empty_tables(before.tables, before.audit_entries)
    if held:
        raise BackupError(
            _(
                "The database is not empty (%(tables)s hold data): a backup is restored only"
                " into an empty database. Nothing was changed. Point DATABASE_URL to a new"
                " database, or empty this one first."
            )
            % {"tables": ", ".join(held[:5]) + (", …" if len(held) > 5 else "")}
        )
    with extracted_dump(path, manifest) as dump:
        if engine == "sqlite":
            engines.sqlite_restore(dump)
        else:
            engines.postgres_restore(dump)
    after = _snapshot()
    if after.tables != manifest.tables:
        differ = sorted(
            table
            for table in set(after.tables) | set(manifest.tables)
            if after.tables.get(table) != manifest.tables.get(table)
        )
        raise BackupError(
            _(
                "The restored database does not hold what the backup's manifest says (%(tables)s"
                " differ). Do not use it: empty the database and restore another backup."
            )
            % {"tables": ", ".join(differ)}
        )
    ensure_database()  # a backup from an earlier version is migrated to this one
    verdict = verify_chain()
    if not verdict.ok or (after.audit_entries, after.audit_head) != (
        manifest.audit_entries,
        manifest.audit_head,
    ):
        raise BackupError(
            _(
                "The restored audit log does not verify (%(problem)s at entry no. %(seq)s). Do"
                " not use the database: empty it and restore another backup."
            )
            % {"problem": verdict.problem or _("another last entry"), "seq": verdict.seq}
        )
    record(
        by,
        Action.CREATE,
        object_type="backup.restore",
        object_id=path.name,
        detail={
            "file": str(path.resolve()),
            "sha256": manifest.sha256,
            "made_at": manifest.made_at,
            "tables": len(manifest.tables),
            "rows": manifest.rows,
            "audit_entries": verdict.checked,
        },
    )
    return manifest
