"""Handover lists: the cases leaving a caseworker and coming to them, and the handover meeting's record."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib import messages
from django.db.models import F, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from overgang.web.access import can, profile_of
from overgang.web.dataset.models import Employee
from overgang.web.pages.conflicts import conflict_of
from overgang.web.pages.forms import HandoverForm
from overgang.web.pages.permissions import allowed_or_403, requires
from overgang.web.pages.reasons import case_decision_text
from overgang.web.planning.models import CaseDecision
from overgang.web.planning.selectors import current_plan
from overgang.web.process import services as process
from overgang.web.process.concurrency import StaleEdit
from overgang.web.process.models import HandoverMeeting


def _handovers(request: HttpRequest) -> QuerySet[CaseDecision]:
    """The current plan's cases that change contact person, as far as the user may see them."""
    return (
        CaseDecision.objects.for_user(request.user)
        .filter(plan=current_plan())
        .exclude(former_contact="")
        .exclude(former_contact=F("contact_person"))
        .select_related("plan", "handover")
        .order_by("case_id")
    )


def _rows(decisions: Iterable[CaseDecision], names: dict[str, str]) -> list[tuple[Any, ...]]:
    """Each handover with its reason, its meeting and the two contact persons' names."""
    return [
        (
            d,
            case_decision_text(d),
            getattr(d, "handover", None),
            names.get(d.former_contact, d.former_contact),
            names.get(d.contact_person, d.contact_person),
        )
        for d in decisions
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
            "names": names,
        },
    )


@requires("record_handover")
def handover_meeting(request: HttpRequest, pk: int) -> HttpResponse:
    decision = get_object_or_404(_handovers(request), pk=pk)
    allowed_or_403(request, "record_handover", decision)
    created = process.handover_meeting_of(decision=decision, by=request.user)
    meeting = HandoverMeeting.objects.for_user(request.user).get(pk=created.pk)
    allowed_or_403(request, "record_handover", meeting)
    conflict = None
    form = HandoverForm(
        initial={
            "held_on": meeting.held_on,
            "participants": meeting.participants,
            "done": meeting.done,
            "notes": meeting.notes,
            "version": meeting.version,
        }
    )
    if request.method == "POST":
        form = HandoverForm(request.POST)
        if form.is_valid():
            try:
                data = form.cleaned_data
                process.save_handover_meeting(
                    meeting=meeting,
                    version=int(data["version"]),
                    held_on=data.get("held_on"),
                    participants=data.get("participants", ""),
                    done=bool(data.get("done")),
                    notes=data.get("notes", ""),
                    by=request.user,
                )
            except StaleEdit as stale:
                conflict = conflict_of(
                    stale, {name: str(field.label) for name, field in form.fields.items()}
                )
                form = HandoverForm(
                    initial={**form.cleaned_data, "version": stale.current.version}  # type: ignore[attr-defined]
                )
            else:
                messages.success(
                    request,
                    _("The handover meeting of case %(case)s has been saved.")
                    % {"case": decision.case_id},
                )
                return redirect("pages:handovers")
    names = dict(
        Employee.objects.filter(
            ext_id__in=[decision.former_contact, decision.contact_person]
        ).values_list("ext_id", "name")
    )
    return render(
        request,
        "pages/handover.html",
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
        },
    )
