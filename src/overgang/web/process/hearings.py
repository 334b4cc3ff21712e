"""Use cases of the hearing (partshøring) before a decision that does not meet a stated wish.

When a plan is approved, each employee whose decision does not meet the wish they
stated (`overgang.core.hearing.needs_hearing`) gets a hearing with a reply deadline.
The response is recorded on the employee's page; the final decision can be issued
only once the response is in or the deadline has passed, and the employee is told
the decision (notified) only after that. LEGAL-NOTES §1.4.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from overgang.core.hearing import needs_hearing
from overgang.core.planning.plan import Reason
from overgang.web.audit.actors import Actor, user_of
from overgang.web.audit.log import record
from overgang.web.audit.models import Action
from overgang.web.planning.models import EmployeeDecision, StoredPlan
from overgang.web.planning.selectors import approved_plan
from overgang.web.process.clock import today
from overgang.web.process.concurrency import save_versioned
from overgang.web.process.errors import ProcessError
from overgang.web.process.models import (
    DecisionNotification,
    Hearing,
    HearingOutcome,
    Milestone,
    MilestoneKind,
)

# Where no hearing-deadline milestone lies ahead: forvaltningsloven § 19 sets no period,
# and two weeks is the period Danish authorities usually give for a partshøring, long
# enough to read the draft and answer, with a union's help if the employee wishes.
DEFAULT_HEARING_DAYS = 14


def reason_of(decision: EmployeeDecision) -> Reason:
    return Reason(decision.reason_code, tuple(decision.reason_params.items()))


def decision_needs_hearing(decision: EmployeeDecision) -> bool:
    return needs_hearing(reason_of(decision))


def reply_deadline(sent_on: date) -> date:
    """Return the reply deadline of a hearing opened on `sent_on`.

    The transition's hearing-deadline milestone where it lies after that day, else
    `DEFAULT_HEARING_DAYS` later: a deadline already passed would leave no time to answer.
    """
    milestone = (
        Milestone.objects.filter(kind=MilestoneKind.HEARING_DEADLINE, due_on__gt=sent_on)
        .order_by("due_on")
        .first()
    )
    return milestone.due_on if milestone else sent_on + timedelta(days=DEFAULT_HEARING_DAYS)


CARRIED_FIELDS = (
    "sent_on",
    "reply_by",
    "response_received_on",
    "response_text",
    "outcome",
    "consideration",
    "final_issued_on",
)


def open_hearings(*, plan: StoredPlan, previous: StoredPlan | None, by: Actor) -> int:
    """Open a hearing for each of the plan's decisions that does not meet a stated wish;
    return how many. Called by `approve_plan` in its transaction.

    A re-plan that keeps an employee's decision keeps its hearing as it stands (response,
    final decision); a changed decision is heard afresh.
    """
    day = today()
    deadline = reply_deadline(day)
    earlier = {}
    if previous is not None:
        earlier = {
            h.decision.employee_id: h
            for h in Hearing.objects.filter(decision__plan=previous).select_related("decision")
        }
    opened = 0
    for decision in plan.employee_decisions.all():
        if not decision_needs_hearing(decision):
            continue
        old = earlier.get(decision.employee_id)
        if old is not None and old.decision.municipality == decision.municipality:
            values = {name: getattr(old, name) for name in CARRIED_FIELDS}
        else:
            values = {"sent_on": day, "reply_by": deadline}
        hearing = Hearing.objects.create(decision=decision, updated_by=user_of(by), **values)
        record(by, Action.CREATE, hearing, detail={"reply_by": str(hearing.reply_by)})
        opened += 1
    return opened


def hearing_over(hearing: Hearing, day: date | None = None) -> bool:
    """Whether the response is in or the reply deadline (a day one may still answer) has passed."""
    return hearing.response_received_on is not None or (day or today()) > hearing.reply_by


@transaction.atomic
def record_hearing_response(
    *,
    hearing: Hearing,
    version: int,
    received_on: date | None,
    text: str,
    outcome: str,
    consideration: str,
    by: Actor,
) -> Hearing:
    """Record the employee's response, its outcome and how it was considered (StaleEdit if
    someone saved since `version`)."""
    if hearing.final_issued_on is not None:
        raise ProcessError(_("The final decision has been issued; the hearing is closed."))
    if received_on is not None and received_on > today():
        raise ProcessError(_("A response cannot be received on a day that has not come."))
    if received_on is None and (text.strip() or outcome):
        raise ProcessError(_("Give the day the response was received."))
    if outcome not in HearingOutcome.values:
        raise ProcessError(_("Unknown outcome: %(outcome)s") % {"outcome": outcome})
    changes = {
        "response_received_on": received_on,
        "response_text": text.strip(),
        "outcome": outcome,
        "consideration": consideration.strip(),
        "updated_by": user_of(by),
    }
    saved = save_versioned(hearing, version, changes)
    record(by, Action.UPDATE, saved, detail={"fields": sorted(set(changes) - {"updated_by"})})
    return saved


def final_refusal(hearing: Hearing, day: date | None = None) -> str | None:
    """Why the final decision cannot be issued yet, in words; None when it can."""
    if not hearing_over(hearing, day):
        return _(
            "The hearing of %(employee)s is open until %(deadline)s: the final decision can be "
            "issued once the response is received or the deadline has passed."
        ) % {"employee": hearing.decision.employee_id, "deadline": hearing.reply_by.isoformat()}
    if hearing.response_received_on is not None:
        if hearing.outcome == HearingOutcome.CHANGED:
            return _(
                "The decision about %(employee)s was changed after the hearing: fix the "
                "decision and re-plan from the approved plan; this decision is not issued."
            ) % {"employee": hearing.decision.employee_id}
        if hearing.outcome != HearingOutcome.UPHELD or not hearing.consideration.strip():
            return _(
                "Record the outcome of %(employee)s's response and how it was considered "
                "before the final decision is issued."
            ) % {"employee": hearing.decision.employee_id}
    return None


@transaction.atomic
def issue_final_decision(*, hearing: Hearing, version: int, by: Actor) -> Hearing:
    """Record that the final decision is issued, once the hearing allows it (else ProcessError)."""
    if hearing.decision.plan != approved_plan():
        raise ProcessError(_("Final decisions are issued on the approved plan only."))
    if hearing.final_issued_on is not None:
        return hearing
    refusal = final_refusal(hearing)
    if refusal:
        raise ProcessError(refusal)
    saved = save_versioned(
        hearing, version, {"final_issued_on": today(), "updated_by": user_of(by)}
    )
    record(by, Action.UPDATE, saved, detail={"fields": ["final_issued_on"]})
    return saved


def notice_refusal(decision: EmployeeDecision) -> str | None:
    """Why the employee may not be told the decision yet (they are in hearing); None if they may."""
    hearing = Hearing.objects.filter(decision=decision).first()
    if hearing is None or hearing.final_issued_on is not None:
        return None
    if not hearing_over(hearing):
        return _(
            "%(employee)s is in hearing until %(deadline)s: the decision can be notified once "
            "the hearing is over and the final decision is issued."
        ) % {"employee": decision.employee_id, "deadline": hearing.reply_by.isoformat()}
    return _(
        "Issue the final decision about %(employee)s after the hearing before notifying them."
    ) % {"employee": decision.employee_id}


# --- each decision's state, for the plan's page --------------------------------------------


@dataclass(frozen=True)
class DecisionState:
    code: str  # draft, hearing, final, notified
    label: str
    hearing: Hearing | None


STATE_LABELS = {
    "draft": gettext_lazy("draft"),
    "hearing": gettext_lazy("in hearing"),
    "final": gettext_lazy("final"),
    "notified": gettext_lazy("notified"),
}


def decision_states(decisions: list[EmployeeDecision]) -> dict[int, DecisionState]:
    """Each decision's state by its pk: a draft until its plan is approved, in hearing until
    the final decision is issued, final, and notified once the employee has been told."""
    approved = approved_plan()
    pks = [d.pk for d in decisions]
    hearings = {h.decision_id: h for h in Hearing.objects.filter(decision__in=pks)}
    notified = set(
        DecisionNotification.objects.filter(decision__in=pks).values_list("decision", flat=True)
    )
    states = {}
    for d in decisions:
        hearing = hearings.get(d.pk)
        if approved is None or d.plan_id != approved.pk:
            code = "draft"
        elif d.pk in notified:
            code = "notified"
        elif hearing is not None and hearing.final_issued_on is None:
            code = "hearing"
        else:
            code = "final"
        states[d.pk] = DecisionState(code, str(STATE_LABELS[code]), hearing)
    return states
