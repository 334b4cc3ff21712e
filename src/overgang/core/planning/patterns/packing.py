"""Each employee's knapsack of the pricing, compiled: every choice of what to carry at once.

An employee's packing in a municipality is a sequence of groups, each a choice of at
most one option (load in steps, gain in scaled units): up to `most` of an item (one
option per number of copies), a family's subsets, a small class's best 1, 2, ... cases.
What the options are is fixed when the master is built; only their gains follow the
prices. `Packing` lays the fixed part out once as arrays, and `pack` runs the max-plus
dynamic programme over the groups in compiled code (numba) instead of a NumPy call per
group and option, with the same result as knapsack.Knapsack's add_bounded and
add_choice in the same order: the same values, the same options taken, the same count
of cells (the deterministic clock's measure of the work).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numba
import numpy as np
import numpy.typing as npt

from overgang.core.planning.patterns.items import Family, Item
from overgang.core.planning.patterns.knapsack import UNREACHABLE, Option
from overgang.core.planning.patterns.master_data import MasterData

# A family's cases an employee may carry are packed as one choice among their subsets up to
# this many cases (2^10 subsets); beyond it, one by one without the family's split.
FAMILY_SUBSETS = 10

Ints = npt.NDArray[np.int64]
Contents = list[tuple[Item, int]]


@dataclass
class Groups:
    """Groups of options laid out as arrays, each option's gain a sum over master rows:
    Σ count × price(row) − cost × scale."""

    starts: list[int] = field(default_factory=lambda: [0])  # each group's first option
    charged: list[bool] = field(default_factory=list)  # whether its cells are counted
    loads: list[int] = field(default_factory=list)
    costs: list[int] = field(default_factory=list)  # objective units
    terms: list[int] = field(default_factory=lambda: [0])  # each option's first (row, count)
    rows: list[int] = field(default_factory=list)
    counts: list[int] = field(default_factory=list)
    contents: list[list[Contents]] = field(default_factory=list)  # per group, per option

    def add_bounded(self, item: Item, length: int) -> None:
        """Up to item.most of an item, as knapsack.Knapsack.add_bounded packs it."""
        if item.most <= 0:
            return
        most = min(item.most, (length - 1) // item.load) if item.load else item.most
        if most <= 0:
            return
        copies = range(most, most + 1) if item.load == 0 else range(1, most + 1)
        self._group(
            [
                (copy * item.load, copy * item.cost, [(item.row, copy)], [(item, copy)])
                for copy in copies
            ],
            charged=item.load > 0,
        )

    def add_family(self, family: Family) -> None:
        """A family's cases: one of its subsets, its split row charged once."""
        marker: Contents = [(family.split_charge, -1)] if family.split_charge is not None else []
        options = []
        for load, subset in family.subsets:
            contents: Contents = [(item, 1) for item in subset] + marker
            terms = [(item.row, count) for item, count in contents]
            options.append((load, sum(item.cost for item in subset), terms, contents))
        self._group(options, charged=True)

    def _group(
        self, options: list[tuple[int, int, list[tuple[int, int]], Contents]], *, charged: bool
    ) -> None:
        for load, cost, terms, _ in options:
            self.loads.append(load)
            self.costs.append(cost)
            for row, count in terms:
                self.rows.append(row)
                self.counts.append(count)
            self.terms.append(len(self.rows))
        self.starts.append(len(self.loads))
        self.charged.append(charged)
        self.contents.append([contents for *_, contents in options])


@dataclass(frozen=True)
class Place:
    """One employee's groups in one municipality: those before the small classes (what
    they keep in its large classes) and those after (its families), by option index."""

    before: tuple[int, int]  # first and last group
    after: tuple[int, int]


class Packing:
    """The fixed part of every employee's knapsack, laid out once per master."""

    def __init__(self, data: MasterData) -> None:
        groups = Groups()
        self.places: dict[tuple[int, int], Place] = {}
        for index, employee in enumerate(data.employees):
            length = employee.limit + 1
            for municipality in employee.works_cost:
                first = len(groups.charged)
                for kept in employee.kept_in_large[municipality]:
                    groups.add_bounded(kept, length)
                middle = len(groups.charged)
                for family in employee.families[municipality]:
                    if len(family.items) > FAMILY_SUBSETS:
                        for item in family.items:
                            groups.add_bounded(item, length)
                    else:
                        groups.add_family(family)
                self.places[index, municipality] = Place(
                    (first, middle), (middle, len(groups.charged))
                )
        self.groups = groups
        self.starts = np.array(groups.starts, dtype=np.int64)
        self.charged = np.array(groups.charged, dtype=np.bool_)
        self.loads = np.array(groups.loads, dtype=np.int64)
        self.costs = np.array(groups.costs, dtype=np.int64)
        self.rows = np.array(groups.rows, dtype=np.int64)
        self.counts = np.array(groups.counts, dtype=np.int64)
        self.terms = np.array(groups.terms[:-1], dtype=np.int64)

    def gains(self, prices: list[int], scale: int) -> Ints:
        """Every fixed option's gain at these prices (scaled units)."""
        if len(self.loads) == 0:
            return np.zeros(0, dtype=np.int64)
        weighted = self.counts * np.array(prices, dtype=np.int64)[self.rows]
        return np.add.reduceat(weighted, self.terms) - self.costs * scale

    def pack(
        self,
        start: Ints,
        place: tuple[int, int],
        gains: Ints,
        small: list[list[Option]],
    ) -> Sack:
        """Pack an employee's groups in a municipality on top of `start` (the large classes'
        packing): what they keep there, the small classes' options `small` (per class:
        load, gain, contents), then their families."""
        where = self.places[place]
        loads: list[Ints] = []
        option_gains: list[Ints] = []
        starts = [0]
        charged: list[bool] = []
        contents: list[list[Contents]] = []
        for part in ("before", "small", "after"):
            if part == "small":
                for options in small:
                    loads.append(np.array([o[0] for o in options], dtype=np.int64))
                    option_gains.append(np.array([o[1] for o in options], dtype=np.int64))
                    starts.append(starts[-1] + len(options))
                    charged.append(True)
                    contents.append([o[2] for o in options])
                continue
            first, last = getattr(where, part)
            if first == last:
                continue
            lo, hi = int(self.starts[first]), int(self.starts[last])
            loads.append(self.loads[lo:hi])
            option_gains.append(gains[lo:hi])
            starts.extend(starts[-1] + self.starts[first + 1 : last + 1] - lo)
            charged.extend(self.groups.charged[first:last])
            contents.extend(self.groups.contents[first:last])
        every_load = np.concatenate(loads) if loads else np.zeros(0, dtype=np.int64)
        group_starts = np.array(starts, dtype=np.int64)
        value, chosen, cells = _pack(
            start,
            group_starts,
            every_load,
            np.concatenate(option_gains) if option_gains else np.zeros(0, dtype=np.int64),
            np.array(charged, dtype=np.bool_),
        )
        return Sack(value, chosen, contents, group_starts, every_load, int(cells))


@dataclass(frozen=True)
class Sack:
    """An employee's packed knapsack: the best value of each load, and how to read it."""

    value: Ints
    chosen: npt.NDArray[np.int64]  # per group and load: the option taken, -1 none
    contents: list[list[Contents]]
    starts: Ints  # each group's first option
    loads: Ints  # each option's load
    cells: int

    def read(self, load: int) -> tuple[Contents, int]:
        """Return what the groups added to the best packing of `load` steps, and the load
        left for the packing they started from."""
        out: Contents = []
        for group in range(len(self.contents) - 1, -1, -1):
            option = int(self.chosen[group, load])
            if option >= 0:
                out += self.contents[group][option]
                load -= int(self.loads[self.starts[group] + option])
        return out, load


def load_compiled() -> None:
    """Load the compiled packing (from numba's cache, or compile it) by packing nothing."""
    empty = np.zeros(1, dtype=np.int64)
    _pack(empty, np.zeros(1, dtype=np.int64), empty, empty, np.zeros(0, dtype=np.bool_))


@numba.njit(cache=True)
def _pack(
    start: Ints, starts: Ints, loads: Ints, gains: Ints, charged: npt.NDArray[np.bool_]
) -> tuple[Ints, npt.NDArray[np.int64], int]:  # pragma: no cover - compiled
    length = start.shape[0]
    groups = starts.shape[0] - 1
    chosen = np.full((groups, length), -1, dtype=np.int64)
    value = start.copy()
    cells = 0
    for group in range(groups):
        first, last = starts[group], starts[group + 1]
        if first == last:
            continue
        # Options beaten by another of no more load and no less gain are left out: by
        # load, then most gain, then as listed (knapsack.Knapsack.add_choice).
        order = np.argsort(-gains[first:last], kind="mergesort")
        order = order[np.argsort(loads[first:last][order], kind="mergesort")]
        best = value.copy()
        most = 0
        size = 0
        for option in order:
            gain = gains[first + option]
            if gain <= most:
                continue
            most = gain
            size += 1
            load = loads[first + option]
            for at in range(load, length):
                source = value[at - load]
                if source > UNREACHABLE and source + gain > best[at]:
                    best[at] = source + gain
                    chosen[group, at] = option
        value = best
        if charged[group]:
            cells += length * size
    return value, chosen, cells
