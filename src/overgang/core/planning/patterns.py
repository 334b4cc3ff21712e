"""A stronger proven bound: each employee's work as a whole pattern (Dantzig–Wolfe).

The linear relaxation (lp_bound) may fill every employee exactly to their limit
with fractions of cases. Here an employee's share of a plan is one *pattern*:
the municipality they work for, how many cases of each group they keep, how
many of each (municipality, load) class they take on and which family cases
they take — a whole packing within their limit, with its exact overload. The
master problem mixes patterns (a convex combination per employee) so that
every case is kept, handed on or unstaffed exactly once. Its columns are
generated: an employee's cheapest pattern under the master's prices is a
knapsack over whole loads, solved exactly by a dynamic programme over the
multiples of the loads' step.

Whatever the prices, the Lagrangian bound

    Σ price × right-hand side + Σ_e (the least reduced cost of e's patterns)
    + Σ other columns (their least reduced cost within their bounds)

is a lower bound on the cost of every plan: a plan is one pattern per employee
plus unstaffed cases, splits and missing FTE that keep every row. It is computed
in exact integer arithmetic from prices rounded to multiples of 2^-PRICE_BITS
objective units, so it holds whatever the floating-point master said.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
from ortools.linear_solver import pywraplp  # type: ignore[import-untyped]
from ortools.sat.python import cp_model

from overgang.core.planning.model import ProfessionModel
from overgang.core.planning.units import fte_units, load_q

PRICE_BITS = 20
SCALE = 1 << PRICE_BITS
UNREACHABLE = -(1 << 62)
# A family's cases an employee may carry are packed as one choice among their subsets up to
# this many cases (2^10 subsets); beyond it, one by one without the family's split.
FAMILY_SUBSETS = 10
# A generated pattern enters the master when its reduced cost is below this (objective units).
ENTERING = -1e-3


@dataclass
class _Item:
    """Up to `most` of one kind of case an employee may carry."""

    load: int  # steps
    most: int
    cost: int  # objective units per case
    row: int  # the master row it counts in: its class's, or its family case's
    key: tuple[str, object]  # ("kept", group) | ("keep", case) | ("take", case) | ("class", class)


@dataclass
class _Family:
    """A family's cases an employee may carry; its split row is charged once if any is."""

    split_row: int | None
    items: list[_Item]
    # Every non-empty subset of the items, once listed: (its load, its items).
    subsets: list[tuple[int, list[_Item]]] = field(default_factory=list)


@dataclass
class _Employee:
    id: str
    limit: int  # steps
    capacity: int  # q units
    fte: int  # 1/3700 FTE
    works_cost: dict[int, int]  # objective units for working in m, per allowed m
    own: dict[int, list[_Item]] = field(default_factory=dict)
    # What they keep in each small class (by its row), packed with what they take of it.
    kept_in_small: dict[int, list[_Item]] = field(default_factory=lambda: defaultdict(list))
    families: dict[int, list[_Family]] = field(default_factory=dict)


@dataclass(frozen=True)
class _Pattern:
    employee: int
    municipality: int
    counts: tuple[tuple[int, int], ...]  # (row, count)
    cost: int  # objective units
    items: tuple[tuple[tuple[str, object], int], ...]


@dataclass(frozen=True)
class PatternBound:
    bound: Fraction  # proven lower bound on the profession's cost
    iterations: int
    columns: int
    master: Fraction  # the master's last optimum (not proven): the limit of the bound
    seconds: float


class _Data:
    """The rows, slack columns and employees of one profession's pattern problem."""

    def __init__(self, pm: ProfessionModel) -> None:
        unit = pm.objective_unit
        coefficient: dict[int, Fraction] = defaultdict(Fraction)
        for c, var in pm.terms:
            coefficient[var.index] += c

        def cost(index: int) -> int:
            units = coefficient.get(index, Fraction(0)) / unit
            assert units.denominator == 1
            return int(units)

        step = pm.step
        self.step = step
        self.rhs: list[int] = []
        self.equality: list[bool] = []
        # Columns besides the patterns: (row, cost, upper bound), coefficient 1 in their row.
        self.slacks: list[tuple[int, int, int]] = []

        def row(rhs: int, equality: bool) -> int:
            self.rhs.append(rhs)
            self.equality.append(equality)
            return len(self.rhs) - 1

        self.class_row = {}
        for load_class, members in sorted(pm.single_cases.items()):
            r = self.class_row[load_class] = row(len(members), True)
            self.slacks.append((r, cost(pm.unstaffed_in_class[load_class].index), len(members)))
        case_row = {}
        for a in pm.family_cases:
            r = case_row[a.id] = row(1, True)
            self.slacks.append((r, cost(pm.family_unstaffed[a.id].index), 1))
        split_row = {}
        for family, var in sorted(pm.family_split.items()):
            r = split_row[family] = row(-1, False)
            self.slacks.append((r, cost(var.index), _upper(var)))
        self.need_row = {}
        for m, (required, var) in sorted(pm.below_min_fte.items()):
            r = self.need_row[m] = row(required, False)
            self.slacks.append((r, cost(var.index), required))
        # The overload's price per q unit. It is a whole number of objective units
        # unless the model has no overload term at all: then nobody can carry more
        # than their capacity (their limit is below it, or no case fits them).
        over_cost = pm.overload_per_q / unit
        if over_cost.denominator != 1:
            over_cost = Fraction(0)
        self.over_cost = int(over_cost)

        # Per municipality, the classes anyone working there may take on. In a class
        # of more cases than anyone can carry, what an employee keeps and takes on
        # never exceeds it: those are packed once for all employees. A smaller class
        # is packed per employee with the cases they keep in it, so that no pattern
        # holds more of its cases than there are.
        longest = max((pm.limit[s.id] // step for s in pm.staff), default=0)
        self.longest = longest
        self.classes: dict[int, list[_Item]] = defaultdict(list)
        self.small: dict[int, list[_Item]] = defaultdict(list)
        for load_class, members in sorted(pm.single_cases.items()):
            m, q = load_class
            item = _Item(
                q // step, len(members), 0, self.class_row[load_class], ("class", load_class)
            )
            (self.classes if len(members) * item.load >= longest else self.small)[m].append(item)
        small_rows = {item.row for items in self.small.values() for item in items}

        index = {s.id: i for i, s in enumerate(pm.staff)}
        self.employees = [
            _Employee(
                id=s.id,
                limit=pm.limit[s.id] // step,
                capacity=pm.capacity[s.id],
                fte=fte_units(s.employee.hours),
                works_cost={m: cost(pm.works_for[s.id, m].index) for m in pm.allowed[s.id]},
            )
            for s in pm.staff
        ]
        for emp in self.employees:
            for m in emp.works_cost:
                emp.own[m], emp.families[m] = [], []
        for key, (count, _) in sorted(pm.kept_groups.items()):
            person, load_class, _ = key
            emp = self.employees[index[person]]
            if load_class[0] in emp.own:
                item = _Item(
                    load_class[1] // step,
                    _upper(count),
                    cost(count.index),
                    self.class_row[load_class],
                    ("kept", key),
                )
                if item.row in small_rows:
                    emp.kept_in_small[item.row].append(item)
                else:
                    emp.own[load_class[0]].append(item)
        grouped: dict[tuple[int, int, str], list[_Item]] = defaultdict(list)
        serving = {a.id: (lc, a) for lc, members in pm.single_cases.items() for a in members}
        for case, var in sorted(pm.keeps_contact.items()):
            load_class, a = serving[case]
            i = index[a.current_contact or ""]
            if load_class[0] in self.employees[i].own:
                grouped[i, load_class[0], a.family_id].append(
                    _Item(
                        load_class[1] // step,
                        1,
                        cost(var.index),
                        self.class_row[load_class],
                        ("keep", case),
                    )
                )
        family_case = {a.id: a for a in pm.family_cases}
        for (case, person), var in sorted(pm.family_takes.items()):
            a, i = family_case[case], index[person]
            if a.serving in self.employees[i].own:
                grouped[i, a.serving, a.family_id].append(
                    _Item(
                        load_q(a.case.load) // step,
                        1,
                        cost(var.index),
                        case_row[case],
                        ("take", case),
                    )
                )
        for (i, m, family), items in sorted(grouped.items()):
            self.employees[i].families[m].append(_Family(split_row.get(family), items))
        # For the overflow check: the largest price of an item, and how many items of no
        # load a pattern could hold beyond its limit.
        every = [
            item
            for emp in self.employees
            for items in (*emp.own.values(), *emp.kept_in_small.values())
            for item in items
        ] + [
            item
            for emp in self.employees
            for fs in emp.families.values()
            for f in fs
            for item in f.items
        ]
        self.most_cost = max((abs(item.cost) for item in every), default=0)
        self.longest += sum(item.most for item in every if item.load == 0)
        self.longest += sum(
            item.most for items in self.classes.values() for item in items if item.load == 0
        )


class _Knapsack:
    """Max-plus dynamic programme over loads 0..length steps, with a trace to read it back."""

    def __init__(self, start: np.ndarray) -> None:
        self.value = start
        self.trace: list[tuple[Any, np.ndarray]] = []

    def add_bounded(self, item: _Item, gain: int) -> None:
        """Up to item.most of an item worth `gain` each (scaled units)."""
        if gain <= 0 or item.most <= 0:
            return
        length = len(self.value)
        most = min(item.most, (length - 1) // item.load) if item.load else item.most
        if item.load == 0:
            self.value = self.value + gain * most
            self.trace.append((item, np.full(length, most, dtype=np.int64)))
            return
        best = self.value.copy()
        choice = np.zeros(length, dtype=np.int64)
        for k in range(1, most + 1):
            shift = k * item.load
            candidate = np.full(length, UNREACHABLE, dtype=np.int64)
            source = self.value[: length - shift]
            candidate[shift:] = np.where(source > UNREACHABLE, source + k * gain, UNREACHABLE)
            better = candidate > best
            best = np.where(better, candidate, best)
            choice = np.where(better, k, choice)
        self.value = best
        self.trace.append((item, choice))

    def add_choice(self, options: list[tuple[int, int, list[tuple[_Item, int]]]]) -> None:
        """One of several options (load, gain, contents), or none."""
        # An option that another of no more load and no less gain beats is left out: the
        # overload only grows with the load, so no best packing needs it. (The value at
        # such a load may then be unreachable; only the best packings are read back.)
        frontier, most = [], 0
        for option in sorted(options, key=lambda o: (o[0], -o[1])):
            if option[1] > most:
                frontier.append(option)
                most = option[1]
        options = frontier
        length = len(self.value)
        best = self.value.copy()
        choice = np.full(length, -1, dtype=np.int64)
        for o, (load, gain, _) in enumerate(options):
            if load >= length:
                continue
            candidate = np.full(length, UNREACHABLE, dtype=np.int64)
            source = self.value[: length - load]
            candidate[load:] = np.where(source > UNREACHABLE, source + gain, UNREACHABLE)
            better = candidate > best
            best = np.where(better, candidate, best)
            choice = np.where(better, o, choice)
        self.value = best
        self.trace.append((options, choice))

    def read(self, load: int) -> tuple[list[tuple[_Item, int]], int]:
        """Return the items and counts this programme added to a packing of `load` steps,
        and the load that is left for the programme it started from."""
        out: list[tuple[_Item, int]] = []
        for what, choice in reversed(self.trace):
            c = int(choice[load])
            if isinstance(what, _Item):
                if c > 0:
                    out.append((what, c))
                    load -= c * what.load
            elif c >= 0:
                option_load, _, contents = what[c]
                out += contents
                load -= option_load
        return out, load


def _subsets(items: list[_Item]) -> list[list[_Item]]:
    subsets: list[list[_Item]] = [[]]
    for item in items:
        subsets += [[*s, item] for s in subsets]
    return subsets[1:]


class PatternSearch:
    """Column generation for one profession's pattern bound."""

    def __init__(self, pm: ProfessionModel, excluded: Collection[tuple[str, int]] = ()) -> None:
        """`excluded`: (employee, municipality) pairs the master and its pricing leave out.

        Its bounds then hold only for plans that use none of them (the solver caps
        them at the cost below which no plan uses one).
        """
        self.data = _Data(pm)
        self.pm = pm
        self.forbidden = False
        for emp in self.data.employees:
            left = {m: c for m, c in emp.works_cost.items() if (emp.id, m) not in excluded}
            if left and len(left) < len(emp.works_cost):
                emp.works_cost = left
                self.forbidden = True
        self.patterns: list[_Pattern] = []
        self.seen: set[tuple[int, int, tuple[tuple[tuple[str, object], int], ...]]] = set()
        self.variables: list[pywraplp.Variable] = []
        # The best Lagrangian bound (scaled objective units) and its least reduced costs.
        self.best: tuple[int, list[dict[int, int]]] | None = None
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
        self.by_employee: dict[int, list[int]] = defaultdict(list)  # pattern indices
        d = self.data
        self.solver = pywraplp.Solver.CreateSolver("CLP")
        inf = self.solver.infinity()
        self.rows = [
            self.solver.Constraint(r, r) if eq else self.solver.Constraint(r, inf)
            for r, eq in zip(d.rhs, d.equality, strict=True)
        ]
        self.convexity = [self.solver.Constraint(1, 1) for _ in d.employees]
        objective = self.solver.Objective()
        for r, c, upper in d.slacks:
            var = self.solver.NumVar(0, upper, "")
            self.rows[r].SetCoefficient(var, 1)
            objective.SetCoefficient(var, c)
        objective.SetMinimization()
        for i, emp in enumerate(d.employees):
            for m in emp.works_cost:
                self._add(_Pattern(i, m, (), emp.works_cost[m], ()))

    def _add(self, pattern: _Pattern) -> bool:
        """Add a pattern to the master; False if it is there already."""
        key = (pattern.employee, pattern.municipality, pattern.items)
        if key in self.seen:
            return False
        self.seen.add(key)
        self.by_employee[pattern.employee].append(len(self.patterns))
        self.patterns.append(pattern)
        held = self.fixed.get(pattern.employee, pattern.municipality)
        var = self.solver.NumVar(0, 1 if held == pattern.municipality else 0, "")
        self.variables.append(var)
        self.convexity[pattern.employee].SetCoefficient(var, 1)
        for r, count in pattern.counts:
            self.rows[r].SetCoefficient(var, count)
        emp = self.data.employees[pattern.employee]
        need = self.data.need_row.get(pattern.municipality)
        if need is not None:
            self.rows[need].SetCoefficient(var, emp.fte)
        self.solver.Objective().SetCoefficient(var, pattern.cost)
        return True

    def run(self, seconds: float) -> PatternBound | None:
        """Generate columns for up to `seconds`; return the best bound proven so far."""
        started = time.perf_counter()
        if not self.converged:
            self.restrict({})
            found, self.converged = self.generate(seconds)
            if found is not None and (self.best is None or found[0] > self.best[0]):
                self.best = found
        self.seconds += time.perf_counter() - started
        if self.best is None:
            return None
        return PatternBound(
            bound=self.cost_of(self.best[0]),
            iterations=self.iterations,
            columns=len(self.patterns),
            master=self._cost(self.master),
            seconds=self.seconds,
        )

    def restrict(self, fixed: dict[int, int]) -> None:
        """Hold employees (by index) to municipalities in the master and the pricing;
        {} lifts every hold."""
        changed = {i for i in set(fixed) | set(self.fixed) if fixed.get(i) != self.fixed.get(i)}
        for i in changed:
            for k in self.by_employee[i]:
                m = self.patterns[k].municipality
                self.variables[k].SetUb(1 if fixed.get(i, m) == m else 0)
        self.fixed = dict(fixed)

    def generate(self, seconds: float) -> tuple[tuple[int, list[dict[int, int]]] | None, bool]:
        """Generate columns under the current holds for up to `seconds`.

        Return the best Lagrangian bound found (scaled objective units; it holds for
        every plan that keeps the holds) with every employee's least reduced cost
        per municipality they may work for, and whether the generation converged.
        """
        started = time.perf_counter()
        best: tuple[int, list[dict[int, int]]] | None = None
        converged = False
        while time.perf_counter() - started < seconds and not converged:
            left = seconds - (time.perf_counter() - started)
            self.solver.SetTimeLimit(max(1, int(1000 * left)))
            if self.solver.Solve() != pywraplp.Solver.OPTIMAL:
                break
            self.iterations += 1
            if not self.fixed:
                self.master = Fraction(self.solver.Objective().Value())
            self._read_places()
            prices = self._prices()
            if not self._fits(prices):
                break
            bound, least, columns = self._price(prices)
            if best is None or bound > best[0]:
                best = (bound, least)
            added = [p for p in columns if self._add(p)]
            converged = not added
        return best, converged

    def cost_of(self, scaled: int) -> Fraction:
        """The least objective cost at or above a bound in scaled objective units."""
        return self._cost(-((-scaled) // SCALE))

    def scaled(self, cost: Fraction) -> Fraction:
        """An objective cost in scaled objective units."""
        return (cost - self.pm.cost_offset) / self.pm.objective_unit * SCALE

    def _cost(self, units: Fraction | int) -> Fraction:
        return units * self.pm.objective_unit + self.pm.cost_offset

    def _read_places(self) -> None:
        """Where the master puts most of each employee."""
        share: dict[tuple[int, int], float] = defaultdict(float)
        self.weights = [var.solution_value() for var in self.variables]
        for pattern, weight in zip(self.patterns, self.weights, strict=True):
            share[pattern.employee, pattern.municipality] += weight
        self.shares = [
            {m: share[i, m] for m in sorted(emp.works_cost)}
            for i, emp in enumerate(self.data.employees)
        ]
        self.place = {
            emp.id: max(self.shares[i], key=lambda m: self.shares[i][m])
            for i, emp in enumerate(self.data.employees)
        }

    def choose(self, seconds: float) -> dict[int, int] | None:
        """Return a plan made of the generated patterns, one per employee, as values of
        the profession model's variables (by index); None if none was found in time.

        A small CP-SAT model over the patterns (price and branch): every row of the
        master kept with whole patterns, unstaffed cases, splits and missing FTE.
        It starts from each employee's heaviest pattern in the master.
        """
        d = self.data
        model = cp_model.CpModel()
        chosen = [model.new_bool_var("") for _ in self.patterns]
        by_employee: dict[int, list[int]] = defaultdict(list)
        rows: list[list[tuple[int, cp_model.IntVar]]] = [[] for _ in d.rhs]
        for k, pattern in enumerate(self.patterns):
            by_employee[pattern.employee].append(k)
            for r, count in pattern.counts:
                rows[r].append((count, chosen[k]))
            need = d.need_row.get(pattern.municipality)
            if need is not None:
                rows[need].append((d.employees[pattern.employee].fte, chosen[k]))
        # Patterns generated after the master's last solve have no weight in it yet.
        weight = self.weights + [0.0] * (len(self.patterns) - len(self.weights))
        for i in range(len(d.employees)):
            model.add_exactly_one(chosen[k] for k in by_employee[i])
            heaviest = max(by_employee[i], key=lambda k: weight[k])
            for k in by_employee[i]:
                model.add_hint(chosen[k], k == heaviest)
        objective = [pattern.cost * chosen[k] for k, pattern in enumerate(self.patterns)]
        slack: dict[int, tuple[int, int]] = {r: (c, upper) for r, c, upper in d.slacks}
        for r, terms in enumerate(rows):
            c, upper = slack.get(r, (0, 0))
            extra = model.new_int_var(0, upper, "")
            objective.append(c * extra)
            total = sum(count * var for count, var in terms) + extra
            # Covering, not partitioning: a pattern that takes on more of a class than is
            # left leaves a slot empty, and the plan read back costs at most what the
            # patterns say. So the master's heaviest patterns are a plan to start from.
            model.add(total >= d.rhs[r])
        model.minimize(sum(objective))
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(0.1, seconds)
        solver.parameters.num_workers = 2
        if solver.solve(model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None
        values: dict[int, int] = {}
        pm = self.pm
        for k, pattern in enumerate(self.patterns):
            if not solver.value(chosen[k]):
                continue
            person = d.employees[pattern.employee].id
            values[pm.works_for[person, pattern.municipality].index] = 1
            for item_key, count in pattern.items:
                var = self._variable(person, item_key)
                assert var is not None
                values[var.index] = count
        return values

    def _variable(self, person: str, item_key: tuple[str, object]) -> cp_model.IntVar | None:
        """The profession model's variable that counts an item of a person's pattern."""
        pm = self.pm
        kind, key = item_key
        if kind == "kept":
            return pm.kept_groups[key][0]  # type: ignore[index]
        if kind == "class":
            return pm.handed_on.get((person, key))  # type: ignore[arg-type]
        if kind == "keep":
            return pm.keeps_contact[key]  # type: ignore[index]
        return pm.family_takes.get((key, person))  # type: ignore[arg-type]

    def seed(self, values: dict[int, int]) -> int:
        """Add the patterns of a plan, given as values of the profession model's variables
        (by index; model.plan_values); return how many were new.

        The master then holds that plan from its first solve: its prices start near
        the optimum's instead of every case's unstaffed price.
        """
        d, added = self.data, 0
        for i, emp in enumerate(d.employees):
            works = [m for m in emp.works_cost if values.get(self.pm.works_for[emp.id, m].index)]
            if len(works) != 1:
                continue
            m = works[0]
            small_rows = {item.row for item in d.small.get(m, [])}
            items = [
                *emp.own[m],
                *(it for row in small_rows for it in emp.kept_in_small.get(row, [])),
                *d.classes.get(m, []),
                *d.small.get(m, []),
            ]
            contents: list[tuple[_Item, int]] = []
            for item in items:
                var = self._variable(emp.id, item.key)
                count = values.get(var.index, 0) if var is not None else 0
                if count > 0:
                    contents.append((item, count))
            for family in emp.families[m]:
                taken = []
                for item in family.items:
                    var = self._variable(emp.id, item.key)
                    if var is not None and values.get(var.index, 0) > 0:
                        taken.append((item, 1))
                if taken and family.split_row is not None:
                    taken.append((_Item(0, 1, 0, family.split_row, ("split", None)), -1))
                contents += taken
            load = sum(item.load * count for item, count in contents)
            if load > emp.limit:
                continue  # not a plan the patterns hold
            over = max(load * d.step - emp.capacity, 0) * d.over_cost
            added += self._add(_make_pattern(i, m, emp.works_cost[m], over, contents))
        return added

    def excluded(self, upper: Fraction) -> list[tuple[str, int]]:
        """Return the (employee, municipality) pairs no plan cheaper than `upper` can use.

        A plan that has e work for m costs at least the best bound plus what e's
        least reduced cost in m exceeds e's least reduced cost overall.
        """
        if self.best is None:
            return []
        bound, least = self.best
        limit = self.scaled(upper)
        out = []
        for i, emp in enumerate(self.data.employees):
            lowest = min(least[i].values())
            out += [
                (emp.id, m) for m, rc in sorted(least[i].items()) if bound + rc - lowest > limit
            ]
        return out

    def _prices(self) -> list[int]:
        """The master's duals, rounded to 1/SCALE objective units, with a valid sign."""
        prices = []
        for r, constraint in enumerate(self.rows):
            price = round(constraint.dual_value() * SCALE)
            if not self.data.equality[r]:
                price = max(price, 0)
            prices.append(price)
        return prices

    def _fits(self, prices: list[int]) -> bool:
        """Whether every packing's value stays well inside 64-bit integers at these prices."""
        d = self.data
        gain = max(map(abs, prices), default=0) + d.most_cost * SCALE
        over = d.longest * d.step * d.over_cost * SCALE
        return (d.longest + 1) * gain + over < 1 << 61

    def _price(self, prices: list[int]) -> tuple[int, list[dict[int, int]], list[_Pattern]]:
        """Return the exact Lagrangian bound (scaled), every employee's least reduced cost
        per municipality, and the patterns that would improve the master."""
        d = self.data
        bound = sum(p * r for p, r in zip(prices, d.rhs, strict=True))
        for r, c, upper in d.slacks:
            bound += min(0, (c * SCALE - prices[r]) * upper)
        longest = max((e.limit for e in d.employees), default=0)
        shared: dict[int, _Knapsack] = {}
        for m in sorted({m for e in d.employees for m in e.works_cost}):
            start = np.full(longest + 1, UNREACHABLE, dtype=np.int64)
            start[0] = 0
            shared[m] = _Knapsack(start)
            for item in d.classes.get(m, []):
                shared[m].add_bounded(item, prices[item.row] - item.cost * SCALE)
        columns = []
        least: list[dict[int, int]] = []
        for i, emp in enumerate(d.employees):
            convexity = round(self.convexity[i].dual_value() * SCALE)
            least.append({})
            for m, works in emp.works_cost.items():
                if self.fixed.get(i, m) != m:
                    continue
                sack = self._pack(emp, m, shared[m], prices)
                over = np.maximum(
                    np.arange(emp.limit + 1, dtype=np.int64) * d.step - emp.capacity, 0
                )
                net = np.where(
                    sack.value > UNREACHABLE, sack.value - over * (d.over_cost * SCALE), UNREACHABLE
                )
                load = int(np.argmax(net))
                need = d.need_row.get(m)
                rc = (
                    works * SCALE
                    - (prices[need] * emp.fte if need is not None else 0)
                    - int(net[load])
                )
                least[i][m] = rc
                if rc - convexity < ENTERING * SCALE:
                    own, rest = sack.read(load)
                    shared_items, left = shared[m].read(rest)
                    assert left == 0
                    columns.append(
                        _make_pattern(
                            i, m, works, int(over[load]) * d.over_cost, own + shared_items
                        )
                    )
            bound += min(least[i].values())
        return bound, least, columns

    def _pack(self, emp: _Employee, m: int, shared: _Knapsack, prices: list[int]) -> _Knapsack:
        """The best packing of each load for `emp` in `m`: the shared classes, then their own."""
        sack = _Knapsack(shared.value[: emp.limit + 1].copy())
        for item in emp.own[m]:
            sack.add_bounded(item, prices[item.row] - item.cost * SCALE)
        for taken in self.data.small.get(m, []):
            # The best t of the class's cases: those they keep first (cheaper), then taken on.
            units = [
                (prices[it.row] - it.cost * SCALE, it)
                for it in emp.kept_in_small.get(taken.row, [])
                for _ in range(it.most)
            ]
            units += [(prices[taken.row], taken)] * taken.most
            units.sort(key=lambda unit: -unit[0])
            options, gain = [], 0
            counts: dict[int, int] = defaultdict(int)
            for t, (unit_gain, it) in enumerate(units[: taken.most], start=1):
                if t * taken.load > emp.limit:
                    break
                gain += unit_gain
                counts[id(it)] += 1
                if gain > 0:
                    chosen = {id(i): i for _, i in units[:t]}
                    options.append(
                        (t * taken.load, gain, [(chosen[k], c) for k, c in counts.items()])
                    )
            if options:
                sack.add_choice(options)
        for family in emp.families[m]:
            if len(family.items) > FAMILY_SUBSETS:
                # Too many subsets to list: each case on its own, the split not charged.
                # That only lowers the pattern's price, so the bound still holds.
                for item in family.items:
                    sack.add_bounded(item, prices[item.row] - item.cost * SCALE)
                continue
            charge, marker = 0, []
            if family.split_row is not None:
                # Taking any of the family's cases counts -1 in its split row.
                charge = prices[family.split_row]
                marker = [(_Item(0, 1, 0, family.split_row, ("split", None)), -1)]
            if not family.subsets:
                family.subsets = [
                    (sum(it.load for it in sub), sub) for sub in _subsets(family.items)
                ]
            # Per load only the subset of most gain can be the best choice.
            best: dict[int, tuple[int, list[_Item]]] = {}
            for load, subset in family.subsets:
                gain = sum(prices[it.row] - it.cost * SCALE for it in subset) - charge
                if gain > 0 and gain > best.get(load, (0, []))[0]:
                    best[load] = (gain, subset)
            options = [
                (load, gain, [(it, 1) for it in subset] + marker)
                for load, (gain, subset) in best.items()
            ]
            if options:
                sack.add_choice(options)
        return sack


def _make_pattern(
    i: int, m: int, works: int, over: int, contents: list[tuple[_Item, int]]
) -> _Pattern:
    counts: dict[int, int] = defaultdict(int)
    cost = works + int(over)
    for item, c in contents:
        counts[item.row] += c
        cost += item.cost * c
    items = tuple(
        sorted(((item.key, c) for item, c in contents if item.key[0] != "split"), key=repr)
    )
    return _Pattern(i, m, tuple(sorted(counts.items())), cost, items)


def _upper(var: object) -> int:
    """Return an integer variable's upper bound (its proto's repeated field has no [-1])."""
    domain = list(var.proto.domain)  # type: ignore[attr-defined]
    return int(domain[-1])
