"""Counts as the overview shows them: exact for personal roles, suppressed for committees.

For an aggregate-only role (a committee member) every table of counts goes
through `overgang.core.suppression.suppress_table`: counts below 5 show as "<5",
and further cells as "x" until no hidden count can be worked out from the totals
shown beside it. Each figure is given as (value to draw, text to show); a hidden
count is drawn as nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from overgang.core.suppression import Cell, CountTable, suppress_table
from overgang.web.access import PERSONAL_ROLES, role_of

Shown = tuple[float, str]


def aggregate_only(user: Any) -> bool:
    """Whether the user sees aggregates only, so that small counts must be hidden."""
    return role_of(user) not in PERSONAL_ROLES


def _shown(cell: Cell) -> Shown:
    return (float(cell.value), cell.display(zero="0")) if cell.visible else (0.0, cell.display())


@dataclass(frozen=True)
class Figures:
    """A table of counts as shown: cells by (row, column), and the totals the table shows."""

    cells: dict[tuple[str, str], Shown]
    row_totals: dict[str, Shown]
    column_totals: dict[str, Shown]
    grand_total: Shown | None

    def cell(self, row: str, column: str) -> Shown:
        return self.cells[row, column]


def figures(
    user: Any,
    rows: Sequence[str],
    columns: Sequence[str],
    values: Sequence[Sequence[int]],
    *,
    row_totals: bool,
    column_totals: bool,
) -> Figures:
    """Return a table of counts as the user may see it, with the totals it shows."""
    if not rows:
        return Figures({}, {}, {}, None)
    table = CountTable(
        rows=tuple(rows),
        columns=tuple(columns),
        values=tuple(tuple(row) for row in values),
        row_totals=row_totals,
        column_totals=column_totals,
    )
    if aggregate_only(user):
        shown = suppress_table(table)
        return Figures(
            cells={(r, c): _shown(shown.cell(r, c)) for r in table.rows for c in table.columns},
            row_totals={r: _shown(shown.row_total(r)) for r in table.rows} if row_totals else {},
            column_totals=(
                {c: _shown(shown.column_total(c)) for c in table.columns} if column_totals else {}
            ),
            grand_total=_shown(shown.grand_total) if shown.grand_total else None,
        )
    exact = {(r, c): values[i][j] for i, r in enumerate(rows) for j, c in enumerate(columns)}
    return Figures(
        cells={key: (float(v), str(v)) for key, v in exact.items()},
        row_totals={
            r: (float(s), str(s)) for r in rows for s in [sum(exact[r, c] for c in columns)]
        },
        column_totals={
            c: (float(s), str(s)) for c in columns for s in [sum(exact[r, c] for r in rows)]
        },
        grand_total=(float(sum(exact.values())), str(sum(exact.values()))),
    )
