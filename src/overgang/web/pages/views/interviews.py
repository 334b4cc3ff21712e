"""Interview follow-up: every employee not yet interviewed, per unit and leader, against the deadline.

A team leader sees their own unit, a municipal lead and the transition lead the
staff their row rules give them (`overgang.web.access`). An employee can be marked
"not relevant" for an interview, with the reason, and the mark undone; both are
use cases in `overgang.web.process.exemptions`.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from overgang.core.interview_followup import Standing, days_left
from overgang.web.dataset.models import Employee
from overgang.web.pages.permissions import allowed_or_403, requires
from overgang.web.process.exemptions import (
    REASON_MAX_CHARS,
    ExemptionRefused,
    exempt_from_interview,
    undo_interview_exemption,
)
from overgang.web.process.followup import followup_for


class ExemptionForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why the employee need not be interviewed"),
        max_length=REASON_MAX_CHARS,
        widget=forms.TextInput(),
    )


@requires("record_interview")
def interview_followup(request: HttpRequest) -> HttpResponse:
    shown = followup_for(request.user)
    standing_words = {
        Standing.DONE: (_("done"), "status-ok"),
        Standing.OPEN: (_("open"), "status-warn"),
        Standing.OVERDUE: (_("overdue"), "status-bad"),
    }
    units = []
    for unit in shown.units:
        word, css = standing_words[unit.standing(shown.deadline, shown.today)]
        units.append(
            {
                "unit": unit,
                "name": unit.unit or _("No unit"),
                "leaders": [f"{shown.names.get(e, e)} ({e})" for e in unit.leaders],
                "percent": round(100 * unit.share),
                "standing": word,
                "css": css,
                "missing": [(e, shown.names.get(e, e)) for e in unit.missing],
            }
        )
    exempted = sorted(shown.reasons.items())
    return render(
        request,
        "pages/interview_followup.html",
        {
            "shown": shown,
            "units": units,
            "days_left": days_left(shown.deadline, shown.today),
            "exempted": [(e, shown.names.get(e, e), reason) for e, reason in exempted],
            "form": ExemptionForm(),
        },
    )


@require_POST
@requires("record_interview")
def interview_exempt(request: HttpRequest, ext_id: str) -> HttpResponse:
    employee = get_object_or_404(Employee.objects.for_user(request.user), ext_id=ext_id)
    allowed_or_403(request, "record_interview", employee)
    form = ExemptionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason the employee need not be interviewed."))
        return redirect("pages:interview-followup")
    try:
        exempt_from_interview(
            employee=employee, reason=form.cleaned_data["reason"], by=request.user
        )
    except ExemptionRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request,
            _("%(name)s is marked as not relevant for an interview.") % {"name": employee.name},
        )
    return redirect("pages:interview-followup")


@require_POST
@requires("record_interview")
def interview_unexempt(request: HttpRequest, ext_id: str) -> HttpResponse:
    employee = get_object_or_404(Employee.objects.for_user(request.user), ext_id=ext_id)
    allowed_or_403(request, "record_interview", employee)
    if undo_interview_exemption(employee=employee, by=request.user):
        messages.success(
            request, _("%(name)s counts as due for an interview again.") % {"name": employee.name}
        )
    return redirect("pages:interview-followup")
