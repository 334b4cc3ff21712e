"""The page "Forløbet": the transition's dates, legal basis and municipalities (transition lead)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from overgang.web.dataset.models import Municipality
from overgang.web.dataset.municipalities import MunicipalityError, set_municipality
from overgang.web.pages.conflicts import conflict_of
from overgang.web.pages.permissions import requires
from overgang.web.pages.setup_forms import BASIS_EXPLAINED, MunicipalityForm, TransitionForm
from overgang.web.process.concurrency import StaleEdit
from overgang.web.process.models import LegalBasis, Transition
from overgang.web.process.services import ProcessError
from overgang.web.process.transition import update_transition


def _initial(transition: Transition) -> dict[str, object]:
    return {
        "effective_date": transition.effective_date,
        "announced_on": transition.announced_on,
        "legal_basis": transition.legal_basis,
        "legal_basis_note": transition.legal_basis_note,
        "version": transition.version,
    }


@requires("manage_transition")
def transition_settings(request: HttpRequest) -> HttpResponse:
    transition = Transition.current()
    form = TransitionForm(initial=_initial(transition))
    conflict = None
    if request.method == "POST":
        form = TransitionForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                update = update_transition(
                    by=request.user,
                    version=data["version"],
                    effective_date=data["effective_date"],
                    announced_on=data["announced_on"],
                    legal_basis=data["legal_basis"],
                    legal_basis_note=data["legal_basis_note"],
                )
            except StaleEdit as stale:
                conflict = conflict_of(
                    stale, {name: str(field.label) for name, field in form.fields.items()}
                )
                form = TransitionForm(initial={**data, "version": stale.current.version})  # type: ignore[attr-defined]
            except ProcessError as refused:
                form.add_error(None, str(refused))
            else:
                messages.success(request, _("The transition's settings have been saved."))
                if update.milestones_moved:
                    messages.info(
                        request,
                        ngettext(
                            "%(count)d milestone moved with the date it follows.",
                            "%(count)d milestones moved with the dates they follow.",
                            update.milestones_moved,
                        )
                        % {"count": update.milestones_moved},
                    )
                return redirect("pages:transition")
    municipalities = [
        (row, MunicipalityForm(initial={"name": row.name, "role": row.role}, code=row.code))
        for row in Municipality.objects.filter(retired_at=None).order_by("code")
    ]
    return render(
        request,
        "pages/transition.html",
        {
            "form": form,
            "conflict": conflict,
            "transition": transition,
            "bases": [(label, BASIS_EXPLAINED[value]) for value, label in LegalBasis.choices],
            "municipalities": municipalities,
        },
    )


@require_POST
@requires("manage_transition")
def transition_municipality(request: HttpRequest, code: int) -> HttpResponse:
    row = get_object_or_404(Municipality, code=code, retired_at=None)
    form = MunicipalityForm(request.POST, code=code)
    if not form.is_valid():
        messages.error(request, _("Give the municipality a name and a role."))
        return redirect("pages:transition")
    try:
        set_municipality(
            code=row.code,
            name=form.cleaned_data["name"],
            role=form.cleaned_data["role"],
            by=request.user,
        )
    except MunicipalityError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request,
            _("Municipality %(code)s has been saved; a later import keeps its name and role.")
            % {"code": code},
        )
    return redirect("pages:transition")
