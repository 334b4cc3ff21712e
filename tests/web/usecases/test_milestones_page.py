"""The milestones page and the overview: the transition lead adds, edits and removes; the
overview marks what is overdue and what is due within 14 days."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client

from overgang.web.process.milestones import ensure_milestones
from overgang.web.process.models import Milestone, MilestoneKind
from tests.web.usecases.test_channels_audit_alike import _alike, _cli, _ok, _page
from tests.web.users import PASSWORD, set_today

pytestmark = pytest.mark.django_db


def _client(username: str) -> Client:
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    return client


def _new(title: str, due_on: str, responsible: str = "") -> dict[str, str]:
    return {"new-title": title, "new-due_on": due_on, "new-responsible": responsible}


def test_the_lead_adds_a_milestone_with_a_responsible_person_and_others_may_not(world):
    lead = _client("projektleder")
    page = lead.get("/milepaele/").content.decode()
    assert "Tilføj en milepæl" in page
    assert Milestone.objects.filter(kind=MilestoneKind.TELL_EMPLOYEES).exists()

    _ok(lead.post("/milepaele/", _new("Møde med TR", "2021-06-02", "Anne Hansen, HR")), 302)
    added = Milestone.objects.get(title="Møde med TR")
    assert (added.due_on, added.responsible) == (date(2021, 6, 2), "Anne Hansen, HR")
    assert "Anne Hansen, HR" in lead.get("/milepaele/").content.decode()

    member = _client("med")
    assert "Tilføj en milepæl" not in member.get("/milepaele/").content.decode()
    assert member.post("/milepaele/", _new("Ikke min", "2021-06-02")).status_code == 403
    assert not Milestone.objects.filter(title="Ikke min").exists()


def test_a_missing_title_is_named_and_nothing_is_added(world):
    lead = _client("projektleder")
    ensure_milestones()
    before = Milestone.objects.count()
    response = lead.post("/milepaele/", _new("", "2021-06-02"))
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert Milestone.objects.count() == before


def test_editing_the_deadline_gives_it_a_date_of_its_own(world):
    ensure_milestones()
    tell = Milestone.objects.get(kind=MilestoneKind.TELL_EMPLOYEES)
    lead = _client("projektleder")
    form = {
        "title": tell.title,
        "due_on": "2021-06-04",
        "done_on": "",
        "responsible": "Centerchefen",
        "note": "",
        "version": str(tell.version),
    }
    _ok(lead.post(f"/milepaele/{tell.pk}/", form), 302)
    tell.refresh_from_db()
    assert (tell.due_on, tell.anchor, tell.responsible) == (date(2021, 6, 4), "", "Centerchefen")


def test_removing_needs_the_version_seen_and_a_post(world):
    ensure_milestones()
    follow_up = Milestone.objects.get(kind=MilestoneKind.FOLLOW_UP)
    lead = _client("projektleder")
    assert lead.get(f"/milepaele/{follow_up.pk}/fjern/").status_code == 405
    stale = lead.post(f"/milepaele/{follow_up.pk}/fjern/", {"version": "0"})
    assert stale["Location"] == f"/milepaele/{follow_up.pk}/"
    assert Milestone.objects.filter(pk=follow_up.pk).exists()
    member = _client("med")
    refused = member.post(f"/milepaele/{follow_up.pk}/fjern/", {"version": "1"})
    assert refused.status_code == 403
    _ok(lead.post(f"/milepaele/{follow_up.pk}/fjern/", {"version": "1"}), 302)
    assert not Milestone.objects.filter(pk=follow_up.pk).exists()


def test_the_overview_marks_the_overdue_and_those_due_within_14_days(world):
    ensure_milestones()
    set_today(date(2021, 5, 20))  # after the HovedMED meeting, 11 days before telling
    page = _client("med").get("/").content.decode()
    assert "overskredet" in page  # the interviews, 17 May
    assert "forfalder inden for 14 dage" in page  # telling the employees, 31 May
    interviews = Milestone.objects.get(kind=MilestoneKind.INTERVIEW_DEADLINE).title
    tell = Milestone.objects.get(kind=MilestoneKind.TELL_EMPLOYEES).title
    assert re.search(rf"overskredet</span> <strong>[^<]+</strong>: {re.escape(interviews)}", page)
    assert re.search(rf"14 dage</span> <strong>[^<]+</strong>: {re.escape(tell)}", page)


def test_page_and_command_line_log_adding_and_removing_a_milestone_alike(world):
    page = _page()
    _alike(
        {
            "page": lambda: _ok(page.post("/milepaele/", _new("Møde", "2021-06-02", "Anne")), 302),
            "cli": lambda: _cli(
                "milestones", "add", "Møde", "--date", "2021-06-02", "--responsible", "Anne"
            ),
        }
    )
    ensure_milestones()
    follow_up = Milestone.objects.get(kind=MilestoneKind.FOLLOW_UP)
    _alike(
        {
            "page": lambda: _ok(
                page.post(f"/milepaele/{follow_up.pk}/fjern/", {"version": "1"}), 302
            ),
            "cli": lambda: _cli("milestones", "remove", str(follow_up.pk)),
        }
    )
