"""Citizens and their cases, each case with its decision in the current plan."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from overgang.web.dataset.models import Case, Citizen
from overgang.web.pages.contact_changes import contact_change_context
from overgang.web.pages.listing import page_of, searched
from overgang.web.pages.permissions import requires
from overgang.web.pages.reasons import case_decision_text
from overgang.web.planning.models import CaseDecision
from overgang.web.planning.selectors import current_plan


@requires("view_citizens")
def citizen_list(request: HttpRequest) -> HttpResponse:
    rows = (
        Citizen.objects.for_user(request.user)
        .select_related("municipality", "district")
        .order_by("ext_id")
    )
    rows, words = searched(request, rows, "ext_id", "family_id", "district__name")
    page = page_of(request, rows)
    return render(
        request,
        "pages/citizens.html",
        {"page": page, "q": words, "search_label": _("Search citizens")},
    )


@requires("view_citizens")
def citizen_detail(request: HttpRequest, ext_id: str) -> HttpResponse:
    citizen = get_object_or_404(
        Citizen.objects.for_user(request.user).select_related(
            "municipality", "district", "institution"
        ),
        ext_id=ext_id,
    )
    cases = (
        Case.objects.for_user(request.user)
        .filter(citizen=citizen)
        .select_related("citizen", "acting_municipality", "paying_municipality", "contact_person")
    )
    family = (
        Citizen.objects.for_user(request.user)
        .filter(family_id=citizen.family_id)
        .exclude(pk=citizen.pk)
    )
    return render(
        request, "pages/citizen.html", {"citizen": citizen, "cases": cases, "family": family}
    )


@requires("view_cases")
def case_list(request: HttpRequest) -> HttpResponse:
    rows = (
        Case.objects.for_user(request.user)
        .select_related("citizen", "acting_municipality", "paying_municipality", "contact_person")
        .order_by("ext_id")
    )
    rows, words = searched(request, rows, "ext_id", "service", "citizen__ext_id", "provider")
    delivery = request.GET.get("levering", "")
    if delivery in ("intern", "ekstern"):
        rows = rows.filter(delivery=delivery)
    page = page_of(request, rows)
    return render(
        request,
        "pages/cases.html",
        {"page": page, "q": words, "search_label": _("Search cases"), "delivery": delivery},
    )


@requires("view_cases")
def case_detail(request: HttpRequest, ext_id: str) -> HttpResponse:
    case = get_object_or_404(
        Case.objects.for_user(request.user).select_related(
            "citizen", "acting_municipality", "paying_municipality", "contact_person", "profession"
        ),
        ext_id=ext_id,
    )
    decision = (
        CaseDecision.objects.for_user(request.user)
        .filter(plan=current_plan(), case_id=case.ext_id)
        .select_related("plan")
        .first()
    )
    return render(
        request,
        "pages/case.html",
        {
            "case": case,
            "decision": decision,
            "decision_text": case_decision_text(decision) if decision else "",
            "handover": getattr(decision, "handover", None) if decision else None,
            **contact_change_context(request, case),
        },
    )
