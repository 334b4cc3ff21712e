"""Commands on users: users and their roles, the demo's users, passwords, API tokens and
login lockouts."""

from __future__ import annotations

import getpass
from typing import TYPE_CHECKING

import typer
from django.utils.translation import gettext as _
from rich.markup import escape
from rich.table import Table

from overgang.cli.console import console, err_console
from overgang.cli.main import app
from overgang.web.audit.actors import command_line_actor
from overgang.web.bootstrap import ensure_database

if TYPE_CHECKING:
    from overgang.web.accounts.services import Scope

user_app = typer.Typer(
    help=_("User accounts: roles, passwords and login lockouts."), no_args_is_help=True
)
token_app = typer.Typer(help=_("The users' API tokens."), no_args_is_help=True)
app.add_typer(user_app, name="user")
app.add_typer(token_app, name="token")

USER_ARGUMENT = typer.Argument(..., metavar="USER", help=_("The user name."))
BY_OPTION = typer.Option(
    getpass.getuser(), "--by", help=_("Who does it (recorded in the audit log).")
)


def _user_named(username: str) -> object:
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        err_console.print(_("No user is named %(name)s.") % {"name": escape(username)})
        raise typer.Exit(1)
    return user


@app.command(
    "demo-users",
    help=_(
        "Create the demo users for every role in both municipalities, password overgang-demo. For the demo only."
    ),
)
def demo_users_command() -> None:
    ensure_database()
    from overgang.web.accounts.demo import (
        DEMO_PASSWORD,
        DEMO_TODAY,
        DemoUsersError,
        create_demo_users,
    )
    from overgang.web.accounts.models import Role

    try:
        users = create_demo_users()
    except DemoUsersError as error:
        err_console.print(f"[red]{escape(str(error))}[/red]")
        raise typer.Exit(1) from error
    labels = dict(Role.choices)
    table = Table(title=_("Demo users (password: %(password)s)") % {"password": DEMO_PASSWORD})
    table.add_column(_("User"))
    table.add_column(_("Role"))
    table.add_column(_("Municipality"))
    table.add_column(_("Tied to"))
    for user in users:
        tied = ", ".join(filter(None, (user.team, user.employee_id, user.body)))
        table.add_row(
            user.username,
            str(labels[user.role]),
            str(user.municipality_code or ""),
            escape(tied),
        )
    console.print(table)
    console.print(
        _(
            "Warning: these users and their shared password are for the demo only. "
            "The demo runs as on %(day)s."
        )
        % {"day": DEMO_TODAY.isoformat()}
    )


@token_app.command("revoke", help=_("Revoke a user's API token at once."))
def token_revoke_command(username: str = USER_ARGUMENT, by: str = BY_OPTION) -> None:
    ensure_database()
    from overgang.web.accounts.services import revoke_token

    if revoke_token(user=_user_named(username), by=command_line_actor(by)):
        console.print(_("The API token of %(name)s is revoked.") % {"name": escape(username)})
    else:
        console.print(_("%(name)s had no API token.") % {"name": escape(username)})


@user_app.command(
    "password",
    help=_("Set a user's password, asked for twice without echo; it must pass the password rules."),
)
def user_password_command(username: str = USER_ARGUMENT, by: str = BY_OPTION) -> None:
    ensure_database()
    from django.core.exceptions import ValidationError

    from overgang.web.accounts.services import set_password

    user = _user_named(username)
    password = typer.prompt(_("New password"), hide_input=True)
    if typer.prompt(_("The same password again"), hide_input=True) != password:
        err_console.print(_("The two passwords differ; nothing was changed."))
        raise typer.Exit(1)
    try:
        set_password(user=user, password=password, by=command_line_actor(by))
    except ValidationError as refused:
        for message in refused.messages:
            err_console.print(escape(message))
        raise typer.Exit(1) from refused
    console.print(_("The password of %(name)s is changed.") % {"name": escape(username)})


@user_app.command(
    "logout", help=_("End every session of a user and revoke their API token (a lost laptop).")
)
def user_logout_command(username: str = USER_ARGUMENT, by: str = BY_OPTION) -> None:
    ensure_database()
    from overgang.web.accounts.services import end_sessions

    ended = end_sessions(user=_user_named(username), by=command_line_actor(by))
    console.print(
        _("%(count)s sessions of %(name)s ended; their API token is revoked.")
        % {"count": ended, "name": escape(username)}
    )


@user_app.command("unlock", help=_("Lift a user name's login lockout before its time is up."))
def user_unlock_command(username: str = USER_ARGUMENT, by: str = BY_OPTION) -> None:
    ensure_database()
    from overgang.web.accounts.services import unlock_login

    forgotten = unlock_login(username=username, by=command_line_actor(by))
    console.print(
        _("%(name)s may log in again (%(count)s failed logins forgotten).")
        % {"name": escape(username), "count": forgotten}
    )


# --- users and their roles ---------------------------------------------------------------

ROLE_HELP = _(
    "projektleder (transition lead), kommuneleder (municipal lead, needs --municipality), "
    "teamleder (team leader, needs --municipality and --team), sagsbehandler (caseworker, "
    "needs --municipality and --employee-id), udvalg (committee member, --body), revisor "
    "(auditor)."
)
ROLE_OPTION = typer.Option(..., "--role", help=ROLE_HELP)
MUNICIPALITY_OPTION = typer.Option(None, "--municipality", help=_("The municipality's code."))
TEAM_OPTION = typer.Option("", "--team", help=_("The unit a team leader leads."))
EMPLOYEE_OPTION = typer.Option(
    "", "--employee-id", help=_("The caseworker's or team leader's own medarbejder_id.")
)
BODY_OPTION = typer.Option(None, "--body", help=_("The body a committee member sits on."))


def _scope(municipality: int | None, team: str, employee_id: str, body: str | None) -> Scope:
    from overgang.web.accounts.services import Scope
    from overgang.web.process.models import Body

    found = None
    if body:
        found = Body.objects.filter(name__iexact=body.strip()).first()
        if found is None:
            err_console.print(_("No body is named %(name)s.") % {"name": escape(body)})
            raise typer.Exit(1)
    return Scope(municipality_code=municipality, team=team, employee_id=employee_id, body=found)


def _new_password() -> str:
    password: str = typer.prompt(_("New password"), hide_input=True)
    if typer.prompt(_("The same password again"), hide_input=True) != password:
        err_console.print(_("The two passwords differ; nothing was changed."))
        raise typer.Exit(1)
    return password


@user_app.command(
    "add",
    help=_(
        "Create a user with a role and where it applies. With --password the password is "
        "asked for twice without echo; without it the user cannot log in with a password "
        "until one is set (overgang user password)."
    ),
)
def user_add_command(
    username: str = USER_ARGUMENT,
    role: str = ROLE_OPTION,
    municipality: int = MUNICIPALITY_OPTION,
    team: str = TEAM_OPTION,
    employee_id: str = EMPLOYEE_OPTION,
    body: str = BODY_OPTION,
    ask_password: bool = typer.Option(False, "--password", help=_("Ask for the user's password.")),
    by: str = BY_OPTION,
) -> None:
    ensure_database()
    from django.core.exceptions import ValidationError

    from overgang.web.accounts.services import AccountError, create_user

    scope = _scope(municipality, team, employee_id, body)
    password = _new_password() if ask_password else None
    try:
        create_user(
            username=username,
            role=role,
            scope=scope,
            password=password,
            by=command_line_actor(by),
        )
    except AccountError as refused:
        err_console.print(str(refused), markup=False)
        raise typer.Exit(1) from refused
    except ValidationError as refused:
        for message in refused.messages:
            err_console.print(escape(message))
        raise typer.Exit(1) from refused
    console.print(_("User %(name)s created.") % {"name": escape(username)})


@user_app.command("role", help=_("Give a user another role, or the same role elsewhere."))
def user_role_command(
    username: str = USER_ARGUMENT,
    role: str = ROLE_OPTION,
    municipality: int = MUNICIPALITY_OPTION,
    team: str = TEAM_OPTION,
    employee_id: str = EMPLOYEE_OPTION,
    body: str = BODY_OPTION,
    by: str = BY_OPTION,
) -> None:
    ensure_database()
    from overgang.web.accounts.services import AccountError, change_role

    user = _user_named(username)
    try:
        change_role(
            user=user,
            role=role,
            scope=_scope(municipality, team, employee_id, body),
            by=command_line_actor(by),
        )
    except AccountError as refused:
        err_console.print(str(refused), markup=False)
        raise typer.Exit(1) from refused
    console.print(_("%(name)s is now %(role)s.") % {"name": escape(username), "role": role})


def _set_active(username: str, active: bool, by: str) -> None:
    ensure_database()
    from overgang.web.accounts.services import AccountError, set_active

    try:
        set_active(user=_user_named(username), active=active, by=command_line_actor(by))
    except AccountError as refused:
        err_console.print(str(refused), markup=False)
        raise typer.Exit(1) from refused


@user_app.command(
    "deactivate",
    help=_("Deactivate a user: they can no longer log in; their sessions and API token end."),
)
def user_deactivate_command(username: str = USER_ARGUMENT, by: str = BY_OPTION) -> None:
    _set_active(username, False, by)
    console.print(_("%(name)s is deactivated.") % {"name": escape(username)})


@user_app.command("activate", help=_("Let a deactivated user log in again."))
def user_activate_command(username: str = USER_ARGUMENT, by: str = BY_OPTION) -> None:
    _set_active(username, True, by)
    console.print(_("%(name)s is active again.") % {"name": escape(username)})


@user_app.command("list", help=_("List the users with their role, scope and last login."))
def user_list_command() -> None:
    ensure_database()
    from django.contrib.auth import get_user_model

    from overgang.web.accounts.models import Role

    labels = dict(Role.choices)
    table = Table(title=_("Users"))
    for heading in (_("User"), _("Role"), _("Municipality"), _("Tied to"), _("Last login")):
        table.add_column(heading)
    for user in get_user_model().objects.select_related("profile__body").order_by("username"):
        profile = getattr(user, "profile", None)
        role = str(labels.get(profile.role, profile.role)) if profile else _("no role")
        if not user.is_active:
            role += " " + _("(deactivated)")
        tied = ""
        if profile is not None:
            tied = ", ".join(
                filter(None, (profile.team, profile.employee_id, str(profile.body or "")))
            )
        table.add_row(
            escape(user.username),
            role,
            str(profile.municipality_code or "") if profile else "",
            escape(tied),
            user.last_login.strftime("%Y-%m-%d %H:%M") if user.last_login else "-",
        )
    console.print(table)
