"""Transfer lists: the cases a receiving municipality's case system must take over.

The case systems in use (DUBU, Nexus) offer no documented bulk transfer between
municipalities, so a clear file is the interface (LEGAL-NOTES §2.5): one row per case
whose handling moves to the receiving municipality on the effective date, with the
columns named as in the transition workbook, and two columns for the administrator to
fill in, `status` (overtaget / afvist) and `begrundelse` (the reason for a refusal).
`overgang.io.transfer_answers` reads the file back.

Formats (see docs/case-transfer.md):
- `xlsx`: formula-safe like every list (`reports.xlsx`).
- `csv`: the Danish Excel dialect: ";" between cells, UTF-8 with a byte order mark (so
  that Excel on a Danish Windows shows æ, ø and å right), CRLF line ends.
- `csv-utf8`: "," between cells, UTF-8 without a byte order mark, for other systems.
Both CSV files shield text that a spreadsheet would run as a formula with a leading
apostrophe (`io.cells.guard_csv`), which reading back removes again.

The records are `TransferList`s, which `overgang.web.reporting.case_transfers` loads.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

from overgang.io.cells import guard_csv
from overgang.reports.xlsx import Sheet, Value, workbook_bytes

TRANSFER_FORMATS = ("xlsx", "csv", "csv-utf8")

# The file's columns, named as in the workbook (`sager`, `borgere`), before and after
# the effective date where a value changes, then the administrator's two columns.
TRANSFER_COLUMNS = (
    "sag_id",
    "borger_id",
    "cpr_noegle",
    "ydelse",
    "faggruppe",
    "paragraf",
    "levering",
    "leverandoer",
    "handlekommune_foer",
    "handlekommune_efter",
    "betalingskommune_foer",
    "betalingskommune_efter",
    "kontaktperson_foer",
    "kontaktperson",
    "kontaktperson_navn",
    "overgangsdato",
    "modtagende_kommune",
    "status",
    "begrundelse",
)
_WIDTHS = (12, 11, 20, 30, 10, 16, 10, 24, 10, 10, 10, 10, 12, 12, 24, 12, 10, 12, 40)


@dataclass(frozen=True)
class TransferRow:
    case_id: str
    citizen_id: str
    cpr_key: str  # the keyed hash of the CPR number where the data set has one, else ""
    service: str
    profession: str  # code
    legal_basis: str
    delivery: str  # intern / ekstern
    provider: str
    acting_before: int  # the municipality that handled the case until the effective date
    acting_after: int
    paying_before: int
    paying_after: int
    contact_before: str  # employee id, "" for none
    contact_after: str
    contact_name: str
    moves_on: date
    status: str  # afventer / overtaget / afvist, as recorded
    reason: str


@dataclass(frozen=True)
class TransferList:
    """The cases one receiving municipality takes over, by case id."""

    plan_id: int
    municipality: int
    rows: tuple[TransferRow, ...]

    def file_name(self, fmt: str) -> str:
        suffix = "xlsx" if fmt == "xlsx" else "csv"
        dialect = "-utf8" if fmt == "csv-utf8" else ""
        return f"sagsoverfoersel-{self.municipality}{dialect}.{suffix}"


def _values(row: TransferRow, receiving: int) -> list[Value]:
    return [
        row.case_id,
        row.citizen_id,
        row.cpr_key,
        row.service,
        row.profession,
        row.legal_basis,
        row.delivery,
        row.provider,
        row.acting_before,
        row.acting_after,
        row.paying_before,
        row.paying_after,
        row.contact_before,
        row.contact_after,
        row.contact_name,
        row.moves_on,
        receiving,
        row.status,
        row.reason,
    ]


def transfer_xlsx(transfers: TransferList) -> bytes:
    """Return the list as an .xlsx workbook with one sheet, `overfoersel`."""
    rows = [_values(row, transfers.municipality) for row in transfers.rows]
    return workbook_bytes([Sheet("overfoersel", TRANSFER_COLUMNS, rows, _WIDTHS)])


def _csv_cell(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return guard_csv(value)
    return str(value)


def transfer_csv(transfers: TransferList, dialect: str = "csv") -> bytes:
    """Return the list as CSV: `csv` the Danish Excel dialect, `csv-utf8` plain UTF-8."""
    if dialect not in ("csv", "csv-utf8"):
        raise ValueError(f"dialect must be csv or csv-utf8, not {dialect!r}")
    text = io.StringIO(newline="")
    writer = csv.writer(text, delimiter=";" if dialect == "csv" else ",", lineterminator="\r\n")
    writer.writerow(TRANSFER_COLUMNS)
    for row in transfers.rows:
        writer.writerow(_csv_cell(value) for value in _values(row, transfers.municipality))
    return text.getvalue().encode("utf-8-sig" if dialect == "csv" else "utf-8")


def transfer_file(transfers: TransferList, fmt: str = "xlsx") -> tuple[str, bytes]:
    """Return the list as (file name, content) in one of TRANSFER_FORMATS."""
    if fmt not in TRANSFER_FORMATS:
        raise ValueError(f"format must be one of {', '.join(TRANSFER_FORMATS)}")
    body = transfer_xlsx(transfers) if fmt == "xlsx" else transfer_csv(transfers, fmt)
    return transfers.file_name(fmt), body
