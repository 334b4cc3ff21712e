"""Reports to download: the plan file now, the reports of `overgang.reports` where they exist."""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from overgang.web.access import can, current_plan
from overgang.web.audit.log import record
from overgang.web.audit.models import Action
from overgang.web.pages.permissions import requires
from overgang.web.planning.models import StoredPlan
from overgang.web.planning.services import stored_plan_document


@requires("download_aggregate_reports")
def reports(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "pages/reports.html",
        {
            "plan": current_plan(),
            "may_personal": can(request.user, "download_personal_reports"),
        },
    )


@requires("download_personal_reports")
def plan_file(request: HttpRequest, pk: int) -> HttpResponse:
    """The plan file (JSON) with every decision and its reason: personal data, so it is logged."""
    plan = get_object_or_404(StoredPlan, pk=pk)
    record(
        request, Action.DOWNLOAD, plan, object_type="planning.storedplan", object_id=str(plan.pk)
    )
    body = json.dumps(stored_plan_document(plan), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="plan-{plan.pk}.json"'
    return response
