"""Branching on where employees work, to raise the pattern bound (branch and price).

The pattern master (patterns.py) may split an employee between municipalities:
half a speech therapist in Ishøj and half in Vallensbæk. No plan can do that,
and what such fractions save is what separates the pattern bound from the
optimum (the demo's speech therapists: 1,776.95 against 1,833.92, with one of
eleven employees split). Here the plans are divided by where such an employee
works: one branch per municipality they may work for, each a master with that
employee held there, its columns generated again from the columns so far.

The tree is searched best bound first. Its proven bound is the least bound of
the branches still open, or the best plan's cost where none is cheaper: every
plan lies in one open branch or in one closed because its bound reached that
cost. A branch is first given the bound its parent's prices prove for it (the
parent's bound plus what the employee's least reduced cost there exceeds their
least overall), and is solved only when it comes to the top.
"""

from __future__ import annotations

import heapq
import itertools
import time
from dataclasses import dataclass, field
from fractions import Fraction

from overgang.core.planning.patterns import PatternSearch

# An employee counts as split where a second municipality holds more of them than this.
SPLIT = 1e-6


@dataclass(order=True)
class _Node:
    bound: int  # scaled objective units: no plan that keeps the holds costs less
    order: int
    fixed: dict[int, int] = field(compare=False)  # employee index -> municipality
    solved: bool = field(default=False, compare=False)
    # The Lagrangian bound of the node's own prices and the least reduced costs behind it.
    lagrangian: int = field(default=0, compare=False)
    least: list[dict[int, int]] = field(default_factory=list, compare=False)
    shares: list[dict[int, float]] = field(default_factory=list, compare=False)


class PlacementTree:
    """Branch and price on where employees work, from a converged pattern bound."""

    def __init__(self, search: PatternSearch) -> None:
        if not search.converged or search.best is None:
            raise ValueError("the pattern bound has not converged")
        self.search = search
        self.order = itertools.count(1)
        bound, least = search.best
        root = _Node(bound, 0, {}, True, bound, least, search.shares)
        self.open: list[_Node] = [root]
        self.nodes = 0  # branches solved
        self.seconds = 0.0

    def run(self, seconds: float, upper: Fraction) -> Fraction:
        """Search for up to `seconds`; return the proven bound (no plan costs less).

        `upper` is the cost of a plan: a branch whose bound exceeds it is closed, and
        the search ends when the lowest open bound reaches it.
        """
        started = time.perf_counter()
        clock = self.search.clock
        begun = clock.now()
        limit = self.search.scaled(upper)
        try:
            while self.open and self.open[0].bound < limit:
                left = seconds - clock.since(begun)
                if left <= 0:
                    break
                node = heapq.heappop(self.open)
                if not node.solved:
                    if not self._solve(node, left):
                        heapq.heappush(self.open, node)
                        break
                    heapq.heappush(self.open, node)
                    continue
                split = self._split(node)
                if split is None:
                    # Every employee whole in one municipality: this branch's bound
                    # is as high as branching on places can take it.
                    heapq.heappush(self.open, node)
                    break
                lowest = min(node.least[split].values())
                for m, reduced in sorted(node.least[split].items()):
                    # The parent's prices prove this much for the branch.
                    lagrangian = node.lagrangian + reduced - lowest
                    least = list(node.least)
                    least[split] = {m: reduced}
                    child = _Node(
                        max(node.bound, lagrangian),
                        next(self.order),
                        {**node.fixed, split: m},
                        lagrangian=lagrangian,
                        least=least,
                        shares=node.shares,  # until it is solved
                    )
                    # A branch is kept while a plan in it may cost as little as `upper`,
                    # so that the open branches hold every such plan (see excluded).
                    if child.bound <= limit:
                        heapq.heappush(self.open, child)
        finally:
            self.search.restrict({})
            self.seconds += time.perf_counter() - started
        return self.bound(upper)

    def bound(self, upper: Fraction) -> Fraction:
        """The proven bound of the tree for a plan of cost `upper`."""
        if not self.open:
            return upper
        return min(upper, self.search.cost_of(self.open[0].bound))

    def exhausted(self, upper: Fraction) -> bool:
        """Whether more time cannot raise the bound: no open branch below `upper`, or the
        lowest is solved with every employee whole."""
        if not self.open or self.open[0].bound >= self.search.scaled(upper):
            return True
        top = self.open[0]
        return top.solved and self._split(top) is None

    def excluded(self, upper: Fraction) -> list[tuple[str, int]]:
        """Return the (employee, municipality) pairs no plan as cheap as `upper` uses.

        Every such plan lies in an open branch; a branch rules a pair out where it
        holds the employee elsewhere, or where its bound, or its Lagrangian bound
        plus what the employee's least reduced cost there exceeds their least,
        is above `upper`.
        """
        limit = self.search.scaled(upper)
        out = []
        for i, emp in enumerate(self.search.data.employees):
            for m in sorted(emp.works_cost):
                if all(_rules_out(node, i, m, limit) for node in self.open):
                    out.append((emp.id, m))
        return out

    def place(self) -> dict[str, int]:
        """Where the lowest open branch's master puts most of each employee."""
        shares = self.open[0].shares if self.open else self.search.shares
        return {
            emp.id: max(share, key=lambda m: share[m])
            for emp, share in zip(self.search.data.employees, shares, strict=True)
        }

    def _solve(self, node: _Node, seconds: float) -> bool:
        """Generate the branch's columns; True where they converged."""
        self.search.restrict(node.fixed)
        found, converged = self.search.generate(seconds)
        if found is not None:
            if found[0] > node.lagrangian:
                node.lagrangian, node.least = found
            node.bound = max(node.bound, found[0])
            node.shares = self.search.shares
        node.solved = converged
        self.nodes += converged
        return converged

    def _split(self, node: _Node) -> int | None:
        """The employee the branch's master splits most evenly, if any."""
        best, most = None, SPLIT
        for i, share in enumerate(node.shares):
            if i in node.fixed:
                continue
            second = sum(share.values()) - max(share.values())
            if second > most:
                best, most = i, second
        return best


def _rules_out(node: _Node, i: int, m: int, limit: Fraction) -> bool:
    """Whether no plan in the branch that has employee i work for m costs `limit` or less."""
    if node.bound > limit:
        return True
    held = node.fixed.get(i)
    if held is not None:
        return held != m
    least = node.least[i]
    return node.lagrangian + least[m] - min(least.values()) > limit
