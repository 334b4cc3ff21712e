"""overgang fix, fixes, unfix: fixed decisions (fastlagte beslutninger) on the command line."""

from __future__ import annotations

import getpass

import typer
from django.utils.translation import gettext as _
from rich.markup import escape
from rich.table import Table

from overgang.cli.console import console, err_console
from overgang.cli.main import app
from overgang.web.audit.actors import command_line_actor
from overgang.web.bootstrap import ensure_database

fix_app = typer.Typer(
    help=_("Fix a decision by hand: every plan keeps it until it is unfixed."),
    no_args_is_help=True,
)
unfix_app = typer.Typer(
    help=_("Unfix a fixed decision; its history is kept."), no_args_is_help=True
)
app.add_typer(fix_app, name="fix")
app.add_typer(unfix_app, name="unfix")

REASON_OPTION = typer.Option(..., "--reason", help=_("Why the decision is fixed (required)."))
BY_OPTION = typer.Option(
    getpass.getuser(), "--by", help=_("Who fixes it (recorded with it and in the audit log).")
)


def _refused(error: ValueError) -> typer.Exit:
    err_console.print(str(error), markup=False)
    return typer.Exit(1)


@fix_app.command("employee", help=_("Fix that an employee works for a municipality."))
def fix_employee_command(
    employee_id: str = typer.Argument(..., metavar="ID", help=_("The employee's medarbejder_id.")),
    municipality: str = typer.Argument(
        ..., metavar="KOMMUNE", help=_("The municipality's code or name.")
    ),
    reason: str = REASON_OPTION,
    by: str = BY_OPTION,
) -> None:
    ensure_database()
    from overgang.web.planning.fixing import FixError, fix_employee, municipality_code

    try:
        fix = fix_employee(
            employee_id=employee_id,
            municipality=municipality_code(municipality),
            reason=reason,
            by=command_line_actor(by),
        )
    except FixError as refused:
        raise _refused(refused) from refused
    console.print(
        _("Fixed: employee %(id)s works for %(code)s.") % {"id": fix.subject_id, "code": fix.value},
        markup=False,
    )


@fix_app.command("case", help=_("Fix that a case keeps or gets a contact person."))
def fix_case_command(
    case_id: str = typer.Argument(..., metavar="SAG_ID", help=_("The case's sag_id.")),
    contact_person: str = typer.Argument(
        ..., metavar="KONTAKTPERSON", help=_("The contact person's medarbejder_id.")
    ),
    reason: str = REASON_OPTION,
    by: str = BY_OPTION,
) -> None:
    ensure_database()
    from overgang.web.planning.fixing import FixError, fix_case

    try:
        fix = fix_case(
            case_id=case_id,
            contact_person=contact_person,
            reason=reason,
            by=command_line_actor(by),
        )
    except FixError as refused:
        raise _refused(refused) from refused
    console.print(
        _("Fixed: case %(case)s has %(person)s as contact person.")
        % {"case": fix.subject_id, "person": fix.value},
        markup=False,
    )


def _unfix(kind: str, subject_id: str, by: str) -> None:
    ensure_database()
    from overgang.web.planning.fixing import FixError, unfix

    try:
        unfix(kind=kind, subject_id=subject_id, by=command_line_actor(by))
    except FixError as refused:
        raise _refused(refused) from refused
    console.print(_("Unfixed %(id)s; the fix is kept in its history.") % {"id": subject_id})


@unfix_app.command("employee", help=_("Unfix the decision about an employee."))
def unfix_employee_command(
    employee_id: str = typer.Argument(..., metavar="ID", help=_("The employee's medarbejder_id.")),
    by: str = BY_OPTION,
) -> None:
    _unfix("employee", employee_id, by)


@unfix_app.command("case", help=_("Unfix the decision about a case."))
def unfix_case_command(
    case_id: str = typer.Argument(..., metavar="SAG_ID", help=_("The case's sag_id.")),
    by: str = BY_OPTION,
) -> None:
    _unfix("case", case_id, by)


@app.command("fixes", help=_("List the fixed decisions in force (with --all, also earlier ones)."))
def fixes_command(
    every: bool = typer.Option(
        False, "--all", help=_("Also list fixes that were unfixed or replaced.")
    ),
    by: str = typer.Option(
        getpass.getuser(), "--by", help=_("Who lists them (recorded in the audit log).")
    ),
) -> None:
    ensure_database()
    from overgang.web.audit.log import record
    from overgang.web.audit.models import Action
    from overgang.web.planning.models import FixedDecision, FixKind

    rows = FixedDecision.objects.order_by("kind", "subject_id", "-fixed_at", "-pk")
    if not every:
        rows = rows.filter(removed_at=None)
    table = Table(title=_("Fixed decisions"), title_justify="left")
    for column in (_("Type"), _("Id"), _("Value"), _("Reason"), _("By"), _("When")):
        table.add_column(column)
    if every:
        table.add_column(_("Removed"))
    kinds = {FixKind.EMPLOYEE: _("employee"), FixKind.CASE: _("case")}
    listed = list(rows)
    for fix in listed:
        cells = [
            kinds.get(FixKind(fix.kind), fix.kind),
            escape(fix.subject_id),
            escape(fix.value),
            escape(fix.reason),
            escape(fix.fixed_by_name),
            fix.fixed_on.isoformat(),
        ]
        if every:
            cells.append(
                f"{fix.removed_at:%Y-%m-%d} {escape(fix.removed_by_name)}" if fix.removed_at else ""
            )
        table.add_row(*cells)
    console.print(table)
    if not listed:
        console.print(_("No decision is fixed."))
        return
    # Who is fixed where is personal data: its listing is in the audit log.
    record(
        command_line_actor(by),
        Action.LIST,
        object_type="planning.fixeddecision",
        object_id=str(len(listed)),
        detail={"command": "fixes --all" if every else "fixes"},
    )
