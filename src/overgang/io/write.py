"""Write a Dataset as a transition workbook: one .xlsx file, or a folder of CSV files.

What is written reads back to the same Dataset: `read_workbook(p).dataset ==
canonical(dataset)` after `write_workbook(dataset, p)`. No cell can run as a
formula when the file is opened: in .xlsx, text is always stored as text (and
text that looks like a formula is marked "quote prefix", as Excel does when one
types an apostrophe first); in CSV, such text gets a leading apostrophe, which the
reader takes off again.
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from pathlib import Path

from overgang.core.domain import Dataset
from overgang.io.cells import guard_csv
from overgang.io.records import canonical, export_rows
from overgang.io.xlsx_writer import Table, write_xlsx

__all__ = ["canonical", "write_workbook"]


def write_workbook(dataset: Dataset, path: Path) -> None:
    """Write the dataset to `path`: an .xlsx file if it ends so, else a folder of `<sheet>.csv`.

    Records come in canonical order. CPR numbers are never written, only the keyed
    hash (`cpr_noegle`).
    """
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        _write_xlsx(dataset, path)
    else:
        _write_csv_folder(dataset, path)


def _write_xlsx(dataset: Dataset, path: Path) -> None:
    tables = [
        Table(sheet.name, [c.name for c in columns], [c.width for c in columns], rows)
        for sheet, columns, rows in export_rows(dataset)
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".xlsx")
    os.close(handle)
    # Written aside and moved into place, so a reader never sees half a file.
    try:
        write_xlsx(tables, Path(temporary))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _write_csv_folder(dataset: Dataset, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for sheet, columns, rows in export_rows(dataset):
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
