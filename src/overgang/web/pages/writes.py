"""The pages' one door to writes.

Views never save models themselves: they call these functions, which call the
use cases of the other apps (`planning.scenarios`, `process.concurrency`, ...).
The audit log needs nothing from here for personal data: reads through
`for_user` and saves of personal-data models during a request are logged by
`overgang.web.audit` itself. A save based on a stale version raises
`process.concurrency.StaleEdit`, which the view shows to the second editor.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from overgang.web.audit.log import record
from overgang.web.audit.models import Action
from overgang.web.dataset.models import Employee, Interview, Municipality
from overgang.web.planning.models import StoredPlan
from overgang.web.planning.scenarios import create_scenario as create_stored_scenario
from overgang.web.process.concurrency import save_versioned
from overgang.web.process.models import (
    Consultation,
    ConsultationResponse,
    DecisionNotification,
    HandoverMeeting,
    Milestone,
    PlanApproval,
)


def _wish(code: str) -> Municipality | None:
    return Municipality.objects.get(code=int(code)) if code else None


@transaction.atomic
def record_interview(
    request: HttpRequest, *, employee: Employee, data: dict[str, Any]
) -> Interview:
    """Record a new preference interview; the latest one counts."""
    return Interview.objects.create(
        employee=employee,
        held_on=data["held_on"],
        wished_municipality=_wish(data["wish"]),
        note=data.get("note", ""),
        recorded_by=request.user.get_username(),
        recorded_at=timezone.now(),
    )


@transaction.atomic
def change_interview(
    request: HttpRequest, *, interview: Interview, data: dict[str, Any]
) -> Interview:
    """Change an interview unless someone else changed it since the form was shown (StaleEdit)."""
    wish = _wish(data["wish"])
    saved = save_versioned(
        interview,
        int(data.get("version") or 0),
        {
            "held_on": data["held_on"],
            # the key, not the object, so that stored and entered values compare alike
            "wished_municipality": wish.pk if wish else None,
            "note": data.get("note", ""),
            "recorded_by": request.user.get_username(),
            "recorded_at": timezone.now(),
        },
    )
    return saved


def create_scenario(request: HttpRequest, *, data: dict[str, Any]) -> Any:
    services = list(data.get("cooperation_services") or [])
    return create_stored_scenario(
        name=data["name"],
        description=data.get("description", ""),
        voluntary_only=bool(data.get("voluntary_only")),
        cooperation_services=services,
    )


@transaction.atomic
def approve_plan(request: HttpRequest, *, plan: StoredPlan) -> PlanApproval:
    approval = PlanApproval.objects.create(plan=plan, approved_by=request.user)
    record(
        request, Action.CREATE, approval, object_type="process.planapproval", object_id=str(plan.pk)
    )
    return approval


@transaction.atomic
def save_handover(
    request: HttpRequest, *, meeting: HandoverMeeting, data: dict[str, Any]
) -> HandoverMeeting:
    """Save a handover meeting unless someone else changed it since the form was shown."""
    saved = save_versioned(
        meeting,
        int(data["version"]),
        {
            "held_on": data.get("held_on"),
            "participants": data.get("participants", ""),
            "done": bool(data.get("done")),
            "notes": data.get("notes", ""),
            "updated_by": request.user,
        },
    )
    return saved


@transaction.atomic
def create_consultation(request: HttpRequest, *, data: dict[str, Any]) -> Consultation:
    consultation = Consultation.objects.create(
        title=data["title"],
        description=data.get("description", ""),
        deadline=data["deadline"],
        created_by=request.user,
    )
    consultation.bodies.set(data["bodies"])
    for body in data["bodies"]:
        ConsultationResponse.objects.get_or_create(consultation=consultation, body=body)
    return consultation


@transaction.atomic
def submit_response(
    request: HttpRequest, *, response: ConsultationResponse, data: dict[str, Any]
) -> ConsultationResponse:
    return save_versioned(
        response,
        int(data["version"]),
        {"text": data["text"], "submitted_by": request.user, "submitted_at": timezone.now()},
    )


@transaction.atomic
def compile_consultation(
    request: HttpRequest, *, consultation: Consultation, text: str
) -> Consultation:
    """Save the compiled response to the council, as the transition lead has written it."""
    consultation.compiled_text = text
    consultation.compiled_at = timezone.now()
    consultation.save(update_fields=["compiled_text", "compiled_at"])
    return consultation


def save_milestone(
    request: HttpRequest, *, milestone: Milestone, data: dict[str, Any]
) -> Milestone:
    return save_versioned(
        milestone,
        int(data["version"]),
        {"due_on": data["due_on"], "done_on": data.get("done_on"), "note": data.get("note", "")},
    )


def handover_meeting_of(request: HttpRequest, *, decision: Any) -> HandoverMeeting:
    """Return the handover meeting of a case decision, creating its empty record the first time."""
    meeting, _created = HandoverMeeting.objects.get_or_create(decision=decision)
    return HandoverMeeting.objects.for_user(request.user).get(pk=meeting.pk)


def notify_decision(request: HttpRequest, *, decision: Any) -> DecisionNotification:
    """Record that the employee has been told the plan's decision about them (once)."""
    notification, _created = DecisionNotification.objects.get_or_create(
        decision=decision,
        defaults={"notified_at": timezone.now(), "notified_by": request.user},
    )
    return notification


def response_of(
    request: HttpRequest, *, consultation: Consultation, body: Any
) -> ConsultationResponse:
    """Return a body's response to a consultation, creating its empty record the first time."""
    response, _created = ConsultationResponse.objects.get_or_create(
        consultation=consultation, body=body
    )
    return response
