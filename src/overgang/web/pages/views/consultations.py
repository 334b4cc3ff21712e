"""Consultations: create one with a deadline and the bodies asked, each body responds, compile."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from overgang.web.access import can, consultations_for, profile_of, today
from overgang.web.pages import writes
from overgang.web.pages.conflicts import conflict_of
from overgang.web.pages.forms import ConsultationForm, ResponseForm
from overgang.web.pages.permissions import allowed_or_403, requires
from overgang.web.process.concurrency import StaleEdit


@requires("view_consultations")
def consultation_list(request: HttpRequest) -> HttpResponse:
    form = ConsultationForm(prefix="new")
    if request.method == "POST":
        allowed_or_403(request, "manage_consultations")
        form = ConsultationForm(request.POST, prefix="new")
        if form.is_valid():
            consultation = writes.create_consultation(request, data=form.cleaned_data)
            messages.success(request, _("The consultation has been created."))
            return redirect("pages:consultation", pk=consultation.pk)
    return render(
        request,
        "pages/consultations.html",
        {
            "consultations": consultations_for(request.user).prefetch_related("bodies"),
            "form": form,
            "may_manage": can(request.user, "manage_consultations"),
            "today": today(),
        },
    )


@requires("view_consultations")
def consultation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = get_object_or_404(consultations_for(request.user), pk=pk)
    profile = profile_of(request.user)
    responses = list(consultation.responses.select_related("body", "submitted_by"))
    own = next((r for r in responses if profile and r.body_id == profile.body_id), None)
    form = conflict = None
    is_open = consultation.is_open(today())
    if own is not None and can(request.user, "respond_consultation", own) and is_open:
        form = ResponseForm(initial={"text": own.text, "version": own.version})
        if request.method == "POST":
            form = ResponseForm(request.POST)
            if form.is_valid():
                try:
                    writes.submit_response(request, response=own, data=form.cleaned_data)
                except StaleEdit as stale:
                    conflict = conflict_of(
                        stale, {name: str(field.label) for name, field in form.fields.items()}
                    )
                    form = ResponseForm(
                        initial={**form.cleaned_data, "version": stale.current.version}  # type: ignore[attr-defined]
                    )
                else:
                    messages.success(request, _("Your body's response has been submitted."))
                    return redirect("pages:consultation", pk=consultation.pk)
    visible = [r for r in responses if can(request.user, "view_consultations", r)]
    return render(
        request,
        "pages/consultation.html",
        {
            "consultation": consultation,
            "responses": visible,
            "all_responses": responses,
            "own": own,
            "form": form,
            "conflict": conflict,
            "is_open": is_open,
            "may_manage": can(request.user, "manage_consultations"),
        },
    )


@require_POST
@requires("manage_consultations")
def consultation_compile(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = get_object_or_404(consultations_for(request.user), pk=pk)
    writes.compile_consultation(request, consultation=consultation)
    messages.success(request, _("The responses have been compiled into one response."))
    return redirect("pages:consultation", pk=consultation.pk)
