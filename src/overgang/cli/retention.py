"""overgang purge --personal-data: the retention rule, applied once the transition is over."""

from __future__ import annotations

import getpass

import typer
from django.utils.translation import gettext as _
from rich.table import Table

from overgang.cli.console import console, err_console
from overgang.cli.main import app
from overgang.web.audit.actors import command_line_actor
from overgang.web.bootstrap import ensure_database


def kind_words() -> dict[str, str]:
    return {
        "citizens": _("Citizens: CPR hash, year of birth, district, institution, family"),
        "cases": _(
            "Cases: provider, legal basis, start date, vulnerability, earlier changes, "
            "contact person"
        ),
        "interviews": _("Interviews: wish, acceptable municipalities, remark"),
        "handover_meetings": _("Handover meetings: participants, notes"),
        "case_fixes": _("Fixed decisions about a case: reason"),
        "interview_exemptions": _("Employees marked not relevant for an interview: reason"),
        "case_transfers": _("Case transfers: the case system's reason for a refusal"),
    }


def _show(counts: dict[str, int], title: str) -> None:
    table = Table(title=title, title_justify="left")
    table.add_column(_("What is blanked"))
    table.add_column(_("Rows"), justify="right")
    for kind, words in kind_words().items():
        table.add_row(words, str(counts.get(kind, 0)))
    console.print(table)


@app.command(
    "purge",
    help=_(
        "Remove the personal data once the transition is over (the retention rule): citizens' "
        "and cases' personal data and employees' wishes and interview notes. The counts, the "
        "stored plans and the audit log are kept."
    ),
)
def purge_command(
    personal_data: bool = typer.Option(
        False,
        "--personal-data",
        help=_("Purge the personal data (the one kind of purge there is; say it to mean it)."),
    ),
    force: bool = typer.Option(
        False, "--force", help=_("Purge before the retention period is over; needs --reason.")
    ),
    reason: str = typer.Option(
        "", "--reason", help=_("Why the purge is forced (recorded with it and in the audit log).")
    ),
    yes: bool = typer.Option(False, "--yes", help=_("Purge without asking for confirmation.")),
    by: str = typer.Option(
        getpass.getuser(), "--by", help=_("Who purges (recorded with it and in the audit log).")
    ),
) -> None:
    if not personal_data:
        raise typer.BadParameter(
            _("say what to purge: --personal-data"), param_hint="--personal-data"
        )
    if force and not reason.strip():
        raise typer.BadParameter(_("a forced purge needs a reason"), param_hint="--reason")
    ensure_database()
    from overgang.web.dataset.retention import (
        RetentionError,
        audit_log_months,
        pending_purge,
        purge_personal_data,
        retained_until,
    )
    from overgang.web.process import clock

    until = retained_until()
    if clock.today() < until and not force:
        err_console.print(
            _(
                "Nothing was purged: the personal data are kept until %(date)s "
                "(OVERGANG_RETENTION_MONTHS after the effective date %(effective)s). To purge "
                "them before that, use --force with --reason."
            )
            % {"date": until.isoformat(), "effective": clock.effective_date().isoformat()},
            soft_wrap=True,
        )
        raise typer.Exit(1)
    _show(pending_purge(), _("Personal data to purge"))
    console.print(
        _(
            "Kept: every row under its id with what the counts need, the stored plans with "
            "their metrics, the employees, and the audit log (each entry for %(months)d months)."
        )
        % {"months": audit_log_months()},
        soft_wrap=True,
    )
    if not yes and not typer.confirm(_("Purge them? It cannot be undone."), default=False):
        console.print(_("Nothing was purged."))
        raise typer.Exit(1)
    try:
        purge = purge_personal_data(by=command_line_actor(by), force_reason=reason if force else "")
    except RetentionError as refused:
        err_console.print(str(refused), soft_wrap=True)
        raise typer.Exit(1) from refused
    _show(purge.counts, _("Purged (record no. %(id)s)") % {"id": purge.pk})
