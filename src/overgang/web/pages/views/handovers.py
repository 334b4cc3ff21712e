"""Handover lists: the cases leaving a caseworker and coming to them, and each case's handover
record (summary, meetings, the conversation with the child, the team leader's sign-off)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib import messages
from django.db.models import F, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from overgang.web.access import can, profile_of
from overgang.web.dataset.models import Employee
from overgang.web.pages.conflicts import conflict_of
from overgang.web.pages.forms import HandoverForm
from overgang.web.pages.permissions import allowed_or_403, requires
from overgang.web.pages.reasons import case_decision_text
from overgang.web.planning.models import CaseDecision
from overgang.web.planning.selectors import current_plan
from overgang.web.process import handover_records as records
from overgang.web.process.clock import today
from overgang.web.process.concurrency import StaleEdit
from overgang.web.process.models import HandoverMeeting, Transition
from overgang.web.process.services import ProcessError


def _handovers(request: HttpRequest) -> QuerySet[CaseDecision]:
    """The current plan's cases that change contact person, as far as the user may see them."""
    return (
        CaseDecision.objects.for_user(request.user)
        .filter(plan=current_plan())
        .exclude(former_contact="")
        .exclude(former_contact=F("contact_person"))
        .select_related("handover")
        .prefetch_related("plan")  # one plan, its figures decoded once, not per row
        .order_by("case_id")
    )


def _rows(decisions: Iterable[CaseDecision], names: dict[str, str]) -> list[tuple[Any, ...]]:
    """Each handover with its reason, its record, the two contact persons' names and its status."""
    transition, day, flags = Transition.current(), today(), records.overdue_names()
    rows = []
    for d in decisions:
        meeting = getattr(d, "handover", None)
        handover = records.core_record(d, meeting)
        status = {
            "steps": len(handover.steps_done()),
            "signed_off": handover.signed_off,
            "overdue": [flags[f] for f in records.overdue_of(handover, transition, day)],
        }
        rows.append(
            (
                d,
                case_decision_text(d),
                meeting,
                names.get(d.former_contact, d.former_contact),
                names.get(d.contact_person, d.contact_person),
                status,
            )
        )
    return rows


def _overdue_only(decisions: QuerySet[CaseDecision]) -> list[CaseDecision]:
    transition, day = Transition.current(), today()
    return [
        d
        for d in decisions
        if records.overdue_of(records.core_record(d, getattr(d, "handover", None)), transition, day)
    ]


@requires("view_handovers")
def handover_lists(request: HttpRequest) -> HttpResponse:
    decisions = _handovers(request)
    profile = profile_of(request.user)
    mine = profile.employee_id if profile and profile.role == "sagsbehandler" else ""
    chosen = mine or request.GET.get("medarbejder", "").strip()
    people = sorted(
        set(decisions.values_list("former_contact", flat=True))
        | set(decisions.exclude(contact_person="").values_list("contact_person", flat=True))
    )
    names = dict(Employee.objects.filter(ext_id__in=people).values_list("ext_id", "name"))
    leaving = decisions.filter(former_contact=chosen) if chosen else decisions.none()
    coming = decisions.filter(contact_person=chosen) if chosen else decisions.none()
    everything = decisions if not chosen else decisions.none()
    overdue = _overdue_only(decisions)
    only_overdue = request.GET.get("forsinket") == "1"
    if only_overdue:
        everything, chosen = decisions.filter(pk__in=[d.pk for d in overdue]), ""
        leaving = coming = decisions.none()
    return render(
        request,
        "pages/handovers.html",
        {
            "chosen": chosen,
            "plan": current_plan(),
            "chosen_name": names.get(chosen, ""),
            "is_caseworker": bool(mine),
            "people": [(p, names.get(p, p)) for p in people],
            "leaving": _rows(leaving, names),
            "coming": _rows(coming, names),
            "everything": _rows(everything[:200], names),
            "total": decisions.count(),
            "done": decisions.filter(handover__done=True).count(),
            "signed_off": decisions.filter(handover__signed_off_at__isnull=False).count(),
            "overdue": len(overdue),
            "only_overdue": only_overdue,
            "deadline": records.visit_deadline_of(),
            "steps": len(records.step_names()),
            "names": names,
        },
    )


def _initial(meeting: HandoverMeeting) -> dict[str, Any]:
    return {name: getattr(meeting, name) for name in records.RECORD_FIELDS} | {
        "version": meeting.version
    }


def _saved(request: HttpRequest, case_id: str) -> HttpResponse:
    """After a save: back to the handover lists (htmx follows with a full page)."""
    messages.success(
        request, _("The handover meeting of case %(case)s has been saved.") % {"case": case_id}
    )
    if request.htmx:  # type: ignore[attr-defined]
        response = HttpResponse(status=204)
        response["HX-Redirect"] = reverse("pages:handovers")
        return response
    return redirect("pages:handovers")


@requires("record_handover")
def handover_meeting(request: HttpRequest, pk: int) -> HttpResponse:
    decision = get_object_or_404(_handovers(request), pk=pk)
    allowed_or_403(request, "record_handover", decision)
    created = records.handover_record_of(decision=decision, by=request.user)
    meeting = HandoverMeeting.objects.for_user(request.user).get(pk=created.pk)
    allowed_or_403(request, "record_handover", meeting)
    conflict = None
    form = HandoverForm(initial=_initial(meeting))
    if request.method == "POST":
        form = HandoverForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                records.save_handover_record(
                    meeting=meeting,
                    version=int(data["version"]),
                    **{name: data.get(name) for name in records.RECORD_FIELDS},
                    by=request.user,
                )
            except StaleEdit as stale:
                conflict = conflict_of(
                    stale, {name: str(field.label) for name, field in form.fields.items()}
                )
                form = HandoverForm(
                    initial={**form.cleaned_data, "version": stale.current.version}  # type: ignore[attr-defined]
                )
            except ProcessError as refused:
                form.add_error(None, str(refused))
            else:
                return _saved(request, decision.case_id)
    names = dict(
        Employee.objects.filter(
            ext_id__in=[decision.former_contact, decision.contact_person]
        ).values_list("ext_id", "name")
    )
    handover = records.core_record(decision, meeting)
    transition = Transition.current()
    step_names = records.step_names()
    flags = records.overdue_names()
    # With htmx only the record's section comes back (a refused save, a conflict).
    template = "pages/includes/handover_record.html" if request.htmx else "pages/handover.html"  # type: ignore[attr-defined]
    return render(
        request,
        template,
        {
            "decision": decision,
            "reason": case_decision_text(decision),
            "meeting": meeting,
            "form": form,
            "conflict": conflict,
            "former": names.get(decision.former_contact, decision.former_contact),
            "new": names.get(decision.contact_person, decision.contact_person)
            or _("none (unstaffed)"),
            "may_record": can(request.user, "record_handover", decision),
            "may_sign_off": can(request.user, "sign_off_handover", meeting),
            "steps": [(name, step in handover.steps_done()) for step, name in step_names.items()],
            "missing": [step_names[s] for s in handover.missing_before_sign_off()],
            "overdue": [flags[f] for f in records.overdue_of(handover, transition, today())],
            "deadline": records.visit_deadline_of(transition),
        },
    )


@require_POST
@requires("sign_off_handover")
def handover_sign_off(request: HttpRequest, pk: int) -> HttpResponse:
    """The team leader's (or municipal lead's) sign-off of a complete handover record."""
    meeting = get_object_or_404(
        HandoverMeeting.objects.for_user(request.user).select_related("decision"), pk=pk
    )
    allowed_or_403(request, "sign_off_handover", meeting)
    try:
        records.sign_off_handover(
            meeting=meeting, version=int(request.POST.get("version") or 0), by=request.user
        )
    except StaleEdit:
        messages.error(
            request, _("Someone changed the handover record meanwhile; read it and sign off again.")
        )
    except ProcessError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request,
            _("The handover of case %(case)s is signed off.") % {"case": meeting.decision.case_id},
        )
    return redirect("pages:handover", pk=meeting.decision_id)
