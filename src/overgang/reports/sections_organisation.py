"""The status report's sections on the organisation: district teams and joint family plans,
competence robustness and hires, acting and paying municipality, the milestones ahead.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.utils.translation import gettext as _

from overgang.reports import charts
from overgang.reports.section import Section, long_date
from overgang.reports.sources import ReportSources
from overgang.reports.tables import FigureTable, count_table, count_text, decimal


def reorganisation_section(src: ReportSources) -> Section:
    """The reorganisation into cross-disciplinary district teams, and joint family plans."""
    section = Section(
        "reorganisation", _("Better coordinated casework: district teams and joint family plans")
    )
    section.paragraphs.append(
        _(
            "Once it is clear who moves, the centre is reorganised from professional columns "
            "into cross-disciplinary teams tied to the school districts, each led by one "
            "leader, so that the professionals work with the same colleagues and every "
            "school and daycare has a fixed team. The organisation is also to support one "
            "joint plan for each family across the professions."
        )
    )
    teams: list[dict[str, Any]] | None = src.extras.get("teams")
    if not teams:
        section.notes.append(_("District teams have not been formed for this plan yet."))
        return section
    codes = sorted({int(t["kommune"]) for t in teams})
    per: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
    for t in teams:
        row = per[int(t["kommune"])]
        row[0] += 1
        row[1] += 0 if t.get("leder") else 1
        row[2] += 1 if t.get("manglende_faggrupper") else 0
    section.tables.append(
        count_table(
            key="teams",
            caption=_("District teams per municipality"),
            corner=_("Municipality"),
            rows=[(str(c), src.municipality(c)) for c in codes],
            columns=[("teams", _("Teams"))],
            values=[[per[c][0]] for c in codes],
            row_totals=False,
        )
    )
    section.tables.append(
        FigureTable(
            key="team_list",
            caption=_("The teams"),
            header=(_("Team"), _("Municipality"), _("Districts"), _("FTE"), _("Leader")),
            rows=tuple(
                (
                    str(t["navn"]),
                    src.municipality(t["kommune"]),
                    ", ".join(t.get("distrikter", [])),
                    decimal(t.get("fte")),
                    _("yes") if t.get("leder") else _("missing"),
                )
                for t in teams
            ),
            numeric=(False, False, False, True, False),
        )
    )
    families: dict[str, Any] | None = src.extras.get("family_plans")
    if families:
        table = count_table(
            key="family_plans",
            caption=_("Joint family plans"),
            corner=_("Family plans"),
            rows=[
                ("with_coordinator", _("With a coordinator")),
                ("without_coordinator", _("Without a coordinator yet")),
            ],
            columns=[("count", _("Families"))],
            values=[[families["med_koordinator"]], [families["uden_koordinator"]]],
            row_totals=False,
            total_label=_("Families with cases in two or more professions"),
        )
        section.tables.append(table)
    return section


def robustness_section(src: ReportSources) -> Section:
    """Competence robustness: supply against demand per municipality and profession, hires."""
    section = Section("robustness", _("Competences, robustness and hires"))
    rows = [r for r in src.metrics["capacity"] if r["belastning"] or r["kapacitet"]]
    hires = sum(r["nyansaettelser_fte"] for r in src.metrics["capacity"])
    section.paragraphs.append(
        _(
            "After the split the same knowledge and the same specialised competences are "
            "needed, spread over fewer employees in each municipality. The table sets each "
            "municipality's load per profession against the capacity of the staff the plan "
            "gives it; where the load exceeds it, or a staffing need is not met, hires are "
            "needed: %(hires)s FTE in all."
        )
        % {"hires": decimal(hires)}
    )
    for code in sorted({int(r["kommune"]) for r in src.metrics["capacity"]}):
        mine = [r for r in src.metrics["capacity"] if int(r["kommune"]) == code]
        section.tables.append(
            FigureTable(
                key=f"capacity-{code}",
                caption=_("%(municipality)s: load and capacity per profession")
                % {"municipality": src.municipality(code)},
                header=(
                    _("Profession"),
                    _("FTE"),
                    _("Capacity"),
                    _("Load"),
                    _("Unstaffed load"),
                    _("Hires (FTE)"),
                ),
                rows=tuple(
                    (
                        src.profession(r["faggruppe"]),
                        decimal(r["fte"]),
                        decimal(r["kapacitet"]),
                        decimal(r["belastning"]),
                        decimal(r["ubemandet_belastning"]),
                        decimal(r["nyansaettelser_fte"]),
                    )
                    for r in mine
                ),
                numeric=(False, True, True, True, True, True),
            )
        )
    section.notes.append(
        _(
            "Load and capacity are in load units (a full-time employee carries the "
            "profession's norm); hires are full-time equivalents (FTE, 37 hours a week)."
        )
    )
    if rows:
        section.charts.append(
            charts.grouped_figures(
                [
                    f"{src.municipality(r['kommune'])}: {src.profession(r['faggruppe'])}"
                    for r in rows
                ],
                [
                    (_("Load"), charts.ORANGE, [r["belastning"] for r in rows]),
                    (_("Capacity"), charts.BLUE, [r["kapacitet"] for r in rows]),
                ],
                title=_("Load against capacity"),
                unit=_("load units"),
            )
        )
    warnings: list[str] | None = src.extras.get("robustness_warnings")
    if warnings:
        section.paragraphs.append(_("The robustness analysis points out:"))
        section.notes.extend(warnings)
    return section


def mismatch_section(src: ReportSources) -> Section:
    """Cases whose acting and paying municipality differ ("visitator og betaler")."""
    section = Section("mismatch", _("Acting and paying municipality"))
    pairs = src.metrics["acting_paying_mismatch"]["par"]
    section.paragraphs.append(
        _(
            "The hearing responses ask for a model in which the municipality that decides a "
            "case (acting municipality) and the one that pays for it (paying municipality) "
            "are related more clearly. These cases have two different municipalities:"
        )
    )
    if not pairs:
        section.paragraphs.append(_("No case has different acting and paying municipalities."))
        return section
    table = count_table(
        key="mismatch",
        caption=_("Cases with different acting and paying municipality"),
        corner=_("Acting → paying municipality"),
        rows=[
            (
                f"{p['handlekommune']}-{p['betalingskommune']}",
                f"{src.municipality(p['handlekommune'])} → {src.municipality(p['betalingskommune'])}",
            )
            for p in pairs
        ],
        columns=[("count", _("Cases"))],
        values=[[p["antal"]] for p in pairs],
        row_totals=False,
    )
    section.tables.append(table)
    total = (table.suppressed.column_totals or ())[0]
    section.paragraphs.append(
        _("In all %(count)s cases; each should be settled before %(day)s.")
        % {"count": count_text(total), "day": long_date(src.effective_date)}
    )
    return section


def milestones_section(src: ReportSources) -> Section:
    """The milestones ahead, and those passed."""
    section = Section("milestones", _("Milestones ahead"))
    ahead = [m for m in src.milestones if m.due_on >= src.as_of and not m.done_on]
    section.paragraphs.append(
        _("As of %(day)s, %(count)d milestones lie ahead; the next is %(next)s on %(due)s.")
        % {
            "day": long_date(src.as_of),
            "count": len(ahead),
            "next": ahead[0].title if ahead else "–",
            "due": long_date(ahead[0].due_on) if ahead else "–",
        }
        if ahead
        else _("As of %(day)s, no milestone lies ahead.") % {"day": long_date(src.as_of)}
    )

    def state(m: Any) -> str:
        if m.done_on:
            return _("done %(day)s") % {"day": long_date(m.done_on)}
        return _("overdue") if m.due_on < src.as_of else _("ahead")

    section.tables.append(
        FigureTable(
            key="milestones",
            caption=_("Milestones and legal deadlines"),
            header=(_("Deadline"), _("Milestone"), _("Status"), _("Legal basis")),
            rows=tuple(
                (long_date(m.due_on), m.title, state(m), m.legal_basis) for m in src.milestones
            ),
        )
    )
    return section
