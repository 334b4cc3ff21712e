"""Reads of stored plans that pages, the API, the command line and reports share.

"The current plan" is the approved plan, or the latest stored plan while none is
approved; the scoping rules, the dashboard and the reports all mean that one.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q

from overgang.core.planning.fixes import CaseFix, EmployeeFix, Fixes
from overgang.web.dataset.models import Employee, Municipality
from overgang.web.planning.models import (
    CaseDecision,
    EmployeeDecision,
    FixedDecision,
    FixKind,
    StoredPlan,
)
from overgang.web.request_memo import per_request


@per_request
def approved_plan() -> StoredPlan | None:
    """The approved plan, if one is."""
    return StoredPlan.objects.filter(approval__isnull=False).order_by("-pk").first()


def replaces_approved(plan: StoredPlan) -> bool:
    """Whether approving `plan` would replace the approved plan: it is re-planned from it."""
    approved = approved_plan()
    reference = (plan.settings or {}).get("reference") or {}
    return approved is not None and plan != approved and reference.get("plan") == approved.pk


def may_be_approved(plan: StoredPlan) -> bool:
    """Whether `plan` can be approved: none is yet, or it is re-planned from the approved one
    (process.services.approve_plan checks the rest: that it keeps every notified decision)."""
    return approved_plan() is None or replaces_approved(plan)


@per_request
def latest_plan() -> StoredPlan | None:
    return StoredPlan.objects.order_by("-pk").first()


def current_plan() -> StoredPlan | None:
    """The approved plan, or the latest stored plan while none is approved."""
    return approved_plan() or latest_plan()


def plans_newest_first() -> models.QuerySet[StoredPlan]:
    return StoredPlan.objects.select_related("approval").order_by("-pk")


@per_request
def host_code() -> int | None:
    """The host municipality's code: the employer of everyone no plan has moved yet."""
    return Municipality.objects.filter(role="vaert").values_list("code", flat=True).first()


def planned_employee_ids(code: int) -> models.QuerySet[Any]:
    """The medarbejder_ids the current plan gives municipality `code` (the host: also the unplanned)."""
    decided = EmployeeDecision.objects.filter(plan=current_plan())
    mine = decided.filter(municipality=code).values("employee_id")
    if code == host_code():
        return Employee.objects.filter(
            Q(ext_id__in=mine) | ~Q(ext_id__in=decided.values("employee_id"))
        ).values("ext_id")
    return mine


def planned_municipalities() -> dict[str, int]:
    """Each employee's municipality in the current plan (those it decides)."""
    return dict(
        EmployeeDecision.objects.filter(plan=current_plan()).values_list(
            "employee_id", "municipality"
        )
    )


def planned_municipality(employee_id: str) -> int | None:
    """The employee's municipality in the current plan; the host's while no plan moves them."""
    decided = (
        EmployeeDecision.objects.filter(plan=current_plan(), employee_id=employee_id)
        .values_list("municipality", flat=True)
        .first()
    )
    return decided if decided is not None else host_code()


def handover_case_ids(employee_id: str) -> models.QuerySet[Any]:
    """The sag_ids on a caseworker's handover lists: leaving them or coming to them."""
    return (
        CaseDecision.objects.filter(plan=current_plan())
        .filter(Q(former_contact=employee_id) | Q(contact_person=employee_id))
        .values("case_id")
    )


def fixes_in_force() -> Fixes:
    """The decisions fixed by hand that every plan made now must keep, in the core's words."""
    rows = FixedDecision.objects.filter(removed_at=None).order_by("kind", "subject_id")
    employees, cases = [], []
    for fix in rows:
        note = {"by": fix.fixed_by_name, "fixed_on": fix.fixed_on.isoformat(), "reason": fix.reason}
        if fix.kind == FixKind.EMPLOYEE:
            employees.append(EmployeeFix(fix.subject_id, int(fix.value), **note))
        else:
            cases.append(CaseFix(fix.subject_id, fix.value, **note))
    return Fixes(tuple(employees), tuple(cases))


def fixes_of(user: Any, kind: FixKind, subject_ids: list[str]) -> dict[str, FixedDecision]:
    """The fixes in force of these employees or cases that the user may see, by their id."""
    rows = FixedDecision.objects.for_user(user).filter(
        kind=kind, subject_id__in=subject_ids, removed_at=None
    )
    return {fix.subject_id: fix for fix in rows}
