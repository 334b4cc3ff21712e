"""overgang verify-plan --reproduce and overgang reproduce-plan: re-solve a plan with its
stored settings and say whether the same plan comes back."""

from __future__ import annotations

import getpass
from typing import Any

import typer
from django.utils.translation import gettext as _

from overgang.cli.console import console, err_console, number, progress_bar
from overgang.cli.main import app
from overgang.cli.stored_plans import stored_plan_or_exit
from overgang.web.bootstrap import ensure_database


def show_reproduction(document: dict[str, Any]) -> bool:
    """Re-solve the plan with its stored settings, print the outcome; True: the same plan."""
    from overgang.web.planning.reproduce import reproduce_plan_document

    with progress_bar() as progress:
        progress.add_task(_("Re-solving with the plan's settings"), total=None)
        result = reproduce_plan_document(document)
    _print_outcome(result, float(result.stated), float(result.reproduced))
    return result.same


def _print_outcome(result: Any, stated: float, reproduced: float) -> None:
    """Print a reproduction's outcome (a `Reproduction` or a stored `PlanReproduction`)."""
    if result.same:
        console.print(_("Reproduced: the same settings give the same plan, decision for decision."))
        return
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
            "stated": number(stated),
            "reproduced": number(reproduced),
        }
    )


@app.command(
    "reproduce-plan",
    help=_(
        "Re-solve a stored plan with its stored settings, say whether the same plan comes "
        "back, and keep the outcome with the plan (its page shows it)."
    ),
)
def reproduce_plan_command(
    plan_id: int = typer.Argument(..., help=_("The stored plan's id (see 'overgang plans').")),
    by: str = typer.Option(
        getpass.getuser(), "--by", help=_("Who asks for it (recorded with the outcome).")
    ),
) -> None:
    ensure_database()
    from overgang.web.audit.actors import command_line_actor
    from overgang.web.planning.reproductions import made_deterministically, reproduce_stored_plan
    from overgang.web.planning.services import PlanningUnavailable

    stored = stored_plan_or_exit(plan_id)
    if not made_deterministically(stored):
        console.print(
            _(
                "Note: the plan was made with the search that stops on the clock, not the "
                "deterministic search; a re-solve cannot be expected to give the same plan."
            ),
            soft_wrap=True,
        )
    try:
        with progress_bar() as progress:
            progress.add_task(_("Re-solving with the plan's settings"), total=None)
            outcome = reproduce_stored_plan(plan=stored, by=command_line_actor(by))
    except PlanningUnavailable as error:
        err_console.print(_("Cannot reproduce the plan: %(error)s") % {"error": error})
        raise typer.Exit(1) from error
    _print_outcome(outcome, outcome.stated_value, outcome.reproduced_value)
    if not outcome.same:
        raise typer.Exit(1)
