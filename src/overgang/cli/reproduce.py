"""overgang verify-plan --reproduce: re-solve a plan file and say whether it comes back."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from overgang.cli.console import console, number, progress_bar


def show_reproduction(document: dict[str, Any]) -> bool:
    """Re-solve the plan with its stored settings, print the outcome; True: the same plan."""
    from overgang.web.planning.reproduce import reproduce_plan_document

    with progress_bar() as progress:
        progress.add_task(_("Re-solving with the plan's settings"), total=None)
        result = reproduce_plan_document(document)
    if result.same:
        console.print(_("Reproduced: the same settings give the same plan, decision for decision."))
        return True
    if not result.same_inputs:
        console.print(_("Not reproduced: the stored data or settings differ from the plan's."))
    console.print(
        _(
            "Not reproduced: %(employees)d employees and %(cases)d cases differ; "
            "cost stated %(stated)s, re-solved %(reproduced)s."
        )
        % {
            "employees": result.employees_differ,
            "cases": result.cases_differ,
            "stated": number(float(result.stated)),
            "reproduced": number(float(result.reproduced)),
        }
    )
    return False
