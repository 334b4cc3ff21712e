"""Command of the transition lead: approve a stored plan, as the plan's page does."""

from __future__ import annotations

import getpass

import typer
from django.utils.translation import gettext as _

from overgang.cli.console import console, err_console
from overgang.cli.main import app
from overgang.cli.planning import show_stale
from overgang.web.audit.actors import command_line_actor
from overgang.web.bootstrap import ensure_database


@app.command(
    "approve",
    help=_(
        "Approve a stored plan and lock it. After the first approval, only a plan re-planned from the approved one can replace it."
    ),
)
def approve_command(
    plan_id: int = typer.Argument(..., help=_("The plan's id (see 'overgang plans').")),
    by: str = typer.Option(
        getpass.getuser(), "--by", help=_("Who approves the plan (recorded with it).")
    ),
) -> None:
    ensure_database()
    from overgang.web.dataset.lock import busy_database_as
    from overgang.web.planning.models import StoredPlan
    from overgang.web.process.services import ProcessError, approve_plan

    stored = StoredPlan.objects.filter(pk=plan_id).first()
    if stored is None:
        err_console.print(_("No plan with id %(id)s.") % {"id": plan_id})
        raise typer.Exit(1)
    try:
        with busy_database_as(ProcessError):
            approve_plan(plan=stored, by=command_line_actor(by))
    except ProcessError as refused:
        err_console.print(
            _("Plan %(id)s was not approved: %(reason)s") % {"id": plan_id, "reason": refused},
            soft_wrap=True,
        )
        raise typer.Exit(1) from refused
    console.print(_("Plan %(id)s is approved and locked.") % {"id": plan_id})
    show_stale(stored)
