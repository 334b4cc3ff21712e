"""One sheet read against its declaration: headers matched, cells typed, rows numbered.

What can be judged within one cell is judged here (type, range, required, CPR);
what needs other rows or sheets (duplicates, references, the domain's rules) is
left to `validate` and `rules`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext

from overgang.io import cells
from overgang.io.cells import CellError, display, is_blank
from overgang.io.cpr_hash import cpr_digits, cpr_key_of, hash_cpr, mask_cpr
from overgang.io.issues import Issue, error, warning
from overgang.io.resignations import Interpreted, resignation_reason
from overgang.io.schema import CellKind, Column, Sheet, normalise_header
from overgang.io.tables import Row

CPR, CPR_KEY = "cpr", "cpr_noegle"
RESIGNATION_REASON = "fratraedelsesaarsag"  # any text; see io/resignations.py


class ParsedRow:
    """One data row: its spreadsheet row number and typed values by column name.

    A value is None where the cell was blank or could not be read (that is an issue).
    """

    __slots__ = ("number", "values", "_index")

    def __init__(self, number: int, values: list[object], index: dict[str, int]) -> None:
        self.number = number
        self.values = values
        self._index = index

    def __getitem__(self, column: str) -> object:
        return self.values[self._index[column]]

    def __setitem__(self, column: str, value: object) -> None:
        self.values[self._index[column]] = value


@dataclass
class ParsedSheet:
    """A sheet's rows, typed; `present` holds the columns its header row has."""

    sheet: Sheet
    title: str
    present: frozenset[str] = frozenset()
    rows: list[ParsedRow] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.sheet.name

    def column(self, name: str) -> list[object]:
        """Return one column's values, row by row: quicker than row[name] in a long loop."""
        position = self.sheet.names.index(name)
        return [row.values[position] for row in self.rows]


def parse_sheet(
    sheet: Sheet, title: str, rows: Iterator[Row], *, cpr_key: bytes
) -> tuple[ParsedSheet, list[Issue]]:
    """Return a sheet's typed rows and the issues found in its header and cells."""
    issues: list[Issue] = []
    parsed = ParsedSheet(sheet, title)
    header = next((row for row in rows if not _blank_row(row[1])), None)
    if header is None:
        if sheet.required:
            issues.append(
                error(
                    sheet.name,
                    gettext(
                        "the sheet is empty; expected a header row with the columns %(columns)s"
                    )
                    % {"columns": ", ".join(c.name for c in sheet.columns if c.required)},
                )
            )
        return parsed, issues

    header_row, header_cells = header
    positions = _match_header(sheet, header_row, header_cells, issues)
    parsed.present = frozenset(positions)
    index = {column.name: i for i, column in enumerate(sheet.columns)}
    readers = [
        (positions[column.name], index[column.name], column, _reader(column, cpr_key))
        for column in sheet.columns
        if column.name in positions
    ]
    named = {i for i, cell in enumerate(header_cells) if not is_blank(cell)}
    warned: set[int] = set()  # columns without a header already warned about
    width = len(sheet.columns)

    for number, cells_ in rows:
        values: list[object] = [None] * width
        mark, filled, count = len(issues), 0, len(cells_)
        for position, slot, column, read in readers:
            raw = cells_[position] if position < count else None
            if raw is None or (raw.__class__ is str and (raw == "" or raw.isspace())):
                if column.required:
                    issues.append(
                        error(
                            sheet.name,
                            gettext("empty; expected a value, the column is required"),
                            row=number,
                            column=column.name,
                        )
                    )
                continue
            filled += 1
            try:
                value = read(raw)
            except CellError as exc:
                shown = mask_cpr(raw) if column.kind is CellKind.CPR else display(raw)
                issues.append(
                    error(
                        sheet.name,
                        gettext("expected %(what)s") % {"what": exc.expected},
                        row=number,
                        column=column.name,
                        value=shown,
                    )
                )
                continue
            if isinstance(value, Interpreted):
                issues.append(
                    warning(
                        sheet.name,
                        value.warning,
                        row=number,
                        column=column.name,
                        value=display(raw),
                    )
                )
                value = value.value
            values[slot] = value
        if not filled and _blank_row(cells_):
            del issues[mark:]  # a blank row misses no required value: it is no row
            continue
        row = ParsedRow(number, values, index)
        if CPR in positions:
            _reconcile_cpr(sheet.name, row, issues)
        parsed.rows.append(row)
        if count > len(named) + len(warned):
            _warn_unnamed(sheet.name, number, cells_, named, warned, issues)
    return parsed, issues


def _blank_row(cells_: Sequence[object]) -> bool:
    return all(is_blank(cell) for cell in cells_)


def _match_header(
    sheet: Sheet, number: int, header: Sequence[object], issues: list[Issue]
) -> dict[str, int]:
    """Return the position of each known column; report unknown, doubled and missing ones."""
    positions: dict[str, int] = {}
    for position, cell in enumerate(header):
        if is_blank(cell):
            continue
        given = display(cell)
        name = normalise_header(given)
        if name not in sheet.names:
            issues.append(
                warning(
                    sheet.name,
                    gettext("unknown column; it is ignored. Expected one of %(columns)s")
                    % {"columns": ", ".join(sheet.names)},
                    row=number,
                    column=given,
                )
            )
        elif name in positions:
            issues.append(
                error(
                    sheet.name,
                    gettext("the column appears twice; expected it once"),
                    row=number,
                    column=name,
                )
            )
        else:
            positions[name] = position
    for column in sheet.columns:
        if column.required and column.name not in positions:
            issues.append(
                error(
                    sheet.name,
                    gettext("missing column; expected a column headed %(column)s")
                    % {"column": column.name},
                    row=number,
                    column=column.name,
                )
            )
    return positions


def _reader(column: Column, cpr_key: bytes) -> Callable[[object], object]:
    """Return the function that types a non-blank cell of the column, range included."""
    if column.kind is CellKind.CPR:
        return lambda raw: hash_cpr(cpr_digits(raw), cpr_key)
    if column.name == CPR_KEY:
        return cpr_key_of
    if column.name == RESIGNATION_REASON:
        return resignation_reason
    return cells.reader(column)


def _reconcile_cpr(sheet: str, row: ParsedRow, issues: list[Issue]) -> None:
    """Keep one hash in `cpr_noegle`: the CPR number's, or the key given."""
    from_number, given = row[CPR], row[CPR_KEY]
    row[CPR] = None
    if from_number is None:
        return
    if given is not None and given != from_number:
        issues.append(
            error(
                sheet,
                gettext(
                    "the CPR number does not match cpr_noegle in the same row; "
                    "expected them to agree, or one of them blank"
                ),
                row=row.number,
                column=CPR,
            )
        )
        return
    row[CPR_KEY] = from_number


def _warn_unnamed(
    sheet: str,
    number: int,
    cells_: Sequence[object],
    named: set[int],
    warned: set[int],
    issues: list[Issue],
) -> None:
    """Warn once about each column that holds values but has no header."""
    for position, cell in enumerate(cells_):
        if position in named or position in warned or is_blank(cell):
            continue
        warned.add(position)
        issues.append(
            warning(
                sheet,
                gettext("the column has values but no header; its values are ignored"),
                row=number,
                column=_column_letter(position),
            )
        )


def _column_letter(position: int) -> str:
    letters = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
