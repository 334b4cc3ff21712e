"""overgang resignations and overgang simulate: the trend of resignations, and what more would cost."""

from __future__ import annotations

import getpass
import json
from datetime import datetime
from pathlib import Path
from typing import Any

import typer
from django.utils.translation import gettext as _
from rich.table import Table

from overgang.cli.console import console, err_console, number, progress_bar
from overgang.cli.main import app
from overgang.web.audit.actors import command_line_actor
from overgang.web.bootstrap import ensure_database


def _reason_labels() -> dict[str, str]:
    return {
        "ophoer": _("the dissolution"),
        "nyt_job": _("new job"),
        "pension": _("retirement"),
        "andet": _("other"),
        "": _("reason not stated"),
    }


def _month(day: Any) -> str:
    return f"{day:%Y-%m}"


def show_trend(trend: Any) -> None:
    """Print the resignations per month: in all, due to the dissolution, and by the other reasons."""
    labels = _reason_labels()
    others = [reason for reason, _count in trend[0].by_reason if reason != "ophoer"]
    table = Table(
        title=_("Resignations per month (by the month the employee leaves)"), title_justify="left"
    )
    table.add_column(_("Month"), no_wrap=True)
    table.add_column(_("In all"), justify="right")
    table.add_column(_("Due to the dissolution"), justify="right")
    for reason in others:
        table.add_column(labels.get(reason, reason), justify="right")
    rows = [
        (_month(m.month), m.total, m.due_to_dissolution, *(dict(m.by_reason)[r] for r in others))
        for m in trend
    ]
    for row in rows:
        table.add_row(*(str(cell) for cell in row))
    table.add_section()
    table.add_row(
        _("In all"),
        *(str(sum(row[i] for row in rows)) for i in range(1, len(rows[0]))),
    )
    console.print(table)


@app.command(
    "resignations",
    help=_("Show the recorded resignations per month, by reason, due to the dissolution or not."),
)
def resignations_command(
    start: datetime = typer.Option(
        None, "--from", formats=["%Y-%m-%d"], help=_("The first month to show.")
    ),
    end: datetime = typer.Option(
        None, "--to", formats=["%Y-%m-%d"], help=_("The last month to show.")
    ),
) -> None:
    ensure_database()
    from overgang.core.attrition import monthly_trend
    from overgang.web.planning.attrition import stored_data
    from overgang.web.planning.services import PlanningUnavailable

    try:
        dataset = stored_data()
    except PlanningUnavailable as error:
        err_console.print(_("Cannot show the resignations: %(error)s") % {"error": error})
        raise typer.Exit(1) from error
    trend = monthly_trend(dataset, start.date() if start else None, end.date() if end else None)
    _log_resignations("resignations")
    if not trend:
        console.print(_("The data set records no resignations."))
        return
    show_trend(trend)


def _log_resignations(command: str) -> None:
    """Log that the employees' resignations and their reasons were read (shown as monthly counts)."""
    from overgang.web.audit.log import record
    from overgang.web.audit.models import Action

    record(
        command_line_actor(),
        Action.VIEW,
        object_type="dataset.employee",
        object_id="fratraedelser",
        detail={"command": command},
    )


@app.command(
    "simulate",
    help=_(
        "Simulate further resignations before the effective date, re-plan each draw and show "
        "the spread of unstaffed load, hires and contact changes."
    ),
)
def simulate_command(
    runs: int = typer.Option(200, "--runs", min=1, help=_("Number of draws.")),
    seed: int = typer.Option(
        2021, "--seed", help=_("Seed of the draws: the same seed gives the same numbers.")
    ),
    rate: float = typer.Option(
        0.01,
        "--rate",
        min=0,
        max=1,
        help=_("Probability that an employee resigns in a given month."),
    ),
    against_wish_rate: float = typer.Option(
        0.05,
        "--against-wish-rate",
        min=0,
        max=1,
        help=_("The monthly probability for an employee the plan moves against their wish."),
    ),
    scenario: str = typer.Option(
        None,
        "--scenario",
        help=_(
            "Start from the latest stored plan under this scenario (with --new-plan: a new one)."
        ),
    ),
    plan_id: int = typer.Option(
        None,
        "--plan",
        help=_("Start from this stored plan (default: the approved plan, else the latest)."),
    ),
    new_plan: bool = typer.Option(
        False,
        "--new-plan",
        help=_("Make and store a new plan (under --scenario, if given) and start from it."),
    ),
    start: datetime = typer.Option(
        None,
        "--from",
        formats=["%Y-%m-%d"],
        help=_(
            "The first month of further resignations (default: the month after the last interview)."
        ),
    ),
    time_limit: float = typer.Option(
        60.0, "--time-limit", min=0.1, help=_("Seconds for the plan the simulation starts from.")
    ),
    replan: bool = typer.Option(
        False,
        "--replan",
        help=_(
            "Plan each draw anew with the solver instead of handing the leavers' cases on "
            "within the plan (slower; reproducible only where each draw is solved to optimality)."
        ),
    ),
    draw_time_limit: float = typer.Option(
        2.0, "--draw-time-limit", min=0.1, help=_("Seconds per draw with --replan.")
    ),
    by: str = typer.Option(
        getpass.getuser(), "--by", help=_("Who makes the plan (recorded with it).")
    ),
    json_file: Path = typer.Option(
        None,
        "--json",
        help=_("Also write every draw (who resigned, and its figures) to this JSON file."),
    ),
) -> None:
    ensure_database()
    from overgang.core.attrition import (
        monthly_trend,
        months_between,
        simulate_attrition,
        solver_replanner,
    )
    from overgang.web.planning.attrition import default_start, simulation_base
    from overgang.web.planning.services import PlanningUnavailable

    if scenario and plan_id is not None:
        err_console.print(_("Give --scenario or --plan, not both."))
        raise typer.Exit(1)
    if new_plan and plan_id is not None:
        err_console.print(_("Give --new-plan or --plan, not both."))
        raise typer.Exit(1)
    try:
        with progress_bar() as progress:
            task = progress.add_task(_("Planning"), total=None)

            def planning(profession: str, done: int, total: int) -> None:
                progress.update(
                    task,
                    description=_("Planning %(profession)s") % {"profession": profession},
                    completed=done,
                    total=total,
                )

            base = simulation_base(
                plan_id=plan_id,
                scenario=scenario,
                time_limit=time_limit,
                by=command_line_actor(by),
                progress=planning if new_plan else None,
                new_plan=new_plan,
            )
    except PlanningUnavailable as error:
        err_console.print(_("Cannot simulate: %(error)s") % {"error": error})
        raise typer.Exit(1) from error
    _say_which_plan(base)
    first = start.date() if start else default_start(base.dataset)
    if first is None:
        err_console.print(
            _("Cannot simulate: the data set has no interviews to date it; give --from.")
        )
        raise typer.Exit(1)

    if months_between(first, base.policy.effective_date) == 0:
        err_console.print(
            _(
                "Cannot simulate: %(start)s is not before the effective date %(date)s; give an earlier --from."
            )
            % {"start": first.isoformat(), "date": base.policy.effective_date.isoformat()}
        )
        raise typer.Exit(1)
    trend = monthly_trend(base.dataset)
    _log_resignations("simulate")
    if trend:
        show_trend(trend)
    with progress_bar() as progress:
        task = progress.add_task(_("Simulating"), total=runs)
        simulation = simulate_attrition(
            base.dataset,
            base.policy,
            base.employer,
            base.contact,
            runs=runs,
            seed=seed,
            monthly_rate=rate,
            against_wish_rate=against_wish_rate,
            start=first,
            replanner=solver_replanner(base.policy, draw_time_limit) if replan else None,
            progress=lambda done, total: progress.update(task, completed=done),
        )
    _show_simulation(simulation, base, replan)
    if json_file:
        _write_draws(simulation, json_file)


def _say_which_plan(base: Any) -> None:
    """Say which plan the simulation starts from, and whether it was made for it."""
    scenario = base.scenario or _("the default settings")
    said = {
        "given": _("Simulating from plan %(plan)s, as given."),
        "approved": _("Simulating from plan %(plan)s, the approved plan."),
        "latest": _("Simulating from plan %(plan)s, the latest plan (none is approved)."),
        "scenario": _("Simulating from plan %(plan)s, the latest plan under %(scenario)s."),
        "new": _("Made and stored plan %(plan)s under %(scenario)s to simulate from, as asked."),
    }[base.origin]
    console.print(said % {"plan": base.plan_id, "scenario": scenario})


def _write_draws(simulation: Any, path: Path) -> None:
    """Write every draw to a JSON file, and log it: the file names employees."""
    from overgang.core.attrition import simulation_document
    from overgang.web.audit.log import record
    from overgang.web.audit.models import Action

    path.parent.mkdir(parents=True, exist_ok=True)
    document = simulation_document(simulation)
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    record(
        command_line_actor(),
        Action.DOWNLOAD,
        object_type="dataset.employee",
        object_id="simulering",
        detail={"command": "simulate --json", "path": str(path)},
    )
    console.print(_("Wrote every draw to %(path)s") % {"path": path})


def _show_simulation(simulation: Any, base: Any, replan: bool) -> None:
    console.print(
        _(
            "Plan %(plan)s%(scenario)s; further resignations drawn from %(start)s until the "
            "effective date %(date)s (%(months)d months): %(at_risk)d employees, a monthly rate "
            "of %(rate)s, and %(against)s for the %(moved)d moved against their wish. "
            "%(runs)d draws, seed %(seed)d; %(method)s."
        )
        % {
            "plan": base.plan_id,
            "scenario": f" ({base.scenario})" if base.scenario else "",
            "start": _month(simulation.start),
            "date": base.policy.effective_date.isoformat(),
            "months": simulation.months,
            "at_risk": simulation.at_risk,
            "rate": number(100 * simulation.monthly_rate, 1) + " %",
            "against": number(100 * simulation.against_wish_rate, 1) + " %",
            "moved": simulation.against_wish,
            "runs": simulation.runs,
            "seed": simulation.seed,
            "method": _("each draw planned anew by the solver")
            if replan
            else _("the plan kept, the leavers' cases handed on to colleagues with room"),
        }
    )
    labels = {
        "resignations": _("Further resignations"),
        "unstaffed_load": _("Unstaffed load (load units)"),
        "hires_fte": _("Hires needed (FTE)"),
        "contact_changes": _("Cases that change contact person"),
        "cost": _("Total cost"),
    }
    table = Table(title=_("What further resignations would cost"), title_justify="left")
    table.add_column(_("Figure"), no_wrap=True)
    table.add_column(_("The plan"), justify="right")
    table.add_column(_("10th percentile"), justify="right")
    table.add_column(_("Median"), justify="right")
    table.add_column(_("90th percentile"), justify="right")
    from overgang.core.attrition import BY_MUNICIPALITY, FIGURES

    names = {m.code: m.name for m in base.dataset.municipalities}
    # Counts show one decimal (a percentile may fall between two draws), costs none.
    digits = {"resignations": 1, "contact_changes": 1, "cost": 0}
    for figure in FIGURES:
        places = digits.get(figure, 2)
        rows = [(labels[figure], None)]
        if figure in BY_MUNICIPALITY:
            rows += [(f"  {names.get(m, str(m))}", m) for m in simulation.municipalities]
        for label, municipality in rows:
            spread = simulation.percentiles(figure, municipality)
            table.add_row(
                label,
                *(
                    number(value, places)
                    for value in (
                        simulation.base.figure(figure, municipality),
                        spread.p10,
                        spread.median,
                        spread.p90,
                    )
                ),
            )
    console.print(table)
