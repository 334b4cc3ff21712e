"""Commands on users: the demo's users, passwords, API tokens and login lockouts."""

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

user_app = typer.Typer(help=_("User accounts: passwords and login lockouts."), no_args_is_help=True)
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
