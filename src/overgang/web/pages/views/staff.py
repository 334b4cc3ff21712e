"""Employees: the list, each one's interview history and decision, recording an interview; resignations."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Max, OuterRef, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from overgang.web.access import can
from overgang.web.dataset.models import Case, Employee, Interview, Municipality
from overgang.web.dataset.services import change_interview, record_interview
from overgang.web.pages.conflicts import conflict_of
from overgang.web.pages.fixes import employee_fix_context
from overgang.web.pages.forms import InterviewForm
from overgang.web.pages.hearing_panels import hearing_panel
from overgang.web.pages.listing import page_of, searched
from overgang.web.pages.overview import resignation_chart
from overgang.web.pages.permissions import allowed_or_403, requires
from overgang.web.pages.reasons import employee_decision_text
from overgang.web.pages.status import process_status
from overgang.web.planning.models import EmployeeDecision
from overgang.web.planning.selectors import current_plan
from overgang.web.process.clock import today
from overgang.web.process.concurrency import StaleEdit


def _latest_wish() -> Subquery:
    latest = Interview.objects.filter(employee=OuterRef("pk")).order_by("-held_on", "-pk")
    return Subquery(latest.values("wished_municipality__name")[:1])


@requires("view_employees")
def employee_list(request: HttpRequest) -> HttpResponse:
    rows = (
        Employee.objects.for_user(request.user)
        .select_related("profession")
        .annotate(last_interview=Max("interviews__held_on"), wish=_latest_wish())
        .order_by("ext_id")
    )
    rows, words = searched(request, rows, "ext_id", "name", "unit", "profession__name")
    page = page_of(request, rows)
    return render(
        request,
        "pages/employees.html",
        {"page": page, "q": words, "search_label": _("Search employees")},
    )


@requires("view_employees")
def employee_detail(request: HttpRequest, ext_id: str) -> HttpResponse:
    employee = get_object_or_404(
        Employee.objects.for_user(request.user).select_related("profession"), ext_id=ext_id
    )
    may_record = can(request.user, "record_interview", employee)
    form = InterviewForm(prefix="new", initial={"held_on": today()})
    if request.method == "POST":
        allowed_or_403(request, "record_interview", employee)
        form = InterviewForm(request.POST, prefix="new")
        if form.is_valid():
            data = form.cleaned_data
            record_interview(
                employee=employee,
                held_on=data["held_on"],
                wish=int(data["wish"]) if data["wish"] else None,
                note=data.get("note", ""),
                acceptable=form.acceptable_codes(),
                by=request.user,
            )
            messages.success(request, _("The interview has been recorded."))
            return redirect("pages:employee", ext_id=employee.ext_id)
    interviews = Interview.objects.for_user(request.user).filter(employee=employee)
    plan = current_plan()
    decision = (
        EmployeeDecision.objects.for_user(request.user)
        .filter(plan=plan, employee_id=employee.ext_id)
        .first()
    )
    cases = Case.objects.for_user(request.user).filter(contact_person=employee)
    names = dict(Municipality.objects.values_list("code", "name"))
    interviews = interviews.select_related("wished_municipality").order_by("-held_on", "-pk")
    return render(
        request,
        "pages/employee.html",
        {
            "employee": employee,
            "interviews": [
                (i, ", ".join(names.get(code, str(code)) for code in i.acceptable_municipalities))
                for i in interviews
            ],
            "decision": decision,
            "decision_text": employee_decision_text(decision) if decision else "",
            "decision_municipality": Municipality.objects.filter(code=decision.municipality).first()
            if decision
            else None,
            "cases": cases.select_related(
                "citizen", "acting_municipality", "paying_municipality", "contact_person"
            ),
            "form": form,
            "may_record": may_record,
            "plan": plan,
            **employee_fix_context(request.user, employee, decision),
            **hearing_panel(request.user, decision),
        },
    )


@requires("record_interview")
def interview_edit(request: HttpRequest, pk: int) -> HttpResponse:
    interview = get_object_or_404(
        Interview.objects.for_user(request.user).select_related("employee"), pk=pk
    )
    allowed_or_403(request, "record_interview", interview.employee)
    initial = {
        "held_on": interview.held_on,
        "wish": str(interview.wished_municipality.code) if interview.wished_municipality else "",
        "acceptable": [str(code) for code in interview.acceptable_municipalities],
        "note": interview.note,
        "version": interview.version,
    }
    form = InterviewForm(initial=initial)
    conflict = None
    if request.method == "POST":
        form = InterviewForm(request.POST)
        if form.is_valid():
            try:
                data = form.cleaned_data
                change_interview(
                    interview=interview,
                    version=int(data.get("version") or 0),
                    held_on=data["held_on"],
                    wish=int(data["wish"]) if data["wish"] else None,
                    note=data.get("note", ""),
                    acceptable=form.acceptable_codes(),
                    by=request.user,
                )
            except StaleEdit as stale:
                conflict = conflict_of(
                    stale,
                    {
                        "held_on": str(form.fields["held_on"].label),
                        "wished_municipality": str(form.fields["wish"].label),
                        "acceptable_municipalities": str(form.fields["acceptable"].label),
                        "note": str(form.fields["note"].label),
                    },
                )
                form = InterviewForm(
                    initial={**form.cleaned_data, "version": stale.current.version}  # type: ignore[attr-defined]
                )
            else:
                messages.success(request, _("The interview has been changed."))
                return redirect("pages:employee", ext_id=interview.employee.ext_id)
    return render(
        request,
        "pages/interview_edit.html",
        {"interview": interview, "form": form, "conflict": conflict},
    )


@requires("view_resignations")
def resignations(request: HttpRequest) -> HttpResponse:
    rows = (
        Employee.objects.for_user(request.user)
        .filter(resigned_on__isnull=False)
        .select_related("profession")
        .order_by("-resigned_on", "ext_id")
    )
    dissolution = sum(1 for e in rows if e.resignation_reason == "ophoer")
    return render(
        request,
        "pages/resignations.html",
        {
            "rows": rows,
            "dissolution": dissolution,
            "other": len(rows) - dissolution,
            "chart": resignation_chart(process_status(), request.user),
        },
    )
