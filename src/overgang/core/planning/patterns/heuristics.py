"""What the pattern master gives besides its bound: plans to try and pairs to rule out.

- The restricted-master heuristic: the best plan made of the generated patterns only,
  a small integer programme over the master's columns (price and branch), by CP-SAT.
- Reduced-cost fixing: the (employee, municipality) pairs that no plan cheaper than a
  known one can use, from the best Lagrangian bound and the least reduced costs.
- Where the master puts most of each employee: solve.py packs a greedy plan from it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from fractions import Fraction

from ortools.sat.python import cp_model

from overgang.core.planning.determinism import Clock
from overgang.core.planning.model import ProfessionModel
from overgang.core.planning.patterns.items import Pattern
from overgang.core.planning.patterns.master_data import MasterData
from overgang.core.planning.patterns.plans import plan_of_patterns
from overgang.core.planning.patterns.pricing import LagrangianBound


def restricted_master_plan(
    pm: ProfessionModel,
    data: MasterData,
    patterns: list[Pattern],
    weights: list[float],
    seconds: float,
    clock: Clock | None = None,
    start: Sequence[Pattern] = (),
    below: int | None = None,
) -> dict[int, int] | None:
    """Return a plan made of the generated patterns, one per employee.

    Args:
        pm: the profession model whose variables the plan gives values to.
        data: the master's rows and employees.
        patterns: the generated patterns, the master's columns.
        weights: each pattern's weight in the master's last optimum; the plan starts
            from each employee's heaviest pattern.
        seconds: the time limit of the CP-SAT search.
        clock: the planner's clock (determinism.py); by default the wall clock.
        start: patterns to start from, at most one per employee (the best plan so far);
            an employee without one starts from their heaviest pattern in the master.
        below: where given, only plans whose patterns cost less (objective units).

    Returns:
        The plan as values of the profession model's variables (by index); None if
        none was found in time.
    """
    model = cp_model.CpModel()
    uses = [
        model.new_bool_var(
            f"uses_pattern[{data.employees[pattern.employee].id},{pattern.municipality},{index}]"
        )
        for index, pattern in enumerate(patterns)
    ]
    by_employee: dict[int, list[int]] = defaultdict(list)
    in_row: list[list[tuple[int, cp_model.IntVar]]] = [[] for _ in data.rows]
    for index, pattern in enumerate(patterns):
        by_employee[pattern.employee].append(index)
        for row, count in pattern.counts:
            in_row[row].append((count, uses[index]))
        need = data.need_row.get(pattern.municipality)
        if need is not None:
            in_row[need].append((data.employees[pattern.employee].fte, uses[index]))

    # Every employee works to exactly one of their patterns; the search starts from their
    # pattern in `start`, or else from the heaviest in the master. Patterns generated after
    # the master's last solve have no weight in it yet.
    weight = weights + [0.0] * (len(patterns) - len(weights))
    index_of = {(p.employee, p.municipality, p.items): i for i, p in enumerate(patterns)}
    started = {p.employee: index_of[p.employee, p.municipality, p.items] for p in start}
    for employee in range(len(data.employees)):
        model.add_exactly_one(uses[index] for index in by_employee[employee])
        first = started.get(employee)
        if first is None:
            first = max(by_employee[employee], key=weight.__getitem__)
        for index in by_employee[employee]:
            model.add_hint(uses[index], index == first)

    # Every row of the master is kept with whole patterns and its own slack column.
    objective = [pattern.cost * uses[index] for index, pattern in enumerate(patterns)]
    for master_row, terms in zip(data.rows, in_row, strict=True):
        slack = model.new_int_var(0, master_row.slack_most, master_row.slack)
        objective.append(master_row.slack_cost * slack)
        total = sum(count * var for count, var in terms) + slack
        # Covering, not partitioning: a pattern that takes on more of a class than is
        # left leaves a slot empty, and the plan read back costs at most what the
        # patterns say. So the master's heaviest patterns are a plan to start from.
        model.add(total >= master_row.right_hand_side)
    model.minimize(sum(objective))
    if below is not None:
        # As the objective's domain, not a constraint: a copy of the objective as a
        # constraint made presolve 4 x slower at scale 100 (20,000 patterns).
        model.proto.objective.domain.extend([-cp_model.INT_MAX, below - 1])

    clock = clock or Clock()
    clock.charge_model(model)
    solver = cp_model.CpSolver()
    clock.configure(solver, max(0.1, seconds), 2)
    if clock.solve(solver, model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    chosen = [pattern for pattern, used in zip(patterns, uses, strict=True) if solver.value(used)]
    return plan_of_patterns(pm, data, chosen)


def reduced_cost_fixing(
    data: MasterData, best: LagrangianBound | None, limit: Fraction
) -> list[tuple[str, int]]:
    """Return the (employee, municipality) pairs no plan of at most `limit` can use.

    A plan that has e work for m costs at least the best bound plus what e's least
    reduced cost in m exceeds e's least reduced cost overall. `limit` and the bound
    are in scaled objective units.
    """
    if best is None:
        return []
    bound, least = best
    excluded = []
    for index, employee in enumerate(data.employees):
        lowest = min(least[index].values())
        excluded += [
            (employee.id, municipality)
            for municipality, reduced_cost in sorted(least[index].items())
            if bound + reduced_cost - lowest > limit
        ]
    return excluded


def master_places(
    data: MasterData, patterns: list[Pattern], weights: list[float]
) -> tuple[list[dict[int, float]], dict[str, int]]:
    """Return each employee's share in each municipality in the master's optimum, and
    where the master puts most of each employee."""
    share: dict[tuple[int, int], float] = defaultdict(float)
    for pattern, weight in zip(patterns, weights, strict=True):
        share[pattern.employee, pattern.municipality] += weight
    shares = [
        {municipality: share[index, municipality] for municipality in sorted(employee.works_cost)}
        for index, employee in enumerate(data.employees)
    ]
    place = {
        employee.id: max(shares[index], key=shares[index].__getitem__)
        for index, employee in enumerate(data.employees)
    }
    return shares, place
