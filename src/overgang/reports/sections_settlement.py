"""The status report's section on the settlement (delingsaftale): the register's items and
their value by status. The register holds no personal data, so nothing is suppressed."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from overgang.reports.section import Section
from overgang.reports.sources import ReportSources
from overgang.reports.tables import FigureTable
from overgang.texts.numbers import formatted


def _status_labels() -> dict[str, str]:
    """The register's statuses in the report's words (web/settlement/models.py's codes)."""
    return {
        "forslag": _("Proposal"),
        "forhandlet": _("Negotiated"),
        "aftalt": _("Agreed"),
        "uenighed": _("Disputed"),
    }


def settlement_section(src: ReportSources) -> Section:
    """How far the split of everything that is not a person has come: items and value by status."""
    section = Section("settlement", _("The settlement of assets and obligations"))
    totals = src.settlement
    count = sum(t.count for t in totals)
    if not count:
        section.text(_("No item of the settlement (delingsaftale) has been recorded yet."))
        return section
    agreed = sum(t.count for t in totals if t.status == "aftalt")
    disputed = sum(t.count for t in totals if t.status == "uenighed")
    section.text(
        ngettext(
            "The settlement register holds %(count)d item; %(agreed)d agreed, %(disputed)d "
            "disputed.",
            "The settlement register holds %(count)d items; %(agreed)d agreed, %(disputed)d "
            "disputed.",
            count,
        )
        % {"count": count, "agreed": agreed, "disputed": disputed}
    )
    labels = _status_labels()
    value = sum((t.value for t in totals), Decimal(0))
    section.table(
        FigureTable(
            key="settlement",
            caption=_("Settlement items by status"),
            header=(_("Status"), _("Items"), _("Value (DKK)")),
            rows=(
                *(
                    (labels.get(t.status, t.status), str(t.count), formatted(t.value, 2, True))
                    for t in totals
                ),
                (_("All"), str(count), formatted(value, 2, True)),
            ),
            numeric=(False, True, True),
        )
    )
    section.note(
        _(
            "Values are as recorded for each item (DKK); an item without a value counts 0, "
            "an obligation counts negative."
        )
    )
    return section
