"""form_teams(problem, plan) -> TeamPlan: each municipality's staff in teams tied to its school districts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from overgang.core.domain import FULL_TIME_HOURS
from overgang.core.planning.plan import Plan
from overgang.core.planning.problem import Problem, Staff
from overgang.core.teams.areas import (
    case_districts,
    demand_fte,
    district_demand,
    group_districts,
    load_by_district,
)
from overgang.core.teams.leaders import TeamOutline, place_leaders
from overgang.core.teams.staffing import Candidate, staff_teams
from overgang.core.teams.team import (
    OutsideLoad,
    ProfessionBalance,
    SharedStaff,
    Team,
    TeamMember,
    TeamPlan,
)

# A team serves at least this many FTE of demand; smaller districts share a team.
# Eight FTE lets a team hold one of each of the centre's caseworking professions
# and still be small enough for its members to work together as one group.
DEFAULT_MIN_TEAM_FTE = Fraction(8)
# Seconds for each (municipality, profession) staffing model; they are small and
# usually proven optimal in a fraction of that.
DEFAULT_TEAM_SECONDS = 5.0


def _hundredths(value: Fraction) -> int:
    return round(value * 100)


@dataclass(frozen=True)
class _Workload:
    """Where the plan's work lies: demand per district, and each employee's cases by district."""

    norms: dict[str, Fraction]
    demand: dict[str, dict[str, Fraction]]  # district -> profession -> load
    employee_load: dict[str, dict[str, Fraction]]  # employee -> district -> load
    cases_of: dict[str, list[tuple[str | None, Fraction]]]  # employee -> (district, load)

    def load_in(self, employee_id: str, area: tuple[str, ...]) -> Fraction:
        by_district = self.employee_load.get(employee_id, {})
        return sum((by_district.get(d, Fraction(0)) for d in area), Fraction(0))


def form_teams(
    problem: Problem,
    plan: Plan,
    *,
    min_team_fte: Fraction | float | str = DEFAULT_MIN_TEAM_FTE,
    time_limit: float = DEFAULT_TEAM_SECONDS,
) -> TeamPlan:
    """Return the district teams of a plan: areas, leaders, members and each team's figures.

    Per municipality, its school districts are grouped into areas of at least
    `min_team_fte` FTE of demand (the load of the cases of children living there,
    over each profession's norm); each area is one team. Every caseworker employed
    there joins the team where most of their planned load lies, as far as sizing
    allows (`overgang.core.teams.staffing`); leaders lead the teams, as many as
    there are leaders; staff without cases and spare leaders are shared by the
    municipality's teams. `time_limit` bounds each staffing model in seconds.
    """
    min_fte = (
        Fraction(str(min_team_fte)) if isinstance(min_team_fte, float) else Fraction(min_team_fte)
    )
    employer = plan.employer()
    contact = plan.contacts()
    where = case_districts(problem)
    cases_of: dict[str, list[tuple[str | None, Fraction]]] = defaultdict(list)
    for a in problem.assignments:
        person = contact.get(a.id)
        if person is not None:
            cases_of[person].append((where[a.id], Fraction(a.case.load)))
    work = _Workload(
        norms={p.code: Fraction(p.norm) for p in problem.dataset.professions},
        demand=district_demand(problem, where),
        employee_load=load_by_district(problem, contact, where),
        cases_of=dict(cases_of),
    )
    teams: list[Team] = []
    shared: list[SharedStaff] = []
    optimal = True
    for m in problem.municipalities:
        staff = [s for s in problem.staff if employer.get(s.id) == m]
        districts = sorted(d.id for d in problem.dataset.districts if d.municipality == m)
        if not districts:
            shared += [_shared(s, m, "no_districts") for s in staff]
            continue
        fte = {d: demand_fte(work.demand.get(d, {}), work.norms) for d in districts}
        areas = group_districts(districts, fte, work.employee_load, min_fte)
        in_m, shared_in_m, proven = _municipality_teams(problem, m, staff, areas, work, time_limit)
        teams += in_m
        shared += shared_in_m
        optimal = optimal and proven
    return TeamPlan(
        teams=tuple(teams),
        shared_staff=tuple(shared),
        outside_load=_outside_load(problem, where),
        min_team_fte=min_fte,
        proven_optimal=optimal,
    )


def _municipality_teams(
    problem: Problem,
    municipality: int,
    staff: list[Staff],
    areas: list[tuple[str, ...]],
    work: _Workload,
    time_limit: float,
) -> tuple[list[Team], list[SharedStaff], bool]:
    """Return one municipality's teams, its shared staff, and whether the staffing was proven optimal."""
    norms = work.norms
    area_demand = [_area_demand(area, work.demand) for area in areas]
    caseworkers = [
        s for s in staff if not s.employee.is_leader and norms[s.employee.profession] > 0
    ]
    shared = [
        _shared(s, municipality, "no_cases")
        for s in staff
        if not s.employee.is_leader and norms[s.employee.profession] == 0
    ]
    team_of: dict[str, int] = {}
    optimal = True
    for profession in sorted({s.employee.profession for s in caseworkers}):
        candidates = [
            Candidate(
                employee_id=s.id,
                capacity=_hundredths(_capacity(s, norms)),
                load_in_team=tuple(_hundredths(work.load_in(s.id, area)) for area in areas),
            )
            for s in caseworkers
            if s.employee.profession == profession
        ]
        demand = [_hundredths(d.get(profession, Fraction(0))) for d in area_demand]
        staffing = staff_teams(candidates, demand, time_limit)
        team_of.update(staffing.team_of)
        optimal = optimal and staffing.optimal

    by_id = {s.id: s for s in staff}
    outlines = [
        TeamOutline(
            member_units=tuple(
                by_id[e].employee.unit for e, t in sorted(team_of.items()) if t == i
            ),
            demand=_hundredths(demand_fte(area_demand[i], norms)),
        )
        for i in range(len(areas))
    ]
    leaders = sorted((s.id, s.employee.unit) for s in staff if s.employee.is_leader)
    led = place_leaders(leaders, outlines)
    shared += [
        _shared(s, municipality, "spare_leader")
        for s in staff
        if s.employee.is_leader and s.id not in led
    ]
    teams = []
    for i, area in enumerate(areas):
        leader = [by_id[e] for e, t in sorted(led.items()) if t == i]
        members = [by_id[e] for e, t in sorted(team_of.items()) if t == i]
        teams.append(
            _team(problem, municipality, i, area, area_demand[i], leader[:1], members, work)
        )
    return teams, shared, optimal


def _capacity(s: Staff, norms: Mapping[str, Fraction]) -> Fraction:
    """Return cap(e) = timer / 37 * norm exactly (Staff.capacity is a rounded Decimal)."""
    return Fraction(s.employee.hours) / Fraction(FULL_TIME_HOURS) * norms[s.employee.profession]


def _shared(s: Staff, municipality: int, reason: str) -> SharedStaff:
    return SharedStaff(s.id, municipality, s.employee.profession, s.employee.is_leader, reason)


def _area_demand(
    area: tuple[str, ...], demand: Mapping[str, Mapping[str, Fraction]]
) -> dict[str, Fraction]:
    total: dict[str, Fraction] = defaultdict(Fraction)
    for d in area:
        for profession, load in demand.get(d, {}).items():
            total[profession] += load
    return dict(total)


def _team(
    problem: Problem,
    municipality: int,
    index: int,
    area: tuple[str, ...],
    demand: Mapping[str, Fraction],
    leaders: list[Staff],
    caseworkers: list[Staff],
    work: _Workload,
) -> Team:
    norms = work.norms
    names = {d.id: d.name for d in problem.dataset.districts}
    inside = set(area)
    members: list[TeamMember] = []
    for s in leaders + sorted(caseworkers, key=lambda s: (s.employee.profession, s.id)):
        cases = work.cases_of.get(s.id, [])
        members.append(
            TeamMember(
                employee_id=s.id,
                profession=s.employee.profession,
                fte=Fraction(s.employee.hours) / Fraction(FULL_TIME_HOURS),
                capacity=_capacity(s, norms),
                cases=len(cases),
                cases_inside=sum(1 for d, _ in cases if d in inside),
                load=sum((load for _, load in cases), Fraction(0)),
                load_inside=sum((load for d, load in cases if d in inside), Fraction(0)),
                is_leader=s.employee.is_leader,
            )
        )
    professions = {p for p, load in demand.items() if load > 0}
    professions |= {m.profession for m in members if norms[m.profession] > 0}
    balance = []
    for p in sorted(professions):
        of_p = [m for m in members if m.profession == p]
        load = demand.get(p, Fraction(0))
        balance.append(
            ProfessionBalance(
                profession=p,
                demand_load=load,
                demand_fte=load / norms[p] if norms[p] else Fraction(0),
                supply_fte=sum((m.fte for m in of_p), Fraction(0)),
                supply_capacity=sum((m.capacity for m in of_p), Fraction(0)),
                members=len(of_p),
            )
        )
    return Team(
        id=f"{municipality}-{index + 1}",
        municipality=municipality,
        name=" / ".join(names[d] for d in area),
        districts=area,
        institutions=tuple(
            sorted(i.id for i in problem.dataset.institutions if i.district_id in inside)
        ),
        leader=leaders[0].id if leaders else None,
        members=tuple(members),
        balance=tuple(balance),
        missing_professions=tuple(
            b.profession for b in balance if b.demand_load > 0 and not b.members
        ),
    )


def _outside_load(problem: Problem, where: Mapping[str, str | None]) -> tuple[OutsideLoad, ...]:
    cases: dict[tuple[int, str], int] = defaultdict(int)
    load: dict[tuple[int, str], Fraction] = defaultdict(Fraction)
    for a in problem.assignments:
        if where[a.id] is None:
            cases[a.serving, a.case.profession] += 1
            load[a.serving, a.case.profession] += Fraction(a.case.load)
    return tuple(OutsideLoad(m, p, cases[m, p], load[m, p]) for m, p in sorted(cases))
