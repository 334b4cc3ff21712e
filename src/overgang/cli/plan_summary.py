"""How `overgang plan` and `overgang show-plan` print a plan: its headline figures and its
decisions."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rich.table import Table

from overgang.cli.civil_servants import list_civil_servants_against_wish, show_civil_servants
from overgang.cli.console import console, number


def municipality_names(document: dict[str, Any]) -> dict[int, str]:
    from overgang.web.planning.models import StoredPlan

    stored = StoredPlan.objects.filter(pk=document.get("plan_id")).first()
    labels = stored.labels.get("kommuner", {}) if stored else {}
    return {int(code): name for code, name in labels.items()}


def show_summary(document: dict[str, Any]) -> None:
    """Print a plan's headline figures: solver, wishes, continuity, capacity."""
    names = municipality_names(document)
    solver = document["solver"]
    metrics = document["metrics"]
    console.print(
        _(
            "Plan %(id)s: %(status)s, cost %(cost)s, proven bound %(bound)s (gap %(gap)s%%), %(seconds)s s"
        )
        % {
            "id": document.get("plan_id", "-"),
            "status": _("proven optimal")
            if solver["status"] == "optimal"
            else _("not proven optimal"),
            "cost": number(solver["objective"]),
            "bound": number(solver["bound"]),
            "gap": number(100 * solver["gap"]),
            "seconds": number(solver["seconds"], 1),
        }
    )
    staff = Table(title=_("Employees"), title_justify="left")
    for column in (
        _("Municipality"),
        _("Profession"),
        _("Employees"),
        _("FTE"),
        _("Stays by wish"),
        _("Moves by wish"),
        _("Moves against wish"),
        _("Wish not met"),
        _("No preference"),
        _("Not interviewed"),
    ):
        staff.add_column(column, justify="right")
    for row in metrics["employees"]:
        staff.add_row(
            names.get(row["kommune"], str(row["kommune"])),
            row["faggruppe"],
            str(row["medarbejdere"]),
            number(row["fte"], 1),
            str(row["bliver_efter_oenske"]),
            str(row["flyttet_efter_oenske"]),
            str(row["flyttet_mod_oenske"]),
            str(row["oenske_ikke_opfyldt"]),
            str(row["uden_oenske"]),
            str(row["ikke_interviewet"]),
        )
    console.print(staff)
    cases = Table(title=_("Cases: continuity of contact persons"), title_justify="left")
    for column in (
        _("Municipality"),
        _("Profession"),
        _("Cases"),
        _("Keep"),
        _("Change"),
        _("Unstaffed"),
        _("Load"),
        _("Capacity"),
        _("Above norm"),
        _("Hires (FTE)"),
    ):
        cases.add_column(column, justify="right")
    capacity = {(r["kommune"], r["faggruppe"]): r for r in metrics["capacity"]}
    for row in metrics["continuity"]:
        cap = capacity.get((row["kommune"], row["faggruppe"]), {})
        cases.add_row(
            names.get(row["kommune"], str(row["kommune"])),
            row["faggruppe"],
            str(row["sager"]),
            str(row["beholder"]),
            str(row["skifter"]),
            str(row["ubemandet"]),
            number(cap.get("belastning", 0), 1),
            number(cap.get("kapacitet", 0), 1),
            number(cap.get("belastning_over_norm", 0), 1),
            number(cap.get("nyansaettelser_fte", 0)),
        )
    console.print(cases)
    bound = metrics["keep_upper_bound"]
    kept = sum(r["beholder"] for r in metrics["continuity"])
    best = bound["hoejst_mulige_beholder"]
    children = metrics["children"]
    families = metrics["families"]
    console.print(
        _(
            "%(kept)d of %(with)d cases keep their contact person; no plan could keep more than %(best)d (%(share)s%% of that reached)."
        )
        % {
            "kept": kept,
            "with": bound["sager_med_kontaktperson"],
            "best": best,
            "share": number(100 * kept / best if best else 100.0, 1),
        }
    )
    console.print(
        _(
            "Children who keep every contact person: %(kept)d of %(total)d; families: %(fkept)d of %(ftotal)d."
        )
        % {
            "kept": sum(r["beholder"] for r in children),
            "total": sum(r["i_alt"] for r in children),
            "fkept": sum(r["beholder"] for r in families),
            "ftotal": sum(r["i_alt"] for r in families),
        }
    )
    console.print(
        _(
            "Cases whose acting and paying municipality differ: %(mismatch)d. External cases, left untouched: %(external)d."
        )
        % {
            "mismatch": metrics["acting_paying_mismatch"]["antal"],
            "external": sum(r["antal"] for r in metrics["external"]),
        }
    )
    show_civil_servants(metrics, names, document.get("plan_id", "-"))


def show_decisions(document: dict[str, Any]) -> None:
    table = Table(title=_("Employees"), title_justify="left")
    table.add_column(_("Employee"))
    table.add_column(_("Reason"))
    for row in document["employees"]:
        table.add_row(row["medarbejder_id"], row["reason"])
    console.print(table)
    list_civil_servants_against_wish(document["metrics"])
    table = Table(title=_("Cases"), title_justify="left")
    table.add_column(_("Case"))
    table.add_column(_("Contact person"))
    table.add_column(_("Reason"))
    for row in document["cases"]:
        table.add_row(row["sag_id"], row["kontaktperson"] or "-", row["reason"])
    console.print(table)
