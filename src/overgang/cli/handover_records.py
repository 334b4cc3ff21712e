"""overgang handovers and overgang contact-changes: the handover records' progress, and the
changes of contact person after the effective date."""

from __future__ import annotations

import getpass
from pathlib import Path

import typer
from django.utils.translation import gettext as _
from rich.table import Table

from overgang.cli.console import console, err_console, print_issues
from overgang.cli.main import app
from overgang.web.audit.actors import command_line_actor
from overgang.web.bootstrap import ensure_database

changes_app = typer.Typer(
    help=_("Changes of contact person after the effective date."), no_args_is_help=True
)
app.add_typer(changes_app, name="contact-changes")

BY_OPTION = typer.Option(
    getpass.getuser(), "--by", help=_("Who runs the command (recorded in the audit log).")
)


def _code(kommune: str | None) -> int | None:
    if kommune is None:
        return None
    from overgang.web.planning.fixing import FixError, municipality_code

    try:
        return municipality_code(kommune)
    except FixError as wrong:
        raise typer.BadParameter(str(wrong), param_hint="--kommune") from wrong


@app.command(
    "handovers",
    help=_(
        "Show the handover records' progress per municipality and profession; "
        "--overdue lists the cases whose family visit is overdue."
    ),
)
def handovers_command(
    kommune: str = typer.Option(
        None,
        "--kommune",
        help=_("Only this municipality (code or name): the one serving the case."),
    ),
    overdue: bool = typer.Option(False, "--overdue", help=_("List the overdue handovers.")),
    by: str = BY_OPTION,
) -> None:
    ensure_database()
    from overgang.web.audit.log import record_list
    from overgang.web.planning.models import CaseDecision
    from overgang.web.process import handover_records as records

    code = _code(kommune)
    decisions = CaseDecision.objects.all()
    if code is not None:
        decisions = decisions.filter(municipality=code)
    names = records.step_names()
    table = Table(title=_("Handover records per municipality and profession"))
    for heading in (_("Municipality"), _("Profession"), _("Cases"), *names.values(), _("Overdue")):
        table.add_column(str(heading))
    for row in records.handover_progress(decisions):
        table.add_row(str(row.municipality), row.profession, *map(str, row.counts()))
    console.print(table)
    console.print(
        _("The meeting with the child and family is due by %(day)s.")
        % {"day": records.visit_deadline_of().isoformat()},
        markup=False,
    )
    if not overdue:
        return
    late = list(
        records.changing_decisions(decisions)
        .filter(records.overdue_filter())
        .select_related("handover")
        .order_by("case_id")
    )
    record_list(command_line_actor(by), late, detail={"overdue": True})
    listing = Table(title=_("Overdue handovers"))
    for heading in (_("Case"), _("Municipality"), _("From"), _("To"), _("Visit planned on")):
        listing.add_column(str(heading))
    for decision in late:
        meeting = getattr(decision, "handover", None)
        planned = meeting.family_meeting_planned_on if meeting else None
        listing.add_row(
            decision.case_id,
            str(decision.municipality),
            decision.former_contact,
            decision.contact_person or "–",
            planned.isoformat() if planned else "–",
        )
    console.print(listing)


@changes_app.command(
    "import",
    help=_(
        "Record a municipality's changes of contact person from its case system's file "
        "(CSV or .xlsx with sag_id, dato, fra, til): all rows, or none."
    ),
)
def import_changes_command(
    path: Path = typer.Argument(..., metavar="FILE", help=_("The CSV or .xlsx file.")),
    kommune: str = typer.Option(
        ..., "--kommune", help=_("The municipality (code or name) whose cases the file holds.")
    ),
    by: str = BY_OPTION,
) -> None:
    ensure_database()
    from overgang.io.issues import WorkbookError
    from overgang.web.casefiles.contact_changes import ContactChangeError, import_contact_changes

    code = _code(kommune)
    assert code is not None
    try:
        changes = import_contact_changes(path, municipality_code=code, by=command_line_actor(by))
    except (ContactChangeError, WorkbookError) as refused:
        print_issues(refused.issues)
        err_console.print(_("Nothing was recorded."), markup=False)
        raise typer.Exit(1) from refused
    console.print(
        _("Recorded %(count)d changes of contact person for municipality %(code)s.")
        % {"count": len(changes), "code": code},
        markup=False,
    )


@changes_app.command(
    "report",
    help=_(
        "Compare the changes recorded with the plan's promise: children who were to keep "
        "their contact person and did, per profession (counts below 5 shown as <5)."
    ),
)
def report_changes_command(
    kommune: str = typer.Option(None, "--kommune", help=_("Only this municipality.")),
) -> None:
    ensure_database()
    from overgang.core.continuity_followup import continuity_table
    from overgang.web.casefiles.contact_changes import continuity

    report = continuity(municipality_code=_code(kommune))
    table = Table(title=_("Continuity after the effective date, per profession"))
    for heading in (_("Profession"), _("Kept their contact person"), _("Changed"), _("Promised")):
        table.add_column(str(heading))
    shown = continuity_table(report.rows)
    for row in report.rows:
        table.add_row(
            row.profession,
            shown.cell(row.profession, "kept").display(),
            shown.cell(row.profession, "changed").display(),
            shown.row_total(row.profession).display(),
        )
    console.print(table)
    console.print(
        _("Changes recorded on or after %(day)s: %(count)s.")
        % {"day": report.effective_date.isoformat(), "count": report.changes_recorded},
        markup=False,
    )
