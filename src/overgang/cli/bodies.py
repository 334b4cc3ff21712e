"""overgang body: the consulted bodies (høringsparter) and their members."""

from __future__ import annotations

import getpass
from typing import TYPE_CHECKING, Any

import typer
from django.utils.translation import gettext as _
from rich.markup import escape
from rich.table import Table

from overgang.cli.console import console, err_console
from overgang.cli.main import app
from overgang.web.audit.actors import command_line_actor
from overgang.web.bootstrap import ensure_database

if TYPE_CHECKING:
    from overgang.web.process.models import Body

body_app = typer.Typer(
    help=_("The consulted bodies (MED committees, councils, staff groups) and their members."),
    no_args_is_help=True,
)
member_app = typer.Typer(help=_("A body's members (users with the committee role)."))
app.add_typer(body_app, name="body")
body_app.add_typer(member_app, name="member", no_args_is_help=True)

BY_OPTION = typer.Option(
    getpass.getuser(), "--by", help=_("Who does it (recorded in the audit log).")
)
NAME_ARGUMENT = typer.Argument(..., metavar="NAVN", help=_("The body's name."))
KIND_HELP = _("med (a MED committee), council (a city council) or staff (a staff group).")
MUNICIPALITY_HELP = _("The code of the municipality the body belongs to, if one.")


def _refused(error: Exception) -> typer.Exit:
    err_console.print(str(error), markup=False)
    return typer.Exit(1)


def _body_named(name: str) -> Body:
    from overgang.web.process.models import Body

    body: Body | None = Body.objects.filter(name__iexact=name.strip()).first()
    if body is None:
        err_console.print(_("No body is named %(name)s.") % {"name": escape(name)})
        raise typer.Exit(1)
    return body


def _users_named(usernames: list[str]) -> list[Any]:
    from django.contrib.auth import get_user_model

    users = []
    for username in usernames:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            err_console.print(_("No user is named %(name)s.") % {"name": escape(username)})
            raise typer.Exit(1)
        users.append(user)
    return users


@body_app.command("add", help=_("Create a body to consult, with its members if given."))
def body_add_command(
    name: str = NAME_ARGUMENT,
    kind: str = typer.Option("med", "--kind", metavar="med|council|staff", help=KIND_HELP),
    municipality: int = typer.Option(None, "--municipality", help=MUNICIPALITY_HELP),
    members: list[str] = typer.Option(
        [], "--member", metavar="USER", help=_("A member's user name (repeat for several).")
    ),
    by: str = BY_OPTION,
) -> None:
    ensure_database()
    from django.db import transaction

    from overgang.web.accounts.services import AccountError, set_body_membership
    from overgang.web.process.bodies import add_body
    from overgang.web.process.services import ProcessError

    actor = command_line_actor(by)
    users = _users_named(members)
    try:
        with transaction.atomic():  # the body with all its members, or nothing
            body = add_body(name=name, kind=kind, municipality_code=municipality, by=actor)
            for user in users:
                set_body_membership(user=user, body=body, by=actor)
    except (ProcessError, AccountError) as refused:
        raise _refused(refused) from refused
    console.print(
        _("Body created: %(name)s (%(members)s members).")
        % {"name": body.name, "members": len(users)},
        markup=False,
    )


@body_app.command("list", help=_("List the bodies with their members."))
def body_list_command() -> None:
    ensure_database()
    from overgang.web.process.models import Body

    table = Table(title=_("Consulted bodies"))
    for heading in (_("Name"), _("Kind"), _("Municipality"), _("Members")):
        table.add_column(heading)
    for body in Body.objects.prefetch_related("members__user").order_by("name"):
        members = ", ".join(sorted(p.user.get_username() for p in body.members.all()))
        table.add_row(
            escape(body.name),
            str(body.get_kind_display()),
            str(body.municipality_code or "-"),
            escape(members or "-"),
        )
    console.print(table)


@body_app.command("change", help=_("Rename a body or change its kind or municipality."))
def body_change_command(
    name: str = NAME_ARGUMENT,
    new_name: str = typer.Option(None, "--name", help=_("The body's new name.")),
    kind: str = typer.Option(None, "--kind", metavar="med|council|staff", help=KIND_HELP),
    municipality: int = typer.Option(
        None, "--municipality", help=MUNICIPALITY_HELP + " " + _("0: none.")
    ),
    by: str = BY_OPTION,
) -> None:
    ensure_database()
    from overgang.web.process.bodies import change_body
    from overgang.web.process.services import ProcessError

    body = _body_named(name)
    code = body.municipality_code if municipality is None else (municipality or None)
    try:
        changed = change_body(
            body=body,
            name=new_name if new_name is not None else body.name,
            kind=kind or body.kind,
            municipality_code=code,
            by=command_line_actor(by),
        )
    except ProcessError as refused:
        raise _refused(refused) from refused
    console.print(_("Body changed: %(name)s.") % {"name": changed.name}, markup=False)


@member_app.command("add", help=_("Make committee members members of the body."))
def member_add_command(
    name: str = NAME_ARGUMENT,
    usernames: list[str] = typer.Argument(..., metavar="USER...", help=_("The user names.")),
    by: str = BY_OPTION,
) -> None:
    ensure_database()
    from overgang.web.accounts.services import AccountError, set_body_membership

    body = _body_named(name)
    actor = command_line_actor(by)
    try:
        for user in _users_named(usernames):
            set_body_membership(user=user, body=body, by=actor)
    except AccountError as refused:
        raise _refused(refused) from refused
    console.print(
        _("%(users)s now sit on %(name)s.") % {"users": ", ".join(usernames), "name": body.name},
        markup=False,
    )


@member_app.command("remove", help=_("Remove members from the body."))
def member_remove_command(
    name: str = NAME_ARGUMENT,
    usernames: list[str] = typer.Argument(..., metavar="USER...", help=_("The user names.")),
    by: str = BY_OPTION,
) -> None:
    ensure_database()
    from overgang.web.accounts.models import Profile
    from overgang.web.accounts.services import AccountError, set_body_membership

    body = _body_named(name)
    actor = command_line_actor(by)
    try:
        for user in _users_named(usernames):
            if not Profile.objects.filter(user=user, body=body).exists():
                err_console.print(
                    _("%(user)s does not sit on %(name)s.")
                    % {"user": user.get_username(), "name": body.name},
                    markup=False,
                )
                raise typer.Exit(1)
            set_body_membership(user=user, body=None, by=actor)
    except AccountError as refused:
        raise _refused(refused) from refused
    console.print(
        _("%(users)s no longer sit on %(name)s.")
        % {"users": ", ".join(usernames), "name": body.name},
        markup=False,
    )
