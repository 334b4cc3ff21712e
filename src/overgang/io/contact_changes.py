"""A municipality's changes of contact person after the effective date, as its case system
exports them: one CSV file or an .xlsx workbook (its first sheet) with the columns

    sag_id   the case's id, as in the workbook's `sager` sheet
    dato     the day the contact person changed
    fra      the former contact person's medarbejder_id (blank: none)
    til      the new contact person's medarbejder_id (blank: none)

Headers are matched as the workbook's are (case and æøå spelling aside). Reading gives the
rows and the issues found, each naming the file, the row and the column; what the rows
mean for the cases (a known case, the municipality's own, after the effective date) the
web layer checks.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.utils.translation import gettext

from overgang.io import file_kind, limits, xml_guard
from overgang.io.cells import CellError, is_blank, to_date, to_text
from overgang.io.columns import normalise_header
from overgang.io.issues import Issue, WorkbookError, error
from overgang.io.tables import decode, detect_separator, open_tables

COLUMNS = ("sag_id", "dato", "fra", "til")


@dataclass(frozen=True)
class ChangeRow:
    row: int  # the spreadsheet row (the header is row 1), or the CSV line
    case_id: str
    changed_on: date
    from_person: str
    to_person: str


def read_contact_changes(path: Path) -> tuple[tuple[ChangeRow, ...], list[Issue]]:
    """The file's rows and its issues (errors name file, row and column).

    Raises WorkbookError for a file that cannot be read at all.
    """
    if not path.is_file():
        raise WorkbookError.refuse(gettext("the file does not exist"), file=path.name)
    limits.check_file_size(path)
    if path.suffix.lower() == ".csv":
        return _read(path.name, _csv_rows(path))
    file_kind.check_kind(path)
    limits.check_zip(path)
    file_kind.check_package(path)
    xml_guard.check_xml_parts(path)
    with open_tables(path) as tables:
        if not tables:
            return (), [error(path.name, gettext("the workbook has no sheet"))]
        return _read(path.name, tables[0].rows)


def _csv_rows(path: Path) -> Iterator[tuple[int, Sequence[object]]]:
    text = decode(path.read_bytes())
    if text is None:
        raise WorkbookError.refuse(
            gettext(
                "the file is neither UTF-8, UTF-16 nor Windows-1252; expected it saved as UTF-8"
            ),
            file=path.name,
        )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=detect_separator(text))
    line = 1
    for record in reader:
        yield line, record
        line = reader.line_num + 1


def _read(
    name: str, rows: Iterator[tuple[int, Sequence[object]]]
) -> tuple[tuple[ChangeRow, ...], list[Issue]]:
    header = next((r for r in rows if any(not is_blank(v) for v in r[1])), None)
    if header is None:
        return (), [error(name, gettext("the file holds no rows"))]
    positions = {normalise_header(str(v)): i for i, v in enumerate(header[1]) if not is_blank(v)}
    missing = [c for c in COLUMNS if c not in positions]
    if missing:
        return (), [
            error(name, gettext("the column is missing"), row=header[0], column=c) for c in missing
        ]
    found: list[ChangeRow] = []
    issues: list[Issue] = []
    for number, cells in rows:
        if all(is_blank(v) for v in cells):
            continue
        values: dict[str, object] = {}
        for column, parse in (
            ("sag_id", to_text),
            ("dato", to_date),
            ("fra", to_text),
            ("til", to_text),
        ):
            at = positions[column]
            raw = cells[at] if at < len(cells) else ""
            try:
                values[column] = parse(raw)
            except CellError as wrong:
                issues.append(
                    error(
                        name,
                        gettext("expected %(what)s") % {"what": wrong.expected},
                        row=number,
                        column=column,
                        value=str(raw),
                    )
                )
        if len(values) < len(COLUMNS):
            continue
        if not values["sag_id"]:
            issues.append(
                error(name, gettext("the case id is missing"), row=number, column="sag_id")
            )
            continue
        found.append(
            ChangeRow(
                number,
                str(values["sag_id"]),
                values["dato"],  # type: ignore[arg-type]
                str(values["fra"]),
                str(values["til"]),
            )
        )
    return tuple(found), issues
