"""Small-number suppression: the counts a committee or the council may see.

A count below the threshold (5) is shown as "<5" (primary suppression). That alone
is not enough: where a table shows a total, the total minus the visible cells
gives a hidden cell back, so more cells are hidden (secondary suppression, shown
as "x") until no hidden cell can be worked out exactly from what is shown.

The check is exact. A reader knows every visible cell and total, knows that a
"<5" lies between 1 and 4 and, since the rule is public, that an "x" is 5 or more;
every row and column of the table adds up to its total. For each hidden cell the
smallest and largest value consistent with all that is computed (an integer
programme per cell, solved by CP-SAT); a cell is given away when the two are
equal. While one is, the smallest visible cell it shares a row or a column with
is hidden too (inner cells before totals, so totals stay readable where they can).

Where no hiding protects a table (every count in it small, so that the "<5"s
alone give them away: four 1s under a total of "<5" can only be four 1s), the
whole table is withheld, zeros included, and shown as "..", Statistics
Denmark's sign for a figure not published.

Zero is not suppressed: an empty cell describes nobody, and hiding every zero would
hide the figures that matter (a column of zeros would take a whole column of the
table with it). It is shown as "–", the statisticians' sign for "none", so a "<5"
means 1 to 4.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from ortools.sat.python import cp_model

THRESHOLD = 5

# A bound for hidden cells when the table shows no grand total: far above any
# count of people or cases that a report holds.
_UNBOUNDED = 10**9


class Shown(StrEnum):
    VISIBLE = "visible"
    SMALL = "small"  # primary: below the threshold, shown as "<5"
    HIDDEN = "hidden"  # secondary: hidden so that no small count can be worked out
    # The whole table, where no hiding protects it: every count small, so that the
    # "<5"s alone give them away (four 1s under a total of "<5" can only be four 1s).
    WITHHELD = "withheld"


@dataclass(frozen=True)
class Cell:
    value: int
    shown: Shown

    @property
    def visible(self) -> bool:
        return self.shown is Shown.VISIBLE

    def display(
        self, small: str = "<5", hidden: str = "x", zero: str = "–", withheld: str = ".."
    ) -> str:
        """Return what a reader sees: the count, "–" for none, "<5", "x" or ".." (withheld)."""
        if self.shown is Shown.VISIBLE:
            return str(self.value) if self.value else zero
        if self.shown is Shown.WITHHELD:
            return withheld
        return small if self.shown is Shown.SMALL else hidden


@dataclass(frozen=True)
class CountTable:
    """Counts in rows and columns; the totals are the sums of the cells and are shown too.

    A list with one total is a table with one column (`row_totals=False`).
    """

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    values: tuple[tuple[int, ...], ...]
    row_totals: bool = True
    column_totals: bool = True

    def __post_init__(self) -> None:
        if len(self.values) != len(self.rows):
            raise ValueError("one row of values per row label")
        for row in self.values:
            if len(row) != len(self.columns):
                raise ValueError("one value per column in every row")
            if any(v < 0 for v in row):
                raise ValueError("counts are never negative")


@dataclass(frozen=True)
class SuppressedTable:
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: tuple[tuple[Cell, ...], ...]
    row_totals: tuple[Cell, ...] | None  # per row, when shown
    column_totals: tuple[Cell, ...] | None  # per column, when shown
    grand_total: Cell | None  # when both kinds of totals are shown

    def cell(self, row: str, column: str) -> Cell:
        return self.cells[self.rows.index(row)][self.columns.index(column)]

    def row_total(self, row: str) -> Cell:
        if self.row_totals is None:
            raise KeyError("the table has no row totals")
        return self.row_totals[self.rows.index(row)]

    def column_total(self, column: str) -> Cell:
        if self.column_totals is None:
            raise KeyError("the table has no column totals")
        return self.column_totals[self.columns.index(column)]

    def all_cells(self) -> list[Cell]:
        """Return every cell and total of the table."""
        cells = [c for row in self.cells for c in row]
        cells += list(self.row_totals or ()) + list(self.column_totals or ())
        if self.grand_total is not None:
            cells.append(self.grand_total)
        return cells


# A position in the table: ("c", i, j) an inner cell, ("r", i, 0) row i's total,
# ("k", 0, j) column j's total, ("g", 0, 0) the grand total.
Position = tuple[str, int, int]


@dataclass(frozen=True)
class _Layout:
    values: dict[Position, int]
    equations: tuple[tuple[Position, tuple[Position, ...]], ...]  # total = sum of parts

    @classmethod
    def of(cls, table: CountTable) -> _Layout:
        n, k = len(table.rows), len(table.columns)
        values: dict[Position, int] = {
            ("c", i, j): table.values[i][j] for i in range(n) for j in range(k)
        }
        equations: list[tuple[Position, tuple[Position, ...]]] = []
        if table.row_totals:
            for i in range(n):
                values["r", i, 0] = sum(table.values[i])
                equations.append((("r", i, 0), tuple(("c", i, j) for j in range(k))))
        if table.column_totals:
            for j in range(k):
                values["k", 0, j] = sum(table.values[i][j] for i in range(n))
                equations.append((("k", 0, j), tuple(("c", i, j) for i in range(n))))
        if table.row_totals and table.column_totals:
            values["g", 0, 0] = sum(map(sum, table.values))
            equations.append((("g", 0, 0), tuple(("r", i, 0) for i in range(n))))
            equations.append((("g", 0, 0), tuple(("k", 0, j) for j in range(k))))
        return cls(values, tuple(equations))

    def neighbours(self, position: Position) -> set[Position]:
        """Return the positions that share an equation with the given one."""
        found: set[Position] = set()
        for total, parts in self.equations:
            members = (total, *parts)
            if position in members:
                found.update(members)
        found.discard(position)
        return found


def _range(
    layout: _Layout, hidden: dict[Position, Shown], target: Position, threshold: int
) -> tuple[int, int]:
    """Return the least and greatest value of a hidden cell that a reader cannot rule out."""
    model = cp_model.CpModel()
    grand = layout.values.get(("g", 0, 0))
    upper = grand if grand is not None and ("g", 0, 0) not in hidden else _UNBOUNDED
    variables: dict[Position, cp_model.IntVar] = {}
    for position, shown in hidden.items():
        if shown is Shown.WITHHELD:
            low, high = 0, upper
        else:
            low, high = (1, threshold - 1) if shown is Shown.SMALL else (threshold, upper)
        variables[position] = model.new_int_var(low, max(low, high), str(position))

    def term(position: Position) -> cp_model.LinearExprT:
        return variables[position] if position in variables else layout.values[position]

    for total, parts in layout.equations:
        if total in variables or any(p in variables for p in parts):
            model.add(term(total) == sum(term(p) for p in parts))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    bounds = []
    for sense in (1, -1):
        model.minimize(sense * variables[target])
        status = solver.solve(model)
        if status != cp_model.OPTIMAL:
            raise RuntimeError("the table's own values must be consistent with what is shown")
        bounds.append(solver.value(variables[target]))
    return bounds[0], bounds[1]


def exposed_cells(table: SuppressedTable, threshold: int = THRESHOLD) -> list[Position]:
    """Return the hidden cells of a shown table whose exact value a reader can work out."""
    counts = CountTable(
        rows=table.rows,
        columns=table.columns,
        values=tuple(tuple(c.value for c in row) for row in table.cells),
        row_totals=table.row_totals is not None,
        column_totals=table.column_totals is not None,
    )
    layout = _Layout.of(counts)
    hidden: dict[Position, Shown] = {
        p: s for p, s in _shown(table).items() if s is not Shown.VISIBLE
    }
    return [p for p in sorted(hidden) if len(set(_range(layout, hidden, p, threshold))) == 1]


def _shown(table: SuppressedTable) -> dict[Position, Shown]:
    shown: dict[Position, Shown] = {}
    for i, row in enumerate(table.cells):
        for j, c in enumerate(row):
            shown["c", i, j] = c.shown
    for i, c in enumerate(table.row_totals or ()):
        shown["r", i, 0] = c.shown
    for j, c in enumerate(table.column_totals or ()):
        shown["k", 0, j] = c.shown
    if table.grand_total is not None:
        shown["g", 0, 0] = table.grand_total.shown
    return shown


def _partner(layout: _Layout, hidden: dict[Position, Shown], position: Position) -> Position | None:
    """Return the visible cell to hide so that the given hidden cell is no longer given away."""

    def members(equation: tuple[Position, tuple[Position, ...]]) -> tuple[Position, ...]:
        return (equation[0], *equation[1])

    def alone_in(equation: tuple[Position, tuple[Position, ...]]) -> bool:
        hidden_members = [p for p in members(equation) if p in hidden]
        return hidden_members == [position]

    # An equation in which the cell is the only hidden one gives it away by a
    # subtraction: the partner comes from there. Otherwise a combination of rows
    # and columns does, and any neighbour may help.
    pinning = [e for e in layout.equations if position in members(e) and alone_in(e)]
    pool = {p for e in pinning for p in members(e)} if pinning else layout.neighbours(position)
    # A zero is never hidden: an "x" is read as 5 or more.
    candidates = [p for p in pool if p != position and p not in hidden and layout.values[p]]
    if not candidates:
        return None

    def lonely(candidate: Position) -> int:
        # Equations the candidate would stand alone in once hidden: each would give it
        # away in turn, so candidates that share a row or column with a hidden cell win.
        return sum(
            1
            for e in layout.equations
            if candidate in members(e) and not any(p in hidden for p in members(e))
        )

    # Inner cells before totals, the grand total last; then the smallest count.
    order = {"c": 0, "r": 1, "k": 1, "g": 2}
    return min(candidates, key=lambda p: (lonely(p), order[p[0]], layout.values[p], p))


def suppress_table(table: CountTable, threshold: int = THRESHOLD) -> SuppressedTable:
    """Return the table as it may be shown: small counts as "<5", and cells hidden to protect them."""
    layout = _Layout.of(table)
    hidden = dict(
        _protection(
            table.values, len(table.columns), table.row_totals, table.column_totals, threshold
        )
    )

    def cell(position: Position) -> Cell:
        return Cell(layout.values[position], hidden.get(position, Shown.VISIBLE))

    n, k = len(table.rows), len(table.columns)
    return SuppressedTable(
        rows=table.rows,
        columns=table.columns,
        cells=tuple(tuple(cell(("c", i, j)) for j in range(k)) for i in range(n)),
        row_totals=tuple(cell(("r", i, 0)) for i in range(n)) if table.row_totals else None,
        column_totals=(tuple(cell(("k", 0, j)) for j in range(k)) if table.column_totals else None),
        grand_total=cell(("g", 0, 0)) if table.row_totals and table.column_totals else None,
    )


# The protection depends on the counts alone, not on the labels, and the pages show the
# same few tables to every reader until the data change: each process keeps the answers
# (a table's pattern costs up to a hundred small CP-SAT solves; the dashboard shows eleven).
@functools.lru_cache(maxsize=4096)
def _protection(
    values: tuple[tuple[int, ...], ...],
    width: int,
    row_totals: bool,
    column_totals: bool,
    threshold: int,
) -> tuple[tuple[Position, Shown], ...]:
    """Return the hidden cells of a table of these counts, each with how it is shown."""
    table = CountTable(
        rows=tuple(str(i) for i in range(len(values))),
        columns=tuple(str(j) for j in range(width)),
        values=values,
        row_totals=row_totals,
        column_totals=column_totals,
    )
    layout = _Layout.of(table)
    hidden: dict[Position, Shown] = {
        p: Shown.SMALL for p, value in layout.values.items() if 0 < value < threshold
    }
    while True:
        exposed = next(
            (p for p in sorted(hidden) if len(set(_range(layout, hidden, p, threshold))) == 1),
            None,
        )
        if exposed is None:
            break
        partner = _partner(layout, hidden, exposed)
        if partner is None:
            # Every cell around it is hidden already; hide the next visible cell anywhere.
            rest = [p for p in layout.values if p not in hidden and layout.values[p]]
            if not rest:
                break  # the table cannot be protected: withheld below
            partner = min(rest, key=lambda p: layout.values[p])
        hidden[partner] = Shown.HIDDEN
    if exposed is not None:
        # Nothing left to hide and a count still given away: withhold the whole table,
        # zeros included, so that a reader learns nothing but its shape.
        hidden = dict.fromkeys(layout.values, Shown.WITHHELD)
    return tuple(sorted(hidden.items()))


def suppress_count(value: int, threshold: int = THRESHOLD) -> Cell:
    """Return a count that stands alone (no total shown with it) as it may be shown."""
    return Cell(value, Shown.SMALL if 0 < value < threshold else Shown.VISIBLE)


def count_list(
    labels: Sequence[str], values: Sequence[int], threshold: int = THRESHOLD
) -> SuppressedTable:
    """Return a list of counts with their total, suppressed (a table of one column)."""
    return suppress_table(
        CountTable(
            rows=tuple(labels),
            columns=("",),
            values=tuple((v,) for v in values),
            row_totals=False,
            column_totals=True,
        ),
        threshold,
    )
