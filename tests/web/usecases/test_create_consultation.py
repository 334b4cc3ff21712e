"""create_consultation: a consultation opened with an empty response for each body consulted."""

from __future__ import annotations

from datetime import date

import pytest

from overgang.web.process.models import Body, Consultation, ConsultationResponse
from overgang.web.process.services import ProcessError, create_consultation
from tests.web.usecases.trail import mark, the_one_entry, who_did_what

pytestmark = pytest.mark.django_db


def test_a_consultation_is_opened_with_an_empty_response_per_body_and_one_entry(world, users):
    bodies = list(Body.objects.order_by("name"))
    since = mark()
    consultation = create_consultation(
        title="Høring om fordelingen",
        description="Planen til høring",
        deadline=date(2021, 10, 1),
        bodies=bodies,
        by=users["projektleder"],
    )

    stored = Consultation.objects.get()
    assert (stored.title, stored.deadline, stored.created_by) == (
        "Høring om fordelingen",
        date(2021, 10, 1),
        users["projektleder"],
    )
    assert list(stored.bodies.order_by("name")) == bodies
    responses = ConsultationResponse.objects.filter(consultation=stored).order_by("body__name")
    assert [(r.body, r.text, r.submitted_at) for r in responses] == [
        (body, "", None) for body in bodies
    ]
    entry = the_one_entry(since)
    assert who_did_what(entry) == (
        "projektleder",
        "create",
        "process.consultation",
        str(consultation.pk),
    )
    assert sorted(entry.detail["bodies"]) == sorted(body.pk for body in bodies)


def test_a_consultation_with_no_bodies_is_refused_and_nothing_is_stored(world, users):
    since = mark()
    with pytest.raises(ProcessError):
        create_consultation(
            title="Høring uden parter",
            deadline=date(2021, 10, 1),
            bodies=[],
            by=users["projektleder"],
        )
    assert not Consultation.objects.exists()
    assert not ConsultationResponse.objects.exists()
    assert since.entries() == []
