"""How `overgang plan` and `overgang show-plan` print a plan's district teams, family plans and robustness."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from rich.table import Table

from overgang.cli.console import console, number


def analysis_settings(
    min_team_fte: float, critical_fte: float, cooperation_seconds: float, deterministic: bool = True
) -> Any:
    """Return the analysis settings the command's options give."""
    from fractions import Fraction

    from overgang.web.planning.analysis import AnalysisSettings

    return AnalysisSettings(
        min_team_fte=Fraction(str(min_team_fte)),
        critical_fte=Fraction(str(critical_fte)),
        rank_services=cooperation_seconds > 0,
        replan_seconds=cooperation_seconds,
        deterministic=deterministic,
    )


def analyse_with_progress(
    stored: Any, settings: Any, plan: Any = None, problem: Any = None
) -> None:
    """Form the plan's district teams and family plans, assess its robustness, and store them.

    With the plan and its problem at hand (just planned), they are used; otherwise
    the stored plan is read back against the data stored now.
    """
    from overgang.cli.console import progress_bar
    from overgang.web.planning.analysis import analyse_and_store, analyse_stored_plan

    with progress_bar() as progress:
        task = progress.add_task(_("Forming district teams and assessing robustness"), total=None)

        def report(service: str, done: int, total: int) -> None:
            progress.update(
                task,
                description=_("Re-planning with %(service)s kept in cooperation")
                % {"service": service},
                completed=done,
                total=total,
            )

        if plan is not None:
            analyse_and_store(
                stored=stored, plan=plan, problem=problem, settings=settings, progress=report
            )
        else:
            analyse_stored_plan(stored=stored, settings=settings, progress=report)


def _labels(stored: Any) -> tuple[dict[int, str], dict[str, str]]:
    labels = stored.labels or {}
    names = {int(code): name for code, name in labels.get("kommuner", {}).items()}
    return names, dict(labels.get("faggrupper", {}))


def analysis_of(stored: Any) -> Any:
    """Return the plan's stored analysis, or None for a plan stored without one."""
    from overgang.web.planning.models import PlanAnalysis

    return PlanAnalysis.objects.filter(plan=stored).first()


def show_analysis_summary(stored: Any) -> None:
    """Print the headline figures of the teams, family plans and robustness in a few lines."""
    analysis = analysis_of(stored)
    if analysis is None:
        console.print(
            _(
                "This plan was stored without district teams and robustness: run 'overgang analyse-plan %(id)s'."
            )
            % {"id": stored.pk}
        )
        return
    names, _professions = _labels(stored)
    teams = list(stored.teams.all())
    per_municipality = Counter(t.municipality for t in teams)
    if not teams:
        console.print(_("No district teams: the data set has no school districts."))
    else:
        console.print(
            _(
                "District teams: %(count)d (%(split)s); without a leader: %(leaderless)d; missing a profession: %(missing)d."
            )
            % {
                "count": len(teams),
                "split": ", ".join(
                    f"{names.get(code, code)} {n}" for code, n in sorted(per_municipality.items())
                ),
                "leaderless": sum(1 for t in teams if not t.leader),
                "missing": sum(1 for t in teams if t.missing_professions),
            }
        )
    from django.db.models import Sum

    from overgang.web.planning.models import TeamMembership

    totals = TeamMembership.objects.filter(team__plan=stored).aggregate(
        cases=Sum("cases"), inside=Sum("cases_inside")
    )
    if totals["cases"]:
        console.print(
            _("%(share)s %% of the team members' cases lie in their own team's districts.")
            % {"share": number(100 * totals["inside"] / totals["cases"], 1)}
        )
    families = stored.family_plans.all()
    console.print(
        _(
            "Joint family plans: %(count)d, %(counsellor)d of them coordinated by the family counsellor, %(none)d without a coordinator."
        )
        % {
            "count": families.count(),
            "counsellor": families.filter(coordinator_rule="family_counsellor").count(),
            "none": families.filter(coordinator="").count(),
        }
    )
    robustness = analysis.robustness
    warnings = analysis.warnings
    console.print(
        _(
            "Robustness: %(warnings)d warnings; %(single)d competences with a single holder, %(lost)d lost, %(critical)d professions below the critical mass of %(fte)s FTE; hires %(hires)s FTE."
        )
        % {
            "warnings": len(warnings),
            "single": sum(1 for w in warnings if w["kode"] == "single_holder"),
            "lost": sum(1 for w in warnings if w["kode"] == "competence_lost"),
            "critical": sum(1 for s in robustness["udbud"] if s["under_kritisk_masse"]),
            "fte": number(robustness["kritisk_masse_fte"], 1),
            "hires": number(sum(s["nyansaettelser_fte"] for s in robustness["udbud"]), 1),
        }
    )
    helpful = [s for s in robustness["samarbejde"] if s["vaerdi"] > 0]
    if robustness["samarbejde_rangeret"]:
        console.print(
            _("Most helped by a voluntary cooperation: %(services)s.")
            % {"services": ", ".join(s["ydelse"] for s in helpful[:3]) or _("no service")}
        )
    console.print(_("More: show-plan %(id)s --teams, --families, --robustness") % {"id": stored.pk})


def show_teams(stored: Any) -> None:
    """Print every team, its demand and supply per profession, and its members."""
    if analysis_of(stored) is None:
        return
    names, professions = _labels(stored)
    teams = list(stored.teams.prefetch_related("memberships"))
    overview = Table(title=_("District teams"), title_justify="left")
    for column in (
        _("Team"),
        _("Municipality"),
        _("Districts"),
        _("Institutions"),
        _("Leader"),
        _("Members"),
        _("Demand (FTE)"),
        _("Supply (FTE)"),
        _("Missing professions"),
    ):
        overview.add_column(column)
    for t in teams:
        overview.add_row(
            t.team_id,
            names.get(t.municipality, str(t.municipality)),
            t.name,
            str(len(t.institutions)),
            t.leader or "[red]" + _("lacking") + "[/red]",
            str(len(t.memberships.all())),
            number(sum(b["efterspoergsel_fte"] for b in t.balance), 1),
            number(sum(b["udbud_fte"] for b in t.balance), 1),
            ", ".join(t.missing_professions) or "-",
        )
    console.print(overview)
    _show_institutions(teams)
    balance = Table(title=_("Demand and supply per team and profession"), title_justify="left")
    for column in (
        _("Team"),
        _("Profession"),
        _("Load"),
        _("Demand (FTE)"),
        _("Supply (FTE)"),
        _("Balance (FTE)"),
        _("Employees"),
    ):
        balance.add_column(column, justify="right")
    for t in teams:
        for b in t.balance:
            balance.add_row(
                t.team_id,
                professions.get(b["faggruppe"], b["faggruppe"]),
                number(b["efterspoergsel_belastning"], 1),
                number(b["efterspoergsel_fte"], 1),
                number(b["udbud_fte"], 1),
                number(b["udbud_fte"] - b["efterspoergsel_fte"], 1),
                str(b["medarbejdere"]),
            )
    console.print(balance)
    members = Table(
        title=_("Team members: share of their cases inside the team's districts"),
        title_justify="left",
    )
    for column in (
        _("Team"),
        _("Employee"),
        _("Profession"),
        _("Cases"),
        _("Inside"),
        _("Share inside"),
    ):
        members.add_column(column, justify="right")
    for t in teams:
        for member in t.memberships.all():
            share = member.share_inside
            members.add_row(
                t.team_id,
                member.employee_id + (" (" + _("leader") + ")" if member.is_leader else ""),
                member.profession,
                str(member.cases),
                str(member.cases_inside),
                "-" if share is None else f"{number(100 * share, 0)} %",
            )
    console.print(members)
    analysis = analysis_of(stored)
    shared = Counter((s["kommune"], s["faggruppe"]) for s in analysis.shared_staff)
    for (code, profession), count in sorted(shared.items()):
        console.print(
            ngettext(
                "%(municipality)s: %(count)d employee in %(profession)s shared by all teams",
                "%(municipality)s: %(count)d employees in %(profession)s shared by all teams",
                count,
            )
            % {
                "municipality": names.get(code, code),
                "count": count,
                "profession": professions.get(profession, profession),
            }
        )
    for row in analysis.outside_load:
        console.print(
            _(
                "%(municipality)s serves %(cases)d %(profession)s cases (load %(load)s) for citizens outside its districts."
            )
            % {
                "municipality": names.get(row["kommune"], row["kommune"]),
                "cases": row["sager"],
                "profession": row["faggruppe"],
                "load": number(row["belastning"], 1),
            }
        )


def _show_institutions(teams: list[Any]) -> None:
    """Print every school, daycare and other institution with its one team."""
    from overgang.web.dataset.models import Institution

    known = {i.ext_id: i for i in Institution.objects.all()}
    kinds = {"skole": _("school"), "dagtilbud": _("daycare"), "andet": _("other")}
    table = Table(title=_("Schools and daycares: their fixed team"), title_justify="left")
    for column in (_("Institution"), _("Name"), _("Type"), _("Team")):
        table.add_column(column)
    for t in teams:
        for institution_id in t.institutions:
            institution = known.get(institution_id)
            table.add_row(
                institution_id,
                institution.name if institution else "-",
                kinds.get(institution.type, institution.type) if institution else "-",
                f"{t.team_id} {t.name}",
            )
    console.print(table)


def show_families(stored: Any) -> None:
    """Print the joint family plans per team, with coordinator and contact persons."""
    if analysis_of(stored) is None:
        return
    from overgang.texts.teams import coordinator_rule_text

    names, _professions = _labels(stored)
    table = Table(title=_("Joint family plans"), title_justify="left")
    for column in (
        _("Team"),
        _("Family"),
        _("Professions"),
        _("Coordinator"),
        _("Why"),
        _("Contact persons"),
    ):
        table.add_column(column)
    for f in stored.family_plans.all():
        contacts = ", ".join(
            c["faggruppe"] + " " + (c["medarbejder_id"] or _("unstaffed")) for c in f.contacts
        )
        table.add_row(
            f.team_id or names.get(f.municipality, str(f.municipality)),
            f.family_id,
            ", ".join(f.professions),
            f.coordinator or "[red]" + _("lacking") + "[/red]",
            coordinator_rule_text(f.coordinator_rule),
            contacts,
        )
    console.print(table)


def show_robustness(stored: Any) -> None:
    """Print supply against demand, the warnings, and the services ranked for cooperation."""
    analysis = analysis_of(stored)
    if analysis is None:
        return
    from overgang.core.robustness import RobustnessWarning
    from overgang.texts.robustness import warning_text

    names, professions = _labels(stored)
    robustness = analysis.robustness
    supply = Table(
        title=_("Supply against demand per municipality and profession (FTE)"),
        title_justify="left",
    )
    for column in (
        _("Municipality"),
        _("Profession"),
        _("Supply"),
        _("Demand"),
        _("Balance"),
        _("Below critical mass"),
        _("Hires"),
    ):
        supply.add_column(column, justify="right")
    for s in robustness["udbud"]:
        supply.add_row(
            names.get(s["kommune"], str(s["kommune"])),
            professions.get(s["faggruppe"], s["faggruppe"]),
            number(s["udbud_fte"], 1),
            number(s["efterspoergsel_fte"], 1),
            number(s["balance_fte"], 1),
            _("yes") if s["under_kritisk_masse"] else "",
            number(s["nyansaettelser_fte"], 1),
        )
    console.print(supply)
    console.print(_("Warnings"), style="bold")
    for w in analysis.warnings:
        warning = RobustnessWarning(
            w["kode"], w["kommune"], w["emne"], tuple(sorted(w["params"].items()))
        )
        console.print(" - " + warning_text(warning, names, professions), soft_wrap=True)
    if not robustness["samarbejde_rangeret"]:
        console.print(_("The services were not ranked for a voluntary cooperation."))
        return
    ranking = Table(
        title=_(
            "Where a voluntary cooperation would help most: the service split against kept shared"
        ),
        title_justify="left",
    )
    for column in (
        _("Rank"),
        _("Service"),
        _("Member cases"),
        _("Unstaffed load saved"),
        _("Contact changes saved"),
        _("Value"),
        _("Total cost saved"),
        _("Re-plan proven optimal"),
    ):
        ranking.add_column(column, justify="right")
    for rank, s in enumerate(robustness["samarbejde"], start=1):
        ranking.add_row(
            str(rank),
            s["ydelse"],
            str(s["sager_i_medlemskommuner"]),
            number(s["sparet_ubemandet_belastning"], 1),
            str(s["sparede_kontaktskift"]),
            number(s["vaerdi"], 0),
            number(s["sparet_samlet_omkostning"], 0),
            _("yes") if s["bevist_optimal"] else _("no"),
        )
    console.print(ranking)
