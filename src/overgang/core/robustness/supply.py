"""Supply against demand per municipality and profession after the split, critical mass and hires."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from overgang.core.domain import FULL_TIME_HOURS
from overgang.core.planning.problem import Problem


@dataclass(frozen=True)
class ProfessionSupply:
    """One municipality's supply of one profession against its demand, in FTE."""

    municipality: int
    profession: str
    supply_fte: Fraction  # hours / 37 of the staff the plan gives the municipality
    demand_load: Fraction  # load of the in-house cases the municipality serves
    demand_fte: Fraction  # the larger of demand_load / norm and the staffing need
    need_fte: Fraction  # behov.min_fte
    capacity: Fraction  # the staff's capacity in load units
    unstaffed_load: Fraction
    overload: Fraction  # load above the staff's capacity (cap(e)), employee by employee
    hires_for_load_fte: (
        Fraction  # as the plan counts hires: unstaffed and overload over norm, missing need
    )
    checked: bool  # subject to the critical-mass check (needed, and not a leaders-only profession)
    below_critical_mass: bool
    hires_fte: Fraction  # hires for the load, or to reach the critical mass if that takes more

    @property
    def balance_fte(self) -> Fraction:
        return self.supply_fte - self.demand_fte


def profession_supply(
    problem: Problem,
    employer: Mapping[str, int],
    contact: Mapping[str, str | None],
    critical_fte: Fraction,
) -> tuple[ProfessionSupply, ...]:
    """Return supply against demand for every municipality and profession that has either.

    A profession is checked against the critical mass where the municipality needs
    it (cases to serve or a staffing need), unless every employee of it in the data
    set is a leader: one leader per municipality is a full management, not a frail one.
    """
    norms = {p.code: Fraction(p.norm) for p in problem.dataset.professions}
    leaders_only = {
        p
        for p in norms
        if (of_p := [e for e in problem.dataset.employees if e.profession == p])
        and all(e.is_leader for e in of_p)
    }
    fte: dict[tuple[int, str], Fraction] = defaultdict(Fraction)
    capacity: dict[tuple[int, str], Fraction] = defaultdict(Fraction)
    cap: dict[str, Fraction] = {}
    for s in problem.staff:
        key = (employer[s.id], s.employee.profession)
        fte[key] += Fraction(s.employee.hours) / Fraction(FULL_TIME_HOURS)
        # cap(e) = timer / 37 * norm, exactly (Staff.capacity is a rounded Decimal)
        cap[s.id] = (
            Fraction(s.employee.hours) / Fraction(FULL_TIME_HOURS) * norms[s.employee.profession]
        )
        capacity[key] += cap[s.id]
    demand: dict[tuple[int, str], Fraction] = defaultdict(Fraction)
    unstaffed: dict[tuple[int, str], Fraction] = defaultdict(Fraction)
    load_on: dict[str, Fraction] = defaultdict(Fraction)
    for a in problem.assignments:
        key = (a.serving, a.case.profession)
        demand[key] += Fraction(a.case.load)
        person = contact.get(a.id)
        if person is None:
            unstaffed[key] += Fraction(a.case.load)
        else:
            load_on[person] += Fraction(a.case.load)
    overload: dict[tuple[int, str], Fraction] = defaultdict(Fraction)
    for s in problem.staff:
        above = load_on[s.id] - cap[s.id]
        if above > 0:
            overload[employer[s.id], s.employee.profession] += above
    needs = {key: Fraction(value) for key, value in problem.needs.items()}

    rows = []
    for m, p in sorted(set(fte) | set(demand) | set(needs)):
        key = (m, p)
        norm = norms[p]
        need = needs.get(key, Fraction(0))
        supply = fte[key]
        for_load = max(Fraction(0), need - supply)
        if norm:
            for_load += (unstaffed[key] + overload[key]) / norm
        checked = (demand[key] > 0 or need > 0) and p not in leaders_only
        below = checked and supply < critical_fte
        rows.append(
            ProfessionSupply(
                municipality=m,
                profession=p,
                supply_fte=supply,
                demand_load=demand[key],
                demand_fte=max(demand[key] / norm if norm else Fraction(0), need),
                need_fte=need,
                capacity=capacity[key],
                unstaffed_load=unstaffed[key],
                overload=overload[key],
                hires_for_load_fte=for_load,
                checked=checked,
                below_critical_mass=below,
                hires_fte=max(for_load, critical_fte - supply) if below else for_load,
            )
        )
    return tuple(rows)
