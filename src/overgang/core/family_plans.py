"""Joint family plans: one coordinated plan for every family with cases in two or more professions.

The coordinator is named by one documented rule, in this order:

1. `family_counsellor`: the family's family counsellor (profession FAM) after
   the split, the one carrying the most of the family's FAM load if there are
   several (ties: most cases, then the lowest employee id);
2. `largest_load`: otherwise the contact person carrying the most of the
   family's load across professions (ties: most cases, then the lowest id);
3. `none`: no case of the family has a contact person; the plan lacks a
   coordinator until one is hired.

Only in-house cases count: external interventions have no contact person in
the centre and are left untouched. A family plan belongs to the team of the
district where most of the family's cases lie (ties: the first district id).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from overgang.core.planning.plan import Plan
from overgang.core.planning.problem import Assignment, Problem
from overgang.core.teams.team import TeamPlan

FAMILY_COUNSELLOR = "FAM"


class CoordinatorRule:
    FAMILY_COUNSELLOR = "family_counsellor"
    LARGEST_LOAD = "largest_load"
    NONE = "none"


@dataclass(frozen=True)
class FamilyContact:
    """A contact person in a family plan: who, in which profession, for how many of its cases."""

    profession: str
    employee_id: str | None  # None: the profession's cases are unstaffed
    cases: int
    load: Fraction


@dataclass(frozen=True)
class FamilyPlan:
    family_id: str
    municipality: int  # where the family lives
    team_id: str | None  # None: the family's cases lie in no team's districts
    professions: tuple[str, ...]
    contacts: tuple[FamilyContact, ...]  # by profession, then employee id
    coordinator: str | None
    coordinator_rule: str  # a CoordinatorRule
    cases: int
    unstaffed_cases: int

    @property
    def contact_persons(self) -> tuple[str, ...]:
        return tuple(sorted({c.employee_id for c in self.contacts if c.employee_id}))


def joint_family_plans(problem: Problem, plan: Plan, teams: TeamPlan) -> tuple[FamilyPlan, ...]:
    """Return the joint plan of every family with in-house cases in two or more professions, by team."""
    contact = plan.contacts()
    citizens = {c.id: c for c in problem.dataset.citizens}
    team_of_district = teams.team_of_district()
    by_family: dict[str, list[Assignment]] = defaultdict(list)
    for a in problem.assignments:
        by_family[a.family_id].append(a)
    plans = []
    for family_id, cases in by_family.items():
        professions = tuple(sorted({a.case.profession for a in cases}))
        if len(professions) < 2:
            continue
        members = [citizens[a.case.citizen_id] for a in cases]
        districts = Counter(c.district_id for c in members if c.district_id)
        district = min(districts, key=lambda d: (-districts[d], d)) if districts else None
        home = Counter(c.municipality for c in members)
        coordinator, rule = coordinator_of(cases, contact)
        plans.append(
            FamilyPlan(
                family_id=family_id,
                municipality=min(home, key=lambda m: (-home[m], m)),
                team_id=team_of_district.get(district) if district else None,
                professions=professions,
                contacts=_contacts(cases, contact),
                coordinator=coordinator,
                coordinator_rule=rule,
                cases=len(cases),
                unstaffed_cases=sum(1 for a in cases if contact.get(a.id) is None),
            )
        )
    return tuple(sorted(plans, key=lambda p: (p.municipality, p.team_id or "", p.family_id)))


def coordinator_of(
    cases: list[Assignment], contact: Mapping[str, str | None]
) -> tuple[str | None, str]:
    """Return a family's coordinator and the rule that named them (see the module's docstring)."""
    counsellors = _carrying([a for a in cases if a.case.profession == FAMILY_COUNSELLOR], contact)
    if counsellors:
        return counsellors[0], CoordinatorRule.FAMILY_COUNSELLOR
    anyone = _carrying(cases, contact)
    if anyone:
        return anyone[0], CoordinatorRule.LARGEST_LOAD
    return None, CoordinatorRule.NONE


def _carrying(cases: list[Assignment], contact: Mapping[str, str | None]) -> list[str]:
    """Return the contact persons of the cases, most load first (ties: most cases, lowest id)."""
    load: dict[str, Fraction] = defaultdict(Fraction)
    count: Counter[str] = Counter()
    for a in cases:
        person = contact.get(a.id)
        if person is not None:
            load[person] += Fraction(a.case.load)
            count[person] += 1
    return sorted(load, key=lambda e: (-load[e], -count[e], e))


def _contacts(
    cases: list[Assignment], contact: Mapping[str, str | None]
) -> tuple[FamilyContact, ...]:
    count: Counter[tuple[str, str | None]] = Counter()
    load: dict[tuple[str, str | None], Fraction] = defaultdict(Fraction)
    for a in cases:
        key = (a.case.profession, contact.get(a.id))
        count[key] += 1
        load[key] += Fraction(a.case.load)
    return tuple(
        FamilyContact(p, e, count[p, e], load[p, e])
        for p, e in sorted(count, key=lambda k: (k[0], k[1] or ""))
    )
