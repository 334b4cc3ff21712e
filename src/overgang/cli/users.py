"""Commands on users: the demo's users for every role and municipality."""

from __future__ import annotations

import typer
from django.utils.translation import gettext as _
from rich.markup import escape
from rich.table import Table

from overgang.cli.console import console, err_console
from overgang.cli.main import app
from overgang.web.bootstrap import ensure_database


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
