"""The consultation compilation's records: one consultation's responses by body; the list of all."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from overgang.reports.consultation import Answer, Compilation, paragraphs
from overgang.web.dataset.models import Municipality
from overgang.web.process import clock
from overgang.web.process.models import Consultation


class ConsultationUnavailable(RuntimeError):
    """There is no consultation with that id."""


@dataclass(frozen=True)
class ConsultationSummary:
    id: int
    title: str
    deadline: date
    answered: int
    asked: int


def load_compilation(consultation_id: int, *, today: date | None = None) -> Compilation:
    """Return one consultation's responses by body, and the bodies that did not answer."""
    consultation = Consultation.objects.filter(pk=consultation_id).first()
    if consultation is None:
        raise ConsultationUnavailable(
            _("No consultation with id %(id)s.") % {"id": consultation_id}
        )
    names = dict(Municipality.objects.values_list("code", "name"))
    bodies = list(consultation.bodies.order_by("name"))
    submitted = {
        r.body_id: r
        for r in consultation.responses.filter(submitted_at__isnull=False).select_related("body")
    }
    answers = tuple(
        Answer(
            body=b.name,
            kind=b.get_kind_display(),
            municipality=names.get(b.municipality_code, "") if b.municipality_code else "",
            submitted_on=timezone.localtime(submitted[b.pk].submitted_at).date(),
            paragraphs=paragraphs(submitted[b.pk].text),
            reply=paragraphs(submitted[b.pk].reply),
            replied_on=(
                timezone.localtime(submitted[b.pk].replied_at).date()
                if submitted[b.pk].replied_at
                else None
            ),
        )
        for b in bodies
        if b.pk in submitted
    )
    return Compilation(
        title=consultation.title,
        description=paragraphs(consultation.description),
        deadline=consultation.deadline,
        asked=len(bodies),
        answers=answers,
        silent=tuple(b.name for b in bodies if b.pk not in submitted),
        summary=paragraphs(consultation.compiled_text),
        open=consultation.is_open(today or clock.today()),
    )


def consultation_summaries() -> list[ConsultationSummary]:
    """Return every consultation with how many of the bodies asked have answered, by deadline."""
    return [
        ConsultationSummary(c.pk, c.title, c.deadline, c.answered, c.asked)
        for c in Consultation.objects.annotate(
            answered=Count(
                "responses", filter=Q(responses__submitted_at__isnull=False), distinct=True
            ),
            asked=Count("bodies", distinct=True),
        ).order_by("deadline", "pk")
    ]
