"""The plan page's reproductions: the latest outcomes in words, and one under way."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from overgang.web.access import can
from overgang.web.pages.figures import figures
from overgang.web.planning.models import PlanReproduction, StoredPlan
from overgang.web.planning.reproductions import (
    latest_reproductions,
    made_deterministically,
    reproduction_under_way,
)


def verdict(reproduction: PlanReproduction, user: Any) -> str:
    """The outcome in plain words; for committees small counts are hidden ("<5")."""
    if reproduction.same:
        return _("The same plan, decision for decision")
    counts = figures(
        user,
        ["differ"],
        ["employees", "cases"],
        [[reproduction.employees_differ, reproduction.cases_differ]],
        row_totals=False,
        column_totals=False,
    )
    return _("Not the same plan: %(employees)s employees and %(cases)s cases differ") % {
        "employees": counts.cell("differ", "employees")[1],
        "cases": counts.cell("differ", "cases")[1],
    }


def reproduction_context(plan: StoredPlan, user: Any) -> dict[str, Any]:
    """What the plan page shows of its reproductions, and whether the user may ask for one."""
    return {
        "deterministic": made_deterministically(plan),
        "stopped_on_clock": plan.stopped_on_clock,
        "may_reproduce": can(user, "run_plan"),
        "under_way": reproduction_under_way(plan),
        "rows": [(r, verdict(r, user)) for r in latest_reproductions(plan)],
    }
