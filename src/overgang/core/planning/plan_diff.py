"""Two plans compared decision by decision: every employee and case whose decision differs.

A decision differs when its value does (the employee's municipality, the case's
contact person, or that the case is unstaffed), or when only one plan decides it
(an employee or a case added or gone between the two). A decision that is the
same under another reason is not a difference.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from overgang.core.planning.fixes import Reference
from overgang.core.planning.plan import Reason


class Change(StrEnum):
    ADDED = "added"  # decided by the second plan only
    REMOVED = "removed"  # decided by the first plan only
    CHANGED = "changed"  # decided by both, differently


@dataclass(frozen=True)
class Decisions:
    """A plan's decisions with their reasons: employee → (municipality, reason) and
    case → (contact person, reason), the contact person None where the case is unstaffed."""

    employees: Mapping[str, tuple[int, Reason]]
    cases: Mapping[str, tuple[str | None, Reason]]


@dataclass(frozen=True)
class EmployeeSide:
    municipality: int
    reason: Reason


@dataclass(frozen=True)
class CaseSide:
    contact_person: str | None  # None: unstaffed
    reason: Reason


@dataclass(frozen=True)
class EmployeeDifference:
    employee_id: str
    before: EmployeeSide | None  # None: the first plan does not decide about the employee
    after: EmployeeSide | None  # None: the second plan does not

    @property
    def change(self) -> Change:
        return _change(self.before is None, self.after is None)


@dataclass(frozen=True)
class CaseDifference:
    case_id: str
    before: CaseSide | None
    after: CaseSide | None

    @property
    def change(self) -> Change:
        return _change(self.before is None, self.after is None)


def _change(no_before: bool, no_after: bool) -> Change:
    if no_before:
        return Change.ADDED
    return Change.REMOVED if no_after else Change.CHANGED


@dataclass(frozen=True)
class ChangeCount:
    """How many decisions made by both plans differ."""

    employees: int
    cases: int


@dataclass(frozen=True)
class PlanDiff:
    """The differing decisions of two plans, each sorted by its id."""

    employees: tuple[EmployeeDifference, ...]
    cases: tuple[CaseDifference, ...]

    def __bool__(self) -> bool:
        return bool(self.employees or self.cases)

    def changed(self) -> ChangeCount:
        """Return how many decisions both plans make differ (added and removed left out)."""
        return ChangeCount(
            employees=sum(d.change is Change.CHANGED for d in self.employees),
            cases=sum(d.change is Change.CHANGED for d in self.cases),
        )


def diff_plans(first: Decisions, second: Decisions) -> PlanDiff:
    """Return every employee and case whose decision differs between the two plans, with
    both decisions and both reasons."""
    employees = tuple(
        EmployeeDifference(
            employee_id,
            EmployeeSide(*first.employees[employee_id]) if employee_id in first.employees else None,
            EmployeeSide(*second.employees[employee_id])
            if employee_id in second.employees
            else None,
        )
        for employee_id in _differing(first.employees, second.employees)
    )
    cases = tuple(
        CaseDifference(
            case_id,
            CaseSide(*first.cases[case_id]) if case_id in first.cases else None,
            CaseSide(*second.cases[case_id]) if case_id in second.cases else None,
        )
        for case_id in _differing(first.cases, second.cases)
    )
    return PlanDiff(employees, cases)


def _differing(
    first: Mapping[str, tuple[object, Reason]], second: Mapping[str, tuple[object, Reason]]
) -> list[str]:
    """The ids decided by one plan only, or by both with different values, in order."""
    return sorted(
        key
        for key in first.keys() | second.keys()
        if key not in first or key not in second or first[key][0] != second[key][0]
    )


def changes_from_reference(
    reference: Reference, employer: Mapping[str, int], contact: Mapping[str, str | None]
) -> ChangeCount:
    """Return how many of a plan's decisions differ from its reference plan's, of those both
    make (an employee who has left since, a case new since, is not a change)."""
    before_employer, before_contact = reference.employers(), reference.contacts()
    return ChangeCount(
        employees=sum(
            1 for e, m in employer.items() if e in before_employer and before_employer[e] != m
        ),
        cases=sum(1 for c, p in contact.items() if c in before_contact and before_contact[c] != p),
    )
