"""The pattern master and its pricing loop (column generation), with holds for branching.

The master is a linear programme (CLP) over patterns: each employee's patterns mix
with weights that sum to one, and every row of the master data is kept by the
patterns and its own slack column. Its duals price the knapsacks (pricing.py);
the patterns they find enter as new columns until none would improve the master.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from fractions import Fraction

from ortools.linear_solver import pywraplp  # type: ignore[import-untyped]

from overgang.core.planning.determinism import Clock
from overgang.core.planning.model import ProfessionModel
from overgang.core.planning.patterns.heuristics import (
    master_places,
    reduced_cost_fixing,
    restricted_master_plan,
)
from overgang.core.planning.patterns.items import Item, Pattern
from overgang.core.planning.patterns.master_data import master_data
from overgang.core.planning.patterns.packing import Packing
from overgang.core.planning.patterns.plans import patterns_of_plan
from overgang.core.planning.patterns.pricing import (
    ENTERING,
    SCALE,
    LagrangianBound,
    Pricing,
    fits,
    price,
)

# A convexity price above any reduced cost: the pricing returns every employee's best pattern.
_EVERY = 1 << 62


def best_scaled(bound: LagrangianBound | None) -> float:
    """A bound's scaled value; below every bound where there is none yet."""
    return -float("inf") if bound is None else bound.scaled


@dataclass(frozen=True)
class PatternBound:
    """What a run of the column generation proved, and what it took."""

    bound: Fraction  # proven lower bound on the profession's cost
    iterations: int
    columns: int
    master: Fraction  # the master's last optimum (not proven): the limit of the bound
    seconds: float


class PatternSearch:
    """Column generation for one profession's pattern bound."""

    def __init__(
        self,
        pm: ProfessionModel,
        excluded: Collection[tuple[str, int]] = (),
        clock: Clock | None = None,
    ) -> None:
        """`excluded`: (employee, municipality) pairs the master and its pricing leave out.

        Its bounds then hold only for plans that use none of them (the solver caps
        them at the cost below which no plan uses one). `clock` times the generation
        (determinism.py); by default the wall clock.
        """
        self.data = master_data(pm, excluded)
        self.packing = Packing(self.data)
        self.pm = pm
        self.clock = clock or Clock()
        self.forbidden = self.data.leaves_out
        self.patterns: list[Pattern] = []
        self.best_plan: list[Pattern] = []  # the patterns of the plan last seeded
        self.variables: list[pywraplp.Variable] = []  # each pattern's weight in the master
        self._seen: set[tuple[int, int, tuple[tuple[Item, int], ...]]] = set()
        self._of_employee: dict[int, list[int]] = defaultdict(list)  # pattern indices
        # The best Lagrangian bound (scaled objective units) and its least reduced costs.
        self.best: LagrangianBound | None = None
        self.iterations = 0
        self.seconds = 0.0
        self.converged = False
        self.master = Fraction(0)
        self.place: dict[str, int] = {}
        # Each employee's share in each municipality in the master's last optimum.
        self.shares: list[dict[int, float]] = []
        self.weights: list[float] = []  # each pattern's weight in the master's last optimum
        # Employees held to one municipality (a node of the placement tree, branching.py).
        self.fixed: dict[int, int] = {}

        self.solver = pywraplp.Solver.CreateSolver("CLP")
        infinity = self.solver.infinity()
        # Every row of the master data: each class's and each family case's cases are
        # kept, handed on or unstaffed; each family's splits; each municipality's need.
        self._rows = [
            self.solver.Constraint(row.right_hand_side, row.right_hand_side)
            if row.equality
            else self.solver.Constraint(row.right_hand_side, infinity)
            for row in self.data.rows
        ]
        # Every employee's patterns mix with weights that sum to one.
        self._convexity = [self.solver.Constraint(1, 1) for _ in self.data.employees]
        # Every row's own column: the cases unstaffed, the splits, the FTE missing.
        objective = self.solver.Objective()
        for constraint, row in zip(self._rows, self.data.rows, strict=True):
            slack = self.solver.NumVar(0, row.slack_most, "")
            constraint.SetCoefficient(slack, 1)
            objective.SetCoefficient(slack, row.slack_cost)
        objective.SetMinimization()
        # To start from: every employee working where they may, carrying nothing.
        for index, employee in enumerate(self.data.employees):
            for municipality, works_cost in employee.works_cost.items():
                self._add(Pattern(index, municipality, (), works_cost, ()))

    def run(self, seconds: float) -> PatternBound | None:
        """Generate columns for up to `seconds`; return the best bound proven so far."""
        started = time.perf_counter()
        if not self.converged:
            self.restrict({})
            found, self.converged = self.generate(seconds)
            if found is not None and (self.best is None or found.scaled > self.best.scaled):
                self.best = found
        self.seconds += time.perf_counter() - started
        if self.best is None:
            return None
        return PatternBound(
            bound=self.cost_of(self.best.scaled),
            iterations=self.iterations,
            columns=len(self.patterns),
            master=self._cost(self.master),
            seconds=self.seconds,
        )

    def restrict(self, fixed: dict[int, int]) -> None:
        """Hold employees (by index) to municipalities in the master and the pricing;
        {} lifts every hold."""
        changed = {
            employee
            for employee in set(fixed) | set(self.fixed)
            if fixed.get(employee) != self.fixed.get(employee)
        }
        for employee in changed:
            for index in self._of_employee[employee]:
                municipality = self.patterns[index].municipality
                held = fixed.get(employee, municipality) == municipality
                self.variables[index].SetUb(1 if held else 0)
        self.fixed = dict(fixed)

    def generate(self, seconds: float) -> tuple[LagrangianBound | None, bool]:
        """Generate columns under the current holds for up to `seconds`.

        Return the best Lagrangian bound found (scaled objective units; it holds for
        every plan that keeps the holds) with every employee's least reduced cost
        per municipality they may work for, and whether the generation converged.
        """
        clock = self.clock
        started = clock.now()
        best: LagrangianBound | None = None
        centre: list[int] | None = None  # the prices of the best bound so far
        converged = False
        while clock.since(started) < seconds and not converged:
            left = seconds - clock.since(started)
            size = len(self.data.rows) + len(self.data.employees) + len(self.patterns)
            if clock.solve_lp(self.solver, left, size) != pywraplp.Solver.OPTIMAL:
                break
            self.iterations += 1
            if not self.fixed:
                self.master = Fraction(self.solver.Objective().Value())
            self._read_places()
            prices = self._prices()
            if not fits(self.data, prices):
                break
            convexity_prices = [
                round(constraint.dual_value() * SCALE) for constraint in self._convexity
            ]
            added = False
            if centre is not None and clock.settings.smoothing > 0:
                # Smoothed prices first: between the best bound's and the master's.
                share = clock.settings.smoothing
                between = [
                    round(share * at_best + (1 - share) * now)
                    for at_best, now in zip(centre, prices, strict=True)
                ]
                smoothed = self._price(between, [_EVERY] * len(convexity_prices))
                if smoothed.bound.scaled > best_scaled(best):
                    best, centre = smoothed.bound, between
                entering = [
                    pattern
                    for pattern in smoothed.columns
                    if self._reduced_cost(pattern, prices, convexity_prices) < ENTERING * SCALE
                ]
                added = any([self._add(pattern) for pattern in entering])
            if not added:
                # The master's own prices: no column there is the master's optimum proven.
                pricing = self._price(prices, convexity_prices)
                if pricing.bound.scaled > best_scaled(best):
                    best, centre = pricing.bound, prices
                added = any([self._add(pattern) for pattern in pricing.columns])
                converged = not added
        return best, converged

    def _price(self, prices: list[int], convexity_prices: list[int]) -> Pricing:
        pricing = price(self.data, prices, convexity_prices, self.fixed, self.packing)
        rates = self.clock.settings
        self.clock.charge(
            pricing.cells * rates.pricing_seconds_per_cell + rates.pricing_seconds_per_call
        )
        return pricing

    def _reduced_cost(self, pattern: Pattern, prices: list[int], convexity: list[int]) -> float:
        """A pattern's reduced cost at these prices (scaled objective units)."""
        cost = pattern.cost * SCALE - convexity[pattern.employee]
        cost -= sum(prices[row] * count for row, count in pattern.counts)
        need = self.data.need_row.get(pattern.municipality)
        if need is not None:
            cost -= prices[need] * self.data.employees[pattern.employee].fte
        return cost

    def seed(self, values: dict[int, int]) -> int:
        """Add the patterns of a plan, given as values of the profession model's variables
        (by index; model.plan_values); return how many were new. The plan is the best so
        far: `choose` starts from it.

        The master then holds that plan from its first solve: its prices start near
        the optimum's instead of every case's unstaffed price.
        """
        self.best_plan = patterns_of_plan(self.pm, self.data, values)
        return sum(self._add(pattern) for pattern in self.best_plan)

    def choose(self, seconds: float, cost: Fraction | None = None) -> dict[int, int] | None:
        """Return a plan made of the generated patterns, one per employee, as values of
        the profession model's variables (by index); None if none was found in time.

        The restricted-master heuristic (heuristics.py): every row of the master kept
        with whole patterns, unstaffed cases, splits and missing FTE. It starts from
        the plan last seeded, the best so far, and elsewhere from each employee's
        heaviest pattern in the master. With `cost`, the best plan's, it looks only for
        plans that the patterns say are cheaper: a search that may end anywhere then
        ends with a better plan or none.
        """
        below = None if cost is None else math.ceil(self.scaled(cost) / SCALE)
        return restricted_master_plan(
            self.pm,
            self.data,
            self.patterns,
            self.weights,
            seconds,
            self.clock,
            self.best_plan,
            below,
        )

    def excluded(self, upper: Fraction) -> list[tuple[str, int]]:
        """Return the (employee, municipality) pairs no plan cheaper than `upper` can use.

        Reduced-cost fixing (heuristics.py): a plan that has e work for m costs at
        least the best bound plus what e's least reduced cost in m exceeds e's least
        reduced cost overall.
        """
        return reduced_cost_fixing(self.data, self.best, self.scaled(upper))

    def cost_of(self, scaled: int) -> Fraction:
        """The least objective cost at or above a bound in scaled objective units."""
        return self._cost(-((-scaled) // SCALE))

    def scaled(self, cost: Fraction) -> Fraction:
        """An objective cost in scaled objective units."""
        return (cost - self.pm.cost_offset) / self.pm.objective_unit * SCALE

    def _cost(self, units: Fraction | int) -> Fraction:
        return units * self.pm.objective_unit + self.pm.cost_offset

    def _add(self, pattern: Pattern) -> bool:
        """Add a pattern to the master; False if it is there already."""
        key = (pattern.employee, pattern.municipality, pattern.items)
        if key in self._seen:
            return False
        self._seen.add(key)
        self._of_employee[pattern.employee].append(len(self.patterns))
        self.patterns.append(pattern)
        held = self.fixed.get(pattern.employee, pattern.municipality)
        weight = self.solver.NumVar(0, 1 if held == pattern.municipality else 0, "")
        self.variables.append(weight)
        self._convexity[pattern.employee].SetCoefficient(weight, 1)
        for row, count in pattern.counts:
            self._rows[row].SetCoefficient(weight, count)
        need = self.data.need_row.get(pattern.municipality)
        if need is not None:
            self._rows[need].SetCoefficient(weight, self.data.employees[pattern.employee].fte)
        self.solver.Objective().SetCoefficient(weight, pattern.cost)
        return True

    def _prices(self) -> list[int]:
        """The master's duals, rounded to 1/SCALE objective units, with a valid sign."""
        prices = []
        for constraint, row in zip(self._rows, self.data.rows, strict=True):
            row_price = round(constraint.dual_value() * SCALE)
            if not row.equality:
                # A row kept at or above its right-hand side has a price of at least 0.
                row_price = max(row_price, 0)
            prices.append(row_price)
        return prices

    def _read_places(self) -> None:
        """Read where the master puts most of each employee."""
        self.weights = [var.solution_value() for var in self.variables]
        self.shares, self.place = master_places(self.data, self.patterns, self.weights)
