"""Steps of the process the hearing brings, for tests that need them behind them."""

from __future__ import annotations

from overgang.web.audit.actors import SystemActor
from overgang.web.planning.models import EmployeeDecision
from overgang.web.process.clock import today
from overgang.web.process.hearings import issue_final_decision, record_hearing_response
from overgang.web.process.models import Hearing, HearingOutcome, Transition


def representatives_informed() -> None:
    """Record the representatives as informed, so that an approval needs no reason."""
    transition = Transition.current()
    transition.representatives_informed_on = today()
    transition.save()


def conclude_hearing(decision: EmployeeDecision) -> Hearing:
    """Record the employee's response as received today, the decision upheld, and issue it."""
    hearing = Hearing.objects.get(decision=decision)
    hearing = record_hearing_response(
        hearing=hearing,
        version=hearing.version,
        received_on=today(),
        text="Jeg vil helst blive.",
        outcome=HearingOutcome.UPHELD,
        consideration="Ønsket er vejet mod børnenes kontinuitet.",
        by=SystemActor("hr"),
    )
    return issue_final_decision(hearing=hearing, version=hearing.version, by=SystemActor("hr"))
