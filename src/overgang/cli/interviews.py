"""overgang interview: record a preference interview from the command line."""

from __future__ import annotations

import getpass
from datetime import datetime

import typer
from django.utils.translation import gettext as _

from overgang.cli.console import console, err_console
from overgang.cli.main import app
from overgang.web.audit.actors import command_line_actor
from overgang.web.bootstrap import ensure_database

interview_app = typer.Typer(help=_("Preference interviews."), no_args_is_help=True)
app.add_typer(interview_app, name="interview")


@interview_app.command(
    "record", help=_("Record a preference interview with an employee; the latest one counts.")
)
def record_command(
    employee_id: str = typer.Argument(..., help=_("The employee's medarbejder_id.")),
    held_on: datetime = typer.Option(
        ..., "--date", formats=["%Y-%m-%d"], help=_("The day the interview was held.")
    ),
    wish: int = typer.Option(
        None, "--wish", help=_("The wished municipality's code; leave out for no wish.")
    ),
    note: str = typer.Option("", "--note", help=_("A remark from the interview.")),
    acceptable: list[int] = typer.Option(
        [],
        "--acceptable",
        help=_("The code of another municipality the employee can accept; repeat it for several."),
    ),
    by: str = typer.Option(
        getpass.getuser(), "--by", help=_("Who records it (recorded in the audit log).")
    ),
) -> None:
    ensure_database()
    from overgang.web.dataset.models import Employee
    from overgang.web.dataset.services import record_interview

    employee = Employee.objects.filter(ext_id=employee_id).first()
    if employee is None:
        err_console.print(_("No employee has the id %(id)s.") % {"id": employee_id})
        raise typer.Exit(1)
    try:
        interview = record_interview(
            employee=employee,
            held_on=held_on.date(),
            wish=wish,
            note=note,
            acceptable=acceptable,
            by=command_line_actor(by),
        )
    except ValueError as refused:
        err_console.print(str(refused))
        raise typer.Exit(1) from refused
    console.print(
        _("Recorded the interview with %(id)s held on %(date)s.")
        % {"id": employee.ext_id, "date": interview.held_on.isoformat()}
    )
