"""Hearing letters (partshøring), and the final decision letter that says how the response was
considered.

Before a decision that does not meet an employee's stated wish is final, the employee is
shown the part of the draft that concerns them, and only that: the draft decision, the
facts it rests on (their wish, the need in each municipality for their profession, why the
plan chose as it did, in the plan's own reasons), their right to comment and the reply
deadline (LEGAL-NOTES §1.4; forvaltningsloven § 19). The final decision letter is the
decision letter (`reports.letters`) with a paragraph on the hearing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext as _

from overgang.core.domain import latest_interviews
from overgang.core.planning.plan import EmployeeDecision
from overgang.reports.letters import (
    LETTER_FORMATS,
    Letter,
    build_letters,
    letters_docx,
    letters_pdf,
)
from overgang.reports.section import long_date
from overgang.reports.sources import ReportSources
from overgang.texts.reasons import employee_reason_text

# Hearing outcomes as stored (web/process/models.HearingOutcome); the reports import no web.
UPHELD = "upheld"
CHANGED = "changed"


@dataclass(frozen=True)
class HearingRecord:
    """One employee's hearing on the plan's decision about them."""

    employee_id: str
    reply_by: date
    sent_on: date | None = None
    response_received_on: date | None = None
    response_text: str = ""
    outcome: str = ""
    consideration: str = ""
    final_issued_on: date | None = None


def _fte(value: float | Decimal) -> str:
    return f"{float(value):.1f}".replace(".", "," if translation.get_language() == "da" else ".")


def need_paragraphs(src: ReportSources, profession: str) -> list[str]:
    """Return, for each municipality, what the work of the profession needs and what the draft
    gives it: the facts behind a placement."""
    norms = {p.code: p.norm for p in src.dataset.professions}
    norm = float(norms.get(profession, 0) or 0)
    needs = {(n.municipality, n.profession): n.min_fte for n in src.dataset.needs}
    lines = []
    for row in src.metrics.get("capacity", []):
        if row.get("faggruppe") != profession:
            continue
        code = int(row["kommune"])
        load = float(row.get("belastning") or 0)
        values = {
            "municipality": src.municipality(code),
            "profession": src.profession(profession),
            "fte": _fte(row.get("fte") or 0),
        }
        if norm > 0:
            text = _(
                "%(municipality)s: the cases of %(profession)s there need %(need)s full-time "
                "employees; the draft gives it %(fte)s."
            ) % {**values, "need": _fte(load / norm)}
        else:
            text = (
                _("%(municipality)s: the draft gives it %(fte)s full-time %(profession)s.") % values
            )
        minimum = needs.get((code, profession))
        if minimum:
            text += " " + _("Its staffing need beyond the cases is %(minimum)s full-time.") % {
                "minimum": _fte(minimum)
            }
        lines.append(text)
    return lines


def _wish_paragraph(src: ReportSources, employee_id: str) -> str | None:
    interview = latest_interviews(src.dataset.interviews).get(employee_id)
    if interview is None or interview.wished_municipality is None:
        return None
    text = _("At your interview on %(day)s you wished to work for %(wish)s.") % {
        "day": long_date(interview.held_on),
        "wish": src.municipality(interview.wished_municipality),
    }
    if interview.acceptable_municipalities:
        text += " " + _("You said you can also accept %(others)s.") % {
            "others": ", ".join(src.municipality(c) for c in interview.acceptable_municipalities)
        }
    return text


def _hearing_letter(
    src: ReportSources, d: EmployeeDecision, hearing: HearingRecord, name: str, profession: str
) -> Letter:
    host = src.municipality(src.host)
    where = src.municipality(d.municipality)
    day = long_date(src.effective_date)
    transfers = d.municipality != src.host
    draft = (
        _("The draft decision: you transfer to %(municipality)s on %(day)s.")
        if transfers
        else _("The draft decision: you stay employed by %(municipality)s after %(day)s.")
    ) % {"municipality": where, "day": day}
    paragraphs = [
        _(
            "The cooperation ends on %(day)s, and the municipalities have approved a draft of "
            "who works where from that day. Before a decision that does not meet your wish is "
            "final, you have the right to know the facts it rests on and to comment on them. "
            "This letter holds only the part of the draft that concerns you."
        )
        % {"day": day},
        draft,
    ]
    wish = _wish_paragraph(src, d.employee_id)
    if wish:
        paragraphs.append(wish)
    paragraphs.append(
        _("Why the draft does not meet your wish: %(reason)s.")
        % {"reason": employee_reason_text(d.reason, src.municipalities, src.host)}
    )
    paragraphs.append(
        _(
            "The plan honours the employees' own wishes first. Where the work of a "
            "municipality cannot be covered by those who wish to work there, it chooses the "
            "employees whose placement keeps the most children and families with their "
            "present contact person and covers each municipality's need, and it moves nobody "
            "against their wish where another choice would do."
        )
    )
    needs = need_paragraphs(src, profession)
    if needs:
        paragraphs.append(
            _("The need for %(profession)s in each municipality, as the draft stands:")
            % {"profession": src.profession(profession)}
        )
        paragraphs += needs
    paragraphs.append(
        _(
            "You may comment on the draft decision and on the facts above, in writing or "
            "orally, to your leader or HR, by %(deadline)s. You may have a union "
            "representative or another person help you. Your comments will be considered "
            "before the decision is final, and the final decision will say how. If we have "
            "not heard from you by the deadline, the decision will be made on the facts above."
        )
        % {"deadline": long_date(hearing.reply_by)}
    )
    return Letter(
        employee_id=d.employee_id,
        name=name,
        municipality=where,
        transfers=transfers,
        effective_date=src.effective_date,
        sender=host,
        dated=hearing.sent_on or src.as_of,
        title=_("Hearing before the decision on your employment"),
        paragraphs=tuple(paragraphs),
        signature=_("Kind regards,\n%(host)s") % {"host": host},
    )


def build_hearing_letters(
    src: ReportSources,
    hearings: Iterable[HearingRecord],
    employee_ids: Iterable[str] | None = None,
) -> list[Letter]:
    """Return the hearing letter of every employee in hearing (or of the given ones)."""
    wanted = set(employee_ids) if employee_ids is not None else None
    heard = {h.employee_id: h for h in hearings}
    employees = {e.id: e for e in src.dataset.employees}
    letters = []
    for d in src.employee_decisions:
        hearing, employee = heard.get(d.employee_id), employees.get(d.employee_id)
        if (
            hearing is None
            or employee is None
            or (wanted is not None and d.employee_id not in wanted)
        ):
            continue
        letters.append(_hearing_letter(src, d, hearing, employee.name, employee.profession))
    return letters


def consideration_paragraph(hearing: HearingRecord) -> str:
    """Return what the final decision says about the hearing and how the response was considered."""
    if hearing.response_received_on is None:
        return _(
            "You were heard on the draft decision with a deadline of %(deadline)s. We received "
            "no comments from you by the deadline, and the decision is made on the facts the "
            "hearing letter gave."
        ) % {"deadline": long_date(hearing.reply_by)}
    return _(
        "You were heard on the draft decision, and we received your comments on %(day)s. We "
        "have considered them: %(consideration)s The decision is upheld."
    ) % {
        "day": long_date(hearing.response_received_on),
        "consideration": hearing.consideration.strip().rstrip(".") + ".",
    }


def build_final_letters(
    src: ReportSources,
    hearings: Iterable[HearingRecord],
    employee_ids: Iterable[str] | None = None,
) -> tuple[list[Letter], list[str]]:
    """Return the decision letters that may be issued, and the ids of those withheld because
    their final decision has not been issued after the hearing.

    A heard employee's letter says how their response was considered, before its closing line.
    """
    heard = {h.employee_id: h for h in hearings}
    letters, withheld = [], []
    for letter in build_letters(src, employee_ids):
        hearing = heard.get(letter.employee_id)
        if hearing is None:
            letters.append(letter)
        elif hearing.final_issued_on is None:
            withheld.append(letter.employee_id)
        else:
            paragraphs = list(letter.paragraphs)
            paragraphs.insert(len(paragraphs) - 1, consideration_paragraph(hearing))
            letters.append(
                replace(letter, dated=hearing.final_issued_on, paragraphs=tuple(paragraphs))
            )
    return letters, withheld


def files_of(
    letters: list[Letter], fmt: str, *, prefix: str, combined_name: str, combined: bool
) -> dict[str, bytes]:
    """Return letters as files, {name: content}: one per letter or one with every letter."""
    if fmt not in LETTER_FORMATS:
        raise ValueError(f"format must be one of {', '.join(LETTER_FORMATS)}")
    make = letters_docx if fmt == "docx" else letters_pdf
    if combined:
        return {f"{combined_name}.{fmt}": make(letters)} if letters else {}
    return {f"{prefix}-{_file_key(letter)}.{fmt}": make([letter]) for letter in letters}


def _file_key(letter: Letter) -> str:
    """The employee's id, or for a letter to a municipality's own staff "personale-<name>"."""
    if letter.employee_id:
        return letter.employee_id
    name = letter.municipality.lower()
    for letter_, spelled in (("æ", "ae"), ("ø", "oe"), ("å", "aa"), (" ", "-")):
        name = name.replace(letter_, spelled)
    return f"personale-{name}"
