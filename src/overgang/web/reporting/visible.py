"""Which personal reports a user may have: the letters and handover lists within their scope.

The rows a user may see are those of `Model.objects.for_user(user)`; this module
only asks them about a plan, so the pages decide nothing about scope themselves.
"""

from __future__ import annotations

from typing import Any

from overgang.web.planning.models import CaseDecision, EmployeeDecision, StoredPlan


def letter_recipients(plan: StoredPlan, user: Any) -> list[str]:
    """Return the ids of the plan's employees whose decision letter the user may have."""
    return list(
        EmployeeDecision.objects.for_user(user)
        .filter(plan=plan)
        .values_list("employee_id", flat=True)
    )


def may_have_handover_list(plan: StoredPlan, user: Any, employee_id: str) -> bool:
    """Whether the user sees a case the caseworker hands over or receives in the plan."""
    visible = CaseDecision.objects.for_user(user).filter(plan=plan)
    return (
        visible.filter(former_contact=employee_id).exists()
        or visible.filter(contact_person=employee_id).exists()
    )
