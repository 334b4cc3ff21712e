"""reply_to_response: the administration's reply to a body's response, beside it for the council."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from overgang.web.process.concurrency import StaleEdit
from overgang.web.process.models import Body, ConsultationResponse
from overgang.web.process.replies import ReplyRefused, reply_to_response
from overgang.web.process.services import create_consultation, submit_consultation_response
from overgang.web.reporting.consultations import load_compilation
from overgang.web.reporting.documents import render_consultation
from tests.web.usecases.trail import mark, the_one_entry, who_did_what
from tests.web.users import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def response(world, users):
    consultation = create_consultation(
        title="Høring om opløsningen",
        deadline=date(2021, 10, 1),
        bodies=list(Body.objects.all()),
        by=users["projektleder"],
    )
    hovedmed = ConsultationResponse.objects.get(consultation=consultation, body__name="HovedMED")
    return submit_consultation_response(
        response=hovedmed,
        version=hovedmed.version,
        text="Vi frygter flytning mod ønske.",
        by=users["med"],
    )


def test_the_reply_is_stored_with_who_and_when_and_one_entry(response, users):
    since = mark()
    saved = reply_to_response(
        response=response,
        version=response.version,
        text=" Ingen flyttes uden partshøring. ",
        by=users["projektleder"],
    )
    assert (saved.reply, saved.replied_by, saved.replied_at is not None) == (
        "Ingen flyttes uden partshøring.",
        users["projektleder"],
        True,
    )
    entry = the_one_entry(since)
    assert who_did_what(entry) == (
        "projektleder",
        "update",
        "process.consultationresponse",
        str(response.pk),
    )
    assert entry.detail == {"fields": ["reply"]}


def test_a_reply_on_an_old_version_is_refused(response, users):
    reply_to_response(
        response=response, version=response.version, text="Første svar", by=users["projektleder"]
    )
    with pytest.raises(StaleEdit):
        reply_to_response(
            response=response, version=response.version, text="Andet svar", by=users["projektleder"]
        )


def test_a_response_not_submitted_gets_no_reply(world, users):
    consultation = create_consultation(
        title="Høring",
        deadline=date(2021, 10, 1),
        bodies=list(Body.objects.all()),
        by=users["projektleder"],
    )
    silent = ConsultationResponse.objects.filter(consultation=consultation).first()
    with pytest.raises(ReplyRefused):
        reply_to_response(
            response=silent, version=silent.version, text="Svar", by=users["projektleder"]
        )


def test_the_body_reads_the_reply_beside_its_response_and_the_compilation_holds_both(
    response, users
):
    lead = Client()
    lead.login(username="projektleder", password=PASSWORD)
    url = f"/hoeringer/{response.consultation_id}/"
    posted = lead.post(
        f"{url}svar/{response.pk}/",
        {
            f"reply-{response.pk}-text": "Ingen flyttes uden partshøring.",
            f"reply-{response.pk}-version": response.version,
        },
    )
    assert posted.status_code == 302
    member = Client()
    member.login(username="med", password=PASSWORD)
    page = member.get(url).content.decode()
    assert "Vi frygter flytning mod ønske." in page and "Ingen flyttes uden partshøring." in page
    assert 'id="replies"' not in page  # the member reads; only the transition lead replies
    # The council member does not read HovedMED's response, nor the reply to it.
    council = Client()
    council.login(username="byraad", password=PASSWORD)
    assert "Ingen flyttes" not in council.get(url).content.decode()
    compilation = load_compilation(response.consultation_id)
    (answer,) = compilation.answers
    assert answer.reply == ("Ingen flyttes uden partshøring.",)
    html = render_consultation(response.consultation_id, "html", "da").decode()
    assert html.index("Vi frygter flytning") < html.index("Ingen flyttes uden partshøring.")
    assert "Administrationens svar" in html
