"""What the plan's and the employee's pages show of the hearings and of the approval's gate."""

from __future__ import annotations

from collections.abc import Iterable

from overgang.web.access import can
from overgang.web.planning.models import EmployeeDecision
from overgang.web.planning.selectors import approved_plan
from overgang.web.process.hearings import decision_states, final_refusal, hearing_over
from overgang.web.process.information import approval_concerns
from overgang.web.process.models import Hearing


def hearing_panel(user: object, decision: EmployeeDecision | None) -> dict[str, object]:
    """What the employee's page shows of their hearing, if they are heard on the decision."""
    heard = Hearing.objects.for_user(user).filter(decision=decision).first() if decision else None
    if heard is None or decision is None:
        return {"hearing": None}
    return {
        "hearing": heard,
        "over": hearing_over(heard),
        "refusal": final_refusal(heard) if heard.final_issued_on is None else None,
        "may_issue": can(user, "issue_final_decision", decision)
        and decision.plan_id == getattr(approved_plan(), "pk", None),
        "may_record_hearing": can(user, "record_hearing", decision),
    }


def mark_states(decisions: Iterable[EmployeeDecision]) -> None:
    """Give each decision its state (`d.state`: draft, in hearing, final, notified) for the page."""
    rows = list(decisions)
    states = decision_states(rows)
    for d in rows:
        d.state = states[d.pk]  # type: ignore[attr-defined]


def approval_context(user: object) -> dict[str, object]:
    """What the approval form says it goes against, and whether the user may record the
    representatives' dates."""
    return {
        "approval_concerns": approval_concerns(),
        "may_record_representatives": can(user, "record_representatives"),
    }
