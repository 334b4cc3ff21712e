"""Commands of the planner: plan, plans, show-plan, verify-plan."""

from __future__ import annotations

import getpass
from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer
from django.utils.translation import gettext as _
from rich.table import Table

from overgang.cli.analysis import (
    analyse_with_progress,
    analysis_settings,
    show_analysis_summary,
    show_families,
    show_robustness,
    show_teams,
)
from overgang.cli.console import console, err_console, number, progress_bar
from overgang.cli.main import app
from overgang.cli.plan_summary import show_decisions, show_summary
from overgang.cli.replanning import reference_warnings_of, show_replanning
from overgang.cli.stored_plans import stored_plan_or_exit
from overgang.core.robustness import DEFAULT_CRITICAL_FTE, DEFAULT_REPLAN_SECONDS
from overgang.core.teams import DEFAULT_MIN_TEAM_FTE
from overgang.web.audit.actors import command_line_actor
from overgang.web.bootstrap import ensure_database

# Above this many in-house cases `overgang plan` ranks cooperation agreements only on request.
RANKING_CASE_LIMIT = 20_000

# The analysis options `plan` and `analyse-plan` share.
MIN_TEAM_FTE_OPTION = typer.Option(
    float(DEFAULT_MIN_TEAM_FTE),
    "--min-team-fte",
    min=0,
    help=_("Smallest demand (FTE) of a district team; smaller districts share a team."),
)
CRITICAL_FTE_OPTION = typer.Option(
    float(DEFAULT_CRITICAL_FTE),
    "--critical-fte",
    min=0,
    help=_("A profession with fewer FTE in a municipality is below the critical mass."),
)


@app.command(
    "plan", help=_("Plan who transfers and who keeps which case, store the plan and show it.")
)
def plan_command(
    scenario: str = typer.Option(
        None, "--scenario", help=_("Plan under this scenario's settings.")
    ),
    json_file: Path = typer.Option(None, "--json", help=_("Write the plan file (JSON) here.")),
    time_limit: float = typer.Option(
        None,
        "--time-limit",
        min=0.1,
        help=_(
            "Stop after this many seconds, loading the data and storing the plan included, with the best plan and its proven bound."
        ),
    ),
    by: str = typer.Option(
        getpass.getuser(), "--by", help=_("Who makes the plan (recorded with it).")
    ),
    min_team_fte: float = MIN_TEAM_FTE_OPTION,
    critical_fte: float = CRITICAL_FTE_OPTION,
    cooperation_seconds: float | None = typer.Option(
        None,
        "--cooperation-seconds",
        min=0,
        help=_(
            "Seconds to re-plan each service kept in a voluntary cooperation, to rank them; 0 skips the ranking. By default 2, and 0 above 20,000 in-house cases."
        ),
    ),
    from_plan: int | None = typer.Option(
        None,
        "--from-plan",
        help=_(
            "Re-plan from this stored plan: keep every decision employees have been told of, and change as few others as possible."
        ),
    ),
    leaders_only: bool = typer.Option(
        False,
        "--leaders-only",
        help=_("Plan the leaders alone, without cases; fix their decisions, then plan everyone."),
    ),
    distribute: bool = typer.Option(
        False,
        "--distribute",
        help=_(
            "Plan each profession as a job of its own, taken by any 'overgang worker' sharing the database (this command runs those no worker takes), each with its share of the time limit: one worker takes about the time limit, two about half of it."
        ),
    ),
    deterministic: bool | None = typer.Option(
        None,
        "--deterministic/--wall-clock",
        help=_(
            "Search deterministically (the default: the same data and settings give the same plan) or on the clock (may use more of the time limit, and differ run to run). Without either, the scenario's setting."
        ),
    ),
) -> None:
    ensure_database()
    reference_warnings_of(from_plan)
    from overgang.web.planning.services import (
        FixesCannotHold,
        PlanningUnavailable,
        run_plan,
        stored_plan_document,
    )

    try:
        with progress_bar() as progress:
            task = progress.add_task(_("Planning"), total=None)

            def report(profession: str, done: int, total: int) -> None:
                progress.update(
                    task,
                    description=_("Planning %(profession)s") % {"profession": profession},
                    completed=done,
                    total=total,
                )

            if distribute:
                run = _plan_distributed(
                    scenario, time_limit, by, report, from_plan, leaders_only, deterministic
                )
            else:
                run = run_plan(
                    scenario=scenario,
                    time_limit=time_limit,
                    by=command_line_actor(by),
                    progress=report,
                    from_plan=from_plan,
                    leaders_only=leaders_only,
                    deterministic=deterministic,
                )
    except FixesCannotHold as conflict:
        err_console.print(conflict.headline, soft_wrap=True)
        for line in conflict.lines:
            err_console.print(f"- {line}", markup=False, soft_wrap=True)
        raise typer.Exit(1) from conflict
    except PlanningUnavailable as error:
        err_console.print(_("Cannot plan: %(error)s") % {"error": error})
        raise typer.Exit(1) from error
    if cooperation_seconds is None:
        # The ranking re-plans the whole data set once per service: on a large one that
        # takes far longer than the plan itself, so it is asked for explicitly there.
        cases = len(run.problem.assignments)
        cooperation_seconds = DEFAULT_REPLAN_SECONDS if cases <= RANKING_CASE_LIMIT else 0.0
        if not cooperation_seconds:
            console.print(
                _(
                    "The ranking of voluntary cooperation agreements is skipped for %(cases)s in-house cases; ask for it with --cooperation-seconds."
                )
                % {"cases": number(cases, 0)}
            )
    analyse_with_progress(
        run.stored,
        analysis_settings(min_team_fte, critical_fte, cooperation_seconds),
        plan=run.plan,
        problem=run.problem,
    )
    document = stored_plan_document(run.stored)
    show_summary(document)
    show_replanning(run.stored)
    show_analysis_summary(run.stored)
    if json_file:
        _write_plan_file(run.stored.pk, document, json_file, by)


def _plan_distributed(
    scenario: str | None,
    time_limit: float,
    by: str,
    report: Callable[[str, int, int], None],
    from_plan: int | None,
    leaders_only: bool,
    deterministic: bool | None,
) -> Any:
    """The plan made by the workers, one profession each, with this command as one of them."""
    from django.utils.translation import get_language

    from overgang.web.jobs import runner
    from overgang.web.jobs.distributed import plan_distributed

    runner.heartbeat_enabled = True  # the parts this command runs show they are alive
    params = {
        "scenario": scenario or "",
        "time_limit": time_limit,
        "from_plan": from_plan,
        "leaders_only": leaders_only,
        "deterministic": deterministic,
    }
    return plan_distributed(
        params=params, by=command_line_actor(by), language=get_language(), progress=report
    )


@app.command(
    "analyse-plan",
    help=_(
        "Form the district teams and family plans of a stored plan that has none, assess its robustness, and store them."
    ),
)
def analyse_plan_command(
    plan_id: int = typer.Argument(..., help=_("The plan's id (see 'overgang plans').")),
    min_team_fte: float = MIN_TEAM_FTE_OPTION,
    critical_fte: float = CRITICAL_FTE_OPTION,
    cooperation_seconds: float = typer.Option(
        DEFAULT_REPLAN_SECONDS,
        "--cooperation-seconds",
        min=0,
        help=_(
            "Seconds to re-plan each service kept in a voluntary cooperation, to rank them; 0 skips the ranking."
        ),
    ),
    deterministic: bool = typer.Option(
        True,
        "--deterministic/--wall-clock",
        help=_(
            "Re-plan each service for the ranking with the deterministic search (the same plan ranks the same way each time), or with the search that stops on the clock."
        ),
    ),
) -> None:
    ensure_database()
    from overgang.web.planning.services import PlanningUnavailable

    stored = stored_plan_or_exit(plan_id)
    try:
        analyse_with_progress(
            stored,
            analysis_settings(min_team_fte, critical_fte, cooperation_seconds, deterministic),
        )
    except PlanningUnavailable as error:
        err_console.print(_("Cannot analyse the plan: %(error)s") % {"error": error})
        raise typer.Exit(1) from error
    show_analysis_summary(stored)


@app.command("plans", help=_("List the stored plans."))
def plans_command() -> None:
    ensure_database()
    from overgang.web.planning.models import StoredPlan

    table = Table(title=_("Stored plans"), title_justify="left")
    for column in (
        _("Id"),
        _("Created"),
        _("By"),
        _("Scenario"),
        _("Status"),
        _("Cost"),
        _("Bound"),
        _("Gap"),
        _("Seconds"),
    ):
        table.add_column(column)
    for p in StoredPlan.objects.all():
        table.add_row(
            str(p.pk),
            f"{p.created_at:%Y-%m-%d %H:%M}",
            p.created_by,
            p.scenario_name or "-",
            _("proven optimal") if p.status == "optimal" else _("not proven optimal"),
            number(p.objective_value),
            number(p.bound_value),
            f"{p.gap:.2%}",
            number(p.seconds, 1),
        )
    console.print(table)


@app.command("show-plan", help=_("Show a stored plan with its metrics."))
def show_plan_command(
    plan_id: int = typer.Argument(..., help=_("The plan's id (see 'overgang plans').")),
    json_file: Path = typer.Option(None, "--json", help=_("Also write the plan file (JSON) here.")),
    decisions: bool = typer.Option(
        False, "--decisions", help=_("List every decision with its reason.")
    ),
    teams: bool = typer.Option(
        False, "--teams", help=_("Show the district teams, their figures and members.")
    ),
    families: bool = typer.Option(
        False, "--families", help=_("Show the joint family plans per team.")
    ),
    robustness: bool = typer.Option(
        False,
        "--robustness",
        help=_("Show supply against demand, the robustness warnings and the cooperation ranking."),
    ),
) -> None:
    ensure_database()
    from overgang.web.planning.services import stored_plan_document

    stored = stored_plan_or_exit(plan_id)
    document = stored_plan_document(stored)
    show_summary(document)
    show_stale(stored)
    show_replanning(stored)
    show_analysis_summary(stored)
    if teams:
        show_teams(stored)
        _log_listing(stored.pk, "planning.planteam", "--teams")
    if families:
        show_families(stored)
        _log_listing(stored.pk, "planning.familyplan", "--families")
    if robustness:
        show_robustness(stored)
    if decisions:
        show_decisions(document)
        _log_listing(stored.pk, "planning.decisions", "--decisions")
    if json_file:
        _write_plan_file(stored.pk, document, json_file)


def _write_plan_file(
    plan_id: int, document: dict[str, Any], path: Path, by: str | None = None
) -> None:
    """Write the plan file and log it with the employees, cases and citizens it holds."""
    from overgang.io.planfile import write_plan_file
    from overgang.web.audit.exports import record_export
    from overgang.web.reporting.held import plan_document_held

    write_plan_file(document, path)
    record_export(
        command_line_actor(by),
        report="plan-file",
        object_id=str(plan_id),
        held=plan_document_held(document),
        files=[path.name],
    )
    console.print(_("Wrote the plan file %(path)s") % {"path": path})


def show_stale(stored: Any) -> None:
    """Say so when the data stored now differ from those the plan was made from."""
    from overgang.web.planning.freshness import is_stale

    if is_stale(stored):
        console.print(
            _(
                "Note: the data have changed since this plan was made. It is kept as it was made, from the data as they were then; make a new plan to plan from the data as they are now."
            ),
            soft_wrap=True,
        )


def _log_listing(plan_id: int, object_type: str, option: str) -> None:
    """Log that personal data (employees' placements, families' contact persons) were listed."""
    from overgang.web.audit.log import record
    from overgang.web.audit.models import Action

    record(
        command_line_actor(),
        Action.LIST,
        object_type=object_type,
        object_id=str(plan_id),
        detail={"command": f"show-plan {plan_id} {option}"},
    )


@app.command(
    "verify-plan",
    help=_("Check a plan file against the stored data: hard rules and its objective."),
)
def verify_plan_command(
    path: Path = typer.Argument(..., help=_("The plan file (JSON).")),
    reproduce: bool = typer.Option(
        False,
        "--reproduce",
        help=_(
            "Also re-solve with the plan's stored settings and say whether the same plan comes back."
        ),
    ),
) -> None:
    ensure_database()
    from overgang.cli.reproduce import show_reproduction
    from overgang.io.planfile import read_plan_file
    from overgang.web.planning.services import verify_plan_document

    document = read_plan_file(path)
    if reproduce and not show_reproduction(document):
        raise typer.Exit(1)
    result = verify_plan_document(document)
    for violation in result.violations:
        label = _("Broken rule")
        console.print(f"[red]{label}:[/red] {violation}")
    if not result.same_inputs:
        console.print(
            _("Note: the stored data or settings differ from those the plan was made from.")
        )
    if result.ok:
        console.print(
            _("The plan keeps every hard rule, and its objective %(cost)s recomputes exactly.")
            % {"cost": number(float(result.stated))}
        )
        return
    if not result.violations:
        console.print(
            _("The objective does not recompute: stated %(stated)s, recomputed %(recomputed)s.")
            % {
                "stated": f"{float(result.stated):.4f}",
                "recomputed": f"{float(result.recomputed):.4f}",
            }
        )
    raise typer.Exit(1)
