"""Command of the transition lead: approve a stored plan, as the plan's page does."""

from __future__ import annotations

import getpass

import typer
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from overgang.cli.console import console, err_console
from overgang.cli.main import app
from overgang.cli.planning import show_stale
from overgang.cli.stored_plans import stored_plan_or_exit
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
    reason: str = typer.Option(
        "",
        "--reason",
        help=_(
            "Why the plan is approved while a consultation is open or before the employee "
            "representatives are recorded as informed (logged with the approval)."
        ),
    ),
) -> None:
    ensure_database()
    from overgang.web.dataset.lock import busy_database_as
    from overgang.web.process.information import ApprovalNeedsReason
    from overgang.web.process.services import ProcessError, approve_plan

    stored = stored_plan_or_exit(plan_id)
    try:
        with busy_database_as(ProcessError):
            approve_plan(plan=stored, by=command_line_actor(by), override_reason=reason)
    except ProcessError as refused:
        err_console.print(
            _("Plan %(id)s was not approved: %(reason)s") % {"id": plan_id, "reason": refused},
            soft_wrap=True,
        )
        if isinstance(refused, ApprovalNeedsReason):
            err_console.print(_('Give the reason with --reason "..." to approve anyway.'))
        raise typer.Exit(1) from refused
    console.print(_("Plan %(id)s is approved and locked.") % {"id": plan_id})
    from overgang.web.process.models import Hearing

    heard = Hearing.objects.filter(decision__plan=stored).order_by("reply_by")
    if heard.exists():
        console.print(
            ngettext(
                "%(count)d employee whose decision does not meet their wish is heard; "
                "reply deadline %(deadline)s. Write the letter with "
                "'overgang letters --kind hearing'.",
                "%(count)d employees whose decision does not meet their wish are heard; "
                "reply deadline %(deadline)s. Write their letters with "
                "'overgang letters --kind hearing'.",
                heard.count(),
            )
            % {"count": heard.count(), "deadline": heard.first().reply_by.isoformat()},  # type: ignore[union-attr]
            soft_wrap=True,
        )
    show_stale(stored)
