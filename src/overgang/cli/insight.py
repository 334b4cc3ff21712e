"""overgang audit citizen / audit user: the data protection officer's questions.

Who has accessed one citizen's data (a request for insight), and what one user has
accessed: a table, or a CSV file with --csv. Asking is itself logged.
"""

from __future__ import annotations

import getpass
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from rich.markup import escape
from rich.table import Table

from overgang.cli.audit import audit_app
from overgang.cli.console import console
from overgang.web.audit.actors import command_line_actor
from overgang.web.bootstrap import ensure_database

if TYPE_CHECKING:
    from overgang.web.audit.insight import Access

DAY = ["%Y-%m-%d"]


@audit_app.command(
    "citizen",
    help=_(
        "List every access to one citizen's data, their cases and the decisions about them: "
        "who, when, what and from where (for a request for insight)."
    ),
)
def citizen_command(
    citizen_id: str = typer.Argument(..., help=_("The citizen's borger_id.")),
    csv_file: Path = typer.Option(
        None, "--csv", help=_("Write the entries to this CSV file instead.")
    ),
    since: datetime = typer.Option(
        None, "--since", formats=DAY, help=_("Only entries from this day on.")
    ),
    until: datetime = typer.Option(
        None, "--until", formats=DAY, help=_("Only entries up to this day.")
    ),
    by: str = typer.Option(
        getpass.getuser(), "--by", help=_("Who asks (recorded in the audit log).")
    ),
) -> None:
    ensure_database()
    from overgang.web.audit.insight import accesses_to_citizen, record_insight

    accesses = accesses_to_citizen(
        citizen_id,
        since=since.date() if since else None,
        until=until.date() if until else None,
    )
    title = _("Accesses to the data of citizen %(id)s") % {"id": citizen_id}
    _answer(accesses, csv_file, title)
    record_insight(
        command_line_actor(by),
        citizen=citizen_id,
        entries=len(accesses),
        csv_file=csv_file is not None,
    )


@audit_app.command(
    "user",
    help=_(
        "List everything one user has accessed: in the web application and, under the same "
        "name, at the command line (cli:NAME)."
    ),
)
def user_command(
    username: str = typer.Argument(..., help=_("The user's name.")),
    csv_file: Path = typer.Option(
        None, "--csv", help=_("Write the entries to this CSV file instead.")
    ),
    since: datetime = typer.Option(
        None, "--since", formats=DAY, help=_("Only entries from this day on.")
    ),
    until: datetime = typer.Option(
        None, "--until", formats=DAY, help=_("Only entries up to this day.")
    ),
    by: str = typer.Option(
        getpass.getuser(), "--by", help=_("Who asks (recorded in the audit log).")
    ),
) -> None:
    ensure_database()
    from overgang.web.audit.insight import accesses_by_user, record_insight

    accesses = accesses_by_user(
        username,
        since=since.date() if since else None,
        until=until.date() if until else None,
    )
    title = _("What %(user)s has accessed") % {"user": username}
    _answer(accesses, csv_file, title)
    record_insight(
        command_line_actor(by), user=username, entries=len(accesses), csv_file=csv_file is not None
    )


def _answer(accesses: Sequence[Access], csv_file: Path | None, title: str) -> None:
    from overgang.web.audit.insight import write_csv

    if csv_file is not None:
        csv_file.parent.mkdir(parents=True, exist_ok=True)
        # With a byte order mark, so that Excel opens it as UTF-8.
        with csv_file.open("w", encoding="utf-8-sig", newline="") as out:
            written = write_csv(accesses, out)
        console.print(
            ngettext(
                "Wrote %(count)d entry to %(path)s",
                "Wrote %(count)d entries to %(path)s",
                written,
            )
            % {"count": written, "path": csv_file}
        )
        return
    if not accesses:
        console.print(_("%(title)s: no entry in the audit log.") % {"title": title})
        return
    table = Table(title=escape(title), title_justify="left")
    for heading, justify in (
        (_("Number"), "right"),
        (_("Time"), "left"),
        (_("User"), "left"),
        (_("Action"), "left"),
        (_("Object"), "left"),
        (_("Ids"), "left"),
        (_("Municipality"), "right"),
        (_("Address"), "left"),
    ):
        table.add_column(heading, justify=justify)  # type: ignore[arg-type]
    for a in accesses:
        table.add_row(
            str(a.seq),
            f"{timezone.localtime(a.at):%Y-%m-%d %H:%M:%S}",
            escape(a.username or "–"),
            a.action_words,
            escape(a.object_words),
            escape(a.ids_shown),
            str(a.municipality or "–"),
            a.address or "–",
        )
    console.print(table)
    console.print(
        ngettext("%(count)d entry.", "%(count)d entries.", len(accesses)) % {"count": len(accesses)}
    )
