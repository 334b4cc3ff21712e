"""submit_consultation_response: a body's response, submitted unless someone changed it first."""

from __future__ import annotations

from datetime import date

import pytest

from overgang.web.process.concurrency import StaleEdit
from overgang.web.process.models import Body, ConsultationResponse
from overgang.web.process.services import (
    create_consultation,
    response_of,
    submit_consultation_response,
)
from tests.web.usecases.trail import mark, the_one_entry, who_did_what

pytestmark = pytest.mark.django_db


@pytest.fixture
def response(world, users):
    """HovedMED's empty response to an open consultation."""
    consultation = create_consultation(
        title="Høring",
        deadline=date(2021, 10, 1),
        bodies=list(Body.objects.all()),
        by=users["projektleder"],
    )
    return response_of(consultation=consultation, body=Body.objects.get(name="HovedMED"))


def test_a_response_is_stored_with_who_and_when_and_one_entry(response, users):
    since = mark()
    submit_consultation_response(
        response=response, version=1, text="MED bakker op om planen", by=users["med"]
    )

    stored = ConsultationResponse.objects.get(pk=response.pk)
    assert (stored.text, stored.submitted_by, stored.version) == (
        "MED bakker op om planen",
        users["med"],
        2,
    )
    assert stored.submitted_at is not None
    assert who_did_what(the_one_entry(since)) == (
        "med",
        "update",
        "process.consultationresponse",
        str(response.pk),
    )


def test_a_resubmission_from_a_stale_version_is_refused_and_nothing_is_logged(response, users):
    submit_consultation_response(response=response, version=1, text="first", by=users["med"])
    since = mark()
    with pytest.raises(StaleEdit):
        submit_consultation_response(response=response, version=1, text="second", by=users["med"])
    stored = ConsultationResponse.objects.get(pk=response.pk)
    assert (stored.text, stored.version) == ("first", 2)
    assert since.entries() == []


def test_the_response_looked_up_is_the_one_made_when_the_consultation_opened(response):
    again = response_of(consultation=response.consultation, body=response.body)
    assert again.pk == response.pk
    assert ConsultationResponse.objects.filter(consultation=response.consultation).count() == 2
