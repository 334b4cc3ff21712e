"""The consultation compilation: one consultation's responses in one document for the council.

By body: each body that answered, with its response as submitted; then the bodies
that were asked and did not answer by the deadline (a response saved but not
submitted counts as no answer). As PDF or HTML, and as .docx for the secretariat
to edit. `overgang.web.reporting.consultations` loads the `Compilation`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from io import BytesIO

from django.utils import translation
from django.utils.translation import gettext as _

from overgang.reports.render import html_to_pdf, render_html
from overgang.reports.section import long_date

CONSULTATION_FORMATS = ("pdf", "html", "docx")


@dataclass(frozen=True)
class Answer:
    body: str
    kind: str
    municipality: str
    submitted_on: date
    paragraphs: tuple[str, ...]
    # The administration's reply to the response, where the transition lead has written one.
    reply: tuple[str, ...] = ()
    replied_on: date | None = None


@dataclass(frozen=True)
class Compilation:
    title: str
    description: tuple[str, ...]
    deadline: date
    asked: int
    answers: tuple[Answer, ...]
    silent: tuple[str, ...]  # bodies that did not answer
    summary: tuple[str, ...]  # the compiled response, where the lead has written one
    open: bool  # the deadline has not passed

    @property
    def deadline_text(self) -> str:
        return long_date(self.deadline)


def paragraphs(text: str) -> tuple[str, ...]:
    """Return a text's paragraphs: the parts between blank lines, stripped."""
    return tuple(p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip())


def _docx(compilation: Compilation) -> bytes:
    from docx import Document

    document = Document()
    document.add_heading(_("Consultation responses: %(title)s") % {"title": compilation.title}, 0)
    document.add_paragraph(_status(compilation))
    for text in compilation.description:
        document.add_paragraph(text)
    if compilation.summary:
        document.add_heading(_("Compiled response"), level=1)
        for text in compilation.summary:
            document.add_paragraph(text)
    document.add_heading(_("Responses by body"), level=1)
    for answer in compilation.answers:
        document.add_heading(answer.body, level=2)
        document.add_paragraph().add_run(_answer_meta(answer)).italic = True
        for text in answer.paragraphs:
            document.add_paragraph(text)
        if answer.reply:
            document.add_paragraph().add_run(_reply_meta(answer)).bold = True
            for text in answer.reply:
                document.add_paragraph(text)
    document.add_heading(_("Bodies that did not answer"), level=1)
    for name in compilation.silent or (_("none"),):
        document.add_paragraph(name, style="List Bullet")
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _status(compilation: Compilation) -> str:
    text = _(
        "Deadline %(deadline)s. %(answered)d of the %(asked)d bodies consulted have answered."
    ) % {
        "deadline": compilation.deadline_text,
        "answered": len(compilation.answers),
        "asked": compilation.asked,
    }
    if compilation.open:
        text += " " + _("The consultation is still open; more responses may come.")
    return text


def _answer_meta(answer: Answer) -> str:
    parts = [answer.kind]
    if answer.municipality:
        parts.append(answer.municipality)
    parts.append(_("submitted %(day)s") % {"day": long_date(answer.submitted_on)})
    return ", ".join(parts)


def _reply_meta(answer: Answer) -> str:
    """The heading of the administration's reply, with its date."""
    if answer.replied_on is None:
        return _("The administration's reply")
    return _("The administration's reply, %(day)s") % {"day": long_date(answer.replied_on)}


def consultation_document(compilation: Compilation, fmt: str = "pdf", lang: str = "da") -> bytes:
    """Return the compilation of one consultation as PDF, HTML or .docx bytes."""
    if fmt not in CONSULTATION_FORMATS:
        raise ValueError(f"format must be one of {', '.join(CONSULTATION_FORMATS)}")
    with translation.override(lang):
        if fmt == "docx":
            return _docx(compilation)
        html = render_html(
            "reports/consultation.html",
            {
                "lang": lang,
                "c": compilation,
                "title": _("Consultation responses: %(title)s") % {"title": compilation.title},
                "status": _status(compilation),
                "answers": [(a, _answer_meta(a), _reply_meta(a)) for a in compilation.answers],
                "footer": _("Consultation responses"),
            },
        )
    return html.encode("utf-8") if fmt == "html" else html_to_pdf(html)
