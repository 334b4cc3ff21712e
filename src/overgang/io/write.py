"""Write a Dataset as a transition workbook: one .xlsx file, or a folder of CSV files.

What is written reads back to the same Dataset: `read_workbook(p).dataset ==
canonical(dataset)` after `write_workbook(dataset, p)`. No cell can run as a
formula when the file is opened: in .xlsx, text is always stored as text (and
text that looks like a formula is marked "quote prefix", as Excel does when one
types an apostrophe first); in CSV, such text gets a leading apostrophe, which the
reader takes off again.

The .xlsx file is written by XlsxWriter in its constant-memory mode, which streams
each row to disk; the same data set always gives the same bytes.
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal
from itertools import chain
from pathlib import Path

from xlsxwriter import Workbook
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from overgang.core.domain import Dataset
from overgang.io.cells import guard_csv, needs_formula_guard
from overgang.io.fixed import FixedRow, export_fixed
from overgang.io.records import canonical, export_rows
from overgang.io.schema import Column, Sheet
from overgang.io.settlement import SettlementRow, export_settlement

__all__ = ["canonical", "write_workbook"]

# A sheet as written: its declaration, the columns written and the rows of plain values.
ExportedSheet = tuple[Sheet, tuple[Column, ...], Iterator[list[object]]]


def write_workbook(
    dataset: Dataset,
    path: Path,
    *,
    fixed: Iterable[FixedRow] | None = None,
    settlement: Iterable[SettlementRow] | None = None,
) -> None:
    """Write the dataset to `path`: an .xlsx file if it ends so, else a folder of `<sheet>.csv`.

    Records come in canonical order. CPR numbers are never written, only the keyed
    hash (`cpr_noegle`). With `fixed`, the sheet `fastlagt` follows, with those rows; with
    `settlement`, the sheet `deling`.
    """
    path = Path(path)
    sheets: Iterable[ExportedSheet] = export_rows(dataset)
    if fixed is not None:
        sheets = chain(sheets, [export_fixed(fixed)])
    if settlement is not None:
        sheets = chain(sheets, [export_settlement(settlement)])
    if path.suffix.lower() == ".xlsx":
        _write_xlsx(sheets, path)
    else:
        _write_csv_folder(sheets, path)


def write_settlement(rows: Iterable[SettlementRow], path: Path) -> None:
    """Write the sheet `deling` alone: an .xlsx file if `path` ends so, else a folder with
    `deling.csv`. An import of it (beside a stored data set) adds or changes those items."""
    path = Path(path)
    sheets = [export_settlement(rows)]
    if path.suffix.lower() == ".xlsx":
        _write_xlsx(sheets, path)
    else:
        _write_csv_folder(sheets, path)


def _write_xlsx(sheets: Iterable[ExportedSheet], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".xlsx")
    os.close(handle)
    # Written aside and moved into place, so a reader never sees half a file.
    try:
        _write_xlsx_file(sheets, Path(temporary))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


# The date an export says it was created. XlsxWriter would put today's date in the
# file's properties; a fixed one makes the same data set give the same bytes.
_CREATED = datetime(2000, 1, 1)


class _Styles:
    """The cell formats of an export, made once per workbook."""

    def __init__(self, workbook: Workbook) -> None:
        self.header = workbook.add_format({"bold": True})
        self.day = workbook.add_format({"num_format": "yyyy-mm-dd"})
        # What Excel sets on a cell typed with a leading apostrophe.
        self.quoted = workbook.add_format({"quote_prefix": True})


def _write_xlsx_file(sheets: Iterable[ExportedSheet], path: Path) -> None:
    workbook = Workbook(str(path), {"constant_memory": True})
    workbook.set_properties({"created": _CREATED})
    styles = _Styles(workbook)
    for sheet, columns, rows in sheets:
        worksheet = workbook.add_worksheet(sheet.name)
        for number, column in enumerate(columns):
            worksheet.set_column(number, number, column.width)
            worksheet.write_string(0, number, column.name, styles.header)
        worksheet.freeze_panes(1, 0)
        count = _write_rows(worksheet, rows, styles)
        worksheet.autofilter(0, 0, count, len(columns) - 1)
    workbook.close()


def _write_rows(worksheet: Worksheet, rows: Iterable[Sequence[object]], styles: _Styles) -> int:
    """Write the rows below the header, in order (as constant memory asks); return how many."""
    count = 0
    for count, values in enumerate(rows, start=1):
        for column, value in enumerate(values):
            if value is None:
                continue
            if isinstance(value, str):
                _write_text(worksheet, count, column, value, styles)
            elif isinstance(value, bool):
                worksheet.write_boolean(count, column, value)
            elif isinstance(value, int | Decimal):
                worksheet.write_number(count, column, float(value))
            elif isinstance(value, datetime):
                raise TypeError("dates only: the workbook holds no times")
            elif isinstance(value, date):
                worksheet.write_datetime(count, column, value, styles.day)
            else:
                raise TypeError(f"cannot write {type(value).__name__} to a cell")
    return count


def _write_text(worksheet: Worksheet, row: int, column: int, text: str, styles: _Styles) -> None:
    # Never worksheet.write(), which would make text starting with '=' a formula.
    style = styles.quoted if needs_formula_guard(text) else None
    if text.startswith("<r>") and text.endswith("</r>"):
        # XlsxWriter takes such text for rich-text XML of its own making and writes it
        # unescaped, which could smuggle any cell into the sheet, a formula too. As a
        # rich string of plain runs it is escaped and reads back the same (but for
        # control characters in it, which XlsxWriter then escapes twice).
        runs: list[str | Format] = [text[:1], text[1:2], text[2:]]
        worksheet.write_rich_string(row, column, *runs, *([style] if style else []))
    else:
        worksheet.write_string(row, column, text, style)


def _write_csv_folder(sheets: Iterable[ExportedSheet], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for sheet, columns, rows in sheets:
        with (folder / f"{sheet.name}.csv").open("w", encoding="utf-8", newline="") as file:
            writer = csv.writer(file)
            writer.writerow(column.name for column in columns)
            writer.writerows(_csv_row(values) for values in rows)


def _csv_row(values: Iterable[object]) -> list[str]:
    return [_csv_value(value) for value in values]


def _csv_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return guard_csv(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
