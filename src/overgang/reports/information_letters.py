"""Information letters under the transfer of undertakings act (virksomhedsoverdragelsesloven § 7).

Where the act governs the move (by law or by the municipalities' agreement), both the
transferring and the receiving employer inform the employees affected: those who move,
those who stay, and the receiving municipality's own staff (LEGAL-NOTES §1.2). Each letter
gives the date, the reason, the legal, economic and social consequences, and the measures
planned. The data set holds the shared centre's staff only, so the receiving municipality's
own staff get one letter per municipality, addressed to them all, for it to hand out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from overgang.core.domain import EmploymentForm
from overgang.reports.letters import Letter
from overgang.reports.section import long_date
from overgang.reports.sources import ReportSources

# Transition.legal_basis's values under which the act applies (web/process/models.LegalBasis).
ACT_APPLIES = ("vol", "aftale")


@dataclass(frozen=True)
class InformationFacts:
    """What the transition records about its legal basis and the representatives."""

    legal_basis: str  # vol, aftale or andet
    legal_basis_note: str = ""
    representatives_informed_on: date | None = None
    representatives_consulted_on: date | None = None
    representatives_note: str = ""

    @property
    def act_applies(self) -> bool:
        return self.legal_basis in ACT_APPLIES


def _reason(src: ReportSources, facts: InformationFacts) -> str:
    others = ", ".join(n for c, n in sorted(src.municipalities.items()) if c != src.host)
    text = _(
        "The reason: the cooperation between %(host)s and %(others)s ends, and each "
        "municipality takes its tasks home, with the staff who do them."
    ) % {"host": src.municipality(src.host), "others": others}
    basis = (
        _("The transfer of undertakings act applies to the transfer by law.")
        if facts.legal_basis == "vol"
        else _("The municipalities have agreed to apply the transfer of undertakings act.")
    )
    note = facts.legal_basis_note.strip()
    return " ".join(part for part in (text, basis, note) if part)


def _measures(src: ReportSources, facts: InformationFacts) -> list[str]:
    measures = [
        _(
            "The measures planned: every employee is interviewed about their wishes, and the "
            "wishes are honoured first; a decision that does not meet a wish is preceded by a "
            "hearing; every child's and family's case is handed over at a meeting between the "
            "former and the new contact person, keeping the contact person wherever possible; "
            "the staff are organised in teams tied to the school districts."
        )
    ]
    if facts.representatives_informed_on:
        text = _("The employee representatives were informed on %(day)s") % {
            "day": long_date(facts.representatives_informed_on)
        }
        if facts.representatives_consulted_on:
            text += _(" and consulted on %(day)s") % {
                "day": long_date(facts.representatives_consulted_on)
            }
        measures.append(text + ".")
    if facts.representatives_note.strip():
        measures.append(facts.representatives_note.strip())
    return measures


def _letter(
    src: ReportSources,
    *,
    employee_id: str,
    name: str,
    municipality: str,
    transfers: bool,
    sender: str,
    consequences: list[str],
    facts: InformationFacts,
) -> Letter:
    day = long_date(src.effective_date)
    paragraphs = [
        _(
            "We are writing to inform you, as the transfer of undertakings act "
            "(virksomhedsoverdragelsesloven § 7) requires, about the transfer of the shared "
            "centre's tasks and staff."
        ),
        _("The date: the transfer takes effect on %(day)s.") % {"day": day},
        _reason(src, facts),
        *consequences,
        *_measures(src, facts),
        _("If you have questions, please contact your leader, HR or your representative."),
    ]
    return Letter(
        employee_id=employee_id,
        name=name,
        municipality=municipality,
        transfers=transfers,
        effective_date=src.effective_date,
        sender=sender,
        dated=src.as_of,
        title=_("Information about the transfer when the cooperation ends"),
        paragraphs=tuple(paragraphs),
        signature=_("Kind regards,\n%(sender)s") % {"sender": sender},
    )


def _mover_consequences(civil_servant: bool, host: str, where: str) -> list[str]:
    if civil_servant:
        return [
            _(
                "The consequences for you: you are to work for %(municipality)s. As a civil "
                "servant (tjenestemand) you are not covered by the transfer of undertakings act; "
                "your transfer follows the rules for civil servants, and HR will go through "
                "your rights and your pension with you."
            )
            % {"municipality": where}
        ]
    return [
        _(
            "The legal consequences for you: your employer changes from %(host)s to "
            "%(municipality)s, which takes over the rights and obligations of your employment "
            "as they are on the day of the transfer (§ 2). The transfer is not in itself a "
            "reason for dismissal (§ 3)."
        )
        % {"host": host, "municipality": where},
        _(
            "The economic consequences: your pay, your allowances and your seniority continue "
            "unchanged, and the collective agreement that covers you goes with you. Any later "
            "change of your terms is given with your own notice period."
        ),
        _(
            "The social consequences: you will work in %(municipality)s's organisation, with "
            "new colleagues and possibly a new workplace and leader."
        )
        % {"municipality": where},
    ]


def _stayer_consequences(host: str) -> list[str]:
    return [
        _(
            "The consequences for you: you stay employed by %(host)s on unchanged terms; the "
            "act's consequences for pay and terms do not concern you. Your work changes: the "
            "tasks and some of the colleagues of the other municipalities leave, and the "
            "cases are organised anew."
        )
        % {"host": host}
    ]


def _receiver_consequences(where: str) -> list[str]:
    return [
        _(
            "The consequences for you: your own employment and terms are unchanged. "
            "%(municipality)s takes over the tasks and the employees who move with them, on "
            "the terms they have today, so new colleagues join you whose pay and terms may "
            "differ from yours for a time, and the work is organised anew."
        )
        % {"municipality": where}
    ]


def build_information_letters(
    src: ReportSources, facts: InformationFacts, employee_ids: Iterable[str] | None = None
) -> list[Letter]:
    """Return the information letters: one per planned employee (moving or staying), and,
    unless only some employees are asked for, one per receiving municipality to its own staff."""
    if not facts.act_applies:
        return []
    wanted = set(employee_ids) if employee_ids is not None else None
    employees = {e.id: e for e in src.dataset.employees}
    host = src.municipality(src.host)
    letters = []
    for d in src.employee_decisions:
        employee = employees.get(d.employee_id)
        if employee is None or (wanted is not None and d.employee_id not in wanted):
            continue
        where = src.municipality(d.municipality)
        transfers = d.municipality != src.host
        consequences = (
            _mover_consequences(
                employee.employment_form is EmploymentForm.CIVIL_SERVANT, host, where
            )
            if transfers
            else _stayer_consequences(host)
        )
        letters.append(
            _letter(
                src,
                employee_id=employee.id,
                name=employee.name,
                municipality=where,
                transfers=transfers,
                sender=_("%(host)s and %(municipality)s") % {"host": host, "municipality": where}
                if transfers
                else host,
                consequences=consequences,
                facts=facts,
            )
        )
    if wanted is None:
        for code in receiving_municipalities(src):
            where = src.municipality(code)
            letters.append(
                _letter(
                    src,
                    employee_id="",
                    name=_("the staff of %(municipality)s") % {"municipality": where},
                    municipality=where,
                    transfers=False,
                    sender=_("%(municipality)s and %(host)s")
                    % {"host": host, "municipality": where},
                    consequences=_receiver_consequences(where),
                    facts=facts,
                )
            )
    return letters


def receiving_municipalities(src: ReportSources) -> list[int]:
    """The municipalities that receive staff in the plan, by code."""
    return sorted({d.municipality for d in src.employee_decisions if d.municipality != src.host})
