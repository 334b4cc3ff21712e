"""overgang compare: plan several scenarios and show their figures side by side."""

from __future__ import annotations

import getpass
from fractions import Fraction
from typing import Any

import typer
from django.utils.translation import gettext as _
from rich.markup import escape
from rich.table import Table

from overgang.cli.console import console, err_console, progress_bar
from overgang.cli.main import app
from overgang.core.robustness import DEFAULT_CRITICAL_FTE
from overgang.web.audit.actors import command_line_actor
from overgang.web.bootstrap import ensure_database

# Three scenarios at a minute each: long enough for a good plan of the demo data set.
DEFAULT_TIME_LIMIT = 60.0


@app.command(
    "compare",
    help=_(
        "Plan each scenario, store the plans and show them side by side: unstaffed load, "
        "hires, moves, contact changes, teams, robustness and cost. Without names: the "
        "shipped scenarios."
    ),
)
def compare_command(
    names: list[str] = typer.Argument(
        None, help=_("The scenarios to compare (see 'overgang scenario list').")
    ),
    time_limit: float = typer.Option(
        DEFAULT_TIME_LIMIT,
        "--time-limit",
        min=0.1,
        help=_("Seconds per scenario; each plan states its proven bound and gap."),
    ),
    critical_fte: float = typer.Option(
        float(DEFAULT_CRITICAL_FTE),
        "--critical-fte",
        min=0,
        help=_("A profession with fewer FTE than this in a municipality is a robustness warning."),
    ),
    by: str = typer.Option(
        getpass.getuser(), "--by", help=_("Who makes the plans (recorded with them).")
    ),
    plan_ids: list[int] = typer.Option(
        [],
        "--plan",
        help=_("Compare this stored plan instead of planning (repeatable; see 'overgang plans')."),
    ),
    deterministic: bool = typer.Option(
        True,
        "--deterministic/--wall-clock",
        help=_(
            "Plan each scenario with the deterministic search, so that the same data give the same table each time, or with the search that stops on the clock (faster; may differ from run to run)."
        ),
    ),
) -> None:
    ensure_database()
    from overgang.web.planning.scenarios import plan_scenarios, shipped_names
    from overgang.web.planning.services import PlanningUnavailable

    if plan_ids:
        if names:
            err_console.print(_("Give scenario names or --plan, not both."))
            raise typer.Exit(1)
        _compare_stored(plan_ids)
        return
    names = list(names or shipped_names())
    if len(set(names)) != len(names):
        err_console.print(_("Name each scenario once."))
        raise typer.Exit(1)
    try:
        with progress_bar() as progress:
            task = progress.add_task(_("Planning"), total=None)

            def report(scenario: str, profession: str, done: int, total: int) -> None:
                index = names.index(scenario)
                progress.update(
                    task,
                    description=_("Planning %(scenario)s %(profession)s")
                    % {"scenario": scenario, "profession": profession},
                    completed=index * total + done,
                    total=len(names) * total,
                )

            runs = plan_scenarios(
                names=names,
                time_limit=time_limit,
                by=command_line_actor(by),
                progress=report,
                deterministic=deterministic,
            )
    except PlanningUnavailable as error:
        err_console.print(_("Cannot compare: %(error)s") % {"error": error})
        raise typer.Exit(1) from error
    with console.status(_("Forming district teams and assessing robustness")):
        comparison = _comparison(names, runs, critical_fte)
    for name, run in zip(names, runs, strict=True):
        _warn_unmatched(name, run)
    dataset = runs[0].problem.dataset
    show_comparison(comparison, {m.code: m.name for m in dataset.municipalities})


def _comparison(names: list[str], runs: list[Any], critical_fte: float) -> Any:
    """Return the comparison of the plans; each plan's teams and robustness are stored with it."""
    from overgang.core.comparison import compare_scenarios, scenario_figures
    from overgang.web.planning.analysis import AnalysisSettings, analyse, save_analysis

    # The ranking of services for cooperation re-plans every service: left to 'overgang plan'.
    settings = AnalysisSettings(critical_fte=Fraction(str(critical_fte)), rank_services=False)
    figures = []
    for name, run in zip(names, runs, strict=True):
        analysis = analyse(run.problem, run.plan, settings)
        save_analysis(run.stored, analysis, settings)
        figures.append(
            scenario_figures(
                name,
                run.plan,
                teams=analysis.teams,
                robustness=analysis.robustness,
                plan_id=run.stored.pk,
            )
        )
    return compare_scenarios(figures)


def _warn_unmatched(name: str, run: Any) -> None:
    from overgang.cli.scenarios import warn_unmatched

    warn_unmatched(name, run.stored.settings, run.problem.dataset)


def _compare_stored(plan_ids: list[int]) -> None:
    """Print stored plans side by side, from their stored figures, without planning."""
    from overgang.core.comparison import compare_scenarios
    from overgang.web.planning.models import StoredPlan
    from overgang.web.planning.scenarios import stored_figures

    plans = {p.pk: p for p in StoredPlan.objects.filter(pk__in=plan_ids)}
    missing = [str(i) for i in plan_ids if i not in plans]
    if missing:
        err_console.print(_("Cannot compare: no plan with id %(id)s") % {"id": ", ".join(missing)})
        raise typer.Exit(1)
    stored = [plans[i] for i in plan_ids]
    comparison = compare_scenarios([stored_figures(p) for p in stored])
    labels = stored[0].labels.get("kommuner", {})
    show_comparison(comparison, {int(code): name for code, name in labels.items()})


def show_comparison(comparison: Any, municipalities: dict[int, str]) -> None:
    """Print the comparison: one row per figure, one column per scenario, differences in brackets."""
    from overgang.texts.comparison import difference_text, row_label, value_text

    table = Table(
        title=_("Scenarios side by side (differences from %(first)s in brackets)")
        % {"first": comparison.names[0]},
        title_justify="left",
    )
    table.add_column(_("Figure"), no_wrap=True)
    for name, plan_id in zip(comparison.names, comparison.plan_ids, strict=True):
        heading = name if plan_id is None else f"{name}\n" + _("plan %(id)s") % {"id": plan_id}
        table.add_column(escape(heading), justify="right")
    for row in comparison.rows:
        cells = []
        for value, difference in zip(row.values, row.differences, strict=True):
            text = value_text(row.kind, value)
            change = difference_text(row.kind, difference)
            cells.append(f"{text} ({change})" if change else text)
        style = "bold" if row.differs and row.detail is None else None
        table.add_row(escape(row_label(row, municipalities)), *cells, style=style)
    console.print(table)
    console.print(
        _(
            "Rows in bold differ between the scenarios. Each plan is stored; 'overgang show-plan ID' shows it in full."
        )
    )
