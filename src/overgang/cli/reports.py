"""Commands of the reports: report, letters, lists."""

from __future__ import annotations

from pathlib import Path

import typer
from django.utils import translation
from django.utils.translation import gettext as _

from overgang.cli.console import console, err_console
from overgang.cli.main import app
from overgang.web.bootstrap import ensure_database


def _plan(plan_id: int | None):  # noqa: ANN202  (a StoredPlan; Django is set up lazily)
    from overgang.reports.sources import ReportUnavailable, select_plan

    try:
        return select_plan(plan_id)
    except ReportUnavailable as error:
        err_console.print(_("Cannot make the report: %(error)s") % {"error": error})
        raise typer.Exit(1) from error


def _check_choice(value: str, choices: tuple[str, ...], option: str) -> None:
    if value not in choices:
        raise typer.BadParameter(
            _("choose one of %(choices)s") % {"choices": ", ".join(choices)}, param_hint=option
        )


@app.command(
    "report",
    help=_("Write the status report for the city council: aggregates only, small numbers hidden."),
)
def report_command(
    plan_id: int = typer.Option(
        None, "--plan", help=_("The plan's id (default: the approved plan, else the latest).")
    ),
    fmt: str = typer.Option("pdf", "--format", help=_("pdf or html.")),
    lang: str = typer.Option(
        None, "--lang", help=_("Language of the report: da or en (default: the output's).")
    ),
    out: Path = typer.Option(None, "--out", help=_("The file to write.")),
) -> None:
    from overgang.reports.sources import ReportUnavailable
    from overgang.reports.status import FORMATS, LANGUAGES, render

    _check_choice(fmt, FORMATS, "--format")
    language = lang or translation.get_language() or "da"
    _check_choice(language, LANGUAGES, "--lang")
    ensure_database()
    plan = _plan(plan_id)
    try:
        content = render(plan, fmt, language)
    except ReportUnavailable as error:
        err_console.print(_("Cannot make the report: %(error)s") % {"error": error})
        raise typer.Exit(1) from error
    path = out or Path(f"statusrapport-plan{plan.pk}.{fmt}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    console.print(
        _("Wrote the status report on plan %(plan)s: %(path)s") % {"plan": plan.pk, "path": path}
    )
