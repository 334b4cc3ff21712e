"""The status report's sections on the children's handovers and, after the effective date,
on the continuity the plan promised: counts only, every one suppressed."""

from __future__ import annotations

from django.utils.translation import gettext as _

from overgang.core.handover_records import PROGRESS_COLUMNS
from overgang.reports.section import Section, long_date
from overgang.reports.sources import ReportSources
from overgang.reports.tables import count_table, count_text


def _progress_headings() -> dict[str, str]:
    return {
        "cases": _("Cases changing contact person"),
        "summary": _("Summary written"),
        "meeting": _("Handover meeting held"),
        "family": _("Meeting with child and family held"),
        "child": _("Conversation with the child held"),
        "sign_off": _("Signed off"),
        "overdue": _("Family visit overdue"),
    }


def handover_records_section(src: ReportSources) -> Section:
    """The handover records' progress per municipality and profession."""
    section = Section("handover_records", _("Handing the children's cases over"))
    rows = src.handover_progress
    if not rows:
        section.text(_("No case changes contact person in the plan, so no handover is due."))
        return section
    headings = _progress_headings()
    table = count_table(
        key="handover_records",
        caption=_("Handover records per municipality and profession"),
        corner=_("Municipality and profession"),
        rows=[
            (
                f"{r.municipality}-{r.profession}",
                f"{src.municipality(r.municipality)}, {src.profession(r.profession)}",
            )
            for r in rows
        ],
        columns=[(key, headings[key]) for key in PROGRESS_COLUMNS],
        values=[r.counts() for r in rows],
        row_totals=False,
        total_label=_("All"),
    )
    totals = table.suppressed.column_totals or ()
    at = {key: i for i, key in enumerate(PROGRESS_COLUMNS)}
    section.text(
        _(
            "Every case whose contact person changes gets a handover record: a written summary "
            "for the new contact person, a handover meeting between the two, a meeting or "
            "visit with the child and the family, a conversation with the child about the "
            "change (barnets lov § 5, with the right to a support person, § 6) and the team "
            "leader's sign-off. Of %(cases)s such cases, %(signed)s are signed off; for "
            "%(overdue)s the meeting with the child and family is overdue or planned later "
            "than %(days)s days after the effective date."
        )
        % {
            "cases": count_text(totals[at["cases"]]),
            "signed": count_text(totals[at["sign_off"]]),
            "overdue": count_text(totals[at["overdue"]]),
            "days": src.handover_visit_days,
        }
    )
    section.table(table)
    return section


def continuity_followup_section(src: ReportSources) -> Section:
    """After the effective date: the children promised their contact person who kept it."""
    section = Section("continuity_followup", _("Continuity after the effective date"))
    if src.as_of < src.effective_date:
        section.text(
            _(
                "From %(day)s each municipality records the changes of contact person in its "
                "case system, and this section compares them with the plan's promise."
            )
            % {"day": long_date(src.effective_date)}
        )
        return section
    rows = src.continuity_kept
    if not rows:
        section.text(_("The plan lets no child keep their contact person."))
        return section
    table = count_table(
        key="continuity_followup",
        caption=_("Children the plan let keep their contact person, per profession"),
        corner=_("Profession"),
        rows=[(r.profession, src.profession(r.profession)) for r in rows],
        columns=[("kept", _("Kept it")), ("changed", _("Changed since"))],
        values=[(r.kept, r.changed) for r in rows],
        total_label=_("Children"),
    )
    totals = table.suppressed.column_totals or ()
    section.text(
        _(
            "The municipalities have recorded %(changes)s changes of contact person since "
            "%(day)s. Of the children whom the plan let keep their contact person, "
            "%(kept)s still have them and %(changed)s have had a change, counted per "
            "profession."
        )
        % {
            "changes": src.contact_changes_recorded,
            "day": long_date(src.effective_date),
            "kept": count_text(totals[0]),
            "changed": count_text(totals[1]),
        }
    )
    section.table(table)
    return section
