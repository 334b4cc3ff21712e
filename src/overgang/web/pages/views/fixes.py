"""Fixed decisions on the pages: fix an employee's municipality, unfix it, and fix with one
click what a plan proposed for an employee or a case (the transition lead's)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from overgang.web.dataset.models import Employee
from overgang.web.pages.fixes import default_reason, employee_fix_context, fix_marks
from overgang.web.pages.forms import FixEmployeeForm
from overgang.web.pages.permissions import allowed_or_403, requires
from overgang.web.pages.reasons import municipality_names
from overgang.web.planning.fixing import FixError, fix_case, fix_employee, unfix
from overgang.web.planning.models import CaseDecision, EmployeeDecision, FixKind, StoredPlan

# The form's fields by the use case's words for what was wrong.
FORM_FIELDS = {"kommune": "municipality", "begrundelse": "reason"}


@requires("fix_decision")
def employee_fix(request: HttpRequest, ext_id: str) -> HttpResponse:
    """Fix the employee's municipality; a form with a mistake comes back here with it named."""
    employee = get_object_or_404(Employee.objects.for_user(request.user), ext_id=ext_id)
    allowed_or_403(request, "fix_decision", employee)
    context = employee_fix_context(request.user, employee, None)
    form = context["fix_form"]
    if request.method == "POST":
        form = FixEmployeeForm(request.POST, prefix="fix")
        if form.is_valid():
            try:
                fix_employee(
                    employee_id=employee.ext_id,
                    municipality=int(form.cleaned_data["municipality"]),
                    reason=form.cleaned_data["reason"],
                    by=request.user,
                )
            except FixError as refused:
                form.add_error(FORM_FIELDS.get(refused.field), str(refused))
            else:
                messages.success(
                    request, _("The decision about %(id)s is fixed.") % {"id": employee.ext_id}
                )
                return redirect(reverse("pages:employee", args=[employee.ext_id]) + "#fixed")
    return render(
        request,
        "pages/fix_employee.html",
        {**context, "employee": employee, "fix_form": form},
    )


@require_POST
@requires("fix_decision")
def employee_unfix(request: HttpRequest, ext_id: str) -> HttpResponse:
    employee = get_object_or_404(Employee.objects.for_user(request.user), ext_id=ext_id)
    allowed_or_403(request, "fix_decision", employee)
    try:
        unfix(kind=FixKind.EMPLOYEE, subject_id=employee.ext_id, by=request.user)
    except FixError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request,
            _("The decision about %(id)s is no longer fixed.") % {"id": employee.ext_id},
        )
    return redirect(reverse("pages:employee", args=[employee.ext_id]) + "#fixed")


def _back_to(request: HttpRequest, plan: StoredPlan, anchor: str) -> HttpResponse:
    """Back to the page of the plan the row was on (the same page of its table)."""
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = reverse("pages:plan", args=[plan.pk])
    return redirect(f"{back.split('#')[0]}#{anchor}")


@require_POST
@requires("fix_decision")
def employee_decision_fix(request: HttpRequest, pk: int) -> HttpResponse:
    """Fix what the plan decided about an employee; with htmx only the table cell is replaced."""
    decision = get_object_or_404(
        EmployeeDecision.objects.for_user(request.user).select_related("plan"), pk=pk
    )
    allowed_or_403(request, "fix_decision", decision)
    try:
        fix_employee(
            employee_id=decision.employee_id,
            municipality=decision.municipality,
            reason=request.POST.get("reason", "").strip() or default_reason(decision.plan),
            by=request.user,
        )
    except FixError as refused:
        if request.htmx:  # type: ignore[attr-defined]
            return _cell(request, decision, FixKind.EMPLOYEE, error=str(refused))
        messages.error(request, str(refused))
    if request.htmx:  # type: ignore[attr-defined]
        return _cell(request, decision, FixKind.EMPLOYEE)
    return _back_to(request, decision.plan, "employee-decisions")


@require_POST
@requires("fix_decision")
def case_decision_fix(request: HttpRequest, pk: int) -> HttpResponse:
    """Fix the contact person the plan gave a case; with htmx only the table cell is replaced."""
    decision = get_object_or_404(
        CaseDecision.objects.for_user(request.user).select_related("plan"), pk=pk
    )
    allowed_or_403(request, "fix_decision", decision)
    try:
        if not decision.contact_person:
            raise FixError(
                _("The plan gives case %(id)s no contact person to fix.") % {"id": decision.case_id}
            )
        fix_case(
            case_id=decision.case_id,
            contact_person=decision.contact_person,
            reason=request.POST.get("reason", "").strip() or default_reason(decision.plan),
            by=request.user,
        )
    except FixError as refused:
        if request.htmx:  # type: ignore[attr-defined]
            return _cell(request, decision, FixKind.CASE, error=str(refused))
        messages.error(request, str(refused))
    if request.htmx:  # type: ignore[attr-defined]
        return _cell(request, decision, FixKind.CASE)
    return _back_to(request, decision.plan, "case-decisions")


def _cell(
    request: HttpRequest,
    decision: EmployeeDecision | CaseDecision,
    kind: FixKind,
    error: str = "",
) -> HttpResponse:
    """The row's cell as the plan page shows it, after a fix."""
    subject = decision.employee_id if kind == FixKind.EMPLOYEE else decision.case_id  # type: ignore[union-attr]
    marks = fix_marks(request.user, kind, [decision], municipality_names(decision.plan))
    return render(
        request,
        "pages/includes/fix_cell.html",
        {
            "d": decision,
            "mark": marks.get(subject),
            "may_fix": True,
            "kind": str(kind),
            "error": error,
            "next": request.POST.get("next", ""),
        },
    )
