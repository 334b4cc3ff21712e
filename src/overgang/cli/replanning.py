"""Plans compared decision by decision (diff-plans), and what a re-plan says of its reference."""

from __future__ import annotations

from typing import Any

import typer
from django.utils.translation import gettext as _
from rich.table import Table

from overgang.cli.console import console
from overgang.cli.main import app
from overgang.cli.stored_plans import stored_plan_or_exit
from overgang.web.audit.actors import command_line_actor
from overgang.web.bootstrap import ensure_database


@app.command(
    "diff-plans",
    help=_(
        "List every employee and case whose decision differs between two stored plans, with both reasons."
    ),
)
def diff_plans_command(
    first: int = typer.Argument(..., help=_("The first plan's id (see 'overgang plans').")),
    second: int = typer.Argument(..., help=_("The second plan's id.")),
) -> None:
    ensure_database()
    from overgang.web.audit.log import record
    from overgang.web.audit.models import Action
    from overgang.web.pages.reasons import case_reason_words, employee_reason_words
    from overgang.web.planning.replanning import plan_difference
    from overgang.web.reporting.sources import plan_labels

    before, after = stored_plan_or_exit(first), stored_plan_or_exit(second)
    diff = plan_difference(before, after)
    # Employees' placements and children's contact persons were listed: log it, as show-plan does.
    record(
        command_line_actor(),
        Action.LIST,
        object_type="planning.decisions",
        object_id=f"{first},{second}",
        detail={"command": f"diff-plans {first} {second}"},
    )
    console.print(
        _(
            "Plans %(first)s and %(second)s differ in the decisions about %(employees)d employees and %(cases)d cases."
        )
        % {
            "first": first,
            "second": second,
            "employees": len(diff.employees),
            "cases": len(diff.cases),
        }
    )
    names = {**plan_labels(before)[0], **plan_labels(after)[0]}
    absent = _("not in the plan")
    if diff.employees:
        table = _table(_("Employees whose decision differs"), _("Employee"), first, second)
        for d in diff.employees:
            table.add_row(
                d.employee_id,
                names.get(d.before.municipality, str(d.before.municipality))
                if d.before
                else absent,
                employee_reason_words(before, d.before.reason) if d.before else "",
                names.get(d.after.municipality, str(d.after.municipality)) if d.after else absent,
                employee_reason_words(after, d.after.reason) if d.after else "",
            )
        console.print(table)
    if diff.cases:
        table = _table(_("Cases whose decision differs"), _("Case"), first, second)
        for c in diff.cases:
            table.add_row(
                c.case_id,
                (c.before.contact_person or _("none")) if c.before else absent,
                case_reason_words(before, c.before.reason) if c.before else "",
                (c.after.contact_person or _("none")) if c.after else absent,
                case_reason_words(after, c.after.reason) if c.after else "",
            )
        console.print(table)


def _table(title: str, subject: str, first: int, second: int) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column(subject)
    for plan in (first, second):
        table.add_column(_("Plan %(number)s") % {"number": plan})
        table.add_column(_("Reason in plan %(number)s") % {"number": plan})
    return table


def reference_warnings_of(plan_id: int | None) -> None:
    """Print what the person re-planning from `plan_id` should know (nothing for no plan;
    an unknown plan is refused by the planner)."""
    from overgang.web.planning.models import StoredPlan
    from overgang.web.planning.replanning import reference_warnings

    stored = StoredPlan.objects.filter(pk=plan_id).first() if plan_id is not None else None
    for warning in reference_warnings(stored) if stored is not None else []:
        label = _("Warning")
        console.print(f"[yellow]{label}:[/yellow] {warning}")


def show_replanning(stored: Any) -> None:
    """Print whether the plan planned the leaders alone, and what it changed from its reference."""
    from overgang.web.planning.replanning import changes_from_reference_plan

    if (stored.settings or {}).get("leaders_only"):
        console.print(
            _("Leaders only: the plan places the leaders; their staff are planned later.")
        )
    changes = changes_from_reference_plan(stored)
    if changes is not None:
        console.print(
            _(
                "Made from plan %(plan)s. Decisions changed from it: %(employees)d about employees, %(cases)d about cases."
            )
            % {
                "plan": changes.plan_id,
                "employees": changes.changed.employees,
                "cases": changes.changed.cases,
            }
        )
