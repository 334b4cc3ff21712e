"""The handover record of each case that changes contact person: use cases and reads.

Use cases (keyword-only, `by` the acting user or system actor, one audited transaction):
`handover_record_of` (the record, created the first time; refused for a case whose
contact person does not change), `save_handover_record` (the caseworker's steps, with
optimistic concurrency on `version`) and `sign_off_handover` (the team leader of the unit,
or the municipal lead, once every step is done; `access.can(user, "sign_off_handover")`).

Reads: `changing_decisions` (the current plan's cases that change contact person),
`core_record` (a row as the core's `HandoverRecord`), and `handover_progress` (the
progress per municipality and profession, counts only).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from overgang.core.handover_records import (
    HandoverRecord,
    Overdue,
    Progress,
    Step,
    overdue,
    progress,
    visit_deadline,
)
from overgang.web.access import can
from overgang.web.audit.actors import Actor, user_of
from overgang.web.audit.log import record
from overgang.web.audit.models import Action
from overgang.web.planning.models import CaseDecision
from overgang.web.planning.selectors import current_plan
from overgang.web.process.clock import today
from overgang.web.process.concurrency import save_versioned
from overgang.web.process.models import HandoverMeeting, Transition
from overgang.web.process.services import ProcessError


class SignOffRefused(ProcessError):
    """The actor may not sign off this handover record."""


def changing_decisions(decisions: QuerySet[CaseDecision] | None = None) -> QuerySet[CaseDecision]:
    """The current plan's case decisions that change contact person (of `decisions` if given)."""
    rows = decisions if decisions is not None else CaseDecision.objects.all()
    return (
        rows.filter(plan=current_plan())
        .exclude(former_contact="")
        .exclude(former_contact=F("contact_person"))
    )


def changes_contact(decision: CaseDecision) -> bool:
    return bool(decision.former_contact) and decision.former_contact != decision.contact_person


def step_names() -> dict[str, str]:
    """The steps' names for the user, in the record's order."""
    return {
        Step.SUMMARY: _("Summary for the new contact person"),
        Step.MEETING: _("Handover meeting held"),
        Step.FAMILY: _("Meeting with the child and family held"),
        Step.CHILD: _("Conversation with the child held"),
        Step.SIGN_OFF: _("Signed off by the team leader"),
    }


def overdue_names() -> dict[str, str]:
    return {
        Overdue.VISIT_NOT_HELD: _("The meeting with the child and family is overdue"),
        Overdue.VISIT_PLANNED_LATE: _(
            "The meeting with the child and family is planned after the deadline"
        ),
    }


def core_record(decision: CaseDecision, meeting: HandoverMeeting | None) -> HandoverRecord:
    """A case's handover as the core counts it (an empty record where none is stored yet)."""
    if meeting is None:
        return HandoverRecord(decision.case_id, decision.municipality, decision.profession)
    return HandoverRecord(
        case_id=decision.case_id,
        municipality=decision.municipality,
        profession=decision.profession,
        summary_written=bool(meeting.summary.strip()),
        meeting_done=meeting.done,
        family_planned_on=meeting.family_meeting_planned_on,
        family_held_on=meeting.family_meeting_held_on,
        child_conversation_on=meeting.child_conversation_on,
        signed_off=meeting.signed_off_at is not None,
    )


def overdue_of(handover: HandoverRecord, transition: Transition, day: date) -> tuple[Overdue, ...]:
    return overdue(
        handover,
        effective_date=transition.effective_date,
        visit_days=transition.handover_visit_days,
        today=day,
    )


def records_of(decisions: Iterable[CaseDecision]) -> list[HandoverRecord]:
    """The core records of these case decisions (their meetings fetched with them)."""
    return [core_record(d, getattr(d, "handover", None)) for d in decisions]


def handover_progress(decisions: QuerySet[CaseDecision] | None = None) -> tuple[Progress, ...]:
    """The progress of the handover records per municipality and profession: counts only."""
    transition = Transition.current()
    rows = changing_decisions(decisions).select_related("handover")
    return progress(
        records_of(rows),
        effective_date=transition.effective_date,
        visit_days=transition.handover_visit_days,
        today=today(),
    )


@transaction.atomic
def handover_record_of(*, decision: CaseDecision, by: Actor) -> HandoverMeeting:
    """The handover record of a case that changes contact person, created the first time."""
    if not changes_contact(decision):
        raise ProcessError(
            _("Case %(case)s keeps its contact person; it needs no handover record.")
            % {"case": decision.case_id}
        )
    meeting, created = HandoverMeeting.objects.get_or_create(decision=decision)
    if created:
        record(by, Action.CREATE, meeting)
    return meeting


# The fields the caseworker fills in; a change to any of them lifts an earlier sign-off.
RECORD_FIELDS = (
    "summary",
    "held_on",
    "participants",
    "done",
    "notes",
    "family_meeting_planned_on",
    "family_meeting_held_on",
    "child_conversation_on",
    "child_conversation_note",
    "support_person_offered",
)


@transaction.atomic
def save_handover_record(
    *,
    meeting: HandoverMeeting,
    version: int,
    summary: str = "",
    held_on: date | None = None,
    participants: str = "",
    done: bool = False,
    notes: str = "",
    family_meeting_planned_on: date | None = None,
    family_meeting_held_on: date | None = None,
    child_conversation_on: date | None = None,
    child_conversation_note: str = "",
    support_person_offered: bool = False,
    by: Actor,
) -> HandoverMeeting:
    """Save the caseworker's steps unless someone changed the record since `version` (StaleEdit).

    A step held is dated no later than today. Where a signed-off record changes, the
    sign-off is lifted: the team leader signs off what is recorded, not what was.
    """
    now = today()
    for label, day in (
        (_("the handover meeting"), held_on if done else None),
        (_("the meeting with the child and family"), family_meeting_held_on),
        (_("the conversation with the child"), child_conversation_on),
    ):
        if day is not None and day > now:
            raise ProcessError(
                _("The date %(day)s of %(step)s is after today; record it when it is held.")
                % {"day": day.isoformat(), "step": label}
            )
    changes: dict[str, Any] = {
        "summary": summary,
        "held_on": held_on,
        "participants": participants,
        "done": done,
        "notes": notes,
        "family_meeting_planned_on": family_meeting_planned_on,
        "family_meeting_held_on": family_meeting_held_on,
        "child_conversation_on": child_conversation_on,
        "child_conversation_note": child_conversation_note,
        "support_person_offered": support_person_offered,
    }
    changed = sorted(name for name in RECORD_FIELDS if getattr(meeting, name) != changes[name])
    lifted = meeting.signed_off_at is not None and bool(changed)
    if lifted:
        changes.update(signed_off_by=None, signed_off_at=None)
    changes["updated_by"] = user_of(by)
    saved = save_versioned(meeting, version, changes)
    detail: dict[str, Any] = {"fields": changed}
    if lifted:
        detail["sign_off_lifted"] = True
    record(by, Action.UPDATE, saved, detail=detail)
    return saved


@transaction.atomic
def sign_off_handover(*, meeting: HandoverMeeting, version: int, by: Actor) -> HandoverMeeting:
    """The team leader's (or municipal lead's) sign-off of a complete handover record.

    Refused (SignOffRefused) to anyone but a team leader of the unit the case leaves or
    joins, or the municipal lead, who may see it; refused (ProcessError) while a step is
    missing; StaleEdit where the record changed since `version`.
    """
    user = user_of(by)
    if user is None or not can(user, "sign_off_handover", meeting):
        raise SignOffRefused(
            _("Only the team leader of the unit or the municipal lead may sign off a handover.")
        )
    missing = core_record(meeting.decision, meeting).missing_before_sign_off()
    if missing:
        names = step_names()
        raise ProcessError(
            _("The handover of case %(case)s cannot be signed off yet; missing: %(steps)s.")
            % {"case": meeting.decision.case_id, "steps": ", ".join(names[s] for s in missing)}
        )
    saved = save_versioned(
        meeting, version, {"signed_off_by": user, "signed_off_at": timezone.now()}
    )
    record(by, Action.UPDATE, saved, detail={"fields": ["signed_off"]})
    return saved


def visit_deadline_of(transition: Transition | None = None) -> date:
    """The last day a handover's family visit may be held without being overdue."""
    current = transition or Transition.current()
    return visit_deadline(current.effective_date, current.handover_visit_days)


def overdue_filter(transition: Transition | None = None, day: date | None = None) -> Q:
    """The case decisions whose handover is overdue, as a filter (so that counting reads no row):
    the family visit not held, and the deadline passed or the visit planned after it."""
    current = transition or Transition.current()
    deadline = visit_deadline_of(current)
    late = Q(handover__family_meeting_planned_on__gt=deadline)
    if (day or today()) > deadline:
        late = Q()
    return Q(handover__family_meeting_held_on__isnull=True) & late
