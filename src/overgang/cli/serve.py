"""`overgang serve`: the web application in a production WSGI server (docs/deployment.md)."""

from __future__ import annotations

import os

import typer
from django.utils.translation import gettext as _

from overgang.cli.console import console, err_console
from overgang.cli.main import app
from overgang.web.bootstrap import ensure_database


def _database_named() -> str:
    """The database as the operator knows it, without its password."""
    from django.db import connection

    settings = connection.settings_dict
    if settings["ENGINE"].endswith("sqlite3"):
        return f"SQLite {settings['NAME']}"
    return f"PostgreSQL {settings.get('HOST') or 'localhost'}:{settings.get('PORT') or 5432}/{settings['NAME']}"


@app.command(
    "serve",
    help=_(
        "Serve the web application in gunicorn (a production WSGI server): check and migrate the database, collect the static files, start the processes. Settings come from DJANGO_SETTINGS_MODULE (overgang.web.settings_production in production). See docs/deployment.md."
    ),
)
def serve_command(
    host: str = typer.Option("127.0.0.1", "--host", help=_("The address to listen on.")),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help=_("The port to listen on.")),
    processes: int = typer.Option(
        int(os.environ.get("OVERGANG_PROCESSES", "2")),
        "--processes",
        min=1,
        help=_("How many server processes (OVERGANG_PROCESSES)."),
    ),
    threads: int = typer.Option(
        4, "--threads", min=1, help=_("How many requests each process serves at once.")
    ),
    timeout: int = typer.Option(
        120, "--timeout", min=10, help=_("Seconds before a request that hangs is stopped.")
    ),
) -> None:
    from django.conf import settings
    from django.core.management import call_command
    from django.db import DatabaseError, connections

    from overgang.web.server.gunicorn_app import OvergangServer, server_options

    try:
        ensure_database()
    except DatabaseError as error:
        err_console.print(
            _("Cannot use the database %(database)s: %(reason)s. Nothing was started.")
            % {"database": _database_named(), "reason": str(error).strip()},
            soft_wrap=True,
        )
        raise typer.Exit(1) from error
    call_command("collectstatic", interactive=False, verbosity=0)
    if settings.DEBUG:
        err_console.print(
            _(
                "Development settings (DEBUG on): not for production. Set DJANGO_SETTINGS_MODULE=overgang.web.settings_production (docs/deployment.md)."
            ),
            soft_wrap=True,
        )
    console.print(
        _(
            "Overgang: http://%(host)s:%(port)s, %(processes)d processes × %(threads)d requests, database %(database)s (Ctrl-C stops it)"
        )
        % {
            "host": host,
            "port": port,
            "processes": processes,
            "threads": threads,
            "database": _database_named(),
        },
        soft_wrap=True,
    )
    # The processes are forked from this one: none may inherit its database connection.
    connections.close_all()
    options = server_options(host, port, processes, timeout)
    options.update(worker_class="gthread", threads=threads)
    OvergangServer(options).run()
