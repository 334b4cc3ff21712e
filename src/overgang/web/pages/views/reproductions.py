"""A plan re-solved with its stored settings, asked for on the plan page."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from overgang.web.pages.permissions import requires
from overgang.web.planning.models import StoredPlan
from overgang.web.planning.reproductions import start_reproduction


@require_POST
@requires("run_plan")
def plan_reproduce(request: HttpRequest, pk: int) -> HttpResponse:
    """Queue the plan's reproduction for a worker and follow it on the progress page."""
    plan = get_object_or_404(StoredPlan, pk=pk)
    job = start_reproduction(plan=plan, by=request.user, language=get_language())
    messages.info(
        request,
        _("Plan %(number)s is re-solved with its stored settings.") % {"number": plan.pk},
    )
    return redirect("pages:plan-run", run_id=job.pk)
