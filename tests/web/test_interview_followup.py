"""The interview follow-up: the page per unit and leader, the counts with an exemption, the
overview and the command line."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from typer.testing import CliRunner

from overgang.cli.main import app
from overgang.web.audit.actors import SystemActor
from overgang.web.dataset import models as m
from overgang.web.pages.status import process_status
from overgang.web.process.exemptions import exempt_from_interview
from overgang.web.process.followup import unit_progress
from overgang.web.process.models import InterviewExemption, Milestone, MilestoneKind
from tests.web.users import BEFORE, FAST_HASHERS, PASSWORD, make_users, set_today
from tests.web.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def followed(settings):
    """The world of tests/web/world.py with its users, and two PPR employees not in the plan
    (so with the host, Ishøj) and not interviewed, a leader of PPR, and the interview deadline."""
    settings.PASSWORD_HASHERS = FAST_HASHERS
    world = build_world()
    make_users()
    set_today(BEFORE)
    psy = m.Profession.objects.get(code="PSY")
    batch = m.ImportBatch.objects.first()
    for ext, name, leader in (
        ("N-EMP", "Nina Nyansat", False),
        ("O-EMP", "Ole Orlov", False),
        ("L-EMP", "Lis Leder", True),
    ):
        m.Employee.objects.create(
            ext_id=ext,
            name=name,
            profession=psy,
            hours=Decimal(37),
            unit="PPR",
            is_leader=leader,
            batch=batch,
        )
    Milestone.objects.create(
        kind=MilestoneKind.INTERVIEW_DEADLINE, title="Samtaler holdt", due_on=date(2021, 9, 30)
    )
    return world


def _ppr():
    return next(u for u in unit_progress() if u.unit == "PPR")


def test_an_exempted_employee_leaves_the_counts_of_the_unit_and_the_overview(followed):
    before = process_status()
    assert (_ppr().due, _ppr().held, _ppr().missing) == (5, 2, ("L-EMP", "N-EMP", "O-EMP"))
    exempt_from_interview(
        employee=m.Employee.objects.get(ext_id="O-EMP"), reason="Orlov", by=SystemActor("hr")
    )
    ppr = _ppr()
    assert (ppr.due, ppr.held, ppr.exempt, ppr.missing) == (4, 2, 1, ("L-EMP", "N-EMP"))
    after = process_status()
    assert (before.interviews.total, after.interviews.total) == (6, 5)
    assert after.interviews.done == before.interviews.done == 3
    assert {u.unit: (u.held, u.due) for u in after.units} == {
        "Familieafdelingen": (1, 1),
        "PPR": (2, 4),
    }


def _page(username: str) -> str:
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    response = client.get("/samtaler/opfoelgning/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_team_leader_sees_their_own_unit_missing_with_the_leader_and_deadline(followed):
    exempt_from_interview(
        employee=m.Employee.objects.get(ext_id="O-EMP"), reason="Barsel", by=SystemActor("hr")
    )
    page = _page("teamleder-ishoej")
    assert "Nina Nyansat (N-EMP)" in page and "Lis Leder (L-EMP)" in page
    assert "Barsel" in page and "Ole Orlov" in page  # marked, with the reason, and undoable
    assert "30. september 2021" in page
    assert "Familieafdelingen" not in page and "Xenia" not in page  # not their unit
    # Vallensbæk's team leader: the plan gives them V-EMP only, who has been interviewed.
    other = _page("teamleder-vallensbaek")
    assert "N-EMP" not in other and "Barsel" not in other


def test_a_team_leader_marks_an_employee_not_relevant_and_undoes_it_on_the_page(followed):
    client = Client()
    client.login(username="teamleder-ishoej", password=PASSWORD)
    response = client.post("/samtaler/opfoelgning/N-EMP/ikke-relevant/", {"reason": "Fratræder"})
    assert response.status_code == 302
    assert InterviewExemption.objects.get().reason == "Fratræder"
    client.post("/samtaler/opfoelgning/N-EMP/fortryd/")
    assert not InterviewExemption.objects.exists()
    # Out of sight is out of reach: Vallensbæk's team leader cannot mark Ishøj's employee.
    other = Client()
    other.login(username="teamleder-vallensbaek", password=PASSWORD)
    assert (
        other.post("/samtaler/opfoelgning/N-EMP/ikke-relevant/", {"reason": "x"}).status_code == 404
    )
    assert not InterviewExemption.objects.exists()


def test_the_committee_sees_the_units_on_the_overview_with_small_counts_hidden(followed):
    client = Client()
    client.login(username="med", password=PASSWORD)
    page = client.get("/").content.decode()
    assert "PPR" in page and "&lt;5" in page
    assert "Nina" not in page


def test_the_command_line_lists_the_missing_and_marks_and_unmarks(followed):
    runner = CliRunner()
    listed = runner.invoke(app, ["interview", "missing", "--unit", "PPR"])
    assert listed.exit_code == 0, listed.output
    assert "N-EMP" in listed.output and "Lis Leder" in listed.output
    marked = runner.invoke(
        app, ["interviews", "exempt", "N-EMP", "--reason", "Orlov", "--by", "hr"]
    )
    assert marked.exit_code == 0, marked.output
    assert InterviewExemption.objects.get().reason == "Orlov"
    assert "N-EMP" not in runner.invoke(app, ["interview", "missing", "--unit", "PPR"]).output
    assert runner.invoke(app, ["interview", "unexempt", "N-EMP"]).exit_code == 0
    assert runner.invoke(app, ["interview", "unexempt", "N-EMP"]).exit_code == 1
