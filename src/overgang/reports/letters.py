"""Decision letters: each employee is told where they work from the effective date, and why.

A letter says whether the employee stays or transfers, to which municipality and from
which date, the reason for the decision, and, for a transfer, what it means for their
terms: the transfer of undertakings act (virksomhedsoverdragelsesloven) as the transition
applies it, or a civil servant's own rules (`letters_legal`). Letters come
as .docx (python-docx, so that HR can edit them before they are sent) and as PDF, one
file per employee or all in one file.

Letters carry personal data (a name, a wish); they are for HR, not for committees.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from io import BytesIO

from django.utils import translation
from django.utils.translation import gettext as _

from overgang.core.domain import Interview, latest_interviews
from overgang.core.planning.explain import EmployeeReason
from overgang.reports.letters_legal import decision_paragraph, transfer_paragraphs
from overgang.reports.render import html_to_pdf, render_html
from overgang.reports.section import long_date
from overgang.reports.sources import ReportSources
from overgang.texts.reasons import employee_reason_text

LETTER_FORMATS = ("docx", "pdf")


@dataclass(frozen=True)
class Letter:
    employee_id: str
    name: str
    municipality: str  # where the employee works from the effective date
    transfers: bool
    effective_date: date
    sender: str
    dated: date
    title: str
    paragraphs: tuple[str, ...]
    signature: str

    @property
    def dated_text(self) -> str:
        return long_date(self.dated)

    @property
    def to_text(self) -> str:
        return _("To %(name)s") % {"name": self.name}


def _attachment(src: ReportSources) -> dict[str, tuple[int | None, dict[str, float]]]:
    return {
        row["medarbejder_id"]: (row["primaert_tilknyttet"], row["andele"])
        for row in src.metrics.get("attachment", [])
    }


def _acceptable_not_wished(interview: Interview | None, municipality: int) -> int | None:
    """Return the wished municipality where the employee works for another they can accept
    (a wish not met, not against it), else None."""
    if interview is None or interview.wished_municipality is None:
        return None
    if municipality == interview.wished_municipality:
        return None
    if municipality not in interview.acceptable_municipalities:
        return None
    return interview.wished_municipality


def build_letters(src: ReportSources, employee_ids: Iterable[str] | None = None) -> list[Letter]:
    """Return the decision letter of every employee in the plan (or of the given ones)."""
    wanted = set(employee_ids) if employee_ids is not None else None
    employees = {e.id: e for e in src.dataset.employees}
    interviews = latest_interviews(src.dataset.interviews)
    attachment = _attachment(src)
    host = src.municipality(src.host)
    others = ", ".join(
        name for code, name in sorted(src.municipalities.items()) if code != src.host
    )
    letters = []
    for d in src.employee_decisions:
        if wanted is not None and d.employee_id not in wanted:
            continue
        employee = employees.get(d.employee_id)
        if employee is None:
            continue  # no longer in the data set: nobody to write to
        where = src.municipality(d.municipality)
        transfers = d.municipality != src.host
        day = long_date(src.effective_date)
        reason = employee_reason_text(d.reason, src.municipalities, src.host)
        paragraphs = [
            _(
                "The cooperation between %(host)s and %(others)s ends on %(day)s, and each "
                "municipality takes its tasks home. Every employee has been asked whether they "
                "wish to stay in %(host)s or to move with the work."
            )
            % {"host": host, "others": others, "day": day}
        ]
        interview = interviews.get(employee.id)
        if interview is not None:
            paragraphs.append(
                _("We spoke with you about your wishes on %(day)s.")
                % {"day": long_date(interview.held_on)}
            )
        if transfers:
            paragraphs.append(decision_paragraph(employee, where, day))
        else:
            paragraphs.append(
                _(
                    "The decision: you stay employed by %(municipality)s after %(day)s. Your "
                    "terms of employment are unchanged."
                )
                % {"municipality": where, "day": day}
            )
        paragraphs.append(_("The reason: %(reason)s.") % {"reason": reason})
        acceptable = _acceptable_not_wished(interview, d.municipality)
        if acceptable:
            paragraphs.append(
                _(
                    "We have not been able to meet your wish to work for %(wish)s, but you told "
                    "us that you can also accept %(municipality)s, and that is where you will "
                    "work. Please talk to your leader or HR if you have questions or comments "
                    "on the decision."
                )
                % {"wish": src.municipality(acceptable), "municipality": where}
            )
        elif d.reason.code == EmployeeReason.AGAINST_WISH:
            paragraphs.append(
                _(
                    "We have not been able to meet your wish. The plan honours the employees' "
                    "own wishes first and moves nobody against their wish unless the work "
                    "cannot be covered otherwise. Please talk to your leader or HR if you have "
                    "questions or comments on the decision."
                )
            )
        if transfers:
            primary, shares = attachment.get(employee.id, (None, {}))
            share = shares.get(str(d.municipality))
            if primary == d.municipality and share is not None:
                paragraphs.append(
                    _(
                        "Today you are primarily attached to the work for %(municipality)s: "
                        "%(share)s %% of your caseload concerns its citizens."
                    )
                    % {"municipality": where, "share": f"{100 * share:.0f}"}
                )
            paragraphs += transfer_paragraphs(
                employee,
                host=host,
                municipality=where,
                legal_basis=src.legal_basis,
                legal_basis_note=src.legal_basis_note,
            )
        paragraphs.append(_("If you have questions, please contact your leader or HR."))
        letters.append(
            Letter(
                employee_id=employee.id,
                name=employee.name,
                municipality=where,
                transfers=transfers,
                effective_date=src.effective_date,
                sender=host,
                dated=src.as_of,
                title=_("Decision on your employment when the cooperation ends"),
                paragraphs=tuple(paragraphs),
                signature=_("Kind regards,\n%(host)s") % {"host": host},
            )
        )
    return letters


def letters_docx(letters: list[Letter]) -> bytes:
    """Return the letters as one Word document, each letter on its own page."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    for i, letter in enumerate(letters):
        if i:
            document.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
        sender = document.add_paragraph(letter.sender)
        sender.runs[0].bold = True
        dated = document.add_paragraph(letter.dated_text)
        dated.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        document.add_paragraph(letter.to_text)
        document.add_heading(letter.title, level=1)
        for text in letter.paragraphs:
            document.add_paragraph(text)
        document.add_paragraph(letter.signature)
    buffer = BytesIO()
    document.core_properties.title = letters[0].title if letters else ""
    document.save(buffer)
    return buffer.getvalue()


def letters_pdf(letters: list[Letter]) -> bytes:
    """Return the letters as one PDF, each letter on its own page."""
    html = render_html(
        "reports/letters.html",
        {"letters": letters, "lang": translation.get_language() or "da", "title": _("Letters")},
    )
    return html_to_pdf(html)


def letter_files(
    src: ReportSources,
    fmt: str = "docx",
    lang: str = "da",
    *,
    combined: bool = False,
    employee_ids: Iterable[str] | None = None,
) -> dict[str, bytes]:
    """Return the letters as files: {file name: content}, one per employee or one combined."""
    if fmt not in LETTER_FORMATS:
        raise ValueError(f"format must be one of {', '.join(LETTER_FORMATS)}")
    make = letters_docx if fmt == "docx" else letters_pdf
    with translation.override(lang):
        letters = build_letters(src, employee_ids)
        if combined:
            return {f"afgoerelser-plan{src.plan.id}.{fmt}": make(letters)} if letters else {}
        return {f"afgoerelse-{letter.employee_id}.{fmt}": make([letter]) for letter in letters}
