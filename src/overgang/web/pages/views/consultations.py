"""Consultations: create one with a deadline and the bodies asked, each body responds, compile."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from overgang.reports.consultation import CONSULTATION_FORMATS
from overgang.web.access import can, consultations_for, profile_of
from overgang.web.pages.conflicts import conflict_of
from overgang.web.pages.forms import (
    CompiledResponseForm,
    ConsultationForm,
    ReplyForm,
    ResponseForm,
)
from overgang.web.pages.permissions import allowed_or_403, requires
from overgang.web.pages.style_hashes import permit_own_styles
from overgang.web.process import services as process
from overgang.web.process.clock import today
from overgang.web.process.concurrency import StaleEdit
from overgang.web.process.models import Consultation, ConsultationResponse
from overgang.web.process.replies import ReplyRefused, reply_to_response
from overgang.web.reporting.consultations import load_compilation
from overgang.web.reporting.documents import render_consultation


@requires("view_consultations")
def consultation_list(request: HttpRequest) -> HttpResponse:
    form = ConsultationForm(prefix="new")
    if request.method == "POST":
        allowed_or_403(request, "manage_consultations")
        form = ConsultationForm(request.POST, prefix="new")
        if form.is_valid():
            data = form.cleaned_data
            consultation = process.create_consultation(
                title=data["title"],
                description=data.get("description", ""),
                deadline=data["deadline"],
                bodies=list(data["bodies"]),
                by=request.user,
            )
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
    if "format" in request.GET:  # the compilation for the council, as a file
        return _report(request, consultation, request.GET["format"])
    profile = profile_of(request.user)
    responses = list(consultation.responses.select_related("body", "submitted_by"))
    own = next((r for r in responses if profile and r.body_id == profile.body_id), None)
    if own is None and profile and consultation.bodies.filter(pk=profile.body_id).exists():
        own = process.response_of(consultation=consultation, body=profile.body)
        responses.append(own)
    form = conflict = None
    is_open = consultation.is_open(today())
    if own is not None and can(request.user, "respond_consultation", own) and is_open:
        form = ResponseForm(initial={"text": own.text, "version": own.version})
        if request.method == "POST":
            form = ResponseForm(request.POST)
            if form.is_valid():
                try:
                    process.submit_consultation_response(
                        response=own,
                        version=int(form.cleaned_data["version"]),
                        text=form.cleaned_data["text"],
                        by=request.user,
                    )
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
            "may_read_all": _may_read_all(request, consultation),
            "replies": _reply_forms(request, responses),
            "compiled_form": CompiledResponseForm(
                initial={"text": consultation.compiled_text or _draft(consultation)}
            ),
        },
    )


def _reply_forms(
    request: HttpRequest, responses: list[ConsultationResponse]
) -> list[tuple[ConsultationResponse, ReplyForm]]:
    """A reply form for each submitted response, for the transition lead."""
    if not can(request.user, "manage_consultations"):
        return []
    return [
        (r, ReplyForm(prefix=f"reply-{r.pk}", initial={"text": r.reply, "version": r.version}))
        for r in responses
        if r.submitted_at is not None
    ]


@require_POST
@requires("manage_consultations")
def consultation_reply(request: HttpRequest, pk: int, response_pk: int) -> HttpResponse:
    """Save the administration's reply to one body's response."""
    consultation = get_object_or_404(consultations_for(request.user), pk=pk)
    response = get_object_or_404(consultation.responses, pk=response_pk)
    form = ReplyForm(request.POST, prefix=f"reply-{response.pk}")
    if not form.is_valid():
        messages.error(request, _("The reply was not saved: reload the page and try again."))
        return redirect("pages:consultation", pk=consultation.pk)
    try:
        reply_to_response(
            response=response,
            version=int(form.cleaned_data["version"]),
            text=form.cleaned_data["text"],
            by=request.user,
        )
    except StaleEdit:
        messages.error(
            request,
            _("Someone changed the response or the reply meanwhile; read it again and reply."),
        )
    except ReplyRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request, _("The reply to %(body)s has been saved.") % {"body": response.body.name}
        )
    return redirect("pages:consultation", pk=consultation.pk)


def _draft(consultation: Consultation) -> str:
    """The submitted responses by body, as a start for the compiled response."""
    compilation = load_compilation(consultation.pk)
    parts = [
        f"{answer.body}:\n\n" + "\n\n".join(answer.paragraphs) for answer in compilation.answers
    ]
    if compilation.silent:
        parts.append(_("Did not answer: %(bodies)s.") % {"bodies": ", ".join(compilation.silent)})
    return "\n\n".join(parts)


def _may_read_all(request: HttpRequest, consultation: Consultation) -> bool:
    """Whether the user may read every body's response (the compilation holds them all)."""
    return all(
        can(request.user, "view_consultations", response)
        for response in consultation.responses.all()
    )


@require_POST
@requires("manage_consultations")
def consultation_compile(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = get_object_or_404(consultations_for(request.user), pk=pk)
    form = CompiledResponseForm(request.POST)
    if form.is_valid():
        process.compile_consultation(
            consultation=consultation, text=form.cleaned_data["text"], by=request.user
        )
        messages.success(request, _("The compiled response has been saved."))
    else:
        messages.error(request, _("The compiled response is empty: write it before saving."))
    return redirect("pages:consultation", pk=consultation.pk)


def _report(request: HttpRequest, consultation: Consultation, fmt: str) -> HttpResponse:
    """The responses by body, and the bodies that did not answer, as PDF, web page or .docx."""
    if fmt not in CONSULTATION_FORMATS or not _may_read_all(request, consultation):
        raise Http404
    pk = consultation.pk
    language = "en" if (get_language() or "da").startswith("en") else "da"
    body = render_consultation(consultation.pk, fmt, language)
    types = {
        "pdf": "application/pdf",
        "html": "text/html; charset=utf-8",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    }
    response = HttpResponse(body, content_type=types[fmt])
    if fmt != "html":
        response["Content-Disposition"] = f'attachment; filename="hoeringssvar-{pk}.{fmt}"'
        return response
    return permit_own_styles(response)
