"""The knapsack of the pricing: the best packing of every load, over whole multiples of the step.

A max-plus dynamic programme over loads 0..length steps: `value[load]` is the most a
packing of exactly that load is worth (scaled objective units), UNREACHABLE where no
packing has that load. Each item added keeps a trace of what it contributed to the
best packing of each load, so that a packing can be read back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from overgang.core.planning.patterns.items import Item

# The value of a load no packing reaches: below every packing's value, which the pricing's
# overflow check keeps within 2^61 either way.
UNREACHABLE = -(1 << 62)

Values = npt.NDArray[np.int64]


class Option(NamedTuple):
    """One way to pack part of a knapsack: its load (steps), gain (scaled) and contents."""

    load: int
    gain: int
    contents: list[tuple[Item, int]]


@dataclass(frozen=True)
class _Bounded:
    """An item added up to its most: how many of it the best packing of each load holds."""

    item: Item
    count: Values


@dataclass(frozen=True)
class _Choice:
    """Options added as one choice: which the best packing of each load took (-1: none)."""

    options: list[Option]
    chosen: Values


class Knapsack:
    """Max-plus dynamic programme over loads 0..length steps, with a trace to read it back."""

    def __init__(self, start: Values) -> None:
        self.value = start
        self.trace: list[_Bounded | _Choice] = []
        # Cells of the programme computed: the work done, the same on every run (the
        # deterministic clock counts it, determinism.py).
        self.cells = 0

    def add_bounded(self, item: Item, gain: int) -> None:
        """Up to item.most of an item worth `gain` each (scaled units)."""
        if gain <= 0 or item.most <= 0:
            return
        length = len(self.value)
        most = min(item.most, (length - 1) // item.load) if item.load else item.most
        if item.load == 0:
            self.value = self.value + gain * most
            self.trace.append(_Bounded(item, np.full(length, most, dtype=np.int64)))
            return
        best = self.value.copy()
        count = np.zeros(length, dtype=np.int64)
        self.cells += length * most
        for copies in range(1, most + 1):
            shift = copies * item.load
            candidate = np.full(length, UNREACHABLE, dtype=np.int64)
            source = self.value[: length - shift]
            candidate[shift:] = np.where(source > UNREACHABLE, source + copies * gain, UNREACHABLE)
            better = candidate > best
            best = np.where(better, candidate, best)
            count = np.where(better, copies, count)
        self.value = best
        self.trace.append(_Bounded(item, count))

    def add_choice(self, options: list[Option]) -> None:
        """One of several options (load, gain, contents), or none."""
        # An option that another of no more load and no less gain beats is left out: the
        # overload only grows with the load, so no best packing needs it. (The value at
        # such a load may then be unreachable; only the best packings are read back.)
        frontier, most = [], 0
        for load, gain, contents in sorted(options, key=_by_load_then_most_gain):
            if gain > most:
                frontier.append(Option(load, gain, contents))
                most = gain
        length = len(self.value)
        best = self.value.copy()
        chosen = np.full(length, -1, dtype=np.int64)
        self.cells += length * len(frontier)
        for index, (load, gain, _) in enumerate(frontier):
            if load >= length:
                continue
            candidate = np.full(length, UNREACHABLE, dtype=np.int64)
            source = self.value[: length - load]
            candidate[load:] = np.where(source > UNREACHABLE, source + gain, UNREACHABLE)
            better = candidate > best
            best = np.where(better, candidate, best)
            chosen = np.where(better, index, chosen)
        self.value = best
        self.trace.append(_Choice(frontier, chosen))

    def read(self, load: int) -> tuple[list[tuple[Item, int]], int]:
        """Return the items and counts this programme added to a packing of `load` steps,
        and the load that is left for the programme it started from."""
        out: list[tuple[Item, int]] = []
        for entry in reversed(self.trace):
            if isinstance(entry, _Bounded):
                count = int(entry.count[load])
                if count > 0:
                    out.append((entry.item, count))
                    load -= count * entry.item.load
            else:
                index = int(entry.chosen[load])
                if index >= 0:
                    option_load, _, contents = entry.options[index]
                    out += contents
                    load -= option_load
        return out, load


def _by_load_then_most_gain(option: tuple[int, int, Any]) -> tuple[int, int]:
    load, gain, _ = option
    return load, -gain
