"""Use cases of the case files' way to the receiving case system: export a list, record answers.

Each is keyword-only, takes the acting user or system actor as `by`, writes in one
transaction and records its audit entries in it. The page and the command line call
these and write nothing themselves.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from overgang.io.transfer_answers import REFUSED, TAKEN_OVER, TransferAnswer
from overgang.web.audit.actors import Actor, user_of
from overgang.web.audit.exports import record_export
from overgang.web.audit.log import record
from overgang.web.audit.models import Action
from overgang.web.casefiles.models import CaseTransfer, TransferStatus
from overgang.web.dataset.models import Case


@transaction.atomic
def record_transfer_export(
    *,
    municipality: int,
    plan_id: int,
    held: Mapping[str, Collection[str]],
    files: Sequence[str],
    by: Actor,
) -> int:
    """Record the cases of a transfer list as sent to `municipality`; return how many are new.

    A case listed for the first time is recorded as pending; one listed before keeps
    its status (an answer already given stands) and gets the new export's time. The
    export itself is audited with what the file held.
    """
    case_ids = sorted(set(held.get("cases", ())))
    now, user = timezone.now(), user_of(by)
    known = set(
        CaseTransfer.objects.filter(
            municipality_code=municipality, case_id__in=case_ids
        ).values_list("case_id", flat=True)
    )
    CaseTransfer.objects.bulk_create(
        [
            CaseTransfer(
                case_id=case_id,
                municipality_code=municipality,
                exported_at=now,
                exported_by=user,
            )
            for case_id in case_ids
            if case_id not in known
        ]
    )
    CaseTransfer.objects.filter(municipality_code=municipality, case_id__in=known).update(
        exported_at=now, exported_by=user
    )
    new = len(case_ids) - len(known)
    record_export(
        by,
        report="case-transfer",
        object_id=str(plan_id),
        held=held,
        files=files,
        municipality=municipality,
        new=new,
    )
    return new


@dataclass(frozen=True)
class ConfirmationResult:
    taken_over: tuple[str, ...]  # case ids recorded as taken over
    refused: tuple[str, ...]  # case ids recorded as refused
    unknown: tuple[tuple[int, str], ...]  # (row, case id) not on the municipality's list


def _transfer_for(
    answer: TransferAnswer, municipality: int | None, rows: dict[tuple[str, int], CaseTransfer]
) -> CaseTransfer | None:
    """The listed case an answer is about, or None when it is on no list it may answer for."""
    if municipality is not None:
        if answer.municipality not in (None, municipality):
            return None  # the file says another municipality's list
        return rows.get((answer.case_id, municipality))
    if answer.municipality is not None:
        return rows.get((answer.case_id, answer.municipality))
    matches = [row for (case_id, _code), row in rows.items() if case_id == answer.case_id]
    return matches[0] if len(matches) == 1 else None


@transaction.atomic
def confirm_case_transfers(
    *,
    answers: Sequence[TransferAnswer],
    municipality: int | None,
    file_name: str,
    by: Actor,
) -> ConfirmationResult:
    """Record the administrator's answers; report the ids on no list with their row.

    With `municipality` only that municipality's list is answered (the page passes the
    lead's own); without it (the command line) each answer names its list by the file's
    `modtagende_kommune`, or by the only list its case is on.
    """
    scope = CaseTransfer.objects.select_for_update().filter(
        case_id__in={a.case_id for a in answers}
    )
    if municipality is not None:
        scope = scope.filter(municipality_code=municipality)
    rows = {(t.case_id, t.municipality_code): t for t in scope}
    now, user = timezone.now(), user_of(by)
    taken, refused, unknown = [], [], []
    changed: list[CaseTransfer] = []
    for answer in answers:
        transfer = _transfer_for(answer, municipality, rows)
        if transfer is None:
            unknown.append((answer.row, answer.case_id))
            continue
        transfer.status = (
            TransferStatus.TAKEN_OVER if answer.status == TAKEN_OVER else (TransferStatus.REFUSED)
        )
        transfer.reason = answer.reason if answer.status == REFUSED else ""
        transfer.confirmed_at, transfer.confirmed_by = now, user
        changed.append(transfer)
        (taken if answer.status == TAKEN_OVER else refused).append(transfer.case_id)
    CaseTransfer.objects.bulk_update(changed, ["status", "reason", "confirmed_at", "confirmed_by"])
    for code in sorted({t.municipality_code for t in changed} or {municipality or 0}):
        mine = [t for t in changed if t.municipality_code == code]
        ids = sorted(t.case_id for t in mine)
        record(
            by,
            Action.UPDATE,
            object_type="casefiles.casetransfer",
            object_id=str(code),
            municipality=code or None,
            detail={
                "file": file_name,
                "taken_over": sorted(
                    t.case_id for t in mine if t.status == TransferStatus.TAKEN_OVER
                ),
                "refused": sorted(t.case_id for t in mine if t.status == TransferStatus.REFUSED),
                "unknown": [{"row": row, "sag_id": case_id} for row, case_id in unknown],
                "cases": ids,
                "citizens": sorted(
                    set(
                        Case.objects.filter(ext_id__in=ids).values_list(
                            "citizen__ext_id", flat=True
                        )
                    )
                ),
            },
        )
    return ConfirmationResult(tuple(taken), tuple(refused), tuple(unknown))
