"""What HovedMED worried about, in figures: wishes met, hearings, resignations to come,
competences at risk and the workload, for the committees' page and the status report.

HovedMED's consultation response (seeds/) feared transfers against one's will, a
loss of competences and robustness when the same knowledge is spread over fewer
people, more resignations as the date nears, and a heavier workload. Every count
here passes small-number suppression (counts 1-4 shown as "<5"); no competence is
named (counts by profession instead, `core.robustness.counts`), and a group of
fewer than five employees gets no workload figure (`core.workload`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from overgang.core.attrition.summary import COUNTED, AttritionSummary, Spread
from overgang.core.robustness.counts import CompetenceCount
from overgang.core.suppression import Shown, suppress_count
from overgang.core.workload import Workload
from overgang.reports.section import Section, long_date
from overgang.reports.sources import Labelled
from overgang.reports.tables import FigureTable, count_table, count_text, decimal


@dataclass(frozen=True)
class StaffConcerns(Labelled):
    """The figures that answer HovedMED's concerns, for one plan (the current one)."""

    municipalities: dict[int, str]
    professions: dict[str, str]
    plan_id: int
    wishes_met: int
    wishes_not_met: int
    no_preference: int
    in_hearing: int  # hearings without a final decision
    hearings: int
    competences: tuple[CompetenceCount, ...]
    competence_threshold: int
    workload: tuple[Workload, ...]
    attrition: AttritionSummary | None
    attrition_state: str  # "ready", "computing" or "unavailable"


def _figure_labels() -> dict[str, str]:
    return {
        "resignations": _("Further resignations"),
        "unstaffed_load": _("Unstaffed load (load units)"),
        "hires_fte": _("Hires needed (FTE)"),
        "contact_changes": _("Cases that change contact person"),
    }


def _spread_cell(figure: str, value: float) -> str:
    """A percentile as shown: counts rounded and suppressed below 5, loads and FTE as decimals."""
    if figure in COUNTED:
        return suppress_count(round(value)).display(zero="0")
    return decimal(value)


def _wishes(section: Section, c: StaffConcerns) -> None:
    table = count_table(
        key="concerns_wishes",
        caption=_("The plan's decisions against the employees' wishes"),
        corner=_("Decision"),
        rows=[
            ("met", _("Meets the wish")),
            ("not_met", _("Does not meet the wish")),
            ("no_preference", _("No preference stated")),
        ],
        columns=[("count", _("Employees"))],
        values=[[c.wishes_met], [c.wishes_not_met], [c.no_preference]],
        row_totals=False,
        total_label=_("Employees in the plan"),
    )
    met, not_met = table.suppressed.cells[0][0], table.suppressed.cells[1][0]
    text = _(
        "HovedMED feared transfers against the employees' will. Of the employees who stated "
        "a wish (or, not interviewed, count as wishing to stay), %(met)s get a decision that "
        "meets it and %(not_met)s one that does not."
    ) % {"met": count_text(met), "not_met": count_text(not_met)}
    if met.shown is Shown.VISIBLE and not_met.shown is Shown.VISIBLE and met.value + not_met.value:
        text += " " + _("That is %(share)s %% of the decisions about a wish.") % {
            "share": round(100 * met.value / (met.value + not_met.value))
        }
    section.text(text)
    section.table(table)


def _hearings(section: Section, c: StaffConcerns) -> None:
    if not c.hearings:
        section.text(
            _(
                "No employee is in hearing: hearings begin when a plan is approved, for each "
                "decision that does not meet a stated wish."
            )
        )
        return
    table = count_table(
        key="concerns_hearings",
        caption=_("Hearings before a decision against a wish"),
        corner=_("Hearing"),
        rows=[("open", _("In hearing")), ("final", _("Final decision issued"))],
        columns=[("count", _("Employees"))],
        values=[[c.in_hearing], [c.hearings - c.in_hearing]],
        row_totals=False,
        total_label=_("Employees heard"),
    )
    section.text(
        _(
            "Before a decision that does not meet a stated wish is final, the employee is "
            "heard (partshøring). %(open)s employees are in hearing now."
        )
        % {"open": count_text(table.suppressed.cells[0][0])}
    )
    section.table(table)


def _attrition(section: Section, c: StaffConcerns) -> None:
    a = c.attrition
    if a is None:
        section.text(
            _(
                "The simulation of further resignations is being computed; it will show here shortly."
            )
            if c.attrition_state == "computing"
            else _(
                "No simulation of further resignations: no month is left before the effective date, or the plan was made from other data."
            )
        )
        return
    section.text(
        _(
            "HovedMED expected more resignations as the date nears. A simulation draws further "
            "resignations month by month from %(start)s until the effective date (%(months)s "
            "months): %(rate)s %% a month for each employee, %(against)s %% for those the plan "
            "moves against their wish, %(runs)s draws (seed %(seed)s), the leavers' cases "
            "handed on to colleagues with room. The table gives the plan's figure and the "
            "spread over the draws: in 8 of 10 draws the figure lies between the 10th and "
            "the 90th percentile."
        )
        % {
            "start": long_date(a.start),
            "months": a.months,
            "rate": decimal(100 * a.monthly_rate),
            "against": decimal(100 * a.against_wish_rate),
            "runs": a.runs,
            "seed": a.seed,
        }
    )
    labels = _figure_labels()

    def label(s: Spread) -> str:
        name = labels[s.figure]
        return name if s.municipality is None else f"{name}: {c.municipality(s.municipality)}"

    section.table(
        FigureTable(
            key="concerns_attrition",
            caption=_("What further resignations would cost"),
            header=(
                _("Figure"),
                _("The plan"),
                _("10th percentile"),
                _("Median"),
                _("90th percentile"),
            ),
            rows=tuple(
                (label(s), *(_spread_cell(s.figure, v) for v in (s.plan, s.p10, s.median, s.p90)))
                for s in a.spreads
            ),
            numeric=(False, True, True, True, True),
        )
    )


def _competences(section: Section, c: StaffConcerns) -> None:
    if not c.competences:
        section.text(_("No competence is held by fewer than five employees in a municipality."))
        return
    section.text(
        _(
            "After the split the same competences are spread over fewer employees. The table "
            "counts, per municipality and profession, the competences that fewer than "
            "%(threshold)s of the municipality's employees hold, the employees who hold them, "
            "and the competences the centre has today that no one in the municipality will "
            "hold. No competence held by fewer than %(threshold)s is named."
        )
        % {"threshold": c.competence_threshold}
    )
    section.table(
        count_table(
            key="concerns_competences",
            caption=_("Competences at risk, by municipality and profession"),
            corner=_("Municipality and profession"),
            rows=[
                (
                    f"{row.municipality}-{row.profession}",
                    f"{c.municipality(row.municipality)}: {c.profession(row.profession)}",
                )
                for row in c.competences
            ],
            columns=[
                ("few", _("Competences held by fewer than 5")),
                ("holders", _("Employees holding them")),
                ("lost", _("Competences no one will hold")),
            ],
            values=[[row.few, row.holders, row.lost] for row in c.competences],
            row_totals=False,
        )
    )


def _workload(section: Section, c: StaffConcerns) -> None:
    if not c.workload:
        return
    codes = sorted({m for w in c.workload for m, _v, _n in w.after})
    section.text(
        _(
            "The workload per full-time employee (load units per FTE) before the split, for "
            "the centre as a whole, and after it, in each municipality. A group of fewer than "
            "5 employees gets no figure (“<5”): it would describe them one by one."
        )
    )

    def shown(value: float | None) -> str:
        return "<5" if value is None else decimal(value)

    section.table(
        FigureTable(
            key="concerns_workload",
            caption=_("Workload per FTE, before and after the split"),
            header=(
                _("Profession"),
                _("Before (the centre)"),
                *(
                    _("After: %(municipality)s") % {"municipality": c.municipality(m)}
                    for m in codes
                ),
            ),
            rows=tuple(
                (
                    c.profession(w.profession),
                    shown(w.before),
                    *(shown(dict((m, v) for m, v, _n in w.after).get(code)) for code in codes),
                )
                for w in c.workload
            ),
            numeric=(False, True, *(True for _code in codes)),
        )
    )


def concerns_section(c: StaffConcerns) -> Section:
    """The figures on HovedMED's concerns, every count suppressed for small numbers."""
    section = Section("concerns", _("What the employees' committee asked about"))
    section.text(
        _(
            "HovedMED's consultation response named its concerns: transfers against the "
            "employees' will, resignations, competences and robustness, and the workload. "
            "These figures follow each of them, from plan %(plan)s."
        )
        % {"plan": c.plan_id}
    )
    _wishes(section, c)
    _hearings(section, c)
    _attrition(section, c)
    _competences(section, c)
    _workload(section, c)
    return section
