"""The status report's sections on the organisation: district teams and joint family plans,
competence robustness and hires, acting and paying municipality, the milestones ahead.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.utils.translation import gettext as _

from overgang.core.suppression import suppress_count
from overgang.reports import charts
from overgang.reports.section import Section, long_date
from overgang.reports.sources import ReportSources
from overgang.reports.tables import FigureTable, count_table, count_text, decimal


def reorganisation_section(src: ReportSources) -> Section:
    """The reorganisation into cross-disciplinary district teams, and joint family plans."""
    section = Section(
        "reorganisation", _("Better coordinated casework: district teams and joint family plans")
    )
    section.text(
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
        section.note(_("District teams have not been formed for this plan yet."))
        return section
    missing = sum(1 for t in teams if t["manglende_faggrupper"])
    section.text(
        _(
            "The plan's staff are formed into %(teams)s district teams. Each team is tied to "
            "its municipality's school districts and serves their schools and daycares; the "
            "table below shows each team's size and the professions it still lacks."
        )
        % {"teams": len(teams)}
    )
    if any(not t["leder"] for t in teams):
        section.text(
            _("Teams without a leader are marked: a leader must be found or hired for them.")
        )
    if missing:
        section.text(
            _(
                "Some teams lack a profession that their districts need; they borrow it from "
                "another team or call for a hire."
            )
        )
    section.table(
        FigureTable(
            key="team_list",
            caption=_("The teams"),
            header=(
                _("Team"),
                _("Municipality"),
                _("School districts"),
                _("Employees"),
                _("FTE"),
                _("Leader"),
                _("Lacks"),
            ),
            rows=tuple(
                (
                    str(t["navn"]),
                    src.municipality(t["kommune"]),
                    ", ".join(t["distrikter"]),
                    suppress_count(int(t["medarbejdere"])).display(),
                    decimal(t["fte"]),
                    _("yes") if t["leder"] else _("missing"),
                    ", ".join(src.profession(p) for p in t["manglende_faggrupper"]) or "–",
                )
                for t in teams
            ),
            numeric=(False, False, False, True, True, False, False),
        )
    )
    families: dict[str, Any] | None = src.extras.get("family_plans")
    if families and (families["med_koordinator"] or families["uden_koordinator"]):
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
        total = (table.suppressed.column_totals or ())[0]
        section.text(
            _(
                "In all, %(families)s families have in-house cases in two or more professions. Each "
                "gets one joint plan with one coordinator: the family counsellor where the "
                "family has one, otherwise the contact person who carries most of its cases."
            )
            % {"families": count_text(total)}
        )
        section.table(table)
    return section


def robustness_section(src: ReportSources) -> Section:
    """Competence robustness: supply against demand per municipality and profession, hires."""
    section = Section("robustness", _("Competences, robustness and hires"))
    rows = [r for r in src.metrics["capacity"] if r["belastning"] or r["kapacitet"]]
    hires = sum(r["nyansaettelser_fte"] for r in src.metrics["capacity"])
    section.text(
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
        section.table(
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
    section.note(
        _(
            "Load and capacity are in load units (a full-time employee carries the "
            "profession's norm); hires are full-time equivalents (FTE, 37 hours a week)."
        )
    )
    if rows:
        section.chart(
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
    robustness: dict[str, Any] | None = src.extras.get("robustness")
    if robustness:
        _competences(src, section, robustness)
    return section


def _competences(src: ReportSources, section: Section, robustness: dict[str, Any]) -> None:
    """Add the vulnerable and lost competences, and where a voluntary cooperation would help."""
    few: dict[int, set[str]] = defaultdict(set)
    lost: dict[int, set[str]] = defaultdict(set)
    for c in robustness.get("faa_indehavere", []):
        few[int(c["kommune"])].add(str(c["kompetence"]))
    for c in robustness.get("tabte_kompetencer", []):
        lost[int(c["kommune"])].add(str(c["kompetence"]))
    codes = sorted(set(few) | set(lost))
    if codes:
        section.text(
            _(
                "Specialised competences held by few employees make a municipality vulnerable: "
                "if one of them leaves, the competence is gone. After the split this many are "
                "held by at most %(holders)s employees in a municipality, or by none. They are "
                "counted, not named: a competence held by one or two people names them."
            )
            % {"holders": robustness.get("hoejst_antal_indehavere", "–")}
        )
        section.table(
            FigureTable(
                key="competences",
                caption=_("Vulnerable competences after the split"),
                header=(
                    _("Municipality"),
                    _("Competences held by few employees"),
                    _("Competences held by no one (the centre has them today)"),
                ),
                rows=tuple(
                    (src.municipality(code), str(len(few[code])), str(len(lost[code])))
                    for code in codes
                ),
                numeric=(False, True, True),
            )
        )
    critical = [r for r in robustness.get("udbud", []) if r.get("under_kritisk_masse")]
    if critical:
        section.text(
            _(
                "Below the critical mass of %(fte)s FTE a profession has too few colleagues "
                "for sparring, cover and specialisation. After the split that is so for:"
            )
            % {"fte": decimal(robustness.get("kritisk_masse_fte"))}
        )
        section.table(
            FigureTable(
                key="critical_mass",
                caption=_("Professions below the critical mass"),
                header=(_("Municipality"), _("Profession"), _("FTE")),
                rows=tuple(
                    (
                        src.municipality(r["kommune"]),
                        src.profession(r["faggruppe"]),
                        decimal(r["udbud_fte"]),
                    )
                    for r in critical
                ),
                numeric=(False, False, True),
            )
        )
    cooperation = [
        c
        for c in robustness.get("samarbejde", [])
        if c.get("sparede_kontaktskift", 0) > 0 or c.get("sparet_ubemandet_belastning", 0) > 0
    ]
    if cooperation:
        section.text(
            _(
                "A voluntary cooperation agreement on a service would keep its cases with the "
                "host's staff across the municipal border. Where it would help most:"
            )
        )
        section.table(
            FigureTable(
                key="cooperation",
                caption=_("Where a voluntary cooperation would help"),
                header=(
                    _("Service"),
                    _("Changes of contact person saved"),
                    _("Unstaffed load saved"),
                ),
                rows=tuple(
                    (
                        str(c["ydelse"]),
                        suppress_count(int(c["sparede_kontaktskift"])).display(),
                        decimal(c["sparet_ubemandet_belastning"]),
                    )
                    for c in cooperation[:8]
                ),
                numeric=(False, True, True),
            )
        )


def mismatch_section(src: ReportSources) -> Section:
    """Cases whose acting and paying municipality differ ("visitator og betaler")."""
    section = Section("mismatch", _("Acting and paying municipality"))
    pairs = src.metrics["acting_paying_mismatch"]["par"]
    section.text(
        _(
            "The hearing responses ask for a model in which the municipality that decides a "
            "case (acting municipality) and the one that pays for it (paying municipality) "
            "are related more clearly. These cases have two different municipalities:"
        )
    )
    if not pairs:
        section.text(_("No case has different acting and paying municipalities."))
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
    section.table(table)
    total = (table.suppressed.column_totals or ())[0]
    section.text(
        _("In all %(count)s cases; each should be settled before %(day)s.")
        % {"count": count_text(total), "day": long_date(src.effective_date)}
    )
    return section


def milestones_section(src: ReportSources) -> Section:
    """The milestones ahead, and those passed."""
    section = Section("milestones", _("Milestones ahead"))
    ahead = [m for m in src.milestones if m.due_on >= src.as_of and not m.done_on]
    if ahead:
        text = _("As of %(day)s, the next milestone is “%(next)s” on %(due)s.") % {
            "day": long_date(src.as_of),
            "next": ahead[0].title,
            "due": long_date(ahead[0].due_on),
        }
    else:
        text = _("As of %(day)s, no milestone lies ahead.") % {"day": long_date(src.as_of)}
    section.text(text)

    def state(m: Any) -> str:
        if m.done_on:
            return _("done %(day)s") % {"day": long_date(m.done_on)}
        return _("overdue") if m.due_on < src.as_of else _("ahead")

    section.table(
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
