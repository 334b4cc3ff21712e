"""The status report for the city council and the MED committees, like the status note itself.

    from overgang.reports.status import status_document
    pdf = status_document(sources, "pdf", "da")   # bytes; "html" gives the HTML page

`sources` come from `overgang.web.reporting.sources.load_sources(plan)`.

Aggregates only: every count passes small-number suppression, and no name, id or
free text about a person appears.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _

from overgang.reports.render import html_to_pdf, render_html
from overgang.reports.section import Section, long_date
from overgang.reports.sections_children import children_section, continuity_section
from overgang.reports.sections_civil_servants import civil_servants_section
from overgang.reports.sections_concerns import concerns_section
from overgang.reports.sections_followup import (
    continuity_followup_section,
    handover_records_section,
)
from overgang.reports.sections_organisation import (
    milestones_section,
    mismatch_section,
    reorganisation_section,
    robustness_section,
)
from overgang.reports.sections_settlement import settlement_section
from overgang.reports.sections_staff import process_section, work_environment_section
from overgang.reports.sources import ReportSources

FORMATS = ("html", "pdf")
LANGUAGES = ("da", "en")


def sections(src: ReportSources) -> list[Section]:
    """Return the report's sections in the order of the status note."""
    return [
        process_section(src),
        civil_servants_section(src),
        work_environment_section(src),
        *([concerns_section(src.extras["concerns"])] if "concerns" in src.extras else []),
        children_section(src),
        handover_records_section(src),
        reorganisation_section(src),
        continuity_section(src),
        continuity_followup_section(src),
        robustness_section(src),
        mismatch_section(src),
        milestones_section(src),
        settlement_section(src),
    ]


def status_html(src: ReportSources, *, for_print: bool = False) -> str:
    """Return the status report as an HTML page in the active language."""
    host = src.municipality(src.host)
    others = [name for code, name in sorted(src.municipalities.items()) if code != src.host]
    status = src.plan.status
    return render_html(
        "reports/status.html",
        {
            "lang": translation.get_language() or "da",
            "title": _("Status of the dissolution of the cooperation"),
            "subtitle": _("The process of ending the cooperation between %(host)s and %(others)s")
            % {"host": host, "others": ", ".join(others)},
            "purpose": _(
                "This status gives a picture of how the process of ending the cooperation "
                "is going, with a focus on what it means for the work with vulnerable and "
                "disabled children, young people and their families. It is drawn from plan "
                "%(plan)s and the data as of %(day)s."
            )
            % {"plan": src.plan.id, "day": long_date(src.as_of)},
            "facts": [
                (_("Effective date"), long_date(src.effective_date)),
                (_("Plan"), f"{src.plan.id} ({src.plan.created_at:%Y-%m-%d})"),
                (
                    _("Plan status"),
                    _("proven optimal") if status == "optimal" else _("not proven optimal"),
                ),
                (_("Scenario"), src.plan.scenario_name or _("full dissolution (default)")),
                (_("Data as of"), long_date(src.as_of)),
            ],
            "suppression_note": _(
                "No person can be recognised from this report. Counts from 1 to 4 are shown "
                "as “<5”, and where a total would let a reader work such a count out, one more "
                "figure is hidden and shown as “x”. A dash (“–”) means none. A table that "
                "cannot be shown without giving such a count away is withheld whole (“..”)."
            ),
            "sections": sections(src),
            "for_print": for_print,
            "generated": long_date(src.made_on),
            "footer": _("Status report, plan %(plan)s") % {"plan": src.plan.id},
        },
    )


def status_document(src: ReportSources, fmt: str = "pdf", lang: str = "da") -> bytes:
    """Return the status report on a plan's sources as PDF or HTML bytes, in Danish or English."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}")
    with translation.override(lang):
        html = status_html(src, for_print=fmt == "pdf")
    if fmt == "html":
        return html.encode("utf-8")
    return html_to_pdf(html)
