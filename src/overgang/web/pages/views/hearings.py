"""The hearing of an employee before a decision that does not meet their wish, and informing the
employee representatives: record the response, issue the final decision, write the letters."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from overgang.web.access import can
from overgang.web.audit.exports import record_export
from overgang.web.dataset.models import Employee
from overgang.web.pages.conflicts import conflict_of
from overgang.web.pages.hearing_forms import HearingResponseForm, RepresentativesForm
from overgang.web.pages.permissions import allowed_or_403, requires
from overgang.web.pages.reasons import employee_decision_text, municipality_names
from overgang.web.planning.selectors import approved_plan
from overgang.web.process.concurrency import StaleEdit
from overgang.web.process.errors import ProcessError
from overgang.web.process.hearings import (
    final_refusal,
    hearing_over,
    issue_final_decision,
    record_hearing_response,
)
from overgang.web.process.information import act_applies, approval_concerns, record_representatives
from overgang.web.process.models import Hearing, Transition
from overgang.web.reporting.letter_kinds import letters_of_kind, staff_without_records
from overgang.web.reporting.sources import ReportUnavailable

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _language() -> str:
    return "en" if (get_language() or "da").startswith("en") else "da"


def _file(body: bytes, name: str, fmt: str) -> HttpResponse:
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _hearing_of(request: HttpRequest, pk: int) -> Hearing:
    return get_object_or_404(
        Hearing.objects.for_user(request.user).select_related("decision", "decision__plan"),
        pk=pk,
    )


def _response_labels(form: HearingResponseForm) -> dict[str, str]:
    return {
        "response_received_on": str(form.fields["received_on"].label),
        "response_text": str(form.fields["text"].label),
        "outcome": str(form.fields["outcome"].label),
        "consideration": str(form.fields["consideration"].label),
    }


@requires("record_hearing")
def hearing(request: HttpRequest, pk: int) -> HttpResponse:
    """The hearing's page: the draft decision, the deadline, and the response's form."""
    heard = _hearing_of(request, pk)
    allowed_or_403(request, "record_hearing", heard)
    initial = {
        "received_on": heard.response_received_on,
        "text": heard.response_text,
        "outcome": heard.outcome,
        "consideration": heard.consideration,
        "version": heard.version,
    }
    form = HearingResponseForm(initial=initial)
    conflict = None
    if request.method == "POST":
        form = HearingResponseForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                record_hearing_response(
                    hearing=heard,
                    version=int(data.get("version") or 0),
                    received_on=data.get("received_on"),
                    text=data.get("text", ""),
                    outcome=data.get("outcome", ""),
                    consideration=data.get("consideration", ""),
                    by=request.user,
                )
            except StaleEdit as stale:
                conflict = conflict_of(stale, _response_labels(form))
                form = HearingResponseForm(
                    initial={**data, "version": stale.current.version}  # type: ignore[attr-defined]
                )
            except ProcessError as refused:
                form.add_error(None, str(refused))
            else:
                messages.success(request, _("The response has been recorded."))
                return redirect("pages:employee", ext_id=heard.decision.employee_id)
    return render(request, "pages/hearing.html", _hearing_context(request, heard, form, conflict))


def _hearing_context(
    request: HttpRequest, heard: Hearing, form: HearingResponseForm, conflict: object
) -> dict[str, object]:
    decision = heard.decision
    return {
        "hearing": heard,
        "employee": Employee.objects.filter(ext_id=decision.employee_id).first(),
        "municipality": municipality_names(decision.plan).get(
            decision.municipality, decision.municipality
        ),
        "reason": employee_decision_text(decision),
        "over": hearing_over(heard),
        "refusal": final_refusal(heard) if heard.final_issued_on is None else None,
        "may_issue": can(request.user, "issue_final_decision", decision)
        and decision.plan == approved_plan(),
        "may_record_hearing": True,
        "form": form,
        "conflict": conflict,
    }


@require_POST
@requires("issue_final_decision")
def hearing_final(request: HttpRequest, pk: int) -> HttpResponse:
    """Issue the final decision after the hearing, or say why it cannot be issued yet."""
    heard = _hearing_of(request, pk)
    allowed_or_403(request, "issue_final_decision", heard)
    try:
        issue_final_decision(hearing=heard, version=heard.version, by=request.user)
    except ProcessError as refused:
        messages.error(request, str(refused))
    except StaleEdit:
        messages.error(request, _("Someone else changed the hearing; look at it again."))
    else:
        messages.success(request, _("The final decision is issued; write its letter."))
    return redirect("pages:employee", ext_id=heard.decision.employee_id)


@requires("record_hearing")
def hearing_letter(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The employee's hearing letter, .docx to edit or PDF."""
    if fmt not in CONTENT_TYPES:
        raise Http404
    heard = _hearing_of(request, pk)
    employee_id = heard.decision.employee_id
    made = letters_of_kind(
        heard.decision.plan, "hearing", fmt, _language(), combined=True, employee_ids=[employee_id]
    )
    if not made.files:
        raise Http404
    record_export(
        request,
        report="hearing_letters",
        object_id=str(heard.decision.plan_id),
        held=made.held,
        files=made.files,
    )
    name, body = next(iter(made.files.items()))
    return _file(body, f"hoering-{employee_id}.{fmt}", fmt)


@requires("record_representatives")
def information(request: HttpRequest) -> HttpResponse:
    """Informing the representatives and everyone affected: when, and the letters."""
    transition = Transition.current()
    form = RepresentativesForm(
        initial={
            "informed_on": transition.representatives_informed_on,
            "consulted_on": transition.representatives_consulted_on,
            "note": transition.representatives_note,
            "version": transition.version,
        }
    )
    conflict = None
    if request.method == "POST":
        form = RepresentativesForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                record_representatives(
                    version=int(data.get("version") or 0),
                    informed_on=data.get("informed_on"),
                    consulted_on=data.get("consulted_on"),
                    note=data.get("note", ""),
                    by=request.user,
                )
            except StaleEdit as stale:
                conflict = conflict_of(
                    stale,
                    {
                        "representatives_informed_on": str(form.fields["informed_on"].label),
                        "representatives_consulted_on": str(form.fields["consulted_on"].label),
                        "representatives_note": str(form.fields["note"].label),
                    },
                )
                form = RepresentativesForm(
                    initial={**data, "version": stale.current.version}  # type: ignore[attr-defined]
                )
            except ProcessError as refused:
                form.add_error(None, str(refused))
            else:
                messages.success(request, _("Informing the representatives has been recorded."))
                return redirect("pages:information")
    plan = approved_plan()
    return render(
        request,
        "pages/information.html",
        {
            "transition": transition,
            "form": form,
            "conflict": conflict,
            "concerns": approval_concerns(),
            "act_applies": act_applies(transition),
            "plan": plan,
            "staff_without_records": staff_without_records(plan) if plan else [],
        },
    )


@requires("record_representatives")
def information_letters(request: HttpRequest, fmt: str) -> HttpResponse:
    """The information letters of the approved plan to everyone affected, in one file."""
    if fmt not in CONTENT_TYPES:
        raise Http404
    plan = approved_plan()
    if plan is None:
        raise Http404(_("No plan is approved yet."))
    try:
        made = letters_of_kind(plan, "information", fmt, _language(), combined=True)
    except ReportUnavailable as refused:
        raise Http404(str(refused)) from refused
    if not made.files:
        raise Http404
    record_export(
        request,
        report="information_letters",
        object_id=str(plan.pk),
        held=made.held,
        files=made.files,
    )
    name, body = next(iter(made.files.items()))
    return _file(body, name, fmt)
