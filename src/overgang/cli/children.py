"""Commands of the children's side: family-letters, case-transfer export and confirm.

The letters and lists are loaded by `overgang.web.reporting` and rendered by
`overgang.reports`; the transfer list's export and the administrator's answers are
recorded by `overgang.web.casefiles.services`. Every file of personal data is audited.
"""

from __future__ import annotations

import getpass
from pathlib import Path

import typer
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from overgang.cli.console import console, err_console
from overgang.cli.main import app
from overgang.cli.reports import _check_choice, _plan
from overgang.web.audit.actors import command_line_actor
from overgang.web.bootstrap import ensure_database

transfer_app = typer.Typer(
    help=_("Case files to the receiving municipality's case system."), no_args_is_help=True
)
app.add_typer(transfer_app, name="case-transfer")

_PLAN_HELP = _("The plan's id (default: the approved plan, else the latest).")


def _known_municipality(code: int) -> None:
    from overgang.web.dataset.models import Municipality

    if not Municipality.objects.filter(code=code, retired_at__isnull=True).exists():
        err_console.print(_("No municipality with code %(code)s.") % {"code": code})
        raise typer.Exit(1)


@app.command(
    "family-letters",
    help=_(
        "Write one letter to every family in which a child's contact person changes: "
        ".docx for editing, or PDF."
    ),
)
def family_letters_command(
    plan_id: int = typer.Option(None, "--plan", help=_PLAN_HELP),
    municipality: int = typer.Option(
        None, "--kommune", help=_("Only the families this municipality writes to (its code).")
    ),
    fmt: str = typer.Option("docx", "--format", help=_("docx or pdf.")),
    combined: bool = typer.Option(
        False, "--combined", help=_("One file with every letter instead of one per family.")
    ),
    lang: str = typer.Option(
        None, "--lang", help=_("Language of the letters: da or en (default: the output's).")
    ),
    out: Path = typer.Option(Path("familiebreve"), "--out", help=_("The folder to write to.")),
    by: str = typer.Option(
        getpass.getuser(), "--by", help=_("Who writes the letters (recorded in the audit log).")
    ),
) -> None:
    from overgang.reports.family_letters import FAMILY_LETTER_FORMATS
    from overgang.web.audit.exports import record_export
    from overgang.web.reporting.family_letters import family_letters_export
    from overgang.web.reporting.sources import ReportUnavailable

    _check_choice(fmt, FAMILY_LETTER_FORMATS, "--format")
    language = lang or translation.get_language() or "da"
    _check_choice(language, ("da", "en"), "--lang")
    ensure_database()
    if municipality is not None:
        _known_municipality(municipality)
    plan = _plan(plan_id)
    try:
        made = family_letters_export(
            plan, fmt, language, municipality=municipality, combined=combined
        )
    except ReportUnavailable as error:
        err_console.print(_("Cannot make the letters: %(error)s") % {"error": error})
        raise typer.Exit(1) from error
    out.mkdir(parents=True, exist_ok=True)
    for name, content in made.files.items():
        (out / name).write_bytes(content)
    record_export(
        command_line_actor(by),
        report="family-letters",
        object_id=str(plan.pk),
        held=made.held,
        files=list(made.files),
        municipality=municipality,
    )
    console.print(
        ngettext(
            "Wrote %(count)d file with the letters to families of plan %(plan)s to %(path)s",
            "Wrote %(count)d files with the letters to families of plan %(plan)s to %(path)s",
            len(made.files),
        )
        % {"count": len(made.files), "plan": plan.pk, "path": out}
    )


@transfer_app.command(
    "export",
    help=_(
        "Write the transfer list of one receiving municipality for its case system, and "
        "record its cases as pending."
    ),
)
def case_transfer_export_command(
    municipality: int = typer.Option(
        ..., "--kommune", help=_("The receiving municipality's code.")
    ),
    out: Path = typer.Option(
        ...,
        "--out",
        help=_("The file to write: .xlsx, or .csv (Danish Excel: ';', UTF-8 with BOM)."),
    ),
    fmt: str = typer.Option(
        None,
        "--format",
        help=_("xlsx, csv (Danish Excel) or csv-utf8 (',', UTF-8); default: by --out's suffix."),
    ),
    plan_id: int = typer.Option(None, "--plan", help=_PLAN_HELP),
    by: str = typer.Option(
        getpass.getuser(), "--by", help=_("Who writes the list (recorded in the audit log).")
    ),
) -> None:
    from overgang.reports.case_transfer import TRANSFER_FORMATS
    from overgang.web.casefiles.services import record_transfer_export
    from overgang.web.reporting.case_transfers import transfer_list_export

    chosen = fmt or ("csv" if out.suffix.lower() == ".csv" else "xlsx")
    _check_choice(chosen, TRANSFER_FORMATS, "--format")
    ensure_database()
    _known_municipality(municipality)
    plan = _plan(plan_id)
    made = transfer_list_export(plan, municipality, chosen)
    ((_name, body),) = made.files.items()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(body)
    new = record_transfer_export(
        municipality=municipality,
        plan_id=plan.pk,
        held=made.held,
        files=[out.name],
        by=command_line_actor(by),
    )
    count = len(made.held["cases"])
    console.print(
        ngettext(
            "Wrote %(count)d case moving to %(municipality)s to %(path)s (%(new)d new).",
            "Wrote %(count)d cases moving to %(municipality)s to %(path)s (%(new)d new).",
            count,
        )
        % {"count": count, "municipality": municipality, "path": out, "new": new}
    )


@transfer_app.command(
    "confirm",
    help=_(
        "Read back the administrator's transfer list with a status per case (overtaget, or "
        "afvist with a reason) and record it."
    ),
)
def case_transfer_confirm_command(
    path: Path = typer.Argument(..., help=_("The answered list: .xlsx or .csv.")),
    municipality: int = typer.Option(
        None,
        "--kommune",
        help=_("Answer only this municipality's list (default: the file's modtagende_kommune)."),
    ),
    by: str = typer.Option(
        getpass.getuser(), "--by", help=_("Who records the answers (recorded in the audit log).")
    ),
) -> None:
    from overgang.io.transfer_answers import TransferFileError, read_transfer_answers
    from overgang.web.casefiles.services import confirm_case_transfers

    if not path.is_file():
        err_console.print(_("No such file: %(path)s") % {"path": path})
        raise typer.Exit(1)
    try:
        read = read_transfer_answers(path.name, path.read_bytes())
    except TransferFileError as error:
        err_console.print(_("The file is refused; nothing was recorded:"))
        for problem in error.problems:
            err_console.print(f"  {problem}")
        raise typer.Exit(1) from error
    ensure_database()
    if municipality is not None:
        _known_municipality(municipality)
    result = confirm_case_transfers(
        answers=read.answers,
        municipality=municipality,
        file_name=path.name,
        by=command_line_actor(by),
    )
    console.print(
        _("Recorded %(taken)d taken over and %(refused)d refused; %(open)d rows without an answer.")
        % {"taken": len(result.taken_over), "refused": len(result.refused), "open": read.unanswered}
    )
    for row, case_id in result.unknown:
        err_console.print(
            _("Row %(row)s: case %(case)s is not on the transfer list; not recorded.")
            % {"row": row, "case": case_id}
        )
    if result.unknown:
        raise typer.Exit(2)
