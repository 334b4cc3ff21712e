"""The planning problem: the data a plan is made from, as the planner sees it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from overgang.core.domain import (
    FULL_TIME_HOURS,
    Case,
    Dataset,
    Delivery,
    Employee,
    latest_interviews,
)
from overgang.core.planning.overrides import apply_overrides
from overgang.core.planning.policy import Policy


@dataclass(frozen=True)
class Staff:
    """An employee who is still employed on the effective date, with the wish that counts."""

    employee: Employee
    capacity: Decimal  # cap(e) = timer / 37 * norm
    wish: int | None  # None: "either is fine"
    interviewed: bool  # not interviewed counts as wishing to stay with the host
    acceptable: tuple[int, ...] = ()  # other municipalities the employee can accept

    @property
    def id(self) -> str:
        return self.employee.id


@dataclass(frozen=True)
class Assignment:
    """An in-house case as the planner sees it."""

    case: Case
    family_id: str
    serving: int  # the municipality whose employee must be the contact person
    current_contact: str | None  # today's contact person, whether or not they stay on

    @property
    def id(self) -> str:
        return self.case.id


@dataclass(frozen=True)
class Problem:
    dataset: Dataset
    host: int
    municipalities: tuple[int, ...]
    staff: tuple[Staff, ...]  # active on the effective date
    departing: tuple[Employee, ...]  # resigned before the effective date: not planned
    assignments: tuple[Assignment, ...]  # in-house cases
    external_cases: tuple[Case, ...]  # never reassigned
    needs: dict[tuple[int, str], Decimal]  # (municipality, profession) -> min FTE

    def professions(self) -> tuple[str, ...]:
        """Return the professions that have staff, cases or needs, in code order."""
        codes = {s.employee.profession for s in self.staff}
        codes |= {a.case.profession for a in self.assignments}
        codes |= {profession for _, profession in self.needs}
        return tuple(sorted(codes))


def is_active(employee: Employee, effective_date: date) -> bool:
    """Return whether the employee is still employed on the effective date."""
    return employee.resigned_on is None or employee.resigned_on >= effective_date


def build_problem(dataset: Dataset, policy: Policy) -> Problem:
    """Return the planning problem of a data set under a policy's effective date and services.

    The problem's data set carries the policy's norm and staffing need overrides.
    """
    dataset = apply_overrides(dataset, policy)
    host = dataset.host.code
    norms = {p.code: p.norm for p in dataset.professions}
    interviews = latest_interviews(dataset.interviews)
    staff: list[Staff] = []
    departing: list[Employee] = []
    for employee in dataset.employees:
        if not is_active(employee, policy.effective_date):
            departing.append(employee)
            continue
        if policy.leaders_only and not employee.is_leader:
            continue
        interview = interviews.get(employee.id)
        staff.append(
            Staff(
                employee=employee,
                capacity=employee.hours / FULL_TIME_HOURS * norms[employee.profession],
                wish=interview.wished_municipality if interview else host,
                interviewed=interview is not None,
                acceptable=tuple(
                    m
                    for m in interview.acceptable_municipalities
                    if m != interview.wished_municipality
                )
                if interview
                else (),
            )
        )
    family = {c.id: c.family_id for c in dataset.citizens}
    assignments = tuple(
        Assignment(
            case=case,
            family_id=family[case.citizen_id],
            serving=host
            if case.service in policy.cooperation_services
            else case.acting_municipality,
            current_contact=case.contact_person,
        )
        for case in dataset.cases
        # The leaders are planned first, without the cases: the staff are planned around them.
        if case.delivery is Delivery.IN_HOUSE and not policy.leaders_only
    )
    needs: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    leaders = {s.employee.profession for s in staff}
    for need in dataset.needs:
        if policy.leaders_only and need.profession not in leaders:
            continue
        needs[need.municipality, need.profession] += need.min_fte
    return Problem(
        dataset=dataset,
        host=host,
        municipalities=tuple(m.code for m in dataset.municipalities),
        staff=tuple(staff),
        departing=tuple(departing),
        assignments=assignments,
        external_cases=tuple(c for c in dataset.cases if c.delivery is Delivery.EXTERNAL),
        needs=dict(needs),
    )


def restricted_to(problem: Problem, profession: str) -> Problem:
    """Return the part of the problem that concerns one profession."""
    return replace(
        problem,
        staff=tuple(s for s in problem.staff if s.employee.profession == profession),
        assignments=tuple(a for a in problem.assignments if a.case.profession == profession),
        needs={key: fte for key, fte in problem.needs.items() if key[1] == profession},
    )
