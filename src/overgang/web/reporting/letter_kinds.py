"""The letters by kind: hearing letters, decision letters after the hearing, information letters.

Loads the hearings and the transition's information facts beside the report's records
(`sources.load_sources`) and renders them with `reports.hearing_letters` and
`reports.information_letters`. A decision letter for an employee in hearing is withheld
until the final decision is issued (`process.hearings.issue_final_decision`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _

from overgang.reports.hearing_letters import (
    HearingRecord,
    build_final_letters,
    build_hearing_letters,
    files_of,
)
from overgang.reports.information_letters import (
    InformationFacts,
    build_information_letters,
    receiving_municipalities,
)
from overgang.reports.letters import Letter
from overgang.web.planning.models import StoredPlan
from overgang.web.process.models import Hearing, Transition
from overgang.web.reporting.sources import ReportUnavailable, load_sources

LETTER_KINDS = ("hearing", "decision", "information")


@dataclass(frozen=True)
class KindExport:
    """Letters of one kind as files, whom they are written to, and the decision letters withheld."""

    files: dict[str, bytes]
    held: dict[str, list[str]]
    withheld: tuple[str, ...] = ()  # employees in hearing, without a final decision yet
    letters: int = 0


def load_hearings(plan: StoredPlan) -> tuple[HearingRecord, ...]:
    """The hearings on the plan's decisions, as the letters read them."""
    return tuple(
        HearingRecord(
            employee_id=h.decision.employee_id,
            reply_by=h.reply_by,
            sent_on=h.sent_on,
            response_received_on=h.response_received_on,
            response_text=h.response_text,
            outcome=h.outcome,
            consideration=h.consideration,
            final_issued_on=h.final_issued_on,
        )
        for h in Hearing.objects.filter(decision__plan=plan)
        .select_related("decision")
        .order_by("decision__employee_id")
    )


def load_information_facts() -> InformationFacts:
    t = Transition.current()
    return InformationFacts(
        legal_basis=t.legal_basis,
        legal_basis_note=t.legal_basis_note,
        representatives_informed_on=t.representatives_informed_on,
        representatives_consulted_on=t.representatives_consulted_on,
        representatives_note=t.representatives_note,
    )


def _letters(
    plan: StoredPlan, kind: str, employee_ids: list[str] | None
) -> tuple[list[Letter], tuple[str, ...]]:
    src = load_sources(plan)
    if kind == "hearing":
        return build_hearing_letters(src, load_hearings(plan), employee_ids), ()
    if kind == "decision":
        letters, withheld = build_final_letters(src, load_hearings(plan), employee_ids)
        return letters, tuple(withheld)
    facts = load_information_facts()
    if not facts.act_applies:
        raise ReportUnavailable(
            _(
                "the transfer of undertakings act does not apply to this transition (its legal "
                "basis is recorded as other), so no information letters under § 7 are written"
            )
        )
    return build_information_letters(src, facts, employee_ids), ()


FILE_NAMES = {
    "hearing": ("hoering", "hoeringer-plan{plan}"),
    "decision": ("afgoerelse", "afgoerelser-plan{plan}"),
    "information": ("information", "information-plan{plan}"),
}


def letters_of_kind(
    plan: StoredPlan,
    kind: str,
    fmt: str = "docx",
    lang: str = "da",
    *,
    combined: bool = False,
    employee_ids: Iterable[str] | None = None,
) -> KindExport:
    """Return the letters of one kind as files, with the employees they are written to."""
    if kind not in LETTER_KINDS:
        raise ValueError(f"kind must be one of {', '.join(LETTER_KINDS)}")
    wanted = list(employee_ids) if employee_ids is not None else None
    prefix, combined_name = FILE_NAMES[kind]
    with translation.override(lang):
        letters, withheld = _letters(plan, kind, wanted)
        files = files_of(
            letters,
            fmt,
            prefix=prefix,
            combined_name=combined_name.format(plan=plan.pk),
            combined=combined,
        )
    employees = sorted({letter.employee_id for letter in letters if letter.employee_id})
    return KindExport(
        files, {"employees": employees, "cases": [], "citizens": []}, withheld, len(letters)
    )


def staff_without_records(plan: StoredPlan) -> list[str]:
    """The receiving municipalities whose own staff the data set does not hold, by name."""
    src = load_sources(plan)
    return [src.municipality(code) for code in receiving_municipalities(src)]
