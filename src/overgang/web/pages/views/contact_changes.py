"""Changes of contact person after the effective date: recorded on the case page, and
compared with the plan's promise of continuity on a page for the leads."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from overgang.core.continuity_followup import continuity_table
from overgang.web.access import profile_of
from overgang.web.accounts.models import Role
from overgang.web.casefiles.contact_changes import (
    ContactChangeError,
    continuity,
    record_contact_change,
)
from overgang.web.dataset.models import Case, Municipality, Profession
from overgang.web.pages.forms import ContactChangeForm
from overgang.web.pages.permissions import allowed_or_403, requires


@require_POST
@requires("record_contact_change")
def case_contact_change(request: HttpRequest, ext_id: str) -> HttpResponse:
    case = get_object_or_404(
        Case.objects.for_user(request.user).select_related("acting_municipality"), ext_id=ext_id
    )
    allowed_or_403(request, "record_contact_change", case)
    form = ContactChangeForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("pages:case", ext_id=case.ext_id)
    data = form.cleaned_data
    try:
        record_contact_change(
            case=case,
            changed_on=data["changed_on"],
            from_person=data.get("from_person", ""),
            to_person=data.get("to_person", ""),
            by=request.user,
        )
    except ContactChangeError as refused:
        for issue in refused.issues:
            messages.error(request, issue.message)
    else:
        messages.success(
            request,
            _("The change of contact person on case %(case)s is recorded.") % {"case": case.ext_id},
        )
    return redirect("pages:case", ext_id=case.ext_id)


@requires("view_continuity")
def continuity_page(request: HttpRequest) -> HttpResponse:
    """Children the plan let keep their contact person who did, per profession (suppressed)."""
    profile = profile_of(request.user)
    code = profile.municipality_code if profile and profile.role == Role.MUNICIPAL_LEAD else None
    report = continuity(municipality_code=code)
    shown = continuity_table(report.rows)
    names = dict(Profession.objects.values_list("code", "name"))
    rows = [
        (
            names.get(r.profession, r.profession),
            shown.cell(r.profession, "kept").display(),
            shown.cell(r.profession, "changed").display(),
            shown.row_total(r.profession).display(),
        )
        for r in report.rows
    ]
    totals = (
        [
            *(c.display() for c in shown.column_totals or ()),
            shown.grand_total.display() if shown.grand_total else "–",
        ]
        if rows
        else []
    )
    return render(
        request,
        "pages/continuity.html",
        {
            "report": report,
            "rows": rows,
            "totals": totals,
            "municipality": (
                Municipality.objects.filter(code=code).values_list("name", flat=True).first()
                if code
                else None
            ),
        },
    )
