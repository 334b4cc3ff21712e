"""overgang milestones: list the milestone plan, write it as a calendar file, and edit it."""

from __future__ import annotations

import getpass
from datetime import datetime
from pathlib import Path

import typer
from django.utils.translation import gettext as _
from rich.table import Table

from overgang.cli.console import console, err_console
from overgang.cli.main import app
from overgang.web.audit.actors import command_line_actor
from overgang.web.bootstrap import ensure_database

milestones_app = typer.Typer(
    help=_("The milestone plan: list it (the default), write it as a calendar file, or edit it."),
    invoke_without_command=True,
)
app.add_typer(milestones_app, name="milestones")

DATE = ["%Y-%m-%d"]


def _by_option() -> str:
    return typer.Option(
        getpass.getuser(), "--by", help=_("Who makes the change (recorded in the audit log).")
    )


def _state_words() -> dict[str, str]:
    return {
        "done": _("done"),
        "overdue": _("overdue"),
        "due_soon": _("due within 14 days"),
        "ahead": _("ahead"),
    }


@milestones_app.callback()
def milestones_command(
    context: typer.Context,
    ics: Path = typer.Option(
        None,
        "--ics",
        help=_("Write the milestones to this iCalendar (.ics) file, which Outlook imports."),
        dir_okay=False,
        writable=True,
    ),
) -> None:
    if context.invoked_subcommand is not None:
        return
    ensure_database()
    from overgang.web.process.calendar import milestones_calendar
    from overgang.web.process.clock import today
    from overgang.web.process.milestones import ensure_milestones, milestone_state
    from overgang.web.process.models import Milestone

    rows = list(Milestone.objects.order_by("due_on", "pk")) or ensure_milestones()
    if ics is not None:
        ics.write_bytes(milestones_calendar(rows))
        console.print(
            _("Wrote %(count)s milestones to %(file)s.") % {"count": len(rows), "file": ics}
        )
        return
    now, words = today(), _state_words()
    table = Table(title=_("Milestones"), title_justify="left")
    for column in (
        _("No."),
        _("Deadline"),
        _("Milestone"),
        _("Responsible"),
        _("Status"),
        _("Source"),
    ):
        table.add_column(column, no_wrap=column in (_("No."), _("Deadline")))
    for m in rows:
        state = milestone_state(m, now)
        status = words[state]
        if m.done_on:
            status = f"{status} {m.done_on.isoformat()}"
        table.add_row(
            str(m.pk),
            m.due_on.isoformat(),
            m.title,
            m.responsible or "-",
            status,
            m.legal_basis or "-",
        )
    console.print(table)


def _milestone(number: int):  # type: ignore[no-untyped-def]
    from overgang.web.process.models import Milestone

    milestone = Milestone.objects.filter(pk=number).first()
    if milestone is None:
        err_console.print(_("No milestone has the number %(number)s.") % {"number": number})
        raise typer.Exit(1)
    return milestone


def _number_argument() -> int:
    return typer.Argument(..., help=_("The milestone's number, as `overgang milestones` lists it."))


@milestones_app.command("add", help=_("Add a milestone of your own."))
def add_command(
    title: str = typer.Argument(..., help=_("What is to be done.")),
    due_on: datetime = typer.Option(..., "--date", formats=DATE, help=_("The deadline.")),
    responsible: str = typer.Option("", "--responsible", help=_("The person responsible.")),
    note: str = typer.Option("", "--note", help=_("A note.")),
    by: str = _by_option(),
) -> None:
    ensure_database()
    from overgang.web.process.services import ProcessError, add_milestone

    try:
        milestone = add_milestone(
            title=title,
            due_on=due_on.date(),
            responsible=responsible,
            note=note,
            by=command_line_actor(by),
        )
    except ProcessError as refused:
        err_console.print(str(refused))
        raise typer.Exit(1) from refused
    console.print(
        _("Added milestone %(number)s: %(title)s, %(day)s.")
        % {"number": milestone.pk, "title": milestone.title, "day": milestone.due_on.isoformat()}
    )


@milestones_app.command(
    "move", help=_("Give a milestone a new deadline; it no longer follows the effective date.")
)
def move_command(
    number: int = _number_argument(),
    due_on: datetime = typer.Option(..., "--date", formats=DATE, help=_("The new deadline.")),
    by: str = _by_option(),
) -> None:
    ensure_database()
    from overgang.web.process.services import move_milestone

    milestone = _milestone(number)
    moved = move_milestone(
        milestone=milestone,
        version=milestone.version,
        due_on=due_on.date(),
        by=command_line_actor(by),
    )
    console.print(
        _("Moved “%(title)s” to %(day)s.") % {"title": moved.title, "day": moved.due_on.isoformat()}
    )


@milestones_app.command("responsible", help=_("Name the person responsible for a milestone."))
def responsible_command(
    number: int = _number_argument(),
    name: str = typer.Argument(..., help=_("Their name or title; empty to name nobody.")),
    by: str = _by_option(),
) -> None:
    ensure_database()
    from overgang.web.process.services import set_milestone_responsible

    milestone = _milestone(number)
    saved = set_milestone_responsible(
        milestone=milestone, version=milestone.version, responsible=name, by=command_line_actor(by)
    )
    console.print(
        _("“%(title)s”: responsible %(who)s.")
        % {"title": saved.title, "who": saved.responsible or "-"}
    )


@milestones_app.command("done", help=_("Mark a milestone done (today, or on --date)."))
def done_command(
    number: int = _number_argument(),
    done_on: datetime = typer.Option(
        None, "--date", formats=DATE, help=_("The day it was done; today if left out.")
    ),
    undo: bool = typer.Option(False, "--undo", help=_("Mark it not done after all.")),
    by: str = _by_option(),
) -> None:
    ensure_database()
    from overgang.web.process.clock import today
    from overgang.web.process.services import mark_milestone_done

    milestone = _milestone(number)
    day = None if undo else (done_on.date() if done_on else today())
    saved = mark_milestone_done(
        milestone=milestone, version=milestone.version, done_on=day, by=command_line_actor(by)
    )
    if day is None:
        console.print(_("“%(title)s” is not done.") % {"title": saved.title})
    else:
        console.print(
            _("“%(title)s” done on %(day)s.") % {"title": saved.title, "day": day.isoformat()}
        )


@milestones_app.command("remove", help=_("Remove a milestone; the audit log keeps what it was."))
def remove_command(number: int = _number_argument(), by: str = _by_option()) -> None:
    ensure_database()
    from overgang.web.process.services import remove_milestone

    milestone = _milestone(number)
    remove_milestone(milestone=milestone, version=milestone.version, by=command_line_actor(by))
    console.print(_("Removed “%(title)s”.") % {"title": milestone.title})


@milestones_app.command(
    "template",
    help=_("Add the template's missing steps; steps never edited are brought onto the template."),
)
def template_command(by: str = _by_option()) -> None:
    ensure_database()
    from overgang.web.process.milestones import ensure_milestones
    from overgang.web.process.models import Milestone

    before = Milestone.objects.count()
    rows = ensure_milestones(by=command_line_actor(by))
    console.print(
        _("%(count)s milestones; %(added)s added from the template.")
        % {"count": len(rows), "added": max(len(rows) - before, 0)}
    )
