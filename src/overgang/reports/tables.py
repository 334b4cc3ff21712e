"""Tables as a report shows them: suppressed counts with their labels, or plain figures."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from overgang.core.suppression import Cell, CountTable, Shown, SuppressedTable, suppress_table
from overgang.texts.numbers import formatted


def small_label() -> str:
    return "<5"


def hidden_label() -> str:
    return "x"


def count_text(cell: Cell) -> str:
    """Return a count for running text: the number, "none", "fewer than 5" or "an undisclosed number"."""
    if cell.shown is Shown.VISIBLE:
        return str(cell.value) if cell.value else _("none")
    if cell.shown is Shown.SMALL:
        return _("fewer than 5")
    return _("an undisclosed number")


def decimal(value: float | None, digits: int = 1) -> str:
    """Return a figure in the active language's format (a decimal comma in Danish)."""
    if value is None:
        return "–"
    return formatted(value, digits)


@dataclass(frozen=True)
class ShownCell:
    text: str
    key: str  # "table/row/column": lets a test find the figure the cell shows
    kind: str  # "visible", "small" or "hidden"


@dataclass(frozen=True)
class ShownRow:
    label: str
    cells: tuple[ShownCell, ...]
    is_total: bool = False


@dataclass(frozen=True)
class ShownTable:
    """A table of counts after suppression, labelled for the reader."""

    is_counts = True
    key: str
    caption: str
    header: tuple[str, ...]  # the first column's heading, then one per column
    rows: tuple[ShownRow, ...]
    suppressed: SuppressedTable

    @property
    def has_hidden(self) -> bool:
        return any(not c.visible for c in self.suppressed.all_cells())


def count_table(
    *,
    key: str,
    caption: str,
    corner: str,
    rows: Sequence[tuple[str, str]],  # (key, label)
    columns: Sequence[tuple[str, str]],
    values: Sequence[Sequence[int]],
    row_totals: bool = True,
    column_totals: bool = True,
    total_label: str | None = None,
) -> ShownTable:
    """Return a table of counts suppressed as a whole, ready to show."""
    suppressed = suppress_table(
        CountTable(
            rows=tuple(k for k, _label in rows),
            columns=tuple(k for k, _label in columns),
            values=tuple(tuple(int(v) for v in row) for row in values),
            row_totals=row_totals,
            column_totals=column_totals,
        )
    )
    return shown_table(
        key=key,
        caption=caption,
        corner=corner,
        rows=rows,
        columns=columns,
        suppressed=suppressed,
        total_label=total_label or _("Total"),
    )


def shown_table(
    *,
    key: str,
    caption: str,
    corner: str,
    rows: Sequence[tuple[str, str]],
    columns: Sequence[tuple[str, str]],
    suppressed: SuppressedTable,
    total_label: str,
) -> ShownTable:
    def shown(cell: Cell, row: str, column: str) -> ShownCell:
        return ShownCell(
            cell.display(small_label(), hidden_label()), f"{key}/{row}/{column}", str(cell.shown)
        )

    header = [corner] + [label for _key, label in columns]
    if suppressed.row_totals is not None and len(columns) > 1:
        header.append(total_label)
    out: list[ShownRow] = []
    for i, (row_key, label) in enumerate(rows):
        cells = [shown(c, row_key, columns[j][0]) for j, c in enumerate(suppressed.cells[i])]
        if suppressed.row_totals is not None:
            cells.append(shown(suppressed.row_totals[i], row_key, "total"))
        if len(columns) == 1 and suppressed.row_totals is not None:
            cells = cells[:1]  # one column: its row total is the cell itself
        out.append(ShownRow(label, tuple(cells)))
    if suppressed.column_totals is not None:
        cells = [shown(c, "total", columns[j][0]) for j, c in enumerate(suppressed.column_totals)]
        if suppressed.grand_total is not None and len(columns) > 1:
            cells.append(shown(suppressed.grand_total, "total", "total"))
        out.append(ShownRow(total_label, tuple(cells), is_total=True))
    return ShownTable(key, caption, tuple(header), tuple(out), suppressed)


@dataclass(frozen=True)
class FigureTable:
    """A table of figures that are not counts of people (FTE, load, dates): shown as they are."""

    is_counts = False
    key: str
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...] = ()  # per column: right-aligned

    @property
    def cells(self) -> list[list[tuple[str, bool]]]:
        """Return each row's values with whether they are numbers (set right-aligned)."""
        flags = self.numeric or (False,) * len(self.header)
        return [list(zip(row, flags, strict=True)) for row in self.rows]

    @property
    def header_cells(self) -> list[tuple[str, bool]]:
        flags = self.numeric or (False,) * len(self.header)
        return list(zip(self.header, flags, strict=True))
