"""Write lists as Excel workbooks: formula-safe cells, frozen and filterable headers.

No cell can run as a formula: text is always written as text, and text that
looks like a formula (=, +, -, @ ...) is marked "quote prefix", as Excel does when
one types an apostrophe first. Numbers and dates are written as such.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO

from xlsxwriter import Workbook
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from overgang.io.cells import needs_formula_guard

Value = str | int | float | Decimal | date | bool | None


@dataclass(frozen=True)
class Sheet:
    name: str  # at most 31 characters
    header: tuple[str, ...]
    rows: Sequence[Sequence[Value]]
    widths: tuple[int, ...] = ()


# A fixed creation date: the same lists give the same bytes.
_CREATED = datetime(2000, 1, 1)


def workbook_bytes(sheets: Sequence[Sheet]) -> bytes:
    """Return the sheets as one .xlsx workbook."""
    buffer = BytesIO()
    workbook = Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    workbook.set_properties({"created": _CREATED})
    header_style = workbook.add_format({"bold": True, "bg_color": "#dce6f0", "text_wrap": True})
    day = workbook.add_format({"num_format": "dd-mm-yyyy"})
    quoted = workbook.add_format({"quote_prefix": True})
    for sheet in sheets:
        worksheet = workbook.add_worksheet(sheet.name[:31])
        for column, title in enumerate(sheet.header):
            width = sheet.widths[column] if column < len(sheet.widths) else 16
            worksheet.set_column(column, column, width)
            worksheet.write_string(0, column, title, header_style)
        for number, values in enumerate(sheet.rows, start=1):
            for column, value in enumerate(values):
                if value is None or value == "":
                    continue
                if isinstance(value, bool):
                    worksheet.write_boolean(number, column, value)
                elif isinstance(value, int | float | Decimal):
                    worksheet.write_number(number, column, float(value))
                elif isinstance(value, datetime):
                    raise TypeError("dates only: the lists hold no times")
                elif isinstance(value, date):
                    worksheet.write_datetime(number, column, value, day)
                else:
                    _write_text(worksheet, number, column, str(value), quoted)
        worksheet.freeze_panes(1, 0)
        worksheet.autofilter(0, 0, max(1, len(sheet.rows)), max(0, len(sheet.header) - 1))
    workbook.close()
    return buffer.getvalue()


def _write_text(worksheet: Worksheet, row: int, column: int, text: str, quoted: Format) -> None:
    # Never worksheet.write(): text starting with "=" would become a formula.
    style = quoted if needs_formula_guard(text) else None
    if text.startswith("<r>") and text.endswith("</r>"):
        # XlsxWriter would take such text for rich-text XML of its own and write it
        # unescaped (see overgang.io.write); as plain runs it is escaped.
        runs: list[str | Format] = [text[:1], text[1:2], text[2:]]
        worksheet.write_rich_string(row, column, *runs, *([style] if style else []))
    else:
        worksheet.write_string(row, column, text, style)
