"""District teams drawn as an organisation chart, and the families' joint plans.

Teams and family plans are stored beside a plan by `planning.analysis`. Names
of members are shown only for the employees the user may see
(`Employee.objects.for_user`), and family plans only for families with a
citizen the user may see (`Citizen.objects.for_user`).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.views.decorators.http import require_POST

from overgang.web.access import can
from overgang.web.dataset.models import Citizen, Employee, Municipality
from overgang.web.pages import plan_runs
from overgang.web.pages.permissions import requires
from overgang.web.planning.models import FamilyPlan, PlanTeam, StoredPlan
from overgang.web.planning.selectors import current_plan


def _chart(plan: StoredPlan, visible: dict[str, str]) -> list[dict[str, Any]]:
    """Return municipalities > teams > professions > members, as the organisation chart draws them."""
    names = dict(Municipality.objects.values_list("code", "name"))
    municipalities: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for team in PlanTeam.objects.filter(plan=plan).prefetch_related("memberships"):
        professions: dict[str, list[dict[str, Any]]] = defaultdict(list)
        leader = None
        hidden = 0
        for member in team.memberships.all():
            if member.employee_id not in visible:
                hidden += 1
                continue
            entry = {
                "id": member.employee_id,
                "name": visible[member.employee_id],
                "fte": member.fte,
                "share": member.share_inside,
            }
            if member.is_leader:
                leader = entry
            else:
                professions[member.profession].append(entry)
        municipalities[team.municipality].append(
            {
                "team": team,
                "leader": leader,
                "professions": sorted(professions.items()),
                "hidden": hidden,
                "size": team.memberships.count(),
            }
        )
    return [
        {"name": names.get(code, str(code)), "teams": teams}
        for code, teams in sorted(municipalities.items())
    ]


@requires("view_teams")
def teams(request: HttpRequest) -> HttpResponse:
    plan = current_plan()
    analysed = plan is not None and hasattr(plan, "analysis")
    visible = dict(Employee.objects.for_user(request.user).values_list("ext_id", "name"))
    families: list[FamilyPlan] = []
    if analysed:
        family_ids = Citizen.objects.for_user(request.user).values_list("family_id", flat=True)
        families = list(
            FamilyPlan.objects.filter(plan=plan, family_id__in=list(family_ids)).order_by(
                "municipality", "team_id", "family_id"
            )
        )
    return render(
        request,
        "pages/teams.html",
        {
            "plan": plan,
            "analysed": analysed,
            "chart": _chart(plan, visible) if analysed and plan else [],
            "families": [(f, visible.get(f.coordinator, "")) for f in families],
            "names": visible,
            "may_analyse": can(request.user, "run_plan"),
        },
    )


@require_POST
@requires("run_plan")
def teams_form(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(StoredPlan, pk=pk)
    run = plan_runs.start_analysis(plan=plan, by=request.user, language=get_language())
    return redirect("pages:plan-run", run_id=run.id)
