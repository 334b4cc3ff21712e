"""overgang interview: record a preference interview, follow up who is missing, mark "not relevant"."""

from __future__ import annotations

import getpass
from datetime import datetime
from typing import Any

import typer
from django.utils.translation import gettext as _
from rich.table import Table

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


# The issue and the follow-up speak of "interviews": the same commands under that name too.
app.add_typer(interview_app, name="interviews", hidden=True)


def _employee_or_exit(employee_id: str) -> Any:
    from overgang.web.dataset.models import Employee

    employee = Employee.objects.filter(ext_id=employee_id).first()
    if employee is None:
        err_console.print(_("No employee has the id %(id)s.") % {"id": employee_id})
        raise typer.Exit(1)
    return employee


@interview_app.command(
    "missing",
    help=_(
        "List every employee not yet interviewed, per unit and leader, with each unit's "
        "progress against the interview deadline (those marked not relevant left out)."
    ),
)
def missing_command(
    unit: str = typer.Option(None, "--unit", help=_("Show this unit only.")),
) -> None:
    ensure_database()
    from overgang.web.audit.log import record_list
    from overgang.web.dataset.models import Employee
    from overgang.web.process.clock import today
    from overgang.web.process.followup import interview_deadline, unit_progress

    units = [u for u in unit_progress() if unit is None or u.unit == unit]
    if unit is not None and not units:
        err_console.print(_("No employee belongs to the unit %(unit)s.") % {"unit": unit})
        raise typer.Exit(1)
    deadline, now = interview_deadline(), today()
    shown = [e for u in units for e in (*u.missing, *u.leaders)]
    employees = {e.ext_id: e for e in Employee.objects.filter(ext_id__in=shown)}
    record_list(command_line_actor(), employees.values(), detail={"command": "interview missing"})
    console.print(
        _("Interview deadline: %(deadline)s (today %(today)s).")
        % {"deadline": deadline.isoformat() if deadline else "-", "today": now.isoformat()}
    )
    table = Table(title=_("Interview progress per unit"), title_justify="left")
    for column, justify in (
        (_("Unit"), "left"),
        (_("Leaders"), "left"),
        (_("Interviewed"), "right"),
        (_("Due"), "right"),
        (_("Not relevant"), "right"),
        (_("Against the deadline"), "left"),
    ):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    words = {"done": _("done"), "open": _("open"), "overdue": _("overdue")}
    for u in units:
        table.add_row(
            u.unit or _("No unit"),
            ", ".join(employees[e].name for e in u.leaders if e in employees) or "-",
            str(u.held),
            str(u.due),
            str(u.exempt),
            f"{words[u.standing(deadline, now)]} ({round(100 * u.share)} %)",
        )
    console.print(table)
    for u in units:
        if not u.missing:
            continue
        console.print(_("Not interviewed yet: %(unit)s") % {"unit": u.unit or _("No unit")})
        for ext_id in u.missing:
            console.print(f"  {ext_id}  {employees[ext_id].name if ext_id in employees else ''}")


@interview_app.command(
    "exempt", help=_("Mark an employee as not relevant for an interview, with the reason.")
)
def exempt_command(
    employee_id: str = typer.Argument(..., help=_("The employee's medarbejder_id.")),
    reason: str = typer.Option(..., "--reason", help=_("Why no interview is needed.")),
    by: str = typer.Option(
        getpass.getuser(), "--by", help=_("Who records it (recorded in the audit log).")
    ),
) -> None:
    ensure_database()
    from overgang.web.process.exemptions import exempt_from_interview

    employee = _employee_or_exit(employee_id)
    try:
        exempt_from_interview(employee=employee, reason=reason, by=command_line_actor(by))
    except ValueError as refused:
        err_console.print(str(refused))
        raise typer.Exit(1) from refused
    console.print(_("%(id)s is marked as not relevant for an interview.") % {"id": employee.ext_id})


@interview_app.command(
    "unexempt", help=_("Undo a not-relevant mark: the employee is due for an interview again.")
)
def unexempt_command(
    employee_id: str = typer.Argument(..., help=_("The employee's medarbejder_id.")),
    by: str = typer.Option(
        getpass.getuser(), "--by", help=_("Who records it (recorded in the audit log).")
    ),
) -> None:
    ensure_database()
    from overgang.web.process.exemptions import undo_interview_exemption

    employee = _employee_or_exit(employee_id)
    if not undo_interview_exemption(employee=employee, by=command_line_actor(by)):
        err_console.print(_("%(id)s was not marked as not relevant.") % {"id": employee.ext_id})
        raise typer.Exit(1)
    console.print(_("%(id)s is due for an interview again.") % {"id": employee.ext_id})
