"""The status report's sections on the citizens: what children, young people and families
will experience, and the continuity of the interventions.

Counts come from the plan's metrics (stored with the plan), through suppressed tables.
"""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext as _

from overgang.core.suppression import suppress_count
from overgang.reports import charts
from overgang.reports.section import Section, long_date
from overgang.reports.sources import ReportSources
from overgang.reports.tables import count_table, count_text


def children_section(src: ReportSources) -> Section:
    """How many keep and how many change contact person, per profession; external unchanged."""
    section = Section("children", _("What children, young people and families will experience"))
    per_profession: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for row in src.metrics["continuity"]:
        counts = per_profession[row["faggruppe"]]
        counts[0] += row["beholder"]
        counts[1] += row["skifter"]
        counts[2] += row["sager"] - row["beholder"] - row["skifter"]
    professions = sorted(per_profession)
    contacts = count_table(
        key="contact",
        caption=_("In-house cases: contact person kept or changed, per profession"),
        corner=_("Profession"),
        rows=[(p, src.profession(p)) for p in professions],
        columns=[
            ("keep", _("Keep their contact person")),
            ("change", _("Get a new contact person")),
            ("none_before", _("Had no contact person")),
        ],
        values=[per_profession[p] for p in professions],
        total_label=_("All in-house cases"),
    )
    totals = contacts.suppressed.column_totals or ()
    section.text(
        _(
            "For the children, the young people and their families the dissolution can mean "
            "a new caseworker or contact person, especially with the physio- and occupational "
            "therapists, the speech and hearing consultants, the psychologists and the family "
            "counsellors. In the plan, %(keep)s in-house cases keep their contact person and "
            "%(change)s get a new one on %(day)s."
        )
        % {
            "keep": count_text(totals[0]),
            "change": count_text(totals[1]),
            "day": long_date(src.effective_date),
        }
    )
    section.table(contacts)
    section.chart(
        charts.stacked_counts(
            [src.profession(p) for p in professions],
            [
                (_("Keep"), charts.BLUE, [r[0] for r in contacts.suppressed.cells]),
                (_("New contact person"), charts.ORANGE, [r[1] for r in contacts.suppressed.cells]),
                (_("Had none"), charts.GREY, [r[2] for r in contacts.suppressed.cells]),
            ],
            title=_("Contact person kept or changed, per profession"),
        )
    )

    people = []
    for key, caption, label in (
        ("children", _("Children and young people who keep every contact person"), _("Children")),
        ("families", _("Families who keep every contact person"), _("Families")),
    ):
        rows = {int(r["kommune"]): r for r in src.metrics[key]}
        codes = sorted(rows)
        table = count_table(
            key=key,
            caption=caption,
            corner=_("Municipality"),
            rows=[(str(c), src.municipality(c)) for c in codes],
            columns=[("keep", _("Keep all")), ("change", _("At least one new"))],
            values=[[rows[c]["beholder"], rows[c]["skifter"]] for c in codes],
            total_label=label,
        )
        people.append(table)
    children, families = people
    section.text(
        _(
            "Counted per child, %(children_keep)s children and young people keep every "
            "contact person they have, and %(children_change)s get at least one new; per "
            "family, %(families_keep)s families keep all their contact persons and "
            "%(families_change)s meet at least one new."
        )
        % {
            "children_keep": count_text((children.suppressed.column_totals or ())[0]),
            "children_change": count_text((children.suppressed.column_totals or ())[1]),
            "families_keep": count_text((families.suppressed.column_totals or ())[0]),
            "families_change": count_text((families.suppressed.column_totals or ())[1]),
        }
    )
    for table in people:
        section.table(table)
    _change_order(section, src)

    external = src.metrics["external"]
    services = sorted({r["ydelse"] for r in external})
    codes = sorted(src.municipalities)
    counts = {(r["ydelse"], int(r["kommune"])): r["antal"] for r in external}
    if services:
        table = count_table(
            key="external",
            caption=_("Externally provided interventions, left unchanged"),
            corner=_("Service"),
            rows=[(f"s{i}", s) for i, s in enumerate(services)],
            columns=[(str(c), src.municipality(c)) for c in codes],
            values=[[counts.get((s, c), 0) for c in codes] for s in services],
        )
        touched = len(src.external_case_ids & set(src.case_contacts))
        grand = table.suppressed.grand_total
        text = _(
            "Many children will see no great change at first: where they are in special "
            "schooling, respite care or placed outside the home, an external provider is "
            "bought, and that does not change. The plan leaves all %(external)s externally "
            "provided interventions as they are."
        ) % {"external": count_text(grand) if grand else "–"}
        if touched:
            text += " " + _("Warning: the plan reassigns some of them.")
        section.text(text)
        section.table(table)
    return section


def _change_order(section: Section, src: ReportSources) -> None:
    """The children who change contact person, by which change in 24 months it is for them."""
    history = src.metrics.get("history")
    if not history:
        return  # no child changes contact person, or a plan stored before the figure existed
    if not any(c.earlier_changes for c in src.dataset.cases):
        section.text(
            _(
                "The data set holds no earlier changes of contact person (tidligere_skift), so "
                "every change in the plan is counted as a child's first."
            )
        )
        return
    rows = {int(r["kommune"]): r for r in history}
    codes = sorted(rows)
    keys = ("skift_1", "skift_2", "skift_3", "skift_4_eller_flere")
    table = count_table(
        key="change_order",
        caption=_("Children who get a new contact person, by which change in 24 months it is"),
        corner=_("Municipality"),
        rows=[(str(c), src.municipality(c)) for c in codes],
        columns=[
            ("first", _("First change")),
            ("second", _("Second")),
            ("third", _("Third")),
            ("fourth", _("Fourth or later")),
        ],
        values=[[rows[c][k] for k in keys] for c in codes],
        total_label=_("Children"),
    )
    totals = table.suppressed.column_totals or ()
    section.text(
        _(
            "A change weighs more for a child who has changed contact person before: the plan "
            "counts each earlier change in the last 24 months (from the case system), and a "
            "further change costs more for each. Of the children who get a new contact person, "
            "%(first)s get their first change, %(second)s their second, %(third)s their third "
            "and %(fourth)s their fourth or later. For comparison, two thirds of Danish "
            "children with a caseworker got a new one within two years (VIVE)."
        )
        % {
            "first": count_text(totals[0]),
            "second": count_text(totals[1]),
            "third": count_text(totals[2]),
            "fourth": count_text(totals[3]),
        }
    )
    section.table(table)


def continuity_section(src: ReportSources) -> Section:
    """Continuity of the interventions the centre delivers itself."""
    section = Section("continuity", _("Continuity of the interventions"))
    bound = src.metrics["keep_upper_bound"]
    keep = sum(r["beholder"] for r in src.metrics["continuity"])
    rows: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
    for r in src.metrics["continuity"]:
        counts = rows[int(r["kommune"])]
        counts[0] += r["beholder"]
        counts[1] += r["sager"] - r["beholder"] - r["ubemandet"]
        counts[2] += r["ubemandet"]
    codes = sorted(rows)
    table = count_table(
        key="continuity",
        caption=_("In-house cases per municipality serving them"),
        corner=_("Municipality"),
        rows=[(str(c), src.municipality(c)) for c in codes],
        columns=[
            ("keep", _("Same contact person")),
            ("new", _("New contact person")),
            ("unstaffed", _("Without contact person")),
        ],
        values=[rows[c] for c in codes],
    )
    with_contact = table.suppressed  # for the text below: only the shown totals are quoted
    section.text(
        _(
            "The ministry stressed, in approving the process, that the interventions must "
            "continue. The centre delivers some services itself (family treatment, physio- "
            "and occupational therapy, special education for adults among them); all of them "
            "are taken home, so their staff changes for citizens of every municipality."
        )
    )
    best = bound["hoejst_mulige_beholder"]
    share = 100 * keep / best if best else 100.0
    section.text(
        _(
            "The plan is made to keep as many contact persons as the staff's wishes and "
            "capacity allow. No plan could let more than %(best)s of the %(with)s cases "
            "that have a contact person today keep it, because a contact person who stays "
            "works for one municipality only; this plan reaches %(share)s %% of that."
        )
        % {
            "best": count_text(suppress_count(best)),
            "with": count_text(suppress_count(bound["sager_med_kontaktperson"])),
            "share": f"{share:.0f}",
        }
    )
    unstaffed = (with_contact.column_totals or ())[2]
    section.text(
        _("Cases without a contact person in the plan: %(unstaffed)s; they call for hires.")
        % {"unstaffed": count_text(unstaffed)}
    )
    section.table(table)
    cooperation = src.plan.cooperation_services
    if cooperation:
        section.text(
            _(
                "In this scenario these services stay in a voluntary cooperation, so their "
                "cases keep the host's staff: %(services)s."
            )
            % {"services": ", ".join(cooperation)}
        )
    return section
