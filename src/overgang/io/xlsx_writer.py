"""A fast writer of plain .xlsx workbooks: one table per sheet, text always stored as text.

openpyxl builds an object per cell and takes minutes to export a large transition;
this writer streams each sheet's XML straight into the zip package. It writes the
parts Excel needs and no more, in the layout openpyxl's own write-only mode gives:
a bold, frozen, filterable header row, column widths, dates as date cells, and
strings as inline strings, so no text can ever be taken for a formula. Text that
starts like a formula is marked "quote prefix" besides, as Excel marks a cell
typed with a leading apostrophe.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import IO
from xml.sax.saxutils import escape, quoteattr

from openpyxl.utils import get_column_letter

from overgang.io.cells import needs_formula_guard

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"

# Style indexes of _STYLES' cellXfs.
_BOLD, _DATE, _QUOTED = 1, 2, 3
_EXCEL_EPOCH = date(1899, 12, 30)
# Characters XML 1.0 cannot hold; such text loses them (openpyxl would refuse it).
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ROWS_PER_WRITE = 2000

_STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="{_MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"""


class Table:
    """One sheet to write: its name, its columns (header and width) and its rows."""

    def __init__(
        self,
        name: str,
        headers: Sequence[str],
        widths: Sequence[int],
        rows: Iterable[Sequence[object]],
    ) -> None:
        self.name, self.headers, self.widths, self.rows = name, headers, widths, rows


def write_xlsx(tables: Sequence[Table], path: Path) -> None:
    """Write the tables as the sheets of one .xlsx workbook at `path`."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        archive.writestr("[Content_Types].xml", _content_types(len(tables)))
        archive.writestr(
            "_rels/.rels",
            _relationships([(f"{_DOC_RELS}/officeDocument", "xl/workbook.xml")]),
        )
        archive.writestr("xl/styles.xml", _STYLES)
        count: list[int] = []
        for number, table in enumerate(tables, start=1):
            with archive.open(f"xl/worksheets/sheet{number}.xml", "w") as part:
                count.append(_write_sheet(part, table))
        archive.writestr("xl/workbook.xml", _workbook(tables, count))
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            _relationships(
                [
                    (f"{_DOC_RELS}/worksheet", f"worksheets/sheet{n}.xml")
                    for n in range(1, len(tables) + 1)
                ]
                + [(f"{_DOC_RELS}/styles", "styles.xml")]
            ),
        )


def _content_types(sheets: int) -> str:
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{_SHEET_TYPE}"/>'
        for n in range(1, sheets + 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        f"{overrides}</Types>"
    )


def _relationships(targets: list[tuple[str, str]]) -> str:
    items = "".join(
        f'<Relationship Id="rId{n}" Type="{kind}" Target="{target}"/>'
        for n, (kind, target) in enumerate(targets, start=1)
    )
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{_RELS}">{items}</Relationships>'


def _workbook(tables: Sequence[Table], rows: list[int]) -> str:
    sheets = "".join(
        f'<sheet name={quoteattr(table.name)} sheetId="{n}" r:id="rId{n}"/>'
        for n, table in enumerate(tables, start=1)
    )
    # Excel keeps each sheet's filter range as a hidden name; openpyxl writes it too.
    filters = "".join(
        f'<definedName name="_xlnm._FilterDatabase" localSheetId="{n}" hidden="1">'
        f"{escape(_quoted_sheet(table.name))}!{_filter_range(table, count, absolute=True)}"
        "</definedName>"
        for n, (table, count) in enumerate(zip(tables, rows, strict=True))
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<workbook xmlns="{_MAIN}" xmlns:r="{_DOC_RELS}">'
        '<bookViews><workbookView activeTab="0"/></bookViews>'
        f"<sheets>{sheets}</sheets><definedNames>{filters}</definedNames></workbook>"
    )


def _quoted_sheet(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def _filter_range(table: Table, rows: int, *, absolute: bool = False) -> str:
    last = get_column_letter(max(len(table.headers), 1))
    if absolute:
        return f"$A$1:${last}${rows + 1}"
    return f"A1:{last}{rows + 1}"


def _write_sheet(part: IO[bytes], table: Table) -> int:
    """Write one worksheet's XML to an open zip member; return its number of data rows."""
    write = part.write
    letters = [get_column_letter(n) for n in range(1, len(table.headers) + 1)]
    columns = "".join(
        f'<col min="{n}" max="{n}" width="{width}" customWidth="1"/>'
        for n, width in enumerate(table.widths, start=1)
    )
    header = "".join(
        f'<c r="{letter}1" s="{_BOLD}" t="inlineStr"><is><t>{escape(name)}</t></is></c>'
        for letter, name in zip(letters, table.headers, strict=True)
    )
    write(
        (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<worksheet xmlns="{_MAIN}"><sheetViews><sheetView workbookViewId="0">'
            '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
            '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
            f'<sheetFormatPr defaultRowHeight="15"/><cols>{columns}</cols>'
            f'<sheetData><row r="1">{header}</row>'
        ).encode()
    )
    count = 0
    pieces: list[str] = []
    for count, values in enumerate(table.rows, start=1):
        number = count + 1
        cells = "".join(
            _cell(letter, number, value)
            for letter, value in zip(letters, values, strict=True)
            if value is not None
        )
        pieces.append(f'<row r="{number}">{cells}</row>')
        if len(pieces) >= _ROWS_PER_WRITE:
            write("".join(pieces).encode())
            pieces.clear()
    write("".join(pieces).encode())
    write(
        (
            f'</sheetData><autoFilter ref="{_filter_range(table, count)}"/>'
            '<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/>'
            "</worksheet>"
        ).encode()
    )
    return count


def _cell(letter: str, row: int, value: object) -> str:
    reference = f"{letter}{row}"
    if isinstance(value, str):
        text = _NOT_IN_XML.sub("", value)
        style = f' s="{_QUOTED}"' if needs_formula_guard(text) else ""
        space = ' xml:space="preserve"' if text != text.strip() else ""
        return f'<c r="{reference}"{style} t="inlineStr"><is><t{space}>{escape(text)}</t></is></c>'
    if isinstance(value, bool):
        return f'<c r="{reference}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int):
        return f'<c r="{reference}"><v>{value}</v></c>'
    if isinstance(value, Decimal):
        return f'<c r="{reference}"><v>{format(value, "f")}</v></c>'
    if isinstance(value, datetime):
        raise TypeError("dates only: the workbook holds no times")
    if isinstance(value, date):
        days = (value - _EXCEL_EPOCH).days
        if 0 < days <= 60:  # Excel counts a 29 February 1900 that never was
            days -= 1
        return f'<c r="{reference}" s="{_DATE}"><v>{days}</v></c>'
    if isinstance(value, float):
        return f'<c r="{reference}"><v>{value!r}</v></c>'
    raise TypeError(f"cannot write {type(value).__name__} to a cell")
