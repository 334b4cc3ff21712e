"""The status report's section on civil servants (tjenestemænd), who move by their own rules.

The transfer of undertakings act does not cover civil servants (LEGAL-NOTES §1.5): the
receiving municipality offers a suitable post; one who declines has a civil servant's
rights when the post is abolished; the pension is shared between the employers. The
section counts them per municipality from the plan's figures (`metrics["civil_servants"]`),
suppressed like every count, and says that HR confirms each person's rights.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from overgang.reports.section import Section
from overgang.reports.sources import ReportSources
from overgang.reports.tables import count_table, count_text


def civil_servants_section(src: ReportSources) -> Section:
    """Civil servants per municipality: how many, how many transfer, how many against the wish."""
    section = Section("civil_servants", _("Civil servants"))
    section.text(
        _(
            "Civil servants (tjenestemænd) are not covered by the transfer of undertakings act. "
            "The municipality that takes over their work must offer each of them a suitable post "
            "(passende stilling). A civil servant who declines it has the rights of a civil "
            "servant whose post is abolished: their pay for up to three years (rådighedsløn), "
            "or ventepenge or pension, as the rules provide. Their pension is shared between "
            "the employers by the years of service with each. HR will confirm each person's "
            "rights with them."
        )
    )
    figures = src.metrics.get("civil_servants")
    if figures is None:
        section.note(
            _("This plan was made before civil servants were counted; a new plan counts them.")
        )
        return section
    rows = {int(r["kommune"]): r for r in figures["pr_kommune"]}
    codes = sorted(src.municipalities)
    table = count_table(
        key="civil_servants",
        caption=_("Civil servants by the municipality they work for from the effective date"),
        corner=_("Municipality"),
        rows=[(str(code), src.municipality(code)) for code in codes],
        columns=[
            ("count", _("Civil servants")),
            ("transferred", _("Transferred")),
            ("against_wish", _("Transferred against their wish")),
        ],
        values=[
            [
                rows.get(code, {}).get(key, 0)
                for key in ("tjenestemaend", "overfoert", "flyttet_mod_oenske")
            ]
            for code in codes
        ],
        row_totals=False,
    )
    totals = table.suppressed.column_totals or ()
    if totals and not totals[0].value:
        section.text(_("The plan has no civil servants."))
        return section
    section.text(
        _(
            "%(count)s of the employees in the plan are civil servants. %(transferred)s of them "
            "transfer to another municipality, %(against)s of those against their wish."
        )
        % {
            "count": count_text(totals[0]).capitalize(),
            "transferred": count_text(totals[1]).capitalize(),
            "against": count_text(totals[2]),
        }
    )
    section.table(table)
    return section
