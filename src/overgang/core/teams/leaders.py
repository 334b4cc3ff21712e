"""Which leader leads which team: as many teams led as there are leaders, each by the leader who knows most of it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

LEADER_SECONDS = 5.0


@dataclass(frozen=True)
class TeamOutline:
    """What placing a leader needs to know of a team."""

    member_units: tuple[str, ...]  # the members' units today (enhed)
    demand: int  # larger teams are led first when leaders are scarce


def unit_parts(unit: str) -> set[str]:
    """Return the units a leader's unit names: 'A, B og C' leads A, B and C."""
    parts = {p.strip().casefold() for p in re.split(r",| og | and ", unit)}
    return {p for p in parts if p} | ({unit.strip().casefold()} if unit.strip() else set())


def place_leaders(
    leaders: Sequence[tuple[str, str]], teams: Sequence[TeamOutline]
) -> dict[str, int]:
    """Return the team each placed leader leads, given (employee id, unit) per leader.

    Every team gets a leader while there are leaders; a leader goes where most
    members come from the units they lead today, and with fewer leaders than
    teams the largest teams are led first. Leaders left over lead no team.
    """
    if not leaders or not teams:
        return {}
    model = cp_model.CpModel()
    leads = {
        (leader, t): model.new_bool_var(f"leads[{leader},{t}]")
        for leader, _ in leaders
        for t in range(len(teams))
    }
    for leader, _ in leaders:
        model.add_at_most_one(leads[leader, t] for t in range(len(teams)))
    for t in range(len(teams)):
        model.add_at_most_one(leads[leader, t] for leader, _ in leaders)
    by_size = sorted(range(len(teams)), key=lambda t: (teams[t].demand, -t))
    size_rank = {t: rank for rank, t in enumerate(by_size)}
    known_weight = len(teams) + 1
    members = sum(len(t.member_units) for t in teams)
    led_weight = known_weight * (members + 1) + len(teams)
    gain = []
    for leader, unit in leaders:
        parts = unit_parts(unit)
        for t, team in enumerate(teams):
            known = sum(1 for u in team.member_units if u.strip().casefold() in parts)
            value = led_weight + known_weight * known + size_rank[t]
            gain.append(value * leads[leader, t])
    model.maximize(sum(gain))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = LEADER_SECONDS
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        # Out of time: the leaders in id order take the largest teams.
        order = sorted(range(len(teams)), key=lambda t: -size_rank[t])
        return {leader: t for (leader, _), t in zip(sorted(leaders), order, strict=False)}
    return {leader: t for (leader, t), var in leads.items() if solver.value(var)}
