"""The hearing in the browser: a team leader records an employee's response on the employee's
page; the transition lead records that the representatives were informed. Every page passes
axe-core."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Page, expect

from overgang.web.audit.actors import SystemActor
from overgang.web.planning.models import StoredPlan
from overgang.web.process.models import Hearing, HearingOutcome, Transition
from overgang.web.process.services import approve_plan
from tests.browser.steps import check, log_in

pytestmark = pytest.mark.slow


def _team_leader_with_a_hearing() -> tuple[str, Hearing]:
    """A demo team leader and a hearing of one of their employees."""
    users = get_user_model().objects.filter(username__startswith="teamleder-").order_by("username")
    for user in users:
        hearing = Hearing.objects.for_user(user).select_related("decision").first()
        if hearing is not None:
            return user.username, hearing
    raise AssertionError("no team leader of the demo sees an employee in hearing")


def test_a_team_leader_records_a_hearing_response(page: Page) -> None:
    approve_plan(plan=StoredPlan.objects.get(), by=SystemActor("test"), override_reason="Prøve")
    username, hearing = _team_leader_with_a_hearing()
    employee_id = hearing.decision.employee_id
    log_in(page, username)
    page.goto(f"/medarbejdere/{employee_id}/")
    expect(page.get_by_role("heading", name="Partshøring før afgørelsen")).to_be_visible()
    check(page, "hearing-1-employee")
    page.get_by_role("link", name="Registrér svaret").click()
    expect(page.get_by_role("heading", name=re.compile("^Partshøring af"))).to_be_visible()
    check(page, "hearing-2-form")
    page.get_by_label("Svar modtaget den").fill("2021-09-10")
    page.get_by_label("Medarbejderens svar").fill("Jeg vil helst blive, hvor jeg er.")
    page.get_by_label("Udfald").select_option(label="Afgørelsen fastholdes")
    page.get_by_label("Hvordan svaret indgik").fill("Ønsket er vejet mod børnenes kontinuitet.")
    page.get_by_role("button", name="Gem svaret").click()
    expect(page.get_by_text("Svaret er registreret.")).to_be_visible()
    expect(page.get_by_text("Jeg vil helst blive, hvor jeg er.")).to_be_visible()
    check(page, "hearing-3-recorded")
    hearing.refresh_from_db()
    assert hearing.outcome == HearingOutcome.UPHELD
    assert str(hearing.response_received_on) == "2021-09-10"


def test_the_transition_lead_records_that_the_representatives_were_informed(page: Page) -> None:
    log_in(page, "projektleder")
    page.goto("/planer/")
    page.get_by_role("link", name="Information af repræsentanterne og medarbejderne").click()
    expect(page.get_by_text("Medarbejderrepræsentanterne er ikke registreret")).to_be_visible()
    check(page, "information-1-form")
    page.get_by_label("Medarbejderrepræsentanter informeret", exact=True).fill("2021-03-22")
    page.get_by_role("button", name="Gem repræsentanternes datoer").click()
    expect(page.get_by_text("Informationen af repræsentanterne er registreret.")).to_be_visible()
    check(page, "information-2-recorded")
    assert str(Transition.current().representatives_informed_on) == "2021-03-22"
