"""Who joins which team: one exact CP-SAT model per municipality and profession.

Team membership of an employee only changes the supply of their own
profession, so the problem splits by (municipality, profession). Within one,
each employee joins one team; the model keeps as much of the employees'
planned load as it can inside their own team's districts, subject to sizing:

- coverage: every team whose districts need the profession gets at least one
  member of it, as far as there are employees enough;
- sizing: each team's capacity lies within half an employee's capacity (the
  largest of the profession's) of its share of the municipality's capacity,
  the share being its share of the demand; a team outside that band pays for
  every load unit outside it.

Quantities are whole hundredths of a load unit: loads have two decimals, and a
capacity rounded to hundredths is exact enough for a target that has a tolerance.
"""

from __future__ import annotations

from dataclasses import dataclass

from ortools.sat.python import cp_model

# A load unit outside the sizing band costs as much as ten load units of cases
# lying outside their contact person's team: sizing comes first, but it is never
# infeasible (an uneven profession still gets a plan).
SIZE_WEIGHT = 10


@dataclass(frozen=True)
class Candidate:
    """An employee to place, in hundredths of a load unit."""

    employee_id: str
    capacity: int
    load_in_team: tuple[int, ...]  # per team: planned load in that team's districts


def _band(candidates: list[Candidate], demand: list[int]) -> tuple[list[int], int]:
    """Return each team's target capacity (its share of the demand) and the tolerance around it."""
    total_capacity = sum(c.capacity for c in candidates)
    total_demand = sum(demand)
    target = [
        total_capacity * d // total_demand if total_demand else total_capacity // len(demand)
        for d in demand
    ]
    return target, max(c.capacity for c in candidates) // 2


def _uncovered_weight(candidates: list[Candidate], demand: list[int]) -> int:
    """Return a weight for an uncovered team above anything sizing and continuity can cost."""
    total_capacity = sum(c.capacity for c in candidates)
    worst_rest = SIZE_WEIGHT * 2 * total_capacity * len(demand)
    return worst_rest + sum(sum(c.load_in_team) for c in candidates) + 1


def staffing_cost(candidates: list[Candidate], demand: list[int], team_of: dict[str, int]) -> int:
    """Return the cost the staffing model minimises, for a given team of every candidate.

    The reference the solver is tested against: uncovered teams, capacity outside
    the sizing band, and load outside the employee's own team, with their weights.
    """
    if len(demand) <= 1 or not candidates:
        return 0
    target, tolerance = _band(candidates, demand)
    supply = [0] * len(demand)
    members = [0] * len(demand)
    away = 0
    for c in candidates:
        t = team_of[c.employee_id]
        supply[t] += c.capacity
        members[t] += 1
        away += sum(c.load_in_team) - c.load_in_team[t]
    uncovered = sum(1 for t, d in enumerate(demand) if d > 0 and members[t] == 0)
    outside = sum(
        max(0, supply[t] - target[t] - tolerance) + max(0, target[t] - tolerance - supply[t])
        for t in range(len(demand))
    )
    return _uncovered_weight(candidates, demand) * uncovered + SIZE_WEIGHT * outside + away


@dataclass(frozen=True)
class Staffing:
    team_of: dict[str, int]  # employee id -> team index
    optimal: bool


def staff_teams(
    candidates: list[Candidate], demand: list[int], time_limit: float, workers: int = 1
) -> Staffing:
    """Return the team of every candidate: coverage first, then sizing, then load kept inside."""
    teams = range(len(demand))
    if len(demand) <= 1 or not candidates:
        return Staffing({c.employee_id: 0 for c in candidates}, optimal=True)
    total_capacity = sum(c.capacity for c in candidates)
    target, tolerance = _band(candidates, demand)
    model = cp_model.CpModel()

    # Each employee joins exactly one team.
    joins = {
        (c.employee_id, t): model.new_bool_var(f"joins[{c.employee_id},{t}]")
        for c in candidates
        for t in teams
    }
    for c in candidates:
        model.add_exactly_one(joins[c.employee_id, t] for t in teams)

    # Coverage: a team whose districts need the profession has at least one of it, or is uncovered.
    uncovered = {}
    for t in teams:
        if demand[t] > 0:
            uncovered[t] = model.new_bool_var(f"uncovered[{t}]")
            model.add(sum(joins[c.employee_id, t] for c in candidates) + uncovered[t] >= 1)

    # Sizing: capacity within the band around the team's share, or pay for the excess.
    outside_band = []
    for t in teams:
        supply = sum(c.capacity * joins[c.employee_id, t] for c in candidates)
        above = model.new_int_var(0, total_capacity, f"above_band[{t}]")
        below = model.new_int_var(0, total_capacity, f"below_band[{t}]")
        model.add(supply - target[t] - tolerance <= above)
        model.add(target[t] - tolerance - supply <= below)
        outside_band += [above, below]

    # Continuity: the load each employee carries outside their own team's districts.
    away = sum(
        (sum(c.load_in_team) - c.load_in_team[t]) * joins[c.employee_id, t]
        for c in candidates
        for t in teams
    )
    model.minimize(
        _uncovered_weight(candidates, demand) * sum(uncovered.values())
        + SIZE_WEIGHT * sum(outside_band)
        + away
    )

    # Start from each employee's own team: where most of their load lies.
    home = {c.employee_id: max(teams, key=lambda t: (c.load_in_team[t], -t)) for c in candidates}
    for c in candidates:
        for t in teams:
            model.add_hint(joins[c.employee_id, t], t == home[c.employee_id])

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = max(1, workers)
    solver.parameters.random_seed = 0
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Staffing(home, optimal=False)  # out of time: everyone in their own team
    team_of = {
        c.employee_id: next(t for t in teams if solver.value(joins[c.employee_id, t]))
        for c in candidates
    }
    return Staffing(team_of, optimal=status == cp_model.OPTIMAL)
