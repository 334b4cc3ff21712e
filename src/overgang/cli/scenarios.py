"""Commands on scenarios: create, list, show."""

from __future__ import annotations

import json
from datetime import datetime

import typer
from django.utils.translation import gettext as _
from rich.table import Table

from overgang.cli.console import console, err_console
from overgang.cli.main import app
from overgang.web.bootstrap import ensure_database

scenario_app = typer.Typer(help=_("Named sets of planning settings."), no_args_is_help=True)
app.add_typer(scenario_app, name="scenario")


@scenario_app.command("create", help=_("Create a scenario to plan under."))
def create_command(
    name: str = typer.Argument(..., help=_("The scenario's name.")),
    description: str = typer.Option("", "--description", help=_("What the scenario is about.")),
    voluntary_only: bool = typer.Option(
        False, "--voluntary-only", help=_("No employee leaves the host against a stated wish.")
    ),
    effective_date: datetime = typer.Option(
        None, "--effective-date", formats=["%Y-%m-%d"], help=_("The date the split takes effect.")
    ),
    cooperation: list[str] = typer.Option(
        [],
        "--cooperation",
        help=_("A service kept in voluntary cooperation with the host (repeatable)."),
    ),
    weight: list[str] = typer.Option(
        [], "--weight", help=_("A weight of the cost, NAME=VALUE (repeatable).")
    ),
    replace: bool = typer.Option(
        False, "--replace", help=_("Replace the settings of an existing scenario.")
    ),
) -> None:
    ensure_database()
    from overgang.web.planning.scenarios import ScenarioError, create_scenario, parse_weights

    try:
        scenario = create_scenario(
            name=name,
            description=description,
            voluntary_only=voluntary_only,
            effective_date=effective_date.date() if effective_date else None,
            cooperation_services=cooperation,
            weights=parse_weights(weight),
            replace=replace,
        )
    except ScenarioError as error:
        err_console.print(_("Cannot create the scenario: %(error)s") % {"error": error})
        raise typer.Exit(1) from error
    console.print(_("Scenario %(name)s saved.") % {"name": scenario.name})


@scenario_app.command("list", help=_("List the scenarios."))
def list_command() -> None:
    ensure_database()
    from overgang.web.planning.models import Scenario

    table = Table(title=_("Scenarios"), title_justify="left")
    for column in (_("Name"), _("Voluntary only"), _("Services in cooperation"), _("Description")):
        table.add_column(column)
    for scenario in Scenario.objects.all():
        settings = scenario.settings
        table.add_row(
            scenario.name,
            _("yes") if settings.get("voluntary_only") else _("no"),
            ", ".join(settings.get("cooperation_services", [])) or "-",
            scenario.description,
        )
    console.print(table)


@scenario_app.command("show", help=_("Show a scenario's settings."))
def show_command(name: str = typer.Argument(..., help=_("The scenario's name."))) -> None:
    ensure_database()
    from overgang.web.planning.models import Scenario

    scenario = Scenario.objects.filter(name=name).first()
    if scenario is None:
        err_console.print(_("No scenario named %(name)s.") % {"name": name})
        raise typer.Exit(1)
    console.print(f"[bold]{scenario.name}[/bold] {scenario.description}")
    console.print_json(json.dumps(scenario.settings, ensure_ascii=False))
