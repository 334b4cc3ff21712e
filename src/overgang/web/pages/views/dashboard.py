"""The overview: the process status in figures and charts, small counts hidden where they must be.

Every count goes through `pages.figures`, which leaves them exact for personal
roles and suppresses them for committees (primary "<5" and secondary "x").
The interviews over time are drawn for personal roles only: their daily steps
are counts of a few people each.

The counts are kept a few seconds and shown with their time (`pages.dashboard_figures`);
so are the figures and charts drawn from them, per language and per exact or suppressed
counts. What the page shows of people is read per request, through the scoping layer.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from overgang.web.access import can, suppressed
from overgang.web.pages.case_transfer_progress import case_transfer_table
from overgang.web.pages.civil_servants import flagged_for_lead
from overgang.web.pages.dashboard_figures import OverviewFigures, kept_for, overview_figures
from overgang.web.pages.figures import aggregate_only
from overgang.web.pages.handover_progress import handover_table, handovers_overdue
from overgang.web.pages.navigation import first_page
from overgang.web.pages.overview import (
    handover_chart,
    interview_chart,
    of_total,
    overview,
    resignation_chart,
    wish_chart,
)
from overgang.web.planning.selectors import current_plan


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    if not can(request.user, "view_dashboard"):
        elsewhere = first_page(request)
        if elsewhere is None and request.user.is_superuser:
            return redirect("admin:index")  # a superuser without a role administers users
        if elsewhere is None:
            raise PermissionDenied
        return redirect(elsewhere)
    kept = overview_figures(request)
    user = request.user
    return render(
        request,
        "pages/dashboard.html",
        {
            "status": kept.status,
            "figures_as_of": kept.computed_at,
            "milestones": kept.milestones,
            **kept_for(kept, user, lambda: _drawn(kept, user)),
            # Personal data, read per request through the scoping layer (and logged).
            "civil_servants_flagged": flagged_for_lead(current_plan(), user),
            "handovers_overdue": handovers_overdue(user),
        },
    )


def _drawn(kept: OverviewFigures, user: Any) -> dict[str, Any]:
    """The overview's figures, tables and charts as the user may see them: the same for
    every user who sees exact counts, and for every one who sees them suppressed."""
    status = kept.status
    shown = overview(status, user)
    held, due = shown.interviews_held(), shown.interviews.column_totals["n"][1]
    handovers = shown.handovers
    figures_shown = [
        (_("Interviews held"), of_total(held, due)),
        (
            _("Decisions notified"),
            of_total(shown.notified.cell("done", "n")[1], shown.notified.column_totals["n"][1]),
        ),
        (
            _("Handover meetings held"),
            of_total(
                handovers.column_totals.get("done", (0, "0"))[1],
                handovers.grand_total[1] if handovers.grand_total else "0",
            ),
        ),
        (
            _("Resignations due to the dissolution"),
            shown.resignations.column_totals.get("dissolution", (0, "0"))[1],
        ),
    ]
    charts = [wish_chart(shown), handover_chart(shown), resignation_chart(status, user)]
    if not aggregate_only(user):
        charts.insert(0, interview_chart(status, held, due))
    attention = [
        (label, suppressed(count, user))
        for label, count in (
            (
                _("Employees no longer on HR's list with an interview recorded in Overgang"),
                status.retired_with_records,
            ),
            (
                _("Employees and cases no longer listed that the current plan decides about"),
                status.retired_in_plan,
            ),
            (
                _(
                    "Fixed decisions about someone or something gone, or naming a contact person who leaves"
                ),
                status.fixes_on_gone,
            ),
        )
        if count
    ]
    return {
        "attention": attention,
        "figures": figures_shown,
        "charts": charts,
        "suppressing": aggregate_only(user),
        "units": [
            (name, shown.units.cell(name, "held")[1], shown.units.row_totals[name][1])
            for name in shown.units.row_totals
        ],
        "transfers": case_transfer_table(user, kept.transfers, kept.municipality_names),
        **handover_table(user, kept.handovers, kept.municipality_names, kept.profession_names),
    }
