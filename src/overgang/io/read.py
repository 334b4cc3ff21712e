"""Read a transition workbook: every issue of the whole file, and the Dataset if there are no errors.

    result = read_workbook(Path("overgang.xlsx"), cpr_key=settings.CPR_HASH_KEY.encode())
    if not result.ok:
        for issue in result.errors:
            print(issue.format())

An import is all or nothing: one error and `dataset` is None. The file is refused
with `WorkbookError` before it is parsed when it is missing, too large, another
kind of file (io/file_kind.py), a zip bomb, carries an XML document type
(io/xml_guard.py) or a sheet too large to hold; everything wrong with its content
is an `Issue`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext

from overgang.core.domain import Dataset
from overgang.io import file_kind, limits, xml_guard
from overgang.io.fixed import FixedRow, fixed_rows
from overgang.io.issues import Issue, Severity, WorkbookError, error, warning
from overgang.io.partial import fill_from_stored
from overgang.io.records import build_dataset, canonical
from overgang.io.rules import check_rules
from overgang.io.schema import FIXED_SHEET, GUIDE_SHEET, SHEETS, SHEETS_BY_NAME, normalise_header
from overgang.io.settlement import SettlementRow, settlement_rows
from overgang.io.settlement_sheet import SETTLEMENT_SHEET
from overgang.io.sheets import ParsedSheet, parse_sheet
from overgang.io.tables import csv_files, open_tables
from overgang.io.validate import dangling_references, duplicate_keys

__all__ = ["ReadResult", "canonical", "file_sha256", "read_workbook"]

_SHEET_ORDER = {sheet.name: i for i, sheet in enumerate((*SHEETS, FIXED_SHEET, SETTLEMENT_SHEET))}
# Sheets read beside the data set: the decisions fixed by hand (io/fixed.py) and the
# settlement register (io/settlement.py).
_BESIDE = {FIXED_SHEET.name: FIXED_SHEET, SETTLEMENT_SHEET.name: SETTLEMENT_SHEET}


@dataclass(frozen=True)
class ReadResult:
    """What a read found: the Dataset (None if there is any error) and every issue.

    `fixed` holds the rows of the optional sheet `fastlagt` (none without it), `settlement`
    those of the optional sheet `deling`.
    """

    dataset: Dataset | None
    issues: tuple[Issue, ...]
    fixed: tuple[FixedRow, ...] = ()
    settlement: tuple[SettlementRow, ...] = ()

    @property
    def errors(self) -> tuple[Issue, ...]:
        return tuple(issue for issue in self.issues if issue.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Issue, ...]:
        return tuple(issue for issue in self.issues if issue.severity is Severity.WARNING)

    @property
    def ok(self) -> bool:
        return not self.errors


def read_workbook(path: Path, *, cpr_key: bytes, stored: Dataset | None = None) -> ReadResult:
    """Return the Dataset of an .xlsx file or a folder of `<sheet>.csv` files, and its issues.

    With `stored` (the data set stored now), a workbook may bring only some of the
    required sheets: the others are taken from the stored data set (see io/partial.py).

    CPR numbers are kept only as HMAC-SHA256 under `cpr_key`. Raises WorkbookError,
    before parsing, for a file that is missing, too large, a zip bomb or no workbook.
    """
    path = Path(path)
    _refuse_before_parsing(path)
    issues: list[Issue] = []
    sheets: dict[str, ParsedSheet] = {}
    seen: set[str] = set()
    with open_tables(path) as tables:
        for table in tables:
            name = normalise_header(table.title)
            if name == GUIDE_SHEET:
                continue
            sheet = SHEETS_BY_NAME.get(name) or _BESIDE.get(name)
            if sheet is None:
                issues.append(
                    warning(
                        table.title,
                        gettext("unknown sheet; it is ignored. Expected the sheets %(sheets)s")
                        % {"sheets": ", ".join(s.name for s in SHEETS)},
                    )
                )
                continue
            if name in seen:
                issues.append(
                    error(
                        table.title,
                        gettext("the sheet %(sheet)s appears twice; expected it once")
                        % {"sheet": name},
                    )
                )
                continue
            seen.add(name)
            if table.issues:  # the file could not be decoded
                issues.extend(table.issues)
                continue
            parsed, found = parse_sheet(sheet, table.title, table.rows, cpr_key=cpr_key)
            issues.extend(found)
            issues.extend(table.issues)  # a line that broke off the reading
            if not table.issues:
                sheets[name] = parsed
    partial = (
        stored is not None
        and seen
        and any(sheet.required and sheet.name not in seen for sheet in SHEETS)
    )
    if partial and stored is not None:
        filled, found = fill_from_stored(sheets, stored, cpr_key=cpr_key)
        seen |= filled
        issues.extend(found)
    issues.extend(_missing_sheets(seen, path))
    for parsed in sheets.values():
        issues.extend(duplicate_keys(parsed))
    issues.extend(dangling_references(sheets))
    issues.extend(check_rules(sheets))
    issues.sort(key=_issue_order)
    if any(issue.is_error for issue in issues):
        return ReadResult(None, tuple(issues))
    dataset = build_dataset(sheets)
    fixed: tuple[FixedRow, ...] = ()
    settlement: tuple[SettlementRow, ...] = ()
    found: list[Issue] = []
    if FIXED_SHEET.name in sheets:
        fixed, refused = fixed_rows(sheets[FIXED_SHEET.name], dataset)
        found.extend(refused)
    if SETTLEMENT_SHEET.name in sheets:
        settlement, refused = settlement_rows(sheets[SETTLEMENT_SHEET.name], dataset)
        found.extend(refused)
    if found:
        return ReadResult(None, tuple(sorted([*issues, *found], key=_issue_order)))
    return ReadResult(dataset, tuple(issues), fixed, settlement)


def _refuse_before_parsing(path: Path) -> None:
    if path.is_dir():
        limits.check_folder_size(csv_files(path), path)
        return
    if not path.is_file():
        raise WorkbookError.refuse(
            gettext("the file does not exist; expected an .xlsx file or a folder of CSV files"),
            file=path.name,
        )
    limits.check_file_size(path)
    file_kind.check_kind(path)  # from its first bytes: empty, text, old Office, encrypted, cut off
    limits.check_zip(path)  # the unpacking limits, before anything is unpacked
    file_kind.check_package(path)  # from its parts' names: another document, macros
    xml_guard.check_xml_parts(path)  # no document type: entity expansion, external entities
    limits.check_sheet_memory(path)


def _missing_sheets(seen: set[str], path: Path) -> list[Issue]:
    if path.is_dir():
        message = gettext("missing file; expected a file %(sheet)s.csv in the folder")
    else:
        message = gettext("missing sheet; expected a sheet named %(sheet)s")
    return [
        error(sheet.name, message % {"sheet": sheet.name})
        for sheet in SHEETS
        if sheet.required and sheet.name not in seen
    ]


def _issue_order(issue: Issue) -> tuple[int, int, int, str]:
    sheet = _SHEET_ORDER.get(issue.sheet, -1)
    column = -1
    if issue.sheet in SHEETS_BY_NAME and issue.column in SHEETS_BY_NAME[issue.sheet].names:
        column = SHEETS_BY_NAME[issue.sheet].names.index(issue.column)
    return (sheet, issue.row or 0, column, issue.column or "")


def file_sha256(path: Path) -> str:
    """Return the SHA-256 of a workbook file, or of a folder's CSV files (names and contents).

    A plan stores this hash of its input, so that it can be told which file it came from.
    """
    path = Path(path)
    digest = hashlib.sha256()
    if not path.is_dir():
        with path.open("rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest()
    for file in csv_files(path):
        name = file.name.encode("utf-8")
        content = file.read_bytes()
        # Lengths first, so that no two different folders feed the same bytes.
        digest.update(len(name).to_bytes(8, "big") + name)
        digest.update(len(content).to_bytes(8, "big") + content)
    return digest.hexdigest()
