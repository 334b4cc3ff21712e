"""Commands on scenarios: create, list, show, and the shipped defaults."""

from __future__ import annotations

import getpass
import json
from datetime import datetime
from typing import Any

import typer
from django.utils.translation import gettext as _
from rich.markup import escape
from rich.table import Table

from overgang.cli.console import console, err_console, number
from overgang.cli.main import app
from overgang.web.audit.actors import command_line_actor
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
    norm: list[str] = typer.Option(
        [],
        "--norm",
        help=_("Another norm for a profession, PROFESSION=NORM, e.g. FAM=12 (repeatable)."),
    ),
    need: list[str] = typer.Option(
        [],
        "--need",
        help=_(
            "Another staffing need, MUNICIPALITY:PROFESSION=FTE, e.g. 187:ADM=2; 0 removes it (repeatable)."
        ),
    ),
    replace: bool = typer.Option(
        False, "--replace", help=_("Replace the settings of an existing scenario.")
    ),
    by: str = typer.Option(
        getpass.getuser(), "--by", help=_("Who creates it (recorded in the audit log).")
    ),
) -> None:
    ensure_database()
    from overgang.web.planning.scenarios import (
        ScenarioError,
        create_scenario,
        parse_needs,
        parse_norms,
        parse_weights,
    )

    try:
        scenario = create_scenario(
            name=name,
            description=description,
            voluntary_only=voluntary_only,
            effective_date=effective_date.date() if effective_date else None,
            cooperation_services=cooperation,
            weights=parse_weights(weight),
            norm_overrides=parse_norms(norm),
            need_overrides=parse_needs(need),
            replace=replace,
            by=command_line_actor(by),
        )
    except ScenarioError as error:
        err_console.print(_("Cannot create the scenario: %(error)s") % {"error": error})
        raise typer.Exit(1) from error
    console.print(_("Scenario %(name)s saved.") % {"name": scenario.name})
    warn_unmatched(scenario.name, scenario.settings)


def warn_unmatched(name: str, settings: dict[str, Any], dataset: Any = None) -> None:
    """Warn about settings naming a service, profession or municipality the data lack.

    Without a data set, the stored one (if any).
    """
    from overgang.core.planning.overrides import unmatched_settings
    from overgang.core.planning.policy import policy_from_dict
    from overgang.web.dataset.store import current_batch, load_dataset

    if dataset is None:
        if current_batch() is None:
            return
        dataset = load_dataset()
    unmatched = unmatched_settings(dataset, policy_from_dict(settings))
    messages = [
        _("scenario %(name)s keeps %(service)s in cooperation, but no case has it")
        % {"name": name, "service": service}
        for service in unmatched.services
    ]
    messages += [
        _("scenario %(name)s overrides profession %(profession)s, which the data lacks")
        % {"name": name, "profession": profession}
        for profession in unmatched.professions
    ]
    messages += [
        _("scenario %(name)s sets a staffing need for municipality %(code)s, which the data lacks")
        % {"name": name, "code": code}
        for code in unmatched.municipalities
    ]
    label = _("Warning")
    for message in messages:
        console.print(f"[yellow]{label}:[/yellow] {escape(message)}")


@scenario_app.command("list", help=_("List the scenarios."))
def list_command() -> None:
    ensure_database()
    from overgang.web.planning.models import Scenario

    table = Table(title=_("Scenarios"), title_justify="left")
    for column in (
        _("Name"),
        _("Voluntary only"),
        _("Services in cooperation"),
        _("Other settings"),
        _("Description"),
    ):
        table.add_column(column, no_wrap=column == _("Name"))
    for scenario in Scenario.objects.all():
        settings = scenario.settings
        table.add_row(
            scenario.name,
            _("yes") if settings.get("voluntary_only") else _("no"),
            str(len(settings.get("cooperation_services", []))),
            "; ".join(_other_settings(settings)) or "-",
            scenario.description,
        )
    console.print(table)
    if not Scenario.objects.exists():
        console.print(_("No scenarios yet; 'overgang scenario defaults' creates the shipped ones."))


def _other_settings(settings: dict[str, Any]) -> list[str]:
    """Return the settings that differ from the defaults, besides voluntary-only and services."""
    from overgang.core.planning.policy import Policy, policy_as_dict

    defaults = policy_as_dict(Policy())
    lines = []
    if settings.get("effective_date", defaults["effective_date"]) != defaults["effective_date"]:
        lines.append(_("effective date %(date)s") % {"date": settings["effective_date"]})
    for name, value in sorted(settings.get("weights", {}).items()):
        if value != defaults["weights"].get(name):
            lines.append(_("weight %(name)s=%(value)s") % {"name": name, "value": number(value)})
    for code, value in sorted(settings.get("norm_overrides", {}).items()):
        lines.append(
            _("norm %(profession)s=%(value)s") % {"profession": code, "value": number(value)}
        )
    for row in settings.get("need_overrides", []):
        lines.append(
            _("need %(municipality)s:%(profession)s=%(fte)s FTE")
            % {
                "municipality": row["municipality"],
                "profession": row["profession"],
                "fte": number(row["min_fte"]),
            }
        )
    return lines


@scenario_app.command("show", help=_("Show a scenario's settings."))
def show_command(name: str = typer.Argument(..., help=_("The scenario's name."))) -> None:
    ensure_database()
    from overgang.web.planning.models import Scenario

    scenario = Scenario.objects.filter(name=name).first()
    if scenario is None:
        err_console.print(_("No scenario named %(name)s.") % {"name": name})
        raise typer.Exit(1)
    settings = scenario.settings
    console.print(f"[bold]{escape(scenario.name)}[/bold] {escape(scenario.description)}")
    table = Table(show_header=False)
    table.add_column(_("Setting"))
    table.add_column(_("Value"))
    table.add_row(_("Voluntary only"), _("yes") if settings.get("voluntary_only") else _("no"))
    table.add_row(_("Effective date"), settings.get("effective_date", "-"))
    table.add_row(
        _("Services in cooperation"), "\n".join(settings.get("cooperation_services", [])) or "-"
    )
    table.add_row(_("Other settings"), "\n".join(_other_settings(settings)) or "-")
    console.print(table)
    console.print_json(json.dumps(settings, ensure_ascii=False))


@scenario_app.command(
    "defaults",
    help=_(
        "Create the scenarios the seeds discuss: full dissolution, voluntary cooperation on "
        "family treatment, physio/OT and adult special education, and voluntary transfers only."
    ),
)
def defaults_command(
    replace: bool = typer.Option(
        False, "--replace", help=_("Give existing shipped scenarios their shipped settings back.")
    ),
    by: str = typer.Option(
        getpass.getuser(), "--by", help=_("Who creates them (recorded in the audit log).")
    ),
) -> None:
    ensure_database()
    from overgang.web.planning.scenarios import create_shipped_scenarios, shipped_names

    made = {s.name for s in create_shipped_scenarios(replace=replace, by=command_line_actor(by))}
    for name in shipped_names():
        if name in made:
            console.print(_("Scenario %(name)s saved.") % {"name": name})
        else:
            console.print(_("Scenario %(name)s exists already; kept as it is.") % {"name": name})
