"""Use cases on the stored data set: import a workbook, export it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from overgang.io.issues import Issue, WorkbookError
from overgang.io.read import ReadResult, file_sha256, read_workbook
from overgang.io.write import write_workbook
from overgang.web.dataset.models import ImportBatch
from overgang.web.dataset.store import Progress, load_dataset, replace_dataset


def cpr_key() -> bytes:
    return str(settings.CPR_HASH_KEY).encode()


def check_workbook(path: Path) -> ReadResult:
    """Return what reading the workbook finds, storing nothing."""
    try:
        return read_workbook(path, cpr_key=cpr_key())
    except WorkbookError as refused:
        return ReadResult(dataset=None, issues=tuple(refused.issues))


@dataclass(frozen=True)
class ImportOutcome:
    batch: ImportBatch | None  # None when the workbook was rejected and nothing was stored
    issues: tuple[Issue, ...]


def import_workbook(
    path: Path, *, imported_by: str, progress: Progress | None = None
) -> ImportOutcome:
    """Validate a workbook and, only if it has no error, replace the stored data set with it."""
    result = check_workbook(path)
    if result.dataset is None:
        return ImportOutcome(batch=None, issues=result.issues)
    batch = replace_dataset(
        result.dataset,
        file_name=path.name,
        file_hash=file_sha256(path),
        imported_by=imported_by,
        progress=progress,
    )
    return ImportOutcome(batch=batch, issues=result.issues)


def export_workbook(path: Path) -> None:
    """Write the stored data set as a workbook (.xlsx) or a folder of CSV files."""
    write_workbook(load_dataset(), path)
