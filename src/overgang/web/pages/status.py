"""The process status: counts over the whole transition, for the overview.

These are aggregates, not personal data: no row leaves this module, only counts.
Each count goes through `access.suppressed` before it is shown, which hides
small counts from aggregate-only roles.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, F, Min, Q

from overgang.core.interview_followup import UnitProgress
from overgang.web.dataset.models import Case, Employee, Interview, Municipality
from overgang.web.planning.models import CaseDecision, EmployeeDecision, FixedDecision, FixKind
from overgang.web.planning.selectors import current_plan, host_code
from overgang.web.process.clock import effective_date, today
from overgang.web.process.followup import unit_progress
from overgang.web.process.models import (
    InterviewExemption,
    Milestone,
    MilestoneKind,
)


@dataclass(frozen=True)
class Tally:
    done: int
    total: int


@dataclass(frozen=True)
class ProcessStatus:
    today: date
    effective_date: date
    interview_deadline: date | None
    interviews: Tally
    first_interviews: list[tuple[date, int]]  # (day, interviews held by then)
    wishes: dict[str, int]  # "stay", "move", "either"
    notified: Tally
    handovers: dict[str, Tally]  # per municipality name
    resignations: dict[str, Counter[str]]  # month -> reason -> count
    next_milestones: list[Milestone] = field(default_factory=list)
    plan_id: int | None = None
    # Rows an import retired that something recorded in Overgang still refers to.
    retired_with_records: int = 0  # employees with an interview recorded in Overgang
    retired_in_plan: int = 0  # employees and cases the current plan decides about
    # Fixed decisions in force about an employee or case gone from the lists, or naming as
    # contact person someone who is gone or leaves before the effective date.
    fixes_on_gone: int = 0
    # Interviews per unit, those marked "not relevant" out of the count.
    units: tuple[UnitProgress, ...] = ()


def relevant_employees(day: date) -> Q:
    """The employees still employed at the effective date: those the interviews are due with."""
    return Q(resigned_on__isnull=True) | Q(resigned_on__gte=day)


def process_status() -> ProcessStatus:
    """Return the transition's progress: interviews, notifications, handovers, resignations."""
    now, effective = today(), effective_date()
    employees = Employee.objects.filter(
        relevant_employees(effective), retired_at__isnull=True
    ).exclude(ext_id__in=InterviewExemption.objects.values("employee_id"))
    firsts = (
        Interview.objects.filter(employee__in=employees)
        .values("employee")
        .annotate(first=Min("held_on"))
        .values_list("first", flat=True)
    )
    per_day = Counter(firsts)
    running, timeline = 0, []
    for day in sorted(per_day):
        running += per_day[day]
        timeline.append((day, running))
    host = host_code()
    wishes: Counter[str] = Counter()
    latest: dict[int, int | None] = {}
    for employee_id, wish in (
        Interview.objects.filter(employee__in=employees)
        .order_by("employee", "held_on", "pk")
        .values_list("employee", "wished_municipality__code")
    ):
        latest[employee_id] = wish
    for wish in latest.values():
        wishes["either" if wish is None else "stay" if wish == host else "move"] += 1
    plan = current_plan()
    retired = Employee.objects.filter(retired_at__isnull=False)
    # The plan's employee decisions, those notified and those about someone retired, at once.
    decided = EmployeeDecision.objects.filter(plan=plan).aggregate(
        total=Count("pk"),
        notified=Count("notification"),
        retired=Count("pk", filter=Q(employee_id__in=retired.values("ext_id"))),
    )
    names = dict(Municipality.objects.values_list("code", "name"))
    changing = (
        CaseDecision.objects.filter(plan=plan)
        .exclude(former_contact="")
        .exclude(contact_person="")
        .exclude(former_contact=F("contact_person"))
    )
    handovers = {
        names.get(row["municipality"], str(row["municipality"])): Tally(row["done"], row["total"])
        for row in changing.values("municipality")
        .annotate(total=Count("pk"), done=Count("pk", filter=Q(handover__done=True)))
        .order_by("municipality")
    }
    resignations: dict[str, Counter[str]] = {}
    for day, reason in Employee.objects.filter(resigned_on__isnull=False).values_list(
        "resigned_on", "resignation_reason"
    ):
        month = f"{day:%Y-%m}"
        resignations.setdefault(month, Counter())[
            "dissolution" if reason == "ophoer" else "other"
        ] += 1
    retired_in_plan = (
        decided["retired"]
        + CaseDecision.objects.filter(
            plan=plan, case_id__in=Case.objects.filter(retired_at__isnull=False).values("ext_id")
        ).count()
    )
    deadline = (
        Milestone.objects.filter(kind=MilestoneKind.INTERVIEW_DEADLINE)
        .values_list("due_on", flat=True)
        .first()
    )
    return ProcessStatus(
        today=now,
        effective_date=effective,
        interview_deadline=deadline,
        interviews=Tally(running, employees.count()),
        first_interviews=timeline,
        wishes=dict(wishes),
        notified=Tally(decided["notified"], decided["total"]),
        handovers=handovers,
        resignations=dict(sorted(resignations.items())),
        next_milestones=list(
            Milestone.objects.filter(done_on__isnull=True, due_on__gte=now).order_by("due_on")[:3]
        ),
        plan_id=plan.pk if plan else None,
        retired_with_records=retired.filter(interviews__recorded_at__isnull=False)
        .distinct()
        .count(),
        retired_in_plan=retired_in_plan,
        fixes_on_gone=fixes_on_gone(effective),
        units=unit_progress(),
    )


def fixes_on_gone(effective: date) -> int:
    """Count the fixed decisions in force that cannot be kept as they stand: about an employee
    or a case no longer listed, or a case fixed to a contact person who is gone by then."""
    in_force = FixedDecision.objects.filter(removed_at__isnull=True)
    gone = Employee.objects.filter(
        Q(retired_at__isnull=False) | Q(resigned_on__lt=effective)
    ).values("ext_id")
    gone_cases = Case.objects.filter(retired_at__isnull=False).values("ext_id")
    about_gone = Q(kind=FixKind.EMPLOYEE, subject_id__in=gone) | Q(
        Q(value__in=gone) | Q(subject_id__in=gone_cases), kind=FixKind.CASE
    )
    return in_force.filter(about_gone).count()
