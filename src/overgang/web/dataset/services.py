"""Use cases on the stored data set: import a workbook, export it, record interviews."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import OperationalError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from overgang.io.fixed import rows_of
from overgang.io.issues import Issue, WorkbookError, error
from overgang.io.read import ReadResult, file_sha256, read_workbook
from overgang.io.schema import FIXED_SHEET
from overgang.io.settlement_sheet import SETTLEMENT_SHEET
from overgang.io.write import write_workbook
from overgang.web.audit.actors import Actor, actor_name
from overgang.web.audit.exports import record_export
from overgang.web.audit.log import record
from overgang.web.audit.models import Action
from overgang.web.dataset.lock import (
    DataSetBusy,
    busy_database_message,
    data_set_lock,
    database_busy,
)
from overgang.web.dataset.models import Employee, ImportBatch, Interview, Municipality
from overgang.web.dataset.preview import ImportPreview, preview_import
from overgang.web.dataset.store import Progress, current_batch, load_dataset, merge_dataset
from overgang.web.pausepoints import pause_point
from overgang.web.planning.fixing import FixRowError, import_fixes
from overgang.web.planning.selectors import fixes_in_force
from overgang.web.process.concurrency import save_versioned
from overgang.web.reporting.held import dataset_held
from overgang.web.settlement.models import SettlementItem
from overgang.web.settlement.services import SettlementRowError, import_items, row_of


def cpr_key() -> bytes:
    return str(settings.CPR_HASH_KEY).encode()


def check_workbook(path: Path) -> ReadResult:
    """Return what reading the workbook finds, storing nothing.

    Once a data set is stored, a workbook may bring only some sheets (HR's new
    `medarbejdere`, the case system's `borgere` and `sager`); the rest is as stored.
    """
    stored = load_dataset() if current_batch() is not None else None
    try:
        return read_workbook(path, cpr_key=cpr_key(), stored=stored)
    except WorkbookError as refused:
        return ReadResult(dataset=None, issues=tuple(refused.issues))


@dataclass(frozen=True)
class ImportOutcome:
    batch: ImportBatch | None  # None when rejected, or a dry run: nothing was stored
    issues: tuple[Issue, ...]
    preview: ImportPreview | None = None  # what it changes (None when rejected)


def import_workbook(
    path: Path, *, by: Actor, dry_run: bool = False, progress: Progress | None = None
) -> ImportOutcome:
    """Validate a workbook and, only if it has no error, merge it into the stored data set.

    The outcome says what the import changes, sheet by sheet; a dry run says it and
    stores nothing. The import, its history record and its audit entry are stored in
    one transaction, or none of them. An import holds the data set alone from reading
    the workbook to its commit (`dataset.lock`): another import, or a plan reading the
    data, is waited for or refuses it, with a message saying what to do.
    """
    try:
        with data_set_lock("check" if dry_run else "import"):
            return _import_locked(path, by=by, dry_run=dry_run, progress=progress)
    except DataSetBusy as busy:
        return ImportOutcome(batch=None, issues=(error("", str(busy)),))
    except OperationalError as failure:
        if not database_busy(failure):
            raise
        return ImportOutcome(batch=None, issues=(error("", busy_database_message()),))


def _import_locked(
    path: Path, *, by: Actor, dry_run: bool, progress: Progress | None
) -> ImportOutcome:
    result = check_workbook(path)
    pause_point("import:read")
    if result.dataset is None:
        return ImportOutcome(batch=None, issues=result.issues)
    preview = preview_import(result.dataset)
    if result.fixed:
        preview = replace(preview, touched=(*preview.touched, fixes_sentence(len(result.fixed))))
    if result.settlement:
        sentence = settlement_sentence(len(result.settlement))
        preview = replace(preview, touched=(*preview.touched, sentence))
    if dry_run:
        return ImportOutcome(batch=None, issues=result.issues, preview=preview)
    try:
        with transaction.atomic():
            batch = merge_dataset(
                result.dataset,
                file_name=path.name,
                file_hash=file_sha256(path),
                imported_by=actor_name(by),
                progress=progress,
            )
            pause_point("import:merged")
            # The sheet `fastlagt` adds or replaces the fixes it names; the others stay.
            fixed = import_fixes(result.fixed, by=by)
            # The sheet `deling` adds or changes the settlement items it names; the others stay.
            settled = import_items(result.settlement, by=by)
            batch.summary = preview.summary()
            batch.save(update_fields=["summary"])
            detail = {"file": path.name, "rows": batch.row_counts, **batch.summary}
            if fixed:
                detail["fixed"] = len(fixed)
            if settled:
                detail["settlement"] = len(settled)
            record(
                by,
                Action.CREATE,
                batch,
                object_type="dataset.importbatch",
                object_id=str(batch.pk),
                detail=detail,
            )
            pause_point("import:recorded")
    except FixRowError as refused:  # nothing is stored: the file's row says why
        column = FIXED_COLUMNS.get(refused.field)
        issue = error(FIXED_SHEET.name, str(refused), row=refused.row or None, column=column)
        return ImportOutcome(batch=None, issues=(*result.issues, issue))
    except SettlementRowError as refused:  # nothing is stored: the file's row says why
        column = SETTLEMENT_COLUMNS.get(refused.field)
        issue = error(SETTLEMENT_SHEET.name, str(refused), row=refused.row or None, column=column)
        return ImportOutcome(batch=None, issues=(*result.issues, issue))
    return ImportOutcome(batch=batch, issues=result.issues, preview=preview)


# The sheet `fastlagt`'s column a fix's complaint is about.
FIXED_COLUMNS = {
    "medarbejder_id": "id",
    "sag_id": "id",
    "kommune": "vaerdi",
    "kontaktperson": "vaerdi",
    "begrundelse": "begrundelse",
}


# The sheet `deling`'s column a settlement item's complaint is about.
SETTLEMENT_COLUMNS = {
    "ext_id": "deling_id",
    "category": "kategori",
    "description": "beskrivelse",
    "value": "vaerdi",
    "owner_code": "ejer",
    "split_kind": "forslag",
    "split_to": "forslag",
    "split_key": "noegle",
    "shares": "andele",
    "status": "status",
}


def settlement_sentence(count: int) -> str:
    return ngettext(
        "The sheet deling holds %(count)d settlement item; the other items recorded in Overgang "
        "stay.",
        "The sheet deling holds %(count)d settlement items; the other items recorded in Overgang "
        "stay.",
        count,
    ) % {"count": count}


def fixes_sentence(count: int) -> str:
    return ngettext(
        "The sheet fastlagt fixes %(count)d decision; the other fixes recorded in Overgang stay.",
        "The sheet fastlagt fixes %(count)d decisions; the other fixes recorded in Overgang stay.",
        count,
    ) % {"count": count}


def export_workbook(path: Path, *, by: Actor) -> None:
    """Write the stored data set as a workbook (.xlsx) or a folder of CSV files, and log it
    with what it holds: every employee, case and citizen, and how many interviews and fixes
    (and settlement items, in the sheet `deling` where there are any)."""
    dataset, fixed, batch = load_dataset(), rows_of(fixes_in_force()), current_batch()
    settlement = [row_of(item) for item in SettlementItem.objects.order_by("ext_id")]
    write_workbook(dataset, path, fixed=fixed, settlement=settlement or None)
    record_export(
        by,
        report="workbook",
        object_id=str(batch.pk) if batch else "",
        held=dataset_held(dataset),
        counts={
            "interviews": len(dataset.interviews),
            "fixes": len(fixed),
            **({"settlement": len(settlement)} if settlement else {}),
        },
        files=[path.name],
    )


# --- interviews -----------------------------------------------------------------------


def _municipality(code: int | None) -> Municipality | None:
    if code is None:
        return None
    found = Municipality.objects.filter(code=code).first()
    if found is None:
        raise ValueError(_("no municipality has the code %(code)s") % {"code": code})
    return found


def _acceptable(codes: Iterable[int], wish: int | None) -> list[int]:
    """Return the acceptable municipalities' codes as stored: known, sorted, the wish left out."""
    chosen = sorted(set(codes) - {wish})
    for code in chosen:
        _municipality(code)
    return chosen


@transaction.atomic
def record_interview(
    *,
    employee: Employee,
    held_on: date,
    wish: int | None,
    note: str = "",
    acceptable: Iterable[int] = (),
    by: Actor,
) -> Interview:
    """Record a new preference interview (the latest one counts) and log it.

    `wish` is the wished municipality's code, or None where the employee has no wish;
    `acceptable` the codes of the other municipalities the employee can accept.
    """
    interview = Interview.objects.create(
        employee=employee,
        held_on=held_on,
        wished_municipality=_municipality(wish),
        note=note,
        acceptable_municipalities=_acceptable(acceptable, wish),
        recorded_by=actor_name(by),
        recorded_at=timezone.now(),
    )
    record(by, Action.CREATE, interview)
    return interview


@transaction.atomic
def change_interview(
    *,
    interview: Interview,
    version: int,
    held_on: date,
    wish: int | None,
    note: str = "",
    acceptable: Iterable[int] = (),
    by: Actor,
) -> Interview:
    """Change an interview unless someone else changed it since `version` (StaleEdit)."""
    wished = _municipality(wish)
    changes = {
        "held_on": held_on,
        # the key, not the object, so that stored and entered values compare alike
        "wished_municipality": wished.pk if wished else None,
        "note": note,
        "acceptable_municipalities": _acceptable(acceptable, wish),
        "recorded_by": actor_name(by),
        "recorded_at": timezone.now(),
    }
    saved = save_versioned(interview, version, changes)
    record(by, Action.UPDATE, saved, detail={"fields": sorted(changes)})
    return saved
