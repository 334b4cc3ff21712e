"""record_interview: the one way an interview is recorded, by page, API and command line."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from rest_framework.test import APIClient
from typer.testing import CliRunner

from overgang.cli.main import app
from overgang.web.audit.actors import SystemActor
from overgang.web.audit.chain import verify_chain
from overgang.web.audit.models import AuditEntry
from overgang.web.dataset.models import Interview
from overgang.web.dataset.services import record_interview
from tests.web.users import BEFORE, FAST_HASHERS, PASSWORD, make_users, set_today
from tests.web.world import ISHOEJ, VALLENSBAEK, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    built = build_world()
    make_users()
    set_today(BEFORE)
    return built


def _created_entries() -> list[AuditEntry]:
    return list(
        AuditEntry.objects.filter(action="create", object_type="dataset.interview").order_by("seq")
    )


def test_recording_stores_the_interview_and_its_audit_entry_together(world):
    interview = record_interview(
        employee=world.employees["I-EMP"],
        held_on=date(2021, 5, 20),
        wish=VALLENSBAEK,
        note="Gerne Vallensbæk",
        by=SystemActor("hr"),
    )
    assert (interview.recorded_by, interview.wished_municipality.code) == ("hr", VALLENSBAEK)
    (entry,) = _created_entries()
    assert (entry.username, entry.object_id, entry.municipality) == (
        "cli:hr",
        str(interview.pk),
        183,
    )
    assert verify_chain().ok


def test_an_unknown_municipality_is_refused_and_nothing_is_stored(world):
    before = Interview.objects.count()
    with pytest.raises(ValueError, match="999"):
        record_interview(
            employee=world.employees["I-EMP"], held_on=date(2021, 5, 20), wish=999, by=None
        )
    assert Interview.objects.count() == before
    assert _created_entries() == []


def test_page_api_and_command_line_leave_the_same_interview_and_audit_entry(world):
    page = Client()
    assert page.login(username="kommuneleder-ishoej", password=PASSWORD)
    response = page.post(
        "/medarbejdere/I-EMP/",
        {"new-held_on": "2021-05-20", "new-wish": str(VALLENSBAEK), "new-note": "side"},
    )
    assert response.status_code == 302, response.content

    api = APIClient()
    token = api.post(
        "/api/v1/auth/token/",
        {"username": "kommuneleder-ishoej", "password": PASSWORD},
        format="json",
    ).json()["token"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    response = api.post(
        "/api/v1/interviews/",
        {
            "medarbejder_id": "I-EMP",
            "dato": "2021-05-20",
            "oensket_kommune": VALLENSBAEK,
            "bemaerkning": "api",
        },
        format="json",
    )
    assert response.status_code == 201, response.content

    result = CliRunner().invoke(
        app,
        [
            "interview",
            "record",
            "I-EMP",
            "--date",
            "2021-05-20",
            "--wish",
            str(VALLENSBAEK),
            "--note",
            "cli",
            "--by",
            "hr",
        ],
    )
    assert result.exit_code == 0, result.output

    stored = Interview.objects.filter(note__in=["side", "api", "cli"]).order_by("pk")
    assert [(i.note, i.recorded_by, i.wished_municipality.code) for i in stored] == [
        ("side", "kommuneleder-ishoej", VALLENSBAEK),
        ("api", "kommuneleder-ishoej", VALLENSBAEK),
        ("cli", "hr", VALLENSBAEK),
    ]
    entries = _created_entries()
    assert [e.username for e in entries] == [
        "kommuneleder-ishoej",
        "kommuneleder-ishoej",
        "cli:hr",
    ]
    # Apart from who and which interview, one entry per channel, alike field for field.
    assert [e.object_id for e in entries] == [str(i.pk) for i in stored]
    shapes = {(e.action, e.object_type, e.municipality, str(e.detail)) for e in entries}
    assert len(shapes) == 1
    assert verify_chain().ok


def test_page_api_and_command_line_record_the_acceptable_municipalities(world):
    page = Client()
    assert page.login(username="kommuneleder-ishoej", password=PASSWORD)
    response = page.post(
        "/medarbejdere/I-EMP/",
        {
            "new-held_on": "2021-05-20",
            "new-wish": str(ISHOEJ),
            "new-acceptable": [str(VALLENSBAEK), str(ISHOEJ)],  # the wish is left out
            "new-note": "side",
        },
    )
    assert response.status_code == 302, response.content
    shown = page.get("/medarbejdere/I-EMP/").content.decode()
    row = next(r for r in shown.split("<tr>") if "<td>side</td>" in r)
    assert "<td>Vallensbæk</td>" in row  # the wish is Ishøj; Vallensbæk is acceptable

    api = APIClient()
    token = api.post(
        "/api/v1/auth/token/",
        {"username": "kommuneleder-ishoej", "password": PASSWORD},
        format="json",
    ).json()["token"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    response = api.post(
        "/api/v1/interviews/",
        {
            "medarbejder_id": "I-EMP",
            "dato": "2021-05-20",
            "oensket_kommune": ISHOEJ,
            "kan_accepteres": [VALLENSBAEK],
            "bemaerkning": "api",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["kan_accepteres"] == [VALLENSBAEK]
    refused = api.post(
        "/api/v1/interviews/",
        {"medarbejder_id": "I-EMP", "dato": "2021-05-20", "kan_accepteres": [999]},
        format="json",
    )
    assert refused.status_code == 400
    assert "kan_accepteres" in refused.json()

    result = CliRunner().invoke(
        app,
        ["interview", "record", "I-EMP", "--date", "2021-05-20", "--wish", str(ISHOEJ)]
        + ["--acceptable", str(VALLENSBAEK), "--note", "cli", "--by", "hr"],
    )
    assert result.exit_code == 0, result.output

    stored = Interview.objects.filter(note__in=["side", "api", "cli"]).order_by("pk")
    assert [(i.note, i.acceptable_municipalities) for i in stored] == [
        ("side", [VALLENSBAEK]),
        ("api", [VALLENSBAEK]),
        ("cli", [VALLENSBAEK]),
    ]
