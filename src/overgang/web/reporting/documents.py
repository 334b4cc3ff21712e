"""Each report as a file: load its records, then render them, both in the report's language.

The loading is done in the report's language too, because some records carry
words: the default milestones' titles, a body's kind, a plan's name in a comparison.
The files of personal data come as an `Export`, with what they hold for the audit log.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from django.utils import translation

from overgang.reports.comparison import comparison_document
from overgang.reports.consultation import consultation_document
from overgang.reports.letters import letter_files
from overgang.reports.lists import handover_list_file, list_files
from overgang.reports.status import status_document
from overgang.web.planning.models import StoredPlan
from overgang.web.process.followup import unit_progress
from overgang.web.reporting.comparison import load_comparison
from overgang.web.reporting.concerns import load_concerns
from overgang.web.reporting.consultations import load_compilation
from overgang.web.reporting.handovers import load_handovers
from overgang.web.reporting.held import Held, handovers_held, letters_held, lists_held
from overgang.web.reporting.sources import load_sources


@dataclass(frozen=True)
class Export:
    """Files of personal data, {name: content}, and the people and cases they hold."""

    files: dict[str, bytes]
    held: Held


def render_status(
    plan: StoredPlan, fmt: str = "pdf", lang: str = "da", *, wait_for_simulation: bool = True
) -> bytes:
    """Return the status report on a stored plan as PDF or HTML bytes, in Danish or English.

    The committees' attrition simulation is computed if it is missing; a page passes
    `wait_for_simulation=False`, and the report then says it is being computed.
    """
    with translation.override(lang):
        src = load_sources(plan)
        # The interviews per unit and the figures on HovedMED's concerns: the status report's only.
        staff = {
            "interview_units": unit_progress(),
            "concerns": load_concerns(plan, wait_for_attrition=wait_for_simulation),
        }
        return status_document(replace(src, extras={**src.extras, **staff}), fmt, lang)


def render_letters(
    plan: StoredPlan,
    fmt: str = "docx",
    lang: str = "da",
    *,
    combined: bool = False,
    employee_ids: Iterable[str] | None = None,
) -> dict[str, bytes]:
    """Return the decision letters as files: {file name: content}, one per employee or one."""
    return letters_export(plan, fmt, lang, combined=combined, employee_ids=employee_ids).files


def letters_export(
    plan: StoredPlan,
    fmt: str = "docx",
    lang: str = "da",
    *,
    combined: bool = False,
    employee_ids: Iterable[str] | None = None,
) -> Export:
    """Return the decision letters as files, with the employees they are written to."""
    wanted = list(employee_ids) if employee_ids is not None else None
    with translation.override(lang):
        src = load_sources(plan)
        files = letter_files(src, fmt, lang, combined=combined, employee_ids=wanted)
        return Export(files, letters_held(src, wanted))


def render_lists(
    plan: StoredPlan, lang: str = "da", *, deadline: date | None = None
) -> dict[str, bytes]:
    """Return every handover and transfer list as files: {relative path: content}."""
    return lists_export(plan, lang, deadline=deadline).files


def lists_export(plan: StoredPlan, lang: str = "da", *, deadline: date | None = None) -> Export:
    """Return every handover and transfer list as files, with who and which cases they hold."""
    with translation.override(lang):
        src, handovers = load_sources(plan), load_handovers(plan)
        files = list_files(src, handovers, lang, deadline=deadline)
        return Export(files, lists_held(src, handovers))


def render_handover_list(
    plan: StoredPlan, employee_id: str, lang: str = "da", *, deadline: date | None = None
) -> bytes | None:
    """Return one caseworker's handover list, made from their cases only (None: they have none)."""
    made = handover_list_export(plan, employee_id, lang, deadline=deadline)
    return next(iter(made.files.values())) if made is not None else None


def handover_list_export(
    plan: StoredPlan, employee_id: str, lang: str = "da", *, deadline: date | None = None
) -> Export | None:
    """Return one caseworker's handover list as a file with its cases (None: they have none)."""
    with translation.override(lang):
        handovers = load_handovers(plan, employee_id)
        body = handover_list_file(handovers, employee_id, lang, deadline=deadline)
    if body is None:
        return None
    return Export({f"overdragelse-{employee_id}.xlsx": body}, handovers_held(handovers.handovers))


def render_consultation(consultation_id: int, fmt: str = "pdf", lang: str = "da") -> bytes:
    """Return the compilation of one consultation as PDF, HTML or .docx bytes."""
    with translation.override(lang):
        return consultation_document(load_compilation(consultation_id), fmt, lang)


def render_comparison(plans: Sequence[StoredPlan], fmt: str = "pdf", lang: str = "da") -> bytes:
    """Return stored plans side by side as a PDF or HTML report."""
    with translation.override(lang):
        return comparison_document(load_comparison(plans), fmt, lang)
