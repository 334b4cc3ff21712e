"""The `overgang` command: one entry point over the workbook, the planner and the reports."""

from __future__ import annotations

import os

import typer

from overgang.web.bootstrap import setup_django

# Help texts are translated when the commands are defined, so the language is
# chosen from the environment before anything else; `--lang` switches the
# language of everything a command prints.
setup_django()

from django.utils import translation  # noqa: E402
from django.utils.translation import gettext as _  # noqa: E402

translation.activate(os.environ.get("OVERGANG_LANG", "da"))

app = typer.Typer(
    name="overgang",
    help=_(
        "Overgang plans and tracks the split of a service that several municipalities have run together."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def main(
    lang: str = typer.Option(
        None, "--lang", envvar="OVERGANG_LANG", help=_("Language of the output: da or en.")
    ),
) -> None:
    if lang:
        if lang not in ("da", "en"):
            raise typer.BadParameter(_("choose da or en"), param_hint="--lang")
        translation.activate(lang)


from overgang.cli import (  # noqa: E402, F401  (the commands register themselves)
    approval,
    audit,
    backup,
    bodies,
    children,
    compare,
    demo,
    fixes,
    handover_records,
    insight,
    interviews,
    milestones,
    planning,
    reports,
    reproduce,
    retention,
    scenarios,
    serve,
    settlement,
    simulate,
    transition,
    users,
    workbook,
    worker,
)
