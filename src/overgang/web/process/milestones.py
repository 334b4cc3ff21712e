"""The transition's milestone plan: the template, its sources, and dates that follow the transition.

The template (`default_milestones`) follows the two seeds and the law; `docs/process.md`
explains each step and its source. Each step is anchored to the effective date (or the
announcement) with an offset in days, so that moving that date moves it
(`follow_transition_dates`); a deadline moved by hand keeps its own date. The defaults
are a starting point that the transition lead edits; they are not legal advice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from overgang.core.notice import LONGEST_NOTICE_MONTHS, add_months, give_notice_by, month_end
from overgang.core.notice import notice_of as employee_notice
from overgang.web.audit.actors import Actor, SystemActor
from overgang.web.audit.log import record
from overgang.web.audit.models import Action
from overgang.web.dataset.models import Employee
from overgang.web.planning.models import EmployeeDecision
from overgang.web.planning.selectors import current_plan, host_code
from overgang.web.process.models import (
    LegalBasis,
    Milestone,
    MilestoneAnchor,
    MilestoneKind,
    Transition,
)

# Who writes the template's rows where no person asked for them (the demo, a fresh page).
TEMPLATE_ACTOR = SystemActor("milestone template", channel="system")

# The overview marks a milestone not done as due soon this many days ahead.
DUE_SOON_DAYS = 14

# A hearing's reply time: forvaltningsloven sets none; two weeks is the usual practice.
HEARING_DAYS = 14


@dataclass(frozen=True)
class MilestoneDefault:
    kind: MilestoneKind
    title: str
    due_on: date
    legal_basis: str
    anchor: str = MilestoneAnchor.EFFECTIVE_DATE
    offset_days: int = 0


def _told_on(effective_date: date) -> date:
    """The end of the month seven months before the old terms end: 31 May for 1 January."""
    last_day = effective_date.replace(day=1) - timedelta(days=1)
    return month_end(add_months(last_day, -7))


def _representatives_basis(legal_basis: str) -> str:
    if legal_basis in (LegalBasis.BY_LAW, LegalBasis.BY_AGREEMENT):
        return _(
            "MED-rammeaftalen § 7: inform and discuss before decisions are taken;"
            " virksomhedsoverdragelsesloven § 7: both employers inform the representatives"
            " of the date, reason, consequences and measures, in good time"
        )
    return _(
        "MED-rammeaftalen § 7: inform and discuss before decisions are taken (the transfer"
        " of undertakings act does not apply on the recorded legal basis)"
    )


def default_milestones(
    effective_date: date,
    announced_on: date | None = None,
    legal_basis: str = LegalBasis.BY_LAW,
    individual_notice_on: date | None = None,
) -> list[MilestoneDefault]:
    """Return the template's milestones for a transition with these dates, in date order.

    `individual_notice_on` is the last day to give the longest notice of changed terms
    (`individual_notice_deadline`); without it, the longest statutory notice (six months).
    """
    effective = effective_date
    told = _told_on(effective)
    announced = announced_on or month_end(add_months(effective, -20))
    notice = individual_notice_on or give_notice_by(effective, LONGEST_NOTICE_MONTHS)

    def step(kind: MilestoneKind, title: str, due_on: date, basis: str) -> MilestoneDefault:
        return MilestoneDefault(kind, title, due_on, basis, offset_days=(due_on - effective).days)

    items = [
        MilestoneDefault(
            MilestoneKind.ANNOUNCEMENT,
            _("The process is announced to the employees"),
            announced,
            _("The status note: it was announced a year before that the cooperation could end"),
            MilestoneAnchor.ANNOUNCED_ON,
            0,
        ),
        step(
            MilestoneKind.POLITICAL_DECISION,
            _("The political decision to end the cooperation"),
            month_end(add_months(effective, -10)),
            _(
                "Kommunesamarbejdsloven § 11 a, stk. 3: the ministry's conditions, accepted by"
                " both city councils (March 2021 for 1 January 2022)"
            ),
        ),
        step(
            MilestoneKind.INFORM_REPRESENTATIVES,
            _("Employee representatives informed in writing and consulted"),
            told - timedelta(days=33),
            _representatives_basis(legal_basis),
        ),
        step(
            MilestoneKind.INTERVIEW_DEADLINE,
            _("All preference interviews held"),
            told - timedelta(days=14),
            _(
                "The status note: interviews with every relevant employee, before they are"
                " told who transfers"
            ),
        ),
        step(
            MilestoneKind.HOVEDMED_MEETING,
            _("Extraordinary HovedMED meeting"),
            told - timedelta(days=12),
            _(
                "HovedMED's response: the extraordinary meeting on 19 May; MED-rammeaftalen"
                " § 7: discussion before decisions are taken"
            ),
        ),
        step(
            MilestoneKind.CONSULTATION_DEADLINE,
            _("Consultation deadline: the committees' responses to the city council"),
            told - timedelta(days=5),
            _(
                "HovedMED's response to the city council, given after the meeting; it found"
                " the deadline short"
            ),
        ),
        step(
            MilestoneKind.TELL_EMPLOYEES,
            _("Employees told who transfers and who stays"),
            told,
            _(
                "The status note: at the end of May the employees are told who transfers on"
                " 1 January and who stays"
            ),
        ),
        step(
            MilestoneKind.HEARING_DEADLINE,
            _("Hearing deadline for decisions that do not meet a wish"),
            told + timedelta(days=HEARING_DAYS),
            _(
                "Forvaltningsloven § 19 (partshøring) and the transfer statutes' pattern:"
                " whoever's wish is not fully met may comment before the decision is final"
            ),
        ),
        step(
            MilestoneKind.INDIVIDUAL_NOTICE,
            _("Last day for each employee's notice of changed terms"),
            notice,
            _(
                "Funktionærloven § 2, stk. 2: notice by seniority, to a month's end;"
                " tjenestemænd: tjenestemandsloven § 28, three months"
            ),
        ),
        step(
            MilestoneKind.EFFECTIVE_DATE,
            _("Effective date"),
            effective,
            _(
                "The cooperation ends; virksomhedsoverdragelsesloven § 2: the receiving"
                " municipality takes over the terms"
            ),
        ),
        step(
            MilestoneKind.FOLLOW_UP,
            _("Follow-up after the effective date"),
            month_end(add_months(effective, 2)),
            _(
                "The status note: changes of contact person may be felt up to the end and"
                " perhaps after it"
            ),
        ),
    ]
    return sorted(items, key=lambda item: item.due_on)


def individual_notice_deadline(effective_date: date) -> date:
    """Return the last day to give notice of changed terms to every employee it may concern.

    Whose terms change is not known to Overgang: it counts every employee the current
    plan moves away from the host (before any plan, every employee still employed at the
    effective date), each with their own notice (`overgang.core.notice`).
    """
    plan, host = current_plan(), host_code()
    employees = Employee.objects.filter(
        Q(resigned_on__isnull=True) | Q(resigned_on__gte=effective_date), retired_at__isnull=True
    )
    if plan is not None:
        moving = EmployeeDecision.objects.filter(plan=plan).exclude(municipality=host)
        employees = employees.filter(ext_id__in=moving.values("employee_id"))
    days = [
        employee_notice(hired_on, form == "tjenestemand", effective_date).give_by
        for hired_on, form in employees.values_list("hired_on", "employment_form")
    ]
    return min(days, default=give_notice_by(effective_date, LONGEST_NOTICE_MONTHS))


# The four defaults Overgang made before the template: rows still as it made them are
# brought onto the template, and the October notification, which the template replaces
# by telling the employees at the end of May and the individual notice, is removed.
_FORMER_DEFAULTS = (
    MilestoneKind.INFORM_REPRESENTATIVES,
    MilestoneKind.INTERVIEW_DEADLINE,
    MilestoneKind.NOTIFY_EMPLOYEES,
    MilestoneKind.EFFECTIVE_DATE,
)


def _untouched_former_default(milestone: Milestone) -> bool:
    return (
        milestone.kind in _FORMER_DEFAULTS
        and milestone.version == 1
        and not milestone.anchor
        and milestone.done_on is None
        and not milestone.note
        and not milestone.responsible
    )


@transaction.atomic
def ensure_milestones(
    effective_date: date | None = None, *, by: Actor = TEMPLATE_ACTOR
) -> list[Milestone]:
    """Bring the milestone plan onto the template; return every milestone in date order.

    Creates the template's steps that are missing; a milestone the transition lead has
    edited, moved, marked done or given a note or a responsible person stays as it is. A
    milestone still as Overgang's former four defaults made it is brought onto the
    template, and the former default "Notify the employees" (three months before the
    effective date, which the status note contradicts) is removed. Each change is logged.
    """
    transition = Transition.current()
    effective = effective_date or transition.effective_date
    template = {
        item.kind: item
        for item in default_milestones(
            effective,
            transition.announced_on,
            transition.legal_basis,
            individual_notice_deadline(effective),
        )
    }
    present = set()
    for milestone in Milestone.objects.select_for_update():
        present.add(milestone.kind)
        if not _untouched_former_default(milestone):
            continue
        item = template.get(MilestoneKind(milestone.kind))
        if item is None:
            record(by, Action.DELETE, milestone, detail={"replaced_by_template": True})
            milestone.delete()
            continue
        for name in ("title", "due_on", "legal_basis", "anchor", "offset_days"):
            setattr(milestone, name, getattr(item, name))
        milestone.version += 1
        milestone.save()
        record(by, Action.UPDATE, milestone, detail={"template": True})
    for kind, item in template.items():
        if kind not in present:
            created = Milestone.objects.create(
                kind=kind,
                title=item.title,
                due_on=item.due_on,
                legal_basis=item.legal_basis,
                anchor=item.anchor,
                offset_days=item.offset_days,
            )
            record(by, Action.CREATE, created, detail={"template": True})
    return list(Milestone.objects.order_by("due_on", "pk"))


def anchored_date(transition: Transition, anchor: str, offset_days: int | None) -> date | None:
    """Return the date a milestone following `anchor` falls on, or None if the anchor is unset."""
    if anchor == MilestoneAnchor.EFFECTIVE_DATE:
        base: date | None = transition.effective_date
    elif anchor == MilestoneAnchor.ANNOUNCED_ON:
        base = transition.announced_on
    else:
        return None
    return None if base is None else base + timedelta(days=offset_days or 0)


@transaction.atomic
def follow_transition_dates() -> int:
    """Re-date every anchored milestone after the transition's dates; return how many moved.

    A milestone without an anchor (its date set by hand) stays where it is, and so does
    one anchored to the announcement while no announcement date is recorded. Each moved
    milestone's version goes up, so an editor holding the old date is told it changed.
    The caller (the transition's use case) writes the audit entry in its transaction.
    """
    transition = Transition.current()
    moved = 0
    for milestone in Milestone.objects.exclude(anchor="").select_for_update():
        due_on = anchored_date(transition, milestone.anchor, milestone.offset_days)
        if due_on is None or due_on == milestone.due_on:
            continue
        milestone.due_on = due_on
        milestone.version += 1
        milestone.save(update_fields=["due_on", "version"])
        moved += 1
    return moved


def milestone_state(milestone: Milestone, today: date) -> str:
    """Return "done", "overdue", "due_soon" (within DUE_SOON_DAYS) or "ahead"."""
    if milestone.done_on is not None:
        return "done"
    if milestone.due_on < today:
        return "overdue"
    if milestone.due_on <= today + timedelta(days=DUE_SOON_DAYS):
        return "due_soon"
    return "ahead"


def milestones_needing_attention(today: date) -> tuple[list[Milestone], list[Milestone]]:
    """Return the milestones not done that are overdue, and those due within DUE_SOON_DAYS."""
    open_ones = Milestone.objects.filter(
        done_on__isnull=True, due_on__lte=today + timedelta(days=DUE_SOON_DAYS)
    ).order_by("due_on", "pk")
    overdue = [m for m in open_ones if m.due_on < today]
    return overdue, [m for m in open_ones if m.due_on >= today]


def milestones_ahead(today: date, next_ones: list[Milestone]) -> list[tuple[Milestone, str]]:
    """Return the overview's milestones with their state: the overdue, those due within
    DUE_SOON_DAYS, and the next ones after them (`next_ones`), in date order."""
    overdue, due_soon = milestones_needing_attention(today)
    shown = {m.pk for m in overdue + due_soon}
    rows = overdue + due_soon + [m for m in next_ones if m.pk not in shown]
    return [(m, milestone_state(m, today)) for m in rows]
