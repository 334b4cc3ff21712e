"""What is recorded in Overgang survives every import (issue 15's first test): an interview
recorded on the page, one through the API, and a handover meeting, across importing the
same workbook again, a workbook without that employee, and one with only `medarbejdere`."""

from __future__ import annotations

import dataclasses
import html
from datetime import date

import pytest
from django.test import Client
from openpyxl import load_workbook
from rest_framework.test import APIClient

from overgang.io.write import write_workbook
from overgang.web.audit.actors import SystemActor
from overgang.web.dataset import models as m
from overgang.web.dataset.services import import_workbook
from overgang.web.dataset.store import load_dataset
from overgang.web.process.models import HandoverMeeting
from overgang.web.process.services import handover_meeting_of, save_handover_meeting
from tests.web.users import BEFORE, FAST_HASHERS, PASSWORD, make_users, set_today
from tests.web.world import VALLENSBAEK, build_world

pytestmark = pytest.mark.django_db
HR = SystemActor("hr")


@pytest.fixture
def recorded(settings, tmp_path):
    """The world exported as HR's workbook, then two interviews of I-EMP recorded in the app
    (page and API) and the handover meeting of the case MOVE held."""
    settings.PASSWORD_HASHERS = FAST_HASHERS
    world = build_world()
    make_users()
    set_today(BEFORE)
    workbook = tmp_path / "hr.xlsx"
    write_workbook(load_dataset(), workbook)

    page = Client()
    assert page.login(username="kommuneleder-ishoej", password=PASSWORD)
    response = page.post(
        "/medarbejdere/I-EMP/",
        {"new-held_on": "2021-05-20", "new-wish": str(VALLENSBAEK), "new-note": "på siden"},
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
        {"medarbejder_id": "I-EMP", "dato": "2021-06-01", "bemaerkning": "via api"},
        format="json",
    )
    assert response.status_code == 201, response.content
    meeting = handover_meeting_of(decision=world.case_decisions["MOVE"], by=HR)
    save_handover_meeting(
        meeting=meeting,
        version=meeting.version,
        held_on=date(2021, 11, 15),
        participants="X-EMP, V-EMP",
        done=True,
        by=HR,
    )
    return world, workbook


def survived() -> set[str]:
    """What the app recorded and still has: the interviews' notes and the meeting."""
    notes = set(m.Interview.objects.filter(employee__ext_id="I-EMP").values_list("note", flat=True))
    meeting = HandoverMeeting.objects.get(decision__case_id="MOVE")
    return {*notes, f"meeting {meeting.held_on} done={meeting.done}"}


EXPECTED = {"på siden", "via api", "meeting 2021-11-15 done=True"}


def test_they_survive_the_same_workbook_imported_again(recorded):
    _world, workbook = recorded
    assert survived() >= EXPECTED
    import_workbook(workbook, by=HR)
    assert survived() >= EXPECTED


def test_they_survive_a_workbook_without_the_employee_who_is_retired_and_flagged(
    recorded, tmp_path
):
    _world, workbook = recorded
    hr = load_dataset()
    without = dataclasses.replace(
        hr,
        employees=tuple(e for e in hr.employees if e.id != "I-EMP"),
        interviews=tuple(i for i in hr.interviews if i.employee_id != "I-EMP"),
        cases=tuple(
            dataclasses.replace(c, contact_person=None) if c.contact_person == "I-EMP" else c
            for c in hr.cases
        ),
    )
    later = tmp_path / "hr-later.xlsx"
    write_workbook(without, later)

    import_workbook(later, by=HR)

    assert survived() >= EXPECTED
    assert m.Employee.objects.get(ext_id="I-EMP").retired_at is not None
    lead = Client()
    assert lead.login(username="projektleder", password=PASSWORD)
    dashboard = html.unescape(lead.get("/").content.decode())
    assert "Kræver opmærksomhed" in dashboard
    assert "med en samtale registreret i Overgang" in dashboard


def test_they_survive_a_workbook_with_only_the_staff_sheet(recorded, tmp_path):
    _world, workbook = recorded
    book = load_workbook(workbook)
    for name in list(book.sheetnames):
        if name != "medarbejdere":
            del book[name]
    staff_only = tmp_path / "medarbejdere.xlsx"
    book.save(staff_only)
    cases_before = m.Case.objects.count()

    import_workbook(staff_only, by=HR)

    assert survived() >= EXPECTED
    assert m.Case.objects.filter(retired_at__isnull=True).count() == cases_before
