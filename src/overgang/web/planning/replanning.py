"""Re-planning from an earlier plan (`overgang plan --from-plan`), and plans compared.

A plan made from an earlier one departs from it as little as it can: the earlier
plan's decisions are the new plan's reference (each that differs costs
`changed_from_approved`), and every decision employees have been told of is fixed.
The decisions of two stored plans are compared by `core.planning.plan_diff`; this
module only reads them.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from overgang.core.planning.fixes import EmployeeFix, Reference
from overgang.core.planning.plan import Reason
from overgang.core.planning.plan_diff import (
    ChangeCount,
    Decisions,
    PlanDiff,
    changes_from_reference,
    diff_plans,
)
from overgang.core.planning.policy import Policy
from overgang.web.planning.models import CaseDecision, EmployeeDecision, StoredPlan
from overgang.web.process.models import DecisionNotification

# The reason of a notified decision's fix. It is stored in the plan's settings (and its
# inputs' hash) like a reason typed by hand, so it is in the product's language, Danish,
# whatever the language of the person who starts the plan.
NOTIFIED_REASON = "Meddelt medarbejderen ud fra plan {plan}"


def reference_policy(
    policy: Policy, plan: StoredPlan, *, planned: Collection[str] | None = None
) -> Policy:
    """Return the policy with `plan`'s decisions as its reference and every decision of it
    that employees have been told of fixed.

    A notified decision is fixed by whoever notified the employee, on the day they did,
    unless the policy fixes that employee already: a fix stored by hand wins. `planned`
    are the employees the new plan plans (None: all); a notified employee who is not,
    having left since, has nothing left to fix.
    """
    employer = tuple(
        sorted(
            EmployeeDecision.objects.filter(plan=plan).values_list("employee_id", "municipality")
        )
    )
    contact = tuple(
        sorted(
            (case_id, person or None)
            for case_id, person in CaseDecision.objects.filter(plan=plan).values_list(
                "case_id", "contact_person"
            )
        )
    )
    fixed = {f.employee_id for f in policy.fixes.employees}
    notified = tuple(
        _notified_fix(n, plan)
        for n in DecisionNotification.objects.filter(decision__plan=plan)
        .select_related("decision", "notified_by")
        .order_by("decision__employee_id")
        if n.decision.employee_id not in fixed
        and (planned is None or n.decision.employee_id in planned)
    )
    return replace(
        policy,
        reference=Reference(plan_id=plan.pk, employer=employer, contact=contact),
        fixes=replace(policy.fixes, employees=policy.fixes.employees + notified),
    )


def _notified_fix(notification: DecisionNotification, plan: StoredPlan) -> EmployeeFix:
    day = timezone.localdate(notification.notified_at).isoformat()
    notifier = notification.notified_by
    return EmployeeFix(
        employee_id=notification.decision.employee_id,
        municipality=notification.decision.municipality,
        by=notifier.get_username() if notifier is not None else "",
        fixed_on=day,
        reason=NOTIFIED_REASON.format(plan=plan.pk),
    )


def reference_warnings(plan: StoredPlan) -> list[str]:
    """Return what the person who re-plans from `plan` should know before they do."""
    if not hasattr(plan, "approval"):
        return [
            _(
                "Plan %(id)s is not approved; the new plan departs from it as little as it can all the same."
            )
            % {"id": plan.pk}
        ]
    return []


def reference_plan_id(plan: StoredPlan) -> int | None:
    """Return the id of the plan `plan` was made from (--from-plan), if it was."""
    reference = (plan.settings or {}).get("reference")
    return int(reference["plan"]) if reference else None


@dataclass(frozen=True)
class ReferenceChanges:
    """How many of a plan's decisions differ from those of the plan it was made from."""

    plan_id: int  # the reference plan's
    changed: ChangeCount


def changes_from_reference_plan(plan: StoredPlan) -> ReferenceChanges | None:
    """Return how many of the plan's decisions differ from its reference plan's, of those
    both make; None for a plan not made from another. Counted from the reference the
    plan's settings keep, so it holds whatever became of the reference plan."""
    settings = plan.settings or {}
    if not settings.get("reference"):
        return None
    reference = Reference.from_dict(settings["reference"])
    employer = dict(
        EmployeeDecision.objects.filter(plan=plan).values_list("employee_id", "municipality")
    )
    contact = {
        case_id: person or None
        for case_id, person in CaseDecision.objects.filter(plan=plan).values_list(
            "case_id", "contact_person"
        )
    }
    return ReferenceChanges(reference.plan_id, changes_from_reference(reference, employer, contact))


def stored_decisions(
    employees: models.QuerySet[EmployeeDecision], cases: models.QuerySet[CaseDecision]
) -> Decisions:
    """Return the decisions of the rows given (one plan's) as the core compares them."""
    return Decisions(
        employees={
            d.employee_id: (d.municipality, _reason(d.reason_code, d.reason_params))
            for d in employees
        },
        cases={
            d.case_id: (d.contact_person or None, _reason(d.reason_code, d.reason_params))
            for d in cases
        },
    )


def _reason(code: str, params: dict[str, Any]) -> Reason:
    return Reason(code, tuple(params.items()))


def plan_difference(
    first: StoredPlan,
    second: StoredPlan,
    *,
    employees: models.QuerySet[EmployeeDecision] | None = None,
    cases: models.QuerySet[CaseDecision] | None = None,
) -> PlanDiff:
    """Return every decision that differs between two stored plans.

    `employees` and `cases` are the decisions to compare (a page passes the rows the user
    may see, `for_user`, which logs the read); None: all of them.
    """
    employees = EmployeeDecision.objects.all() if employees is None else employees
    cases = CaseDecision.objects.all() if cases is None else cases
    return diff_plans(
        stored_decisions(employees.filter(plan=first), cases.filter(plan=first)),
        stored_decisions(employees.filter(plan=second), cases.filter(plan=second)),
    )
