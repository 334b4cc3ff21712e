"""compile_consultation: the transition lead's compiled response to the council."""

from __future__ import annotations

from datetime import date

import pytest

from overgang.web.process.models import Body, Consultation
from overgang.web.process.services import compile_consultation, create_consultation
from tests.web.usecases.trail import mark, the_one_entry, who_did_what

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation(world, users):
    return create_consultation(
        title="Høring",
        deadline=date(2021, 10, 1),
        bodies=list(Body.objects.all()),
        by=users["projektleder"],
    )


def test_the_compiled_response_is_stored_with_its_time_and_one_entry(consultation, users):
    since = mark()
    compile_consultation(consultation=consultation, text="Samlet svar", by=users["projektleder"])

    stored = Consultation.objects.get(pk=consultation.pk)
    assert stored.compiled_text == "Samlet svar"
    assert stored.compiled_at is not None
    assert who_did_what(the_one_entry(since)) == (
        "projektleder",
        "update",
        "process.consultation",
        str(consultation.pk),
    )


def test_compiling_again_replaces_the_text_and_logs_again(consultation, users):
    compile_consultation(consultation=consultation, text="Udkast", by=users["projektleder"])
    since = mark()
    compile_consultation(consultation=consultation, text="Endeligt svar", by=users["projektleder"])
    assert Consultation.objects.get(pk=consultation.pk).compiled_text == "Endeligt svar"
    assert the_one_entry(since).detail == {"fields": ["compiled_text"]}
