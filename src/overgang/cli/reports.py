"""Commands of the reports: report, letters, lists, consultation-report, compare-report.

Each loads its records through `overgang.web.reporting` and renders them with
`overgang.reports` (`overgang.web.reporting.documents` does both).
"""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from overgang.cli.console import console, err_console
from overgang.cli.main import app
from overgang.web.audit.actors import command_line_actor
from overgang.web.bootstrap import ensure_database

if TYPE_CHECKING:
    from overgang.web.planning.models import StoredPlan
    from overgang.web.reporting.documents import Export
    from overgang.web.reporting.letter_kinds import KindExport


def _plan(plan_id: int | None):  # noqa: ANN202  (a StoredPlan; Django is set up lazily)
    from overgang.web.reporting.sources import ReportUnavailable, select_plan

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
    from overgang.reports.status import FORMATS, LANGUAGES
    from overgang.web.reporting.documents import render_status
    from overgang.web.reporting.sources import ReportUnavailable

    _check_choice(fmt, FORMATS, "--format")
    language = lang or translation.get_language() or "da"
    _check_choice(language, LANGUAGES, "--lang")
    ensure_database()
    plan = _plan(plan_id)
    try:
        content = render_status(plan, fmt, language)
    except ReportUnavailable as error:
        err_console.print(_("Cannot make the report: %(error)s") % {"error": error})
        raise typer.Exit(1) from error
    path = out or Path(f"statusrapport-plan{plan.pk}.{fmt}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    console.print(
        _("Wrote the status report on plan %(plan)s: %(path)s") % {"plan": plan.pk, "path": path}
    )


def _log_export(kind: str, plan_id: int, made: Export | KindExport, by: str) -> None:
    """Log that personal data left the system in files, and whom they held, as the pages do."""
    from overgang.web.audit.exports import record_export

    record_export(
        command_line_actor(by),
        report=kind,
        object_id=str(plan_id),
        held=made.held,
        files=list(made.files),
    )


@app.command(
    "letters",
    help=_(
        "Write the letters to the employees: hearing, decision or information letters, "
        ".docx for HR to edit, or PDF."
    ),
)
def letters_command(
    plan_id: int = typer.Option(
        None, "--plan", help=_("The plan's id (default: the approved plan, else the latest).")
    ),
    kind: str = typer.Option(
        "decision",
        "--kind",
        help=_(
            "hearing (before a decision that does not meet a wish), decision, or information "
            "(the transfer of undertakings act § 7)."
        ),
    ),
    fmt: str = typer.Option("docx", "--format", help=_("docx or pdf.")),
    combined: bool = typer.Option(
        False, "--combined", help=_("One file with every letter instead of one per employee.")
    ),
    lang: str = typer.Option(
        None, "--lang", help=_("Language of the letters: da or en (default: the output's).")
    ),
    out: Path = typer.Option(Path("breve"), "--out", help=_("The folder to write to.")),
    by: str = typer.Option(
        getpass.getuser(), "--by", help=_("Who writes the letters (recorded in the audit log).")
    ),
) -> None:
    from overgang.reports.letters import LETTER_FORMATS
    from overgang.web.reporting.letter_kinds import LETTER_KINDS, letters_of_kind
    from overgang.web.reporting.sources import ReportUnavailable

    _check_choice(kind, LETTER_KINDS, "--kind")
    _check_choice(fmt, LETTER_FORMATS, "--format")
    language = lang or translation.get_language() or "da"
    _check_choice(language, ("da", "en"), "--lang")
    ensure_database()
    plan = _plan(plan_id)
    try:
        made = letters_of_kind(plan, kind, fmt, language, combined=combined)
    except ReportUnavailable as error:
        err_console.print(_("Cannot make the letters: %(error)s") % {"error": error})
        raise typer.Exit(1) from error
    files = made.files
    out.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (out / name).write_bytes(content)
    _log_export("letters" if kind == "decision" else f"{kind}_letters", plan.pk, made, by)
    console.print(
        ngettext(
            "Wrote %(count)d file with the %(kind)s letters of plan %(plan)s to %(path)s",
            "Wrote %(count)d files with the %(kind)s letters of plan %(plan)s to %(path)s",
            len(files),
        )
        % {"count": len(files), "kind": _letter_kind_word(kind), "plan": plan.pk, "path": out}
    )
    _tell_what_is_left_out(plan, kind, made.withheld)


def _letter_kind_word(kind: str) -> str:
    words = {
        "hearing": pgettext("letter kind", "hearing"),
        "decision": pgettext("letter kind", "decision"),
        "information": pgettext("letter kind", "information"),
    }
    return words[kind]


def _tell_what_is_left_out(plan: StoredPlan, kind: str, withheld: tuple[str, ...]) -> None:
    """Say which decision letters wait for the hearing, and whose staff has no letter of its own."""
    if withheld:
        console.print(
            _(
                "Not written, in hearing without a final decision: %(employees)s. Issue the final "
                "decision on the employee's page once the response is in or the deadline passed."
            )
            % {"employees": ", ".join(withheld)},
            soft_wrap=True,
        )
    if kind == "information":
        from overgang.web.reporting.letter_kinds import staff_without_records

        for name in staff_without_records(plan):
            console.print(
                _(
                    "The data set holds no staff of %(municipality)s's own: one letter to them "
                    "all is written, for %(municipality)s to hand out."
                )
                % {"municipality": name},
                soft_wrap=True,
            )


@app.command(
    "lists",
    help=_("Write the handover lists per caseworker and the transfer lists per municipality."),
)
def lists_command(
    plan_id: int = typer.Option(
        None, "--plan", help=_("The plan's id (default: the approved plan, else the latest).")
    ),
    deadline: str = typer.Option(
        None,
        "--deadline",
        help=_("Handover deadline, YYYY-MM-DD (default: the day before the effective date)."),
    ),
    lang: str = typer.Option(
        None, "--lang", help=_("Language of the lists: da or en (default: the output's).")
    ),
    out: Path = typer.Option(Path("lister"), "--out", help=_("The folder to write to.")),
    by: str = typer.Option(
        getpass.getuser(), "--by", help=_("Who writes the lists (recorded in the audit log).")
    ),
) -> None:
    from datetime import date

    from overgang.web.reporting.documents import lists_export
    from overgang.web.reporting.sources import ReportUnavailable

    language = lang or translation.get_language() or "da"
    _check_choice(language, ("da", "en"), "--lang")
    try:
        day = date.fromisoformat(deadline) if deadline else None
    except ValueError as error:
        raise typer.BadParameter(
            _("not a date (YYYY-MM-DD): %(value)s") % {"value": deadline}, param_hint="--deadline"
        ) from error
    ensure_database()
    plan = _plan(plan_id)
    try:
        made = lists_export(plan, language, deadline=day)
    except ReportUnavailable as error:
        err_console.print(_("Cannot make the lists: %(error)s") % {"error": error})
        raise typer.Exit(1) from error
    files = made.files
    for name, content in files.items():
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    _log_export("lists", plan.pk, made, by)
    console.print(
        ngettext(
            "Wrote %(count)d list of plan %(plan)s to %(path)s",
            "Wrote %(count)d lists of plan %(plan)s to %(path)s",
            len(files),
        )
        % {"count": len(files), "plan": plan.pk, "path": out}
    )


@app.command(
    "consultation-report",
    help=_(
        "Compile one consultation's responses by body for the council; without an id, list them."
    ),
)
def consultation_report_command(
    consultation_id: int = typer.Argument(None, help=_("The consultation's id.")),
    fmt: str = typer.Option("pdf", "--format", help=_("pdf, html or docx.")),
    lang: str = typer.Option(
        None, "--lang", help=_("Language of the report: da or en (default: the output's).")
    ),
    out: Path = typer.Option(None, "--out", help=_("The file to write.")),
) -> None:
    from overgang.reports.consultation import CONSULTATION_FORMATS
    from overgang.web.reporting.consultations import ConsultationUnavailable
    from overgang.web.reporting.documents import render_consultation

    _check_choice(fmt, CONSULTATION_FORMATS, "--format")
    language = lang or translation.get_language() or "da"
    _check_choice(language, ("da", "en"), "--lang")
    ensure_database()
    if consultation_id is None:
        _list_consultations()
        return
    try:
        content = render_consultation(consultation_id, fmt, language)
    except ConsultationUnavailable as error:
        err_console.print(_("Cannot make the report: %(error)s") % {"error": error})
        raise typer.Exit(1) from error
    path = out or Path(f"hoeringssvar-{consultation_id}.{fmt}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    console.print(
        _("Wrote the consultation responses of consultation %(id)s: %(path)s")
        % {"id": consultation_id, "path": path}
    )


def _list_consultations() -> None:
    from rich.table import Table

    from overgang.web.reporting.consultations import consultation_summaries

    table = Table(title=_("Consultations"), title_justify="left")
    for column in (_("Id"), _("Title"), _("Deadline"), _("Answers")):
        table.add_column(column)
    for c in consultation_summaries():
        table.add_row(str(c.id), c.title, c.deadline.isoformat(), f"{c.answered}/{c.asked}")
    console.print(table)


@app.command(
    "compare-report",
    help=_("Write stored plans side by side as a report, with small numbers hidden."),
)
def compare_report_command(
    plan_ids: list[int] = typer.Argument(..., help=_("The plans' ids (see 'overgang plans').")),
    fmt: str = typer.Option("pdf", "--format", help=_("pdf or html.")),
    lang: str = typer.Option(
        None, "--lang", help=_("Language of the report: da or en (default: the output's).")
    ),
    out: Path = typer.Option(None, "--out", help=_("The file to write.")),
) -> None:
    from overgang.web.reporting.documents import render_comparison
    from overgang.web.reporting.sources import ReportUnavailable, select_plans

    _check_choice(fmt, ("html", "pdf"), "--format")
    language = lang or translation.get_language() or "da"
    _check_choice(language, ("da", "en"), "--lang")
    ensure_database()
    try:
        plans = select_plans(plan_ids)
    except ReportUnavailable as error:
        err_console.print(_("Cannot make the report: %(error)s") % {"error": error})
        raise typer.Exit(1) from error
    content = render_comparison(plans, fmt, language)
    path = out or Path(f"scenarier-{'-'.join(map(str, plan_ids))}.{fmt}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    console.print(_("Wrote the comparison: %(path)s") % {"path": path})
