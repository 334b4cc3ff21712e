"""The interview follow-up's reads: every unit's progress against the interview deadline.

`followup_for(user)` gives the employees the user may see (the row rules of
`overgang.web.access`: a team leader their unit, a municipal lead and the
transition lead the centre's staff before the effective date); `unit_progress()`
gives the counts over all staff, for the overview and the status report, which
show them as aggregates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from overgang.core.interview_followup import StaffMember, UnitProgress, follow_up
from overgang.web.dataset.models import Employee, Interview
from overgang.web.process.clock import effective_date, today
from overgang.web.process.models import InterviewExemption, Milestone, MilestoneKind


@dataclass(frozen=True)
class FollowUp:
    """The follow-up as one user may see it."""

    today: date
    deadline: date | None
    units: tuple[UnitProgress, ...]
    names: dict[str, str]  # employee id -> name, of the employees shown
    reasons: dict[str, str]  # employee id -> why they are marked not relevant

    @property
    def missing(self) -> int:
        return sum(len(unit.missing) for unit in self.units)


def interview_deadline() -> date | None:
    """The INTERVIEW_DEADLINE milestone's date, if the plan of milestones has one."""
    return (
        Milestone.objects.filter(kind=MilestoneKind.INTERVIEW_DEADLINE)
        .order_by("due_on")
        .values_list("due_on", flat=True)
        .first()
    )


def due_employees(employees: QuerySet[Any]) -> QuerySet[Any]:
    """The employees still listed and employed on the effective date: those interviews are due with."""
    day = effective_date()
    return employees.filter(
        Q(resigned_on__isnull=True) | Q(resigned_on__gte=day), retired_at__isnull=True
    )


def _annotated(employees: QuerySet[Any]) -> QuerySet[Any]:
    return (
        due_employees(employees)
        .annotate(
            interviewed=Exists(Interview.objects.filter(employee=OuterRef("pk"))),
            exempt=Exists(InterviewExemption.objects.filter(employee_id=OuterRef("ext_id"))),
        )
        .only("ext_id", "name", "unit", "is_leader")
    )


def _member(row: Any) -> StaffMember:
    return StaffMember(row.ext_id, row.unit, row.is_leader, row.interviewed, row.exempt)


def unit_progress() -> tuple[UnitProgress, ...]:
    """Every unit's progress over all staff: for counts only, never shown by name."""
    rows = _annotated(Employee.objects.all()).values_list(
        "ext_id", "unit", "is_leader", "interviewed", "exempt"
    )
    return follow_up(StaffMember(*row) for row in rows)


def followup_for(user: Any) -> FollowUp:
    """The units, missing employees and exemptions among the employees the user may see.

    The employees are read through their row rule, so the read is in the audit log.
    """
    rows = list(_annotated(Employee.objects.for_user(user)))
    units = follow_up(_member(row) for row in rows)
    exempt = [row.ext_id for row in rows if row.exempt]
    reasons = {
        exemption.employee_id: exemption.reason
        for exemption in InterviewExemption.objects.for_user(user).filter(employee_id__in=exempt)
    }
    return FollowUp(
        today=today(),
        deadline=interview_deadline(),
        units=units,
        names={row.ext_id: row.name for row in rows},
        reasons=reasons,
    )
