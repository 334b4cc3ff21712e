"""District teams as frozen dataclasses: who is in which team, and the team's figures."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class TeamMember:
    """An employee in a team, with the share of their planned cases inside the team's districts."""

    employee_id: str
    profession: str
    fte: Fraction
    capacity: Fraction  # load units: timer / 37 * norm
    cases: int  # planned cases (in-house, after the split)
    cases_inside: int  # of which the citizen lives in one of the team's districts
    load: Fraction
    load_inside: Fraction
    is_leader: bool = False

    @property
    def share_inside(self) -> Fraction | None:
        """Return the share of the member's cases inside the team's districts (None: no cases)."""
        return Fraction(self.cases_inside, self.cases) if self.cases else None


@dataclass(frozen=True)
class ProfessionBalance:
    """A team's demand for one profession against its supply of it."""

    profession: str
    demand_load: Fraction  # load of the cases of children living in the team's districts
    demand_fte: Fraction  # demand_load / norm
    supply_fte: Fraction  # the members' hours / 37
    supply_capacity: Fraction  # the members' capacity in load units
    members: int

    @property
    def balance_fte(self) -> Fraction:
        return self.supply_fte - self.demand_fte


@dataclass(frozen=True)
class Team:
    """A cross-disciplinary team tied to one or more school districts of one municipality."""

    id: str  # e.g. "183-1"
    municipality: int
    name: str  # the districts' names
    districts: tuple[str, ...]
    institutions: tuple[str, ...]  # every school, daycare and other institution in the districts
    leader: str | None  # an employee with the leader flag; None: the team lacks a leader
    members: tuple[TeamMember, ...]  # the leader first, then by profession and id
    balance: tuple[ProfessionBalance, ...]  # by profession
    missing_professions: tuple[str, ...]  # demand in the districts but no member of it

    @property
    def lacks_leader(self) -> bool:
        return self.leader is None

    @property
    def demand_fte(self) -> Fraction:
        return sum((b.demand_fte for b in self.balance), Fraction(0))

    @property
    def supply_fte(self) -> Fraction:
        return sum((b.supply_fte for b in self.balance), Fraction(0))


@dataclass(frozen=True)
class SharedStaff:
    """An employee of a municipality who belongs to no district team (administration, spare leaders)."""

    employee_id: str
    municipality: int
    profession: str
    is_leader: bool
    reason: str  # "no_cases" (a profession without cases), "spare_leader", "no_districts"


@dataclass(frozen=True)
class OutsideLoad:
    """Load a municipality serves for citizens outside its own districts (e.g. shared services)."""

    municipality: int
    profession: str
    cases: int
    load: Fraction


@dataclass(frozen=True)
class TeamPlan:
    """The district teams of a plan, per municipality."""

    teams: tuple[Team, ...]
    shared_staff: tuple[SharedStaff, ...]
    outside_load: tuple[OutsideLoad, ...]
    min_team_fte: Fraction
    proven_optimal: bool  # every team's staffing was solved to proven optimality

    def in_municipality(self, municipality: int) -> tuple[Team, ...]:
        return tuple(t for t in self.teams if t.municipality == municipality)

    def lacking_leader(self) -> tuple[Team, ...]:
        return tuple(t for t in self.teams if t.lacks_leader)

    def lacking_profession(self) -> tuple[Team, ...]:
        return tuple(t for t in self.teams if t.missing_professions)

    def team_of_district(self) -> dict[str, str]:
        return {d: t.id for t in self.teams for d in t.districts}

    def team_of_institution(self) -> dict[str, str]:
        return {i: t.id for t in self.teams for i in t.institutions}

    def team_of_employee(self) -> dict[str, str]:
        return {m.employee_id: t.id for t in self.teams for m in t.members}
