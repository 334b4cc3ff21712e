"""Read back a case-system administrator's transfer list: a status per case.

The file is the list `overgang case-transfer export` wrote (`reports.case_transfer`),
as .xlsx or CSV in either dialect (";" or ",", UTF-8 with or without a byte order
mark, or Windows-1252 as Excel saves "CSV (semikolonsepareret)"), with `status`
filled in per case: `overtaget` (taken over) or `afvist` (refused, with the reason
in `begrundelse`); a blank status or `afventer` is no answer yet.

What is refused, and what is not (docs/case-transfer.md):
- A malformed file is refused as a whole, and nothing is recorded: one that cannot
  be read, lacks the `sag_id` or `status` column, has a status that is none of the
  above, a refusal without a reason, or the same case answered twice differently.
  Every such problem is listed with its row.
- Ids that are not on the municipality's list are not the file's fault: the caller
  reports them with their row and records the others (`casefiles.services`).
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from overgang.io.cells import display, is_blank, unguard_csv
from overgang.io.columns import normalise_header
from overgang.io.issues import WorkbookError
from overgang.io.limits import MAX_FILE_BYTES, check_zip
from overgang.io.tables import decode, detect_separator, open_tables

TAKEN_OVER, REFUSED, PENDING = "overtaget", "afvist", "afventer"
_STATUSES = {
    "overtaget": TAKEN_OVER,
    "taget over": TAKEN_OVER,
    "taken over": TAKEN_OVER,
    "taken_over": TAKEN_OVER,
    "afvist": REFUSED,
    "refused": REFUSED,
    "afventer": PENDING,
    "pending": PENDING,
    "": PENDING,
}
REQUIRED = ("sag_id", "status")
MAX_ROWS = 200_000


@dataclass(frozen=True)
class TransferAnswer:
    """One case's answer: its row in the file (the header is row 1), id, status and reason."""

    row: int
    case_id: str
    status: str  # TAKEN_OVER or REFUSED
    reason: str
    municipality: int | None  # the file's `modtagende_kommune`, where it has one


@dataclass(frozen=True)
class TransferAnswers:
    answers: tuple[TransferAnswer, ...]
    unanswered: int  # rows with no status yet


class TransferFileError(ValueError):
    """The file is malformed; `problems` says where and why. Nothing is recorded."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = tuple(problems)


def read_transfer_answers(name: str, data: bytes) -> TransferAnswers:
    """Return the answers of a transfer list (.xlsx or CSV), or raise TransferFileError."""
    if len(data) > MAX_FILE_BYTES:
        raise TransferFileError([_("the file is larger than the largest accepted")])
    if data.startswith(b"PK"):
        rows = _xlsx_rows(name, data)
    else:
        text = decode(data)
        if text is None:
            raise TransferFileError(
                [_("the file is neither UTF-8 nor Windows-1252; expected it saved as CSV")]
            )
        rows = _csv_rows(text)
    return _answers(rows)


def _xlsx_rows(name: str, data: bytes) -> list[tuple[int, Sequence[object]]]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / (Path(name).name or "overfoersel.xlsx")
        path.write_bytes(data)
        try:
            check_zip(path)
            with open_tables(path) as tables:
                if not tables:
                    raise TransferFileError([_("the workbook has no sheet")])
                return list(tables[0].rows)
        except WorkbookError as error:
            raise TransferFileError([str(error)]) from None


def _csv_rows(text: str) -> list[tuple[int, Sequence[object]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=detect_separator(text))
    rows = []
    try:
        for record in reader:
            rows.append((reader.line_num, [unguard_csv(value) for value in record]))
    except csv.Error as error:
        raise TransferFileError(
            [
                _("row %(row)s cannot be read as CSV (%(reason)s)")
                % {"row": reader.line_num, "reason": error}
            ]
        ) from None
    return rows


def _text(raw: object) -> str:
    return "" if is_blank(raw) else display(raw).strip()


def _answers(rows: Iterable[tuple[int, Sequence[object]]]) -> TransferAnswers:
    numbered = [(number, values) for number, values in rows if any(not is_blank(v) for v in values)]
    if not numbered:
        raise TransferFileError([_("the file is empty; expected the transfer list")])
    _header_row, header = numbered[0]
    columns = {
        normalise_header(str(title)): i for i, title in enumerate(header) if not is_blank(title)
    }
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise TransferFileError(
            [_("the column %(column)s is missing") % {"column": name} for name in missing]
        )
    if len(numbered) > MAX_ROWS:
        raise TransferFileError([_("the file has more than %(limit)s rows") % {"limit": MAX_ROWS}])

    def cell(values: Sequence[object], column: str) -> str:
        i = columns.get(column)
        return _text(values[i]) if i is not None and i < len(values) else ""

    problems: list[str] = []
    answers: dict[str, TransferAnswer] = {}
    unanswered = 0
    for number, values in numbered[1:]:
        case_id = cell(values, "sag_id")
        status = _STATUSES.get(cell(values, "status").lower())
        reason = cell(values, "begrundelse")
        where = {"row": number, "case": case_id}
        if not case_id:
            problems.append(_("row %(row)s: sag_id is blank") % where)
            continue
        if status is None:
            problems.append(
                _("row %(row)s (%(case)s): status must be overtaget, afvist or blank") % where
            )
            continue
        if status == PENDING:
            unanswered += 1
            continue
        if status == REFUSED and not reason:
            problems.append(
                _("row %(row)s (%(case)s): a refusal needs a reason (begrundelse)") % where
            )
            continue
        code_text = cell(values, "modtagende_kommune")
        try:
            municipality = int(float(code_text)) if code_text else None
        except ValueError:
            problems.append(
                _("row %(row)s (%(case)s): modtagende_kommune is not a municipality code") % where
            )
            continue
        answer = TransferAnswer(number, case_id, status, reason, municipality)
        earlier = answers.get(case_id)
        if earlier is not None and (earlier.status, earlier.reason) != (status, reason):
            problems.append(
                _("row %(row)s (%(case)s): the case is answered differently in row %(first)s")
                % {**where, "first": earlier.row}
            )
            continue
        answers.setdefault(case_id, answer)
    if problems:
        raise TransferFileError(problems)
    return TransferAnswers(tuple(answers.values()), unanswered)
