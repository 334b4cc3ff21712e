"""Forskelle mellem planer: every decision that differs between two plans, with both reasons.

The rows are those of the plan page: each user sees the decisions their role
entitles them to (`for_user`, which logs the read), and nothing of the rest.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from overgang.core.planning.plan_diff import CaseDifference, EmployeeDifference
from overgang.web.pages.listing import page_of
from overgang.web.pages.permissions import requires
from overgang.web.pages.reasons import (
    case_reason_words,
    employee_reason_words,
    municipality_names,
)
from overgang.web.planning.models import CaseDecision, EmployeeDecision, StoredPlan
from overgang.web.planning.replanning import plan_difference


@requires("view_plans")
def plan_diff_choose(request: HttpRequest) -> HttpResponse:
    """Open the differences of the two plans chosen in the list of plans, the older first."""
    ids = sorted({int(x) for x in request.GET.getlist("plans") if x.isdigit()})
    if len(ids) != 2:
        messages.error(request, _("Choose two plans to see where their decisions differ."))
        return redirect("pages:plans")
    return redirect("pages:plan-diff", pk=ids[0], other=ids[1])


@requires("view_plans")
def plan_diff(request: HttpRequest, pk: int, other: int) -> HttpResponse:
    first = get_object_or_404(StoredPlan, pk=pk)
    second = get_object_or_404(StoredPlan, pk=other)
    diff = plan_difference(
        first,
        second,
        employees=EmployeeDecision.objects.for_user(request.user),
        cases=CaseDecision.objects.for_user(request.user),
    )
    # Only the rows shown are worded: two unrelated plans of the demo differ in thousands.
    employees = page_of(request, diff.employees, "side")
    cases = page_of(request, diff.cases, "sagsside")
    names = {**municipality_names(first), **municipality_names(second)}
    return render(
        request,
        "pages/plan_diff.html",
        {
            "first": first,
            "second": second,
            "employee_count": len(diff.employees),
            "case_count": len(diff.cases),
            "employees": employees,
            "cases": cases,
            "employee_rows": [
                _employee_row(d, first, second, names) for d in employees.object_list
            ],
            "case_rows": [_case_row(d, first, second) for d in cases.object_list],
        },
    )


def _employee_row(
    d: EmployeeDifference, first: StoredPlan, second: StoredPlan, names: dict[int, str]
) -> dict[str, Any]:
    return {
        "id": d.employee_id,
        "change": str(d.change),
        "sides": [
            (
                names.get(side.municipality, str(side.municipality)),
                employee_reason_words(plan, side.reason),
            )
            if side is not None
            else None
            for side, plan in ((d.before, first), (d.after, second))
        ],
    }


def _case_row(d: CaseDifference, first: StoredPlan, second: StoredPlan) -> dict[str, Any]:
    return {
        "id": d.case_id,
        "change": str(d.change),
        "sides": [
            (side.contact_person or _("none"), case_reason_words(plan, side.reason))
            if side is not None
            else None
            for side, plan in ((d.before, first), (d.after, second))
        ],
    }
