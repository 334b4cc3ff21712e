"""The status report's sections on the staff: the process, and the work environment.

Every count goes through a suppressed table; running text quotes only what the
tables show (`count_text`), so no figure in the text gives away a hidden cell.
No name, id or free text about a person is used.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from django.utils.translation import gettext as _

from overgang.core.attrition import monthly_trend
from overgang.reports import charts
from overgang.reports.section import Section, long_date, month_label
from overgang.reports.sources import ReportSources
from overgang.reports.tables import FigureTable, count_table, count_text, decimal


def _by_municipality(rows: list[dict[str, Any]]) -> dict[int, list[dict[str, Any]]]:
    grouped: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        grouped[int(row["kommune"])].append(row)
    return grouped


def _acceptable(row: dict[str, Any]) -> int:
    """The employees placed where they can accept, not where they wished (0 for a plan
    stored before the figure existed, which counted them against the wish)."""
    return int(row.get("acceptabel", 0))


def _municipality_rows(src: ReportSources) -> list[tuple[str, str]]:
    return [(str(code), name) for code, name in sorted(src.municipalities.items())]


def process_section(src: ReportSources) -> Section:
    """Status of the process: interviews held against due, decisions notified, leaders placed."""
    section = Section("process", _("Status of the process"))
    employees = src.metrics["employees"]
    due = sum(r["medarbejdere"] for r in employees)
    not_held = sum(r["ikke_interviewet"] for r in employees)
    interviews = count_table(
        key="interviews",
        caption=_("Preference interviews"),
        corner=_("Interviews"),
        rows=[("held", _("Held")), ("not_held", _("Not held yet"))],
        columns=[("count", _("Employees"))],
        values=[[due - not_held], [not_held]],
        row_totals=False,
        total_label=_("Employees to be interviewed"),
    )
    deadline = next((m for m in src.milestones if m.kind == "interview_deadline"), None)
    held_cell = interviews.suppressed.cells[0][0]
    due_cell = (interviews.suppressed.column_totals or ())[0]
    text = _(
        "Interviews have been held with %(held)s of the %(due)s employees who are still "
        "employed on the effective date, about whether they wish to stay with the host "
        "municipality or to move with the work to another municipality."
    ) % {"held": count_text(held_cell), "due": count_text(due_cell)}
    if deadline is not None:
        if deadline.done_on:
            text += " " + _("All interviews were reported held on %(day)s.") % {
                "day": long_date(deadline.done_on)
            }
        else:
            text += " " + _("The deadline for the interviews is %(day)s.") % {
                "day": long_date(deadline.due_on)
            }
    section.text(text)
    section.table(interviews)
    _interviews_per_unit(section, src)

    # The plan's decisions, per municipality the employees work for from the effective date.
    decisions = count_table(
        key="decisions",
        caption=_("The plan's decisions: where the employees work from %(day)s")
        % {"day": long_date(src.effective_date)},
        corner=_("Municipality"),
        rows=_municipality_rows(src),
        columns=[
            ("by_wish", _("As wished")),
            ("acceptable", _("Not wished, but acceptable to them")),
            ("no_preference", _("No preference")),
            ("against_wish", _("Against the wish")),
        ],
        values=[
            [
                sum(r["bliver_efter_oenske"] + r["flyttet_efter_oenske"] for r in rows),
                sum(_acceptable(r) for r in rows),
                sum(r["uden_oenske"] for r in rows),
                sum(r["oenske_ikke_opfyldt"] - _acceptable(r) for r in rows),
            ]
            for rows in (
                _by_municipality(employees).get(code, []) for code in sorted(src.municipalities)
            )
        ],
    )
    host = src.municipality(src.host)
    section.text(
        _(
            "The plan honours the employees' own wishes first. The table shows, for each "
            "municipality, how many will work there from %(day)s as they wished, in a "
            "municipality they told us they can accept though it was not their wish, "
            "without having stated a preference, and against their wish. Employees who "
            "have not been interviewed count as wishing to stay in %(host)s."
        )
        % {"day": long_date(src.effective_date), "host": host}
    )
    section.table(decisions)
    notified = count_table(
        key="notified",
        caption=_("Employees notified of the decision"),
        corner=_("Notification"),
        rows=[("notified", _("Notified")), ("not_notified", _("Not notified yet"))],
        columns=[("count", _("Employees"))],
        values=[[src.notified], [len(src.employer) - src.notified]],
        row_totals=False,
        total_label=_("Employees in the plan"),
    )
    notify = next((m for m in src.milestones if m.kind == "notify_employees"), None)
    text = _(
        "Of the %(total)s employees in the plan, %(notified)s have been notified of the decision."
    ) % {
        "notified": count_text(notified.suppressed.cells[0][0]),
        "total": count_text((notified.suppressed.column_totals or ())[0]),
    }
    if notify is not None and not notify.done_on:
        text += " " + _("The deadline for notifying them is %(day)s.") % {
            "day": long_date(notify.due_on)
        }
    section.text(text)
    section.table(notified)

    leaders = {e.id for e in src.dataset.employees if e.is_leader}
    placed = Counter(m for e, m in src.employer.items() if e in leaders)
    leader_table = count_table(
        key="leaders",
        caption=_("Leaders placed"),
        corner=_("Municipality"),
        rows=_municipality_rows(src),
        columns=[("count", _("Leaders"))],
        values=[[placed.get(code, 0)] for code in sorted(src.municipalities)],
        row_totals=False,
    )
    section.text(
        _(
            "Every leader has a place in the plan. Leaders are placed like the other "
            "employees, by their own wish first; the second table shows whether each "
            "municipality's need for leadership is covered."
        )
    )
    section.table(leader_table)
    need = {
        (int(r["kommune"]), r["faggruppe"]): r
        for r in src.metrics["capacity"]
        if r["faggruppe"] in {e.profession for e in src.dataset.employees if e.is_leader}
    }
    if need:
        section.table(
            FigureTable(
                key="leader_fte",
                caption=_("Leadership: FTE placed against the need"),
                header=(_("Municipality"), _("Profession"), _("FTE placed"), _("FTE missing")),
                rows=tuple(
                    (
                        src.municipality(code),
                        src.profession(profession),
                        decimal(row["fte"]),
                        decimal(row["manglende_fte_behov"]),
                    )
                    for (code, profession), row in sorted(need.items())
                ),
                numeric=(False, False, True, True),
            )
        )
    return section


def _interviews_per_unit(section: Section, src: ReportSources) -> None:
    """The interviews held and still to hold per unit, those marked not relevant left out."""
    units = src.extras.get("interview_units")
    if not units:
        return
    section.text(
        _(
            "Per unit, as of %(day)s: employees marked as not relevant for an interview (on "
            "leave, leaving before the effective date) are left out of these counts."
        )
        % {"day": long_date(src.as_of)}
    )
    section.table(
        count_table(
            key="interviews_per_unit",
            caption=_("Interviews per unit"),
            corner=_("Unit"),
            rows=[(f"unit-{i}", u.unit or _("No unit")) for i, u in enumerate(units)],
            columns=[("held", _("Held")), ("missing", _("Not held yet"))],
            values=[[u.held, len(u.missing)] for u in units],
        )
    )


def work_environment_section(src: ReportSources) -> Section:
    """The work environment: resignations by month and reason, due to the dissolution or not."""
    section = Section("work_environment", _("The work environment in the process"))
    trend = monthly_trend(src.dataset)
    if not trend:
        section.text(_("No resignations are recorded."))
        return section
    keys = [(m.month.year, m.month.month) for m in trend]
    table = count_table(
        key="resignations",
        caption=_("Resignations by the month they take effect"),
        corner=_("Month"),
        rows=[(f"{y}-{m:02d}", month_label(y, m)) for y, m in keys],
        columns=[
            ("dissolution", _("Due to the dissolution")),
            ("other", _("Other reasons")),
        ],
        values=[[m.due_to_dissolution, m.other] for m in trend],
    )
    totals = table.suppressed.column_totals or ()
    grand = table.suppressed.grand_total
    section.text(
        _(
            "A concern has been whether the dissolution would lead to many resignations, "
            "both for fear of being transferred against one's will and because of the "
            "general uncertainty. %(total)s resignations are recorded, of which "
            "%(dissolution)s are due to the dissolution and %(other)s have other reasons."
        )
        % {
            "total": count_text(grand) if grand else "–",
            "dissolution": count_text(totals[0]),
            "other": count_text(totals[1]),
        }
    )
    after = sum(m.total for m in trend if m.month >= src.as_of.replace(day=1))
    if after:
        section.text(
            _("Some resignations take effect later; more may come as the effective date nears.")
        )
    section.table(table)
    if any(c.visible and c.value for row in table.suppressed.cells for c in row):
        section.chart(
            charts.stacked_counts(
                [label for label in (month_label(y, m) for y, m in keys)],
                [
                    (
                        _("Due to the dissolution"),
                        charts.ORANGE,
                        [r[0] for r in table.suppressed.cells],
                    ),
                    (_("Other reasons"), charts.BLUE, [r[1] for r in table.suppressed.cells]),
                ],
                title=_("Resignations by month"),
                horizontal=False,
            )
        )
    else:
        section.note(_("The monthly figures are too small to be drawn as a chart."))
    return section
