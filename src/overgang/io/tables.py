"""The raw tables of a workbook: numbered rows of cell values, before any meaning.

An .xlsx file gives one table per worksheet, read by python-calamine; a folder gives
one table per `*.csv` file. Rows keep their spreadsheet number (the first row is 1)
or, for CSV, the number of the line they start on, so every issue can point at the
place to fix.

Cell values come as calamine gives them: str, float (whole numbers too: 183.0), bool,
date or datetime for a number in a date format, time; "" for a blank cell, and also
for a cell showing an error such as #N/A (dimastbk/python-calamine#105). The cell
parsers in `cells` take all of these.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext
from python_calamine import CalamineWorkbook, SheetTypeEnum

from overgang.io.cells import unguard_csv
from overgang.io.issues import Issue, WorkbookError, error

Row = tuple[int, Sequence[object]]

# Separators a CSV file may use; the one its header line holds most of wins.
_SEPARATORS = (";", ",", "\t")


@dataclass
class RawTable:
    """One sheet or CSV file: its name as given and its numbered rows, header included."""

    title: str
    rows: Iterator[Row]
    issues: list[Issue] = field(default_factory=list)  # filled while rows are read


def csv_files(folder: Path) -> list[Path]:
    """Return the CSV files of a folder, sorted by name."""
    return sorted(
        (path for path in folder.iterdir() if path.is_file() and path.suffix.lower() == ".csv"),
        key=lambda path: path.name,
    )


@contextmanager
def open_tables(path: Path) -> Iterator[list[RawTable]]:
    """Yield the tables of an .xlsx file or of a folder of CSV files.

    Raises WorkbookError if an .xlsx file cannot be opened or turns out broken.
    """
    if path.is_dir():
        yield [_csv_table(file) for file in csv_files(path)]
        return
    with refused_if_broken(path):
        workbook = CalamineWorkbook.from_path(path)
        names = [
            sheet.name
            for sheet in workbook.sheets_metadata
            if sheet.typ == SheetTypeEnum.WorkSheet  # not chart sheets
        ]
    try:
        yield [RawTable(name, _xlsx_rows(workbook, name, path)) for name in names]
    finally:
        workbook.close()


@contextmanager
def refused_if_broken(path: Path) -> Iterator[None]:
    """Turn what calamine raises on a broken file into the file's refusal (WorkbookError)."""
    try:
        yield
    except Exception as exc:  # a broken package fails in many ways, all of them a refusal
        raise _broken(path, exc) from None
    except BaseException as exc:
        # On some broken files (a cell reference past the last column) calamine's Rust
        # code panics, which pyo3 raises as PanicException, a BaseException.
        if not is_panic(exc):
            raise
        raise _broken(path, exc) from None


def is_panic(exc: BaseException) -> bool:
    """Return whether the exception is a Rust panic raised through pyo3."""
    return type(exc).__name__ == "PanicException"


def _broken(path: Path, exc: BaseException) -> WorkbookError:
    return WorkbookError.refuse(
        gettext("the workbook cannot be read (%(reason)s); expected a file saved as .xlsx")
        % {"reason": type(exc).__name__},
        file=path.name,
    )


def _xlsx_rows(workbook: CalamineWorkbook, name: str, path: Path) -> Iterator[Row]:
    """Yield a worksheet's rows, numbered from 1, blank ones included.

    The sheet is parsed when its first row is asked for, and let go after its last.
    """
    with refused_if_broken(path):  # a damaged sheet: the file is refused as a whole
        sheet = workbook.get_sheet_by_name(name)
    if sheet.start is None:  # no cell holds a value
        return
    # iter_rows gives the rows from row 1, blank ones above the used area included,
    # but the columns only from the used area's first: put back those left of it.
    left = sheet.start[1]
    rows = sheet.iter_rows()
    if left:
        rows = ([""] * left + row for row in rows)
    yield from enumerate(rows, start=1)


def decode(data: bytes) -> str | None:
    """Return a CSV file's text: UTF-8 (with or without BOM), else Windows-1252; None if neither.

    A file that starts with a UTF-16 byte order mark is UTF-16: Excel's "Unicode text"
    (tab-separated, which `detect_separator` finds).
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return None


def detect_separator(text: str) -> str:
    """Return the separator the first non-empty line of a CSV text uses most."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {separator: first.count(separator) for separator in _SEPARATORS}
    best = max(_SEPARATORS, key=lambda separator: counts[separator])
    return best if counts[best] else ","


def _csv_table(path: Path) -> RawTable:
    table = RawTable(path.stem, iter(()))
    text = decode(path.read_bytes())
    if text is None:
        table.issues.append(
            error(
                path.stem,
                gettext(
                    "the file is neither UTF-8, UTF-16 nor Windows-1252; expected it saved as UTF-8"
                ),
            )
        )
        return table
    table.rows = _csv_rows(text, path.stem, table.issues)
    return table


def _csv_rows(text: str, title: str, issues: list[Issue]) -> Iterator[Row]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=detect_separator(text))
    line = 1
    try:
        for record in reader:
            # A record starts on the line after the previous one ended; quoted
            # cells may span lines.
            if "\0'" in "\0" + "\0".join(record):  # some cell starts with an apostrophe
                record = [unguard_csv(value) for value in record]
            yield line, record
            line = reader.line_num + 1
    except csv.Error as exc:
        issues.append(
            error(
                title,
                gettext("the line cannot be read as CSV (%(reason)s)") % {"reason": str(exc)},
                row=reader.line_num,
            )
        )
