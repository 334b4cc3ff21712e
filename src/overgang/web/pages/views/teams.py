"""District teams drawn as an organisation chart, and the families' joint plans."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from overgang.web.access import current_plan
from overgang.web.pages.permissions import requires


@requires("view_teams")
def teams(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/teams.html", {"plan": current_plan(), "teams": []})
