"""Use cases of the transition's process: approval, notifications, handovers, consultations,
milestones.

Each is keyword-only, takes the acting user or system actor as `by`, validates,
writes in one transaction and records its audit entry in that transaction.
Pages, the API and the command line call these and write nothing themselves.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from overgang.web.audit.actors import Actor, user_of
from overgang.web.audit.log import record
from overgang.web.audit.models import Action
from overgang.web.pausepoints import pause_point
from overgang.web.planning.models import CaseDecision, EmployeeDecision, StoredPlan
from overgang.web.planning.selectors import approved_plan
from overgang.web.process.clock import today
from overgang.web.process.concurrency import StaleEdit, differences, save_versioned
from overgang.web.process.errors import ProcessError
from overgang.web.process.hearings import notice_refusal, open_hearings
from overgang.web.process.information import ApprovalNeedsReason, approval_concerns
from overgang.web.process.models import (
    Body,
    Consultation,
    ConsultationResponse,
    DecisionNotification,
    HandoverMeeting,
    Milestone,
    MilestoneAnchor,
    MilestoneKind,
    PlanApproval,
)


@transaction.atomic
def approve_plan(*, plan: StoredPlan, by: Actor, override_reason: str = "") -> PlanApproval:
    """Approve and lock a plan.

    The first approval is free. After it, only a plan re-planned from the approved
    one (`overgang plan --from-plan`) that keeps every decision employees have been
    told can be approved: it becomes the approved plan, the earlier approval stays
    on record, and the notifications of the decisions it keeps carry over to it, so
    that nobody is told twice and nobody's notice is lost.

    While a consultation is open, or before the employee representatives are recorded
    as informed, the approval needs `override_reason` (else ApprovalNeedsReason); the
    reason is kept with the approval and logged. Each decision that does not meet a
    stated wish gets its hearing (`hearings.open_hearings`).
    """
    current = approved_plan()
    if current is not None:
        _check_replaces(plan, current)
    concerns = approval_concerns()
    reason = override_reason.strip() if concerns else ""
    if concerns and not reason:
        raise ApprovalNeedsReason(concerns)
    approval = PlanApproval.objects.create(
        plan=plan, approved_by=user_of(by), override_reason=reason
    )
    pause_point("approve:approved")
    carried = _carry_notifications(current, plan) if current is not None else 0
    heard = open_hearings(plan=plan, previous=current, by=by)
    detail: dict[str, Any] | None = (
        {"replaces": current.pk, "notifications_carried": carried} if current else None
    )
    if concerns or heard:
        detail = {**(detail or {}), "hearings": heard}
    if concerns:
        detail = {**(detail or {}), "override_reason": reason, "concerns": concerns}
    record(
        by,
        Action.CREATE,
        approval,
        object_type="process.planapproval",
        object_id=str(plan.pk),
        detail=detail,
    )
    pause_point("approve:recorded")
    return approval


def _check_replaces(plan: StoredPlan, current: StoredPlan) -> None:
    """Refuse a plan that may not replace the approved one, saying why."""
    if plan.pk == current.pk or PlanApproval.objects.filter(plan=plan).exists():
        raise ProcessError(_("This plan has been approved already; it is locked."))
    reference = (plan.settings or {}).get("reference") or {}
    if reference.get("plan") != current.pk:
        raise ProcessError(
            _(
                "Plan %(approved)s is approved and locked. Only a plan re-planned from it"
                " (overgang plan --from-plan %(approved)s) can replace it."
            )
            % {"approved": current.pk}
        )
    placed = dict(plan.employee_decisions.values_list("employee_id", "municipality"))
    moved = sorted(
        n.decision.employee_id
        for n in DecisionNotification.objects.filter(decision__plan=current).select_related(
            "decision"
        )
        if n.decision.employee_id in placed
        and placed[n.decision.employee_id] != n.decision.municipality
    )
    if moved:
        raise ProcessError(
            _("The plan changes decisions employees have been told: %(employees)s.")
            % {"employees": ", ".join(moved)}
        )


def _carry_notifications(before: StoredPlan, plan: StoredPlan) -> int:
    """Copy the notifications of the decisions `plan` keeps from `before`; return how many."""
    decisions = {d.employee_id: d for d in plan.employee_decisions.all()}
    carried = 0
    for old in DecisionNotification.objects.filter(decision__plan=before).select_related(
        "decision"
    ):
        new = decisions.get(old.decision.employee_id)
        if new is None or new.municipality != old.decision.municipality:
            continue
        DecisionNotification.objects.get_or_create(
            decision=new,
            defaults={"notified_at": old.notified_at, "notified_by": old.notified_by},
        )
        carried += 1
    return carried


@transaction.atomic
def notify_decision(*, decision: EmployeeDecision, by: Actor) -> DecisionNotification:
    """Record that the employee has been told the approved plan's decision about them (once)."""
    if approved_plan() != decision.plan:
        raise ProcessError(_("Employees are notified of the approved plan only."))
    refusal = notice_refusal(decision)
    if refusal and not DecisionNotification.objects.filter(decision=decision).exists():
        raise ProcessError(refusal)
    notification, created = DecisionNotification.objects.get_or_create(
        decision=decision,
        defaults={"notified_at": timezone.now(), "notified_by": user_of(by)},
    )
    if created:
        record(by, Action.CREATE, notification)
    return notification


@transaction.atomic
def handover_meeting_of(*, decision: CaseDecision, by: Actor) -> HandoverMeeting:
    """The handover meeting of a case decision, its empty record created the first time."""
    meeting, created = HandoverMeeting.objects.get_or_create(decision=decision)
    if created:
        record(by, Action.CREATE, meeting)
    return meeting


@transaction.atomic
def save_handover_meeting(
    *,
    meeting: HandoverMeeting,
    version: int,
    held_on: date | None,
    participants: str = "",
    done: bool = False,
    notes: str = "",
    by: Actor,
) -> HandoverMeeting:
    """Save a handover meeting unless someone else changed it since `version` (StaleEdit)."""
    changes = {
        "held_on": held_on,
        "participants": participants,
        "done": done,
        "notes": notes,
        "updated_by": user_of(by),
    }
    saved = save_versioned(meeting, version, changes)
    record(by, Action.UPDATE, saved, detail={"fields": sorted(changes)})
    return saved


@transaction.atomic
def create_consultation(
    *, title: str, description: str = "", deadline: date, bodies: list[Body], by: Actor
) -> Consultation:
    """Open a consultation of the given bodies, each with its empty response."""
    if not bodies:
        raise ProcessError(_("A consultation needs at least one body to consult."))
    consultation = Consultation.objects.create(
        title=title, description=description, deadline=deadline, created_by=user_of(by)
    )
    consultation.bodies.set(bodies)
    for body in bodies:
        ConsultationResponse.objects.get_or_create(consultation=consultation, body=body)
    record(by, Action.CREATE, consultation, detail={"bodies": [body.pk for body in bodies]})
    return consultation


@transaction.atomic
def response_of(*, consultation: Consultation, body: Body) -> ConsultationResponse:
    """A body's response to a consultation, its empty record created the first time."""
    response, _created = ConsultationResponse.objects.get_or_create(
        consultation=consultation, body=body
    )
    return response


@transaction.atomic
def submit_consultation_response(
    *, response: ConsultationResponse, version: int, text: str, by: Actor
) -> ConsultationResponse:
    """Submit (or resubmit) a body's response unless someone changed it since `version`."""
    if not response.consultation.is_open(today()):
        raise ProcessError(_("The consultation's deadline has passed; responses are closed."))
    changes: dict[str, Any] = {
        "text": text,
        "submitted_by": user_of(by),
        "submitted_at": timezone.now(),
    }
    saved = save_versioned(response, version, changes)
    record(by, Action.UPDATE, saved, detail={"fields": ["text"]})
    return saved


@transaction.atomic
def compile_consultation(*, consultation: Consultation, text: str, by: Actor) -> Consultation:
    """Save the compiled response to the council, as the transition lead has written it."""
    consultation.compiled_text = text
    consultation.compiled_at = timezone.now()
    consultation.save(update_fields=["compiled_text", "compiled_at"])
    record(by, Action.UPDATE, consultation, detail={"fields": ["compiled_text"]})
    return consultation


@transaction.atomic
def add_milestone(
    *,
    title: str,
    due_on: date,
    responsible: str = "",
    note: str = "",
    legal_basis: str = "",
    kind: str = MilestoneKind.OTHER,
    by: Actor,
) -> Milestone:
    """Add a milestone of the transition lead's own, on a date of its own."""
    if not title.strip():
        raise ProcessError(_("A milestone needs a title."))
    milestone = Milestone.objects.create(
        kind=kind,
        title=title.strip(),
        due_on=due_on,
        responsible=responsible.strip(),
        note=note,
        legal_basis=legal_basis,
    )
    record(by, Action.CREATE, milestone, detail={"due_on": due_on.isoformat()})
    return milestone


def _moved_by_hand(milestone: Milestone, due_on: date) -> dict[str, Any]:
    """The changes that stop a milestone following the transition's dates once moved by hand."""
    if due_on == milestone.due_on:
        return {}
    return {"due_on": due_on, "anchor": MilestoneAnchor.NONE, "offset_days": None}


@transaction.atomic
def save_milestone(
    *,
    milestone: Milestone,
    version: int,
    due_on: date,
    done_on: date | None,
    note: str,
    title: str | None = None,
    responsible: str | None = None,
    by: Actor,
) -> Milestone:
    """Edit a milestone unless someone changed it since `version`.

    A deadline moved by hand no longer follows the effective date or the announcement.
    `title` and `responsible` stay as they are when not given.
    """
    if title is not None and not title.strip():
        raise ProcessError(_("A milestone needs a title."))
    changes: dict[str, Any] = {"due_on": due_on, "done_on": done_on, "note": note}
    changes.update(_moved_by_hand(milestone, due_on))
    if title is not None:
        changes["title"] = title.strip()
    if responsible is not None:
        changes["responsible"] = responsible.strip()
    saved = save_versioned(milestone, version, changes)
    record(by, Action.UPDATE, saved, detail={"fields": sorted(changes)})
    return saved


@transaction.atomic
def move_milestone(*, milestone: Milestone, version: int, due_on: date, by: Actor) -> Milestone:
    """Give a milestone a date of its own, no longer following the transition's dates."""
    changes = _moved_by_hand(milestone, due_on)
    saved = save_versioned(milestone, version, changes or {"due_on": due_on})
    record(by, Action.UPDATE, saved, detail={"fields": sorted(changes or {"due_on": due_on})})
    return saved


@transaction.atomic
def set_milestone_responsible(
    *, milestone: Milestone, version: int, responsible: str, by: Actor
) -> Milestone:
    """Name the person responsible for a milestone (blank: nobody named)."""
    saved = save_versioned(milestone, version, {"responsible": responsible.strip()})
    record(by, Action.UPDATE, saved, detail={"fields": ["responsible"]})
    return saved


@transaction.atomic
def mark_milestone_done(
    *, milestone: Milestone, version: int, done_on: date | None, by: Actor
) -> Milestone:
    """Record the day a milestone was done (None: not done after all)."""
    saved = save_versioned(milestone, version, {"done_on": done_on})
    record(by, Action.UPDATE, saved, detail={"fields": ["done_on"]})
    return saved


@transaction.atomic
def remove_milestone(*, milestone: Milestone, version: int, by: Actor) -> None:
    """Remove a milestone unless someone changed it since `version`; the log keeps what it was."""
    current = Milestone.objects.select_for_update().get(pk=milestone.pk)
    if current.version != version:
        raise StaleEdit(current, differences(current, {"version": version}))
    record(
        by,
        Action.DELETE,
        current,
        detail={"kind": current.kind, "title": current.title, "due_on": str(current.due_on)},
    )
    current.delete()
