"""Letters to families: one letter per family in which a child's contact person changes.

A family whose child gets a new contact person in the plan is told, in one letter
(not one per case): which of its children and which services, the new contact person
and the municipality they work for, from which date, that this municipality becomes
responsible for the family's data from that date (what GDPR art. 13/14 asks when data
move to a new controller: see LEGAL-NOTES §2.4), whom to call, and the child's right
to a support person (bisidder, barnets lov § 6).

The records name children by the case system's citizen id and year of birth, as the
data set holds them; there is no CPR number anywhere in them. Each letter is written
by the municipality that serves the family's cases from the effective date and names
no other municipality. `overgang.web.reporting.family_letters` loads the records,
scoped to the user; this module only renders them (.docx and PDF).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from io import BytesIO

from django.utils import translation
from django.utils.translation import gettext as _

from overgang.reports.render import html_to_pdf, render_html
from overgang.reports.section import long_date

FAMILY_LETTER_FORMATS = ("docx", "pdf")


@dataclass(frozen=True)
class ChildService:
    """One of a child's cases whose contact person changes."""

    case_id: str
    service: str
    profession: str  # the profession's name
    new_contact: str  # employee id, "" while nobody is appointed
    new_contact_name: str


@dataclass(frozen=True)
class FamilyChild:
    citizen_id: str  # the case system's id, never a CPR number
    birth_year: int | None
    services: tuple[ChildService, ...]


@dataclass(frozen=True)
class FamilyRecord:
    """A family and the municipality that serves its changed cases from the effective date."""

    family_id: str
    municipality: int
    children: tuple[FamilyChild, ...]  # by citizen id


@dataclass(frozen=True)
class FamilyLetterSources:
    """The families to write to, with the names of the municipalities that write."""

    plan_id: int
    municipalities: dict[int, str]  # only those that write a letter
    effective_date: date
    dated: date
    families: tuple[FamilyRecord, ...]  # by municipality, then family id

    def municipality(self, code: int) -> str:
        return self.municipalities.get(code, str(code))


@dataclass(frozen=True)
class FamilyLetter:
    family_id: str
    municipality: int
    sender: str
    dated: date
    title: str
    to_text: str
    intro: tuple[str, ...]
    children: tuple[str, ...]  # one line per child and service
    paragraphs: tuple[str, ...]
    signature: str

    @property
    def dated_text(self) -> str:
        return long_date(self.dated)


def _child_label(child: FamilyChild) -> str:
    if child.birth_year:
        return _("Child %(id)s (born %(year)s)") % {
            "id": child.citizen_id,
            "year": child.birth_year,
        }
    return _("Child %(id)s") % {"id": child.citizen_id}


def _service_line(child: FamilyChild, service: ChildService, where: str) -> str:
    if service.new_contact:
        return _(
            "%(child)s, %(service)s (%(profession)s): new contact person %(name)s, %(municipality)s"
        ) % {
            "child": _child_label(child),
            "service": service.service,
            "profession": service.profession,
            "name": service.new_contact_name or service.new_contact,
            "municipality": where,
        }
    return _(
        "%(child)s, %(service)s (%(profession)s): %(municipality)s will appoint a new "
        "contact person and tell you who it is"
    ) % {
        "child": _child_label(child),
        "service": service.service,
        "profession": service.profession,
        "municipality": where,
    }


def _contacts(family: FamilyRecord) -> list[str]:
    """The new contact persons' names, each once, in the order the letter lists them."""
    names: list[str] = []
    for child in family.children:
        for service in child.services:
            name = service.new_contact_name or service.new_contact
            if name and name not in names:
                names.append(name)
    return names


def build_family_letters(src: FamilyLetterSources) -> list[FamilyLetter]:
    """Return one letter per family record, in the active language."""
    letters = []
    day = long_date(src.effective_date)
    for family in src.families:
        where = src.municipality(family.municipality)
        contacts = _contacts(family)
        intro = (
            _(
                "The cooperation between the municipalities on support for children and families "
                "ends on %(day)s, and each municipality takes its own cases home. From that date "
                "%(municipality)s handles your children's cases named below, and they get a new "
                "contact person."
            )
            % {"day": day, "municipality": where},
            _(
                "We know that a new contact person is a change for your child and for you. The "
                "former and the new contact person meet before the change, so that what you have "
                "told us and the plan for the support go with the case."
            ),
        )
        lines = tuple(
            _service_line(child, service, where)
            for child in family.children
            for service in child.services
        )
        paragraphs = [
            _(
                "The support your children receive continues unchanged; only the contact person "
                "and the municipality that handles the case change, from %(day)s."
            )
            % {"day": day},
            _(
                "Your information: from %(day)s %(municipality)s is responsible (data controller) "
                "for the information about you and your children in these cases. The case files, "
                "with the assessments, the plans and the decisions made so far, are moved to "
                "%(municipality)s's case system, so that the support can continue. The legal "
                "basis is the municipality's duty to give the support under barnets lov and the "
                "data protection regulation, article 6(1)(e) and article 9(2)(b) and (g). The "
                "information is kept as long as the rules on archives and the case require."
            )
            % {"day": day, "municipality": where},
            _(
                "You have the right to see the information we hold about you, to have wrong "
                "information corrected, and to object. %(municipality)s's data protection officer "
                "can tell you more. You can complain to Datatilsynet (the Danish Data Protection "
                "Agency) about how your information is handled."
            )
            % {"municipality": where},
        ]
        if contacts:
            paragraphs.append(
                _(
                    "If you have questions, please call your new contact person, %(names)s, or "
                    "the children and family department of %(municipality)s."
                )
                % {"names": _(" or ").join(contacts), "municipality": where}
            )
        else:
            paragraphs.append(
                _(
                    "If you have questions, please call the children and family department of "
                    "%(municipality)s."
                )
                % {"municipality": where}
            )
        paragraphs.append(
            _(
                "Your child has the right to bring a support person (bisidder) to every "
                "conversation with the municipality (barnets lov § 6), and you may bring one too. "
                "Tell your contact person if you would like one."
            )
        )
        letters.append(
            FamilyLetter(
                family_id=family.family_id,
                municipality=family.municipality,
                sender=where,
                dated=src.dated,
                title=_("Your children get a new contact person from %(day)s") % {"day": day},
                to_text=_("To the parents of the children named below"),
                intro=intro,
                children=lines,
                paragraphs=tuple(paragraphs),
                signature=_("Kind regards,\n%(municipality)s") % {"municipality": where},
            )
        )
    return letters


def family_letters_docx(letters: list[FamilyLetter]) -> bytes:
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
        for text in letter.intro:
            document.add_paragraph(text)
        for line in letter.children:
            document.add_paragraph(line, style="List Bullet")
        for text in letter.paragraphs:
            document.add_paragraph(text)
        document.add_paragraph(letter.signature)
    document.core_properties.title = letters[0].title if letters else ""
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def family_letters_pdf(letters: list[FamilyLetter]) -> bytes:
    """Return the letters as one PDF, each letter on its own page."""
    html = render_html(
        "reports/letters.html",
        {
            "letters": letters,
            "lang": translation.get_language() or "da",
            "title": _("Letters to families"),
        },
    )
    return html_to_pdf(html)


def family_letter_files(
    src: FamilyLetterSources, fmt: str = "docx", lang: str = "da", *, combined: bool = False
) -> dict[str, bytes]:
    """Return the letters as files: {file name: content}, one per family or all in one."""
    if fmt not in FAMILY_LETTER_FORMATS:
        raise ValueError(f"format must be one of {', '.join(FAMILY_LETTER_FORMATS)}")
    make = family_letters_docx if fmt == "docx" else family_letters_pdf
    with translation.override(lang):
        letters = build_family_letters(src)
        if combined:
            return {f"familiebreve-plan{src.plan_id}.{fmt}": make(letters)} if letters else {}
        files: dict[str, bytes] = {}
        for letter in letters:
            stem = f"familiebrev-{letter.municipality}-{_safe(letter.family_id)}"
            name, n = f"{stem}.{fmt}", 1
            while name in files:  # two ids that differ only in unsafe characters
                n += 1
                name = f"{stem}-{n}.{fmt}"
            files[name] = make([letter])
        return files


def _safe(text: str) -> str:
    """Return an id as a file name may hold it: letters, digits, '-' and '_' only."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", text)[:60] or "_"
