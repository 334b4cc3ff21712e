"""overgang transition: the transition's dates, legal basis and municipalities."""

from __future__ import annotations

import getpass
from datetime import date, datetime
from typing import Any

import typer
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from rich.markup import escape
from rich.table import Table

from overgang.cli.console import console, err_console
from overgang.cli.main import app
from overgang.web.audit.actors import command_line_actor
from overgang.web.bootstrap import ensure_database

transition_app = typer.Typer(
    help=_("The transition: its dates, the legal basis for moving staff, the municipalities."),
    no_args_is_help=True,
)
app.add_typer(transition_app, name="transition")

BY_OPTION = typer.Option(
    getpass.getuser(), "--by", help=_("Who does it (recorded in the audit log).")
)
# The roles as the workbook writes them (sheet kommuner, column rolle).
ROLES = ("vaert", "medlem")


def _refused(error: Exception) -> typer.Exit:
    err_console.print(str(error), markup=False)
    return typer.Exit(1)


def _day(value: date | None) -> str:
    return value.isoformat() if value else "-"


@transition_app.command("show", help=_("Show the transition's settings and municipalities."))
def transition_show_command() -> None:
    ensure_database()
    from overgang.web.dataset.models import Municipality
    from overgang.web.process.models import Body, Transition

    transition = Transition.current()
    table = Table(title=_("The transition"), show_header=False)
    table.add_column(_("Setting"))
    table.add_column(_("Value"))
    rows = [
        (_("Effective date"), _day(transition.effective_date)),
        (_("Announced on"), _day(transition.announced_on)),
        (
            _("Legal basis for moving staff"),
            f"{transition.legal_basis}: {transition.get_legal_basis_display()}",
        ),
        (_("Note on the legal basis"), transition.legal_basis_note or "-"),
        (_("Employee representatives informed on"), _day(transition.representatives_informed_on)),
        (_("Employee representatives consulted on"), _day(transition.representatives_consulted_on)),
        (_("Consulted bodies"), str(Body.objects.count())),
        (_("Version"), str(transition.version)),
    ]
    for label, value in rows:
        table.add_row(label, escape(value))
    console.print(table)
    municipalities = Table(title=_("Municipalities"))
    for heading in (_("Code"), _("Name"), _("Role"), _("Set in Overgang by")):
        municipalities.add_column(heading)
    for row in Municipality.objects.filter(retired_at=None).order_by("code"):
        set_by = ", ".join(
            filter(
                None,
                (
                    row.name_set_by and _("name: %(who)s") % {"who": row.name_set_by},
                    row.role_set_by and _("role: %(who)s") % {"who": row.role_set_by},
                ),
            )
        )
        municipalities.add_row(str(row.code), escape(row.name), row.role, escape(set_by or "-"))
    console.print(municipalities)


def _announcement(value: str | None) -> Any:
    """The option's date, None for '-' (clear it), or KEEP when not given."""
    from overgang.web.process.transition import KEEP

    if value is None:
        return KEEP
    if value.strip() in ("", "-"):
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError as wrong:
        raise typer.BadParameter(
            _("write the date as YYYY-MM-DD, or - to clear it"), param_hint="--announced-on"
        ) from wrong


@transition_app.command(
    "set",
    help=_(
        "Change the transition's settings; what is not given stays. Moving a date moves the "
        "milestones that follow it."
    ),
)
def transition_set_command(
    effective_date: datetime | None = typer.Option(
        None, "--effective-date", formats=["%Y-%m-%d"], help=_("The date the split takes effect.")
    ),
    announced_on: str = typer.Option(
        None,
        "--announced-on",
        metavar="YYYY-MM-DD",
        help=_("The day the process was announced; - clears it."),
    ),
    legal_basis: str = typer.Option(
        None,
        "--legal-basis",
        metavar="vol|aftale|andet",
        help=_(
            "vol: the transfer of undertakings act applies by law; aftale: applied by "
            "agreement between the municipalities; andet: another basis."
        ),
    ),
    legal_basis_note: str = typer.Option(
        None, "--legal-basis-note", help=_("A note on the legal basis (the agreement, a decision).")
    ),
    by: str = BY_OPTION,
) -> None:
    ensure_database()
    from overgang.web.process.models import Transition
    from overgang.web.process.services import ProcessError
    from overgang.web.process.transition import KEEP, update_transition

    settings: dict[str, Any] = {"announced_on": _announcement(announced_on)}
    if effective_date is not None:
        settings["effective_date"] = effective_date.date()
    if legal_basis is not None:
        settings["legal_basis"] = legal_basis
    if legal_basis_note is not None:
        settings["legal_basis_note"] = legal_basis_note
    if len(settings) == 1 and settings["announced_on"] is KEEP:
        err_console.print(_("Nothing to change: give at least one setting."))
        raise typer.Exit(1)
    try:
        update = update_transition(
            by=command_line_actor(by), version=Transition.current().version, **settings
        )
    except ProcessError as refused:
        raise _refused(refused) from refused
    if not update.changed:
        console.print(_("The settings were already so; nothing changed."))
        return
    labels = [str(Transition._meta.get_field(name).verbose_name) for name in update.changed]
    console.print(_("Changed: %(fields)s.") % {"fields": ", ".join(labels)}, markup=False)
    if update.milestones_moved:
        console.print(
            ngettext(
                "%(count)d milestone moved with the date it follows.",
                "%(count)d milestones moved with the dates they follow.",
                update.milestones_moved,
            )
            % {"count": update.milestones_moved}
        )


@transition_app.command(
    "municipality",
    help=_(
        "Set a municipality's name or role in Overgang; a later import keeps it and says so. "
        "Making one the host (vaert) makes the former host a member."
    ),
)
def transition_municipality_command(
    code: int = typer.Argument(..., metavar="KODE", help=_("The municipality's code.")),
    name: str = typer.Option(None, "--name", help=_("The municipality's name.")),
    role: str = typer.Option(
        None, "--role", metavar="vaert|medlem", help=_("vaert (the host) or medlem (a member).")
    ),
    by: str = BY_OPTION,
) -> None:
    ensure_database()
    from overgang.web.dataset.municipalities import MunicipalityError, set_municipality

    if name is None and role is None:
        err_console.print(_("Nothing to change: give --name or --role."))
        raise typer.Exit(1)
    try:
        row = set_municipality(code=code, name=name, role=role, by=command_line_actor(by))
    except MunicipalityError as refused:
        raise _refused(refused) from refused
    console.print(
        _("Municipality %(code)s: %(name)s, %(role)s.")
        % {"code": row.code, "name": row.name, "role": row.role},
        markup=False,
    )
