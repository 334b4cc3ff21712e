"""The knapsack pricing: every employee's cheapest pattern under the master's prices.

Whatever the prices, the Lagrangian bound

    Σ price × right-hand side + Σ_e (the least reduced cost of e's patterns)
    + Σ other columns (their least reduced cost within their bounds)

is a lower bound on the cost of every plan: a plan is one pattern per employee plus
unstaffed cases, splits and missing FTE that keep every row. It is computed here in
exact integer arithmetic from prices rounded to multiples of 2^-PRICE_BITS objective
units, so it holds whatever the floating-point master said.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from overgang.core.planning.patterns.employees import PatternEmployee
from overgang.core.planning.patterns.items import HandedOn, Item, Pattern, make_pattern
from overgang.core.planning.patterns.knapsack import UNREACHABLE, Knapsack, Option
from overgang.core.planning.patterns.master_data import MasterData
from overgang.core.planning.patterns.packing import Packing

# Prices are whole multiples of 2^-PRICE_BITS objective units: fine enough that rounding
# the master's duals costs the bound next to nothing, coarse enough that every packing's
# value fits in 64 bits (see fits).
PRICE_BITS = 20
SCALE = 1 << PRICE_BITS
# A generated pattern enters the master when its reduced cost is below this (objective units).
ENTERING = -1e-3


class LagrangianBound(NamedTuple):
    """A proven bound and the least reduced costs behind it (scaled objective units)."""

    scaled: int  # no plan (that keeps the holds it was priced under) costs less
    least: list[dict[int, int]]  # each employee's least reduced cost per municipality


@dataclass(frozen=True)
class Pricing:
    """What one round of pricing found."""

    bound: LagrangianBound
    columns: list[Pattern]  # the patterns that would improve the master
    cells: int  # knapsack cells computed: the pricing's work (determinism.py)


def fits(data: MasterData, prices: list[int]) -> bool:
    """Return whether every packing's value stays well inside 64-bit integers at these prices."""
    # A packing holds at most `most_units` items, each worth at most its row's price and
    # its own cost, and its overload grows with its load.
    gain = max(map(abs, prices), default=0) + data.most_item_cost * SCALE
    over = data.most_units * data.step * data.overload_cost * SCALE
    return (data.most_units + 1) * gain + over < 1 << 61


def price(
    data: MasterData,
    prices: list[int],
    convexity_prices: list[int],
    held: dict[int, int],
    packing: Packing | None = None,
) -> Pricing:
    """Return the exact Lagrangian bound at these prices and the patterns that would improve
    the master.

    Args:
        data: the master's rows and employees.
        prices: the price of each row, in 1/SCALE objective units, of a valid sign.
        convexity_prices: each employee's convexity row's price, in the same units.
        held: employees (by index) held to one municipality; the others may work wherever
            they may.
        packing: the employees' knapsacks laid out (packing.py); made here if not given.

    Returns:
        The bound, every employee's least reduced cost per municipality, and the columns.
    """
    packing = packing or Packing(data)
    right_hand_sides = [row.right_hand_side for row in data.rows]
    bound = sum(row_price * rhs for row_price, rhs in zip(prices, right_hand_sides, strict=True))
    # Every column besides the patterns at its cheapest within its bounds.
    for row, master_row in enumerate(data.rows):
        bound += min(0, (master_row.slack_cost * SCALE - prices[row]) * master_row.slack_most)
    # The large classes are packed once per municipality, for everyone who works there.
    longest = max((employee.limit for employee in data.employees), default=0)
    shared: dict[int, Knapsack] = {}
    anywhere = {place for employee in data.employees for place in employee.works_cost}
    for municipality in sorted(anywhere):
        start = np.full(longest + 1, UNREACHABLE, dtype=np.int64)
        start[0] = 0
        shared[municipality] = Knapsack(start)
        for handed_on in data.large_classes.get(municipality, []):
            shared[municipality].add_bounded(handed_on, _gain(handed_on, prices))
    columns = []
    gains = packing.gains(prices, SCALE)
    least: list[dict[int, int]] = []
    cells = sum(sack.cells for sack in shared.values())
    for index, employee in enumerate(data.employees):
        least.append({})
        for municipality, works_cost in employee.works_cost.items():
            if held.get(index, municipality) != municipality:
                continue
            small = [
                _small_class_options(employee, handed_on, prices)
                for handed_on in data.small_classes.get(municipality, [])
            ]
            sack = packing.pack(
                shared[municipality].value[: employee.limit + 1],
                (index, municipality),
                gains,
                [options for options in small if options],
            )
            cells += sack.cells + employee.limit + 1
            # The overload of each load: the packing's value less it is its worth.
            over = np.maximum(
                np.arange(employee.limit + 1, dtype=np.int64) * data.step - employee.capacity, 0
            )
            net = np.where(
                sack.value > UNREACHABLE,
                sack.value - over * (data.overload_cost * SCALE),
                UNREACHABLE,
            )
            load = int(np.argmax(net))
            need = data.need_row.get(municipality)
            reduced_cost = (
                works_cost * SCALE
                - (prices[need] * employee.fte if need is not None else 0)
                - int(net[load])
            )
            least[index][municipality] = reduced_cost
            if reduced_cost - convexity_prices[index] < ENTERING * SCALE:
                own, rest = sack.read(load)
                from_shared, left = shared[municipality].read(rest)
                assert left == 0
                overload_cost = int(over[load]) * data.overload_cost
                columns.append(
                    make_pattern(index, municipality, works_cost, overload_cost, own + from_shared)
                )
        bound += min(least[index].values())
    return Pricing(LagrangianBound(bound, least), columns, cells)


def _small_class_options(
    employee: PatternEmployee, handed_on: HandedOn, prices: list[int]
) -> list[Option]:
    """Return the options of carrying 1, 2, ... of a small class's cases, each the best."""
    # The best 1, 2, ... of the class's cases: those they keep first (cheaper), then taken on.
    units: list[tuple[int, Item]] = [
        (_gain(kept, prices), kept)
        for kept in employee.kept_in_small.get(handed_on.row, [])
        for _ in range(kept.most)
    ]
    units += [(_gain(handed_on, prices), handed_on)] * handed_on.most
    units.sort(key=lambda unit: -unit[0])
    options, gain = [], 0
    counts: dict[Item, int] = {}
    for taken, (unit_gain, item) in enumerate(units[: handed_on.most], start=1):
        if taken * handed_on.load > employee.limit:
            break
        gain += unit_gain
        counts[item] = counts.get(item, 0) + 1
        if gain > 0:
            options.append(Option(taken * handed_on.load, gain, list(counts.items())))
    return options


def _gain(item: Item, prices: list[int]) -> int:
    """What one of an item is worth at these prices: its row's price less its cost (scaled)."""
    return prices[item.row] - item.cost * SCALE
