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
        int(os.environ.get("OVERGANG_PROCESSES", str(2 * (os.cpu_count() or 1) + 1))),
        "--processes",
        min=1,
        help=_(
            "How many server processes (OVERGANG_PROCESSES; by default twice the cores and one, as gunicorn advises)."
        ),
    ),
    threads: int = typer.Option(
        int(os.environ.get("OVERGANG_THREADS", "1")),
        "--threads",
        min=1,
        help=_(
            "How many requests each process serves at once (OVERGANG_THREADS). 1: one at a time, each on a connection of its own, the kernel handing every new request to an idle process; more: threads in a process, which share one core."
        ),
    ),
    timeout: int = typer.Option(
        120, "--timeout", min=10, help=_("Seconds before a request that hangs is stopped.")
    ),
    connection_seconds: int = typer.Option(
        int(os.environ.get("OVERGANG_DB_CONNECTION_SECONDS", "60")),
        "--db-connection-seconds",
        min=0,
        help=_(
            "Seconds a server thread keeps its database connection for the next requests (OVERGANG_DB_CONNECTION_SECONDS; 0: a new connection per request)."
        ),
    ),
) -> None:
    from django.conf import settings
    from django.core.management import call_command
    from django.db import DatabaseError, connections

    from overgang.web.planning.freshness import remember_current_plans
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
    # What the processes keep of the data set, read once here: they are forked with it.
    remember_current_plans()
    # The processes are forked from this one: none may inherit its database connection.
    connections.close_all()
    # A server's threads live as long as it does: each keeps its connection between
    # requests (checked before reuse) instead of opening one per request, which on
    # PostgreSQL starts a server process each time. (settings.py keeps 0 for the commands
    # and for the development server, whose threads live for one request.)
    for database in settings.DATABASES.values():
        database["CONN_MAX_AGE"] = connection_seconds
    options = server_options(host, port, processes, timeout)
    # One request at a time per process (gunicorn's sync workers) by default: Overgang's
    # requests are CPU work in Python, which threads of one process cannot do at once
    # (they share its interpreter lock), and a kept-alive connection would stay with the
    # process that took it, busy or not; the load test found one of four threaded
    # processes doing most of the work. A proxy in front keeps its own connections to
    # the clients (docs/deployment.md).
    if threads > 1:
        options.update(worker_class="gthread", threads=threads)
    else:
        options.update(worker_class="sync")
    OvergangServer(options).run()
