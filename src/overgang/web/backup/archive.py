"""The backup file: a zip of the database's dump and `manifest.json`.

The manifest says what the dump holds: the database engine, when it was made, the
SHA-256 and size of the dump, the rows of every table, and the audit log's last entry
(number and hash), all read from the same snapshot as the dump itself. A restore checks
the dump against its checksum before it touches the database, and the restored
database against the counts and the audit log's head after.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

MANIFEST_NAME = "manifest.json"
# The manifest's own format; a restore refuses a format it does not know.
FORMAT = 1
CHUNK = 1 << 20


class BackupError(RuntimeError):
    """A backup or restore that cannot be done; the message says why and what to do."""


@dataclass(frozen=True)
class Manifest:
    engine: str  # "sqlite" or "postgresql"
    made_at: str  # ISO 8601, UTC
    dump_name: str  # the dump's name inside the zip
    sha256: str  # of the dump
    size: int  # of the dump, in bytes
    tables: dict[str, int]  # rows per table
    audit_entries: int  # the audit log's last entry: its number ...
    audit_head: str  # ... and its hash
    server_version: str = ""  # PostgreSQL's, e.g. "15.18"
    migrations: dict[str, str] = field(default_factory=dict)  # the last applied, per app
    format: int = FORMAT

    @property
    def rows(self) -> int:
        return sum(self.tables.values())


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while block := stream.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def write_archive(target: Path, dump: Path, manifest: Manifest, *, compress: bool) -> None:
    """Write the backup file; a file that is only partly written never carries its name."""
    handle, partial = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    os.close(handle)
    try:
        method = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
        with zipfile.ZipFile(partial, "w", compression=method, allowZip64=True) as archive:
            archive.write(dump, manifest.dump_name)
            archive.writestr(MANIFEST_NAME, json.dumps(asdict(manifest), indent=2))
        with open(partial, "rb") as written:
            os.fsync(written.fileno())
        os.replace(partial, target)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


def read_manifest(source: Path) -> Manifest:
    """Return the backup file's manifest, or refuse a file that is not an Overgang backup."""
    try:
        with zipfile.ZipFile(source) as archive:
            document: dict[str, Any] = json.loads(archive.read(MANIFEST_NAME))
    except FileNotFoundError as missing:
        raise BackupError(_("There is no file %(path)s.") % {"path": source}) from missing
    except (zipfile.BadZipFile, KeyError, ValueError) as broken:
        raise BackupError(
            _("%(path)s is not a backup made by 'overgang backup' (or it is damaged).")
            % {"path": source.name}
        ) from broken
    if document.get("format") != FORMAT:
        raise BackupError(
            _("The backup's format %(format)s is unknown to this version of Overgang.")
            % {"format": document.get("format")}
        )
    known = set(Manifest.__dataclass_fields__)
    return Manifest(**{name: value for name, value in document.items() if name in known})


@contextmanager
def extracted_dump(source: Path, manifest: Manifest) -> Iterator[Path]:
    """Yield the dump, copied out of the backup file and checked against its checksum."""
    with tempfile.TemporaryDirectory(prefix="overgang-restore-") as folder:
        dump = Path(folder) / Path(manifest.dump_name).name
        digest = hashlib.sha256()
        try:
            with (
                zipfile.ZipFile(source) as archive,
                archive.open(manifest.dump_name) as stream,
                dump.open("wb") as out,
            ):
                while block := stream.read(CHUNK):
                    digest.update(block)
                    out.write(block)
        except (zipfile.BadZipFile, KeyError, OSError) as broken:
            raise BackupError(
                _("The backup file %(path)s is damaged: its dump cannot be read.")
                % {"path": source.name}
            ) from broken
        if digest.hexdigest() != manifest.sha256 or dump.stat().st_size != manifest.size:
            raise BackupError(
                _(
                    "The backup file %(path)s is damaged: its dump does not match the checksum"
                    " in its manifest. Nothing was restored; use another backup."
                )
                % {"path": source.name}
            )
        yield dump
