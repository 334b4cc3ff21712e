"""Commands on the transition workbook: template, check, import, export."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from django.utils.translation import gettext as _
from rich.markup import escape
from rich.table import Table

from overgang.cli.console import console, err_console, print_issues, progress_bar
from overgang.cli.main import app
from overgang.web.audit.actors import command_line_actor
from overgang.web.bootstrap import ensure_database

if TYPE_CHECKING:
    from overgang.web.dataset.preview import ImportPreview


@app.command("template", help=_("Write an empty transition workbook to fill in by hand."))
def template_command(
    path: Path = typer.Argument(..., help=_("The .xlsx file to write.")),
) -> None:
    from overgang.io.template import write_template

    if path.suffix.lower() != ".xlsx":
        raise typer.BadParameter(_("the template must be an .xlsx file"), param_hint="PATH")
    write_template(path)
    console.print(_("Wrote the empty workbook %(path)s") % {"path": path})


@app.command(
    "check",
    help=_("Validate a workbook (.xlsx or a folder of CSV files) without storing anything."),
)
def check_command(
    path: Path = typer.Argument(..., help=_("The .xlsx file or CSV folder to check.")),
) -> None:
    ensure_database()
    from overgang.web.dataset.services import check_workbook

    with err_console.status(_("Reading %(path)s") % {"path": path}):
        result = check_workbook(path)
    print_issues(result.issues)
    if result.dataset is None:
        raise typer.Exit(1)
    _print_counts(result.dataset.row_counts(), _("The workbook is valid"))


@app.command(
    "import",
    help=_(
        "Validate a workbook and store it, all or nothing: rows are matched by their ids, rows no longer listed are retired, and what was recorded in Overgang is kept."
    ),
)
def import_command(
    path: Path = typer.Argument(..., help=_("The .xlsx file or CSV folder to import.")),
    by: str = typer.Option(
        getpass.getuser(), "--by", help=_("Who imports it (recorded with the data set).")
    ),
    dry_run: bool = typer.Option(
        False, "--dry-run", help=_("Show what the import would change, and store nothing.")
    ),
) -> None:
    ensure_database()
    from overgang.web.dataset.services import import_workbook

    with progress_bar() as progress:
        task = progress.add_task(_("Reading %(path)s") % {"path": path.name}, total=None)

        def report(table: str, done: int, total: int) -> None:
            progress.update(
                task,
                description=_("Storing %(table)s") % {"table": table},
                completed=done,
                total=total,
            )

        outcome = import_workbook(path, by=command_line_actor(by), dry_run=dry_run, progress=report)
    print_issues(outcome.issues)
    if outcome.preview is None:
        console.print(_("Nothing was stored: the stored data set is unchanged."))
        raise typer.Exit(1)
    _print_preview(outcome.preview)
    if outcome.batch is None:
        console.print(_("Dry run: nothing was stored."))
        return
    _print_counts(outcome.batch.row_counts, _("Imported %(name)s") % {"name": path.name})


def _print_preview(preview: ImportPreview) -> None:
    """Per sheet: rows added, changed and retired; a sample of the changes; what is touched."""
    table = Table(title=_("What the import changes"), title_justify="left")
    table.add_column(_("Sheet"))
    for heading in (_("Added"), _("Changed"), _("Retired")):
        table.add_column(heading, justify="right")
    for sheet in preview.sheets:
        table.add_row(
            sheet.sheet, str(len(sheet.added)), str(len(sheet.changed)), str(len(sheet.retired))
        )
    console.print(table)
    sample = [change for sheet in preview.sheets for change in sheet.sample]
    if sample:
        changes = Table(title=_("Changed rows, field by field (a sample)"), title_justify="left")
        for heading in (_("Id"), _("Field"), _("Before"), _("After")):
            changes.add_column(heading)
        for change in sample:
            changes.add_row(
                escape(change.row_id), change.field, escape(change.before), escape(change.after)
            )
        console.print(changes)
    for sentence in preview.touched:
        console.print(_("Needs attention: %(what)s") % {"what": escape(sentence)})


@app.command(
    "export", help=_("Write the stored data set as a workbook (.xlsx) or a folder of CSV files.")
)
def export_command(
    path: Path = typer.Argument(..., help=_("An .xlsx file, or a folder for CSV files.")),
    by: str = typer.Option(
        getpass.getuser(), "--by", help=_("Who exports it (recorded in the audit log).")
    ),
) -> None:
    ensure_database()
    from overgang.web.dataset.services import export_workbook
    from overgang.web.dataset.store import current_batch

    if current_batch() is None:
        err_console.print(_("No data set has been imported yet: run 'overgang import' first."))
        raise typer.Exit(1)
    with err_console.status(_("Writing %(path)s") % {"path": path}):
        export_workbook(path, by=command_line_actor(by))
    console.print(_("Wrote %(path)s") % {"path": path})


def _print_counts(counts: dict[str, int], title: str) -> None:
    table = Table(title=title, title_justify="left")
    table.add_column(_("Sheet"))
    table.add_column(_("Rows"), justify="right")
    for sheet, count in counts.items():
        table.add_row(sheet, str(count))
    console.print(table)
