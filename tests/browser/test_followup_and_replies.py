"""Issue 17 in the browser: a team leader follows up the interviews and marks an employee not
relevant; the committee member reads the administration's reply to their body's response and the
figures on what HovedMED asked about. Every page is checked with axe-core."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from overgang.web.accounts.models import Profile
from overgang.web.audit.actors import SystemActor
from overgang.web.dataset.models import Employee
from overgang.web.process.models import Body, ConsultationResponse, InterviewExemption
from overgang.web.process.services import create_consultation, submit_consultation_response
from tests.browser.steps import check, log_in, open_menu

pytestmark = pytest.mark.slow


def test_a_team_leader_marks_an_employee_not_relevant_on_the_follow_up(page: Page) -> None:
    team = Profile.objects.get(user__username="teamleder-ishoej").team
    colleague = Employee.objects.filter(unit=team).first()
    Employee.objects.create(
        ext_id="ORLOV-1",
        name="Olga Orlov",
        profession=colleague.profession,
        hours=Decimal(37),
        unit=team,
        batch=colleague.batch,
    )
    log_in(page, "teamleder-ishoej")
    open_menu(page, "Opfølgning på samtaler", "opfoelgning-1-list")
    expect(page.get_by_role("link", name="Olga Orlov (ORLOV-1)")).to_be_visible()
    page.get_by_label("Begrundelse for Olga Orlov").fill("Barselsorlov til februar")
    page.get_by_label("Begrundelse for Olga Orlov").locator("xpath=..").get_by_role(
        "button", name="Ikke relevant"
    ).click()
    expect(
        page.get_by_text("Olga Orlov er markeret som ikke relevant for en samtale.")
    ).to_be_visible()
    exempted = page.locator("#exempted ~ .table-wrap")
    expect(exempted).to_contain_text("Barselsorlov til februar")
    check(page, "opfoelgning-2-marked")
    assert InterviewExemption.objects.get().reason == "Barselsorlov til februar"
    page.get_by_role("button", name="Lad Olga Orlov skulle have samtale igen").click()
    expect(page.get_by_text("Olga Orlov skal igen have en samtale.")).to_be_visible()
    assert not InterviewExemption.objects.exists()


def test_the_committee_member_reads_the_reply_to_their_bodys_response(
    page: Page, second_page: Page
) -> None:
    consultation = create_consultation(
        title="Høring om opløsningen",
        deadline=date(2030, 10, 1),
        bodies=list(Body.objects.filter(name="HovedMED")),
        by=SystemActor("test"),
    )
    response = ConsultationResponse.objects.get(consultation=consultation)
    submit_consultation_response(
        response=response,
        version=response.version,
        text="HovedMED frygter, at kompetencerne spredes for tyndt.",
        by=SystemActor("med"),
    )
    log_in(second_page, "projektleder")
    second_page.goto(f"/hoeringer/{consultation.pk}/")
    check(second_page, "svar-1-lead")
    second_page.get_by_label("Administrationens svar").fill(
        "Kompetencerne følges pr. faggruppe; et frivilligt samarbejde aftales, hvor det hjælper."
    )
    second_page.get_by_role("button", name="Gem svaret til HovedMED").click()
    expect(second_page.get_by_text("Svaret til HovedMED er gemt.")).to_be_visible()

    log_in(page, "med")
    open_menu(page, "Høringer", "svar-2-consultations")
    page.get_by_role("link", name="Høring om opløsningen").click()
    row = page.get_by_role("row", name="HovedMED")
    expect(row).to_contain_text("kompetencerne spredes for tyndt")
    expect(row).to_contain_text("et frivilligt samarbejde aftales")
    check(page, "svar-3-committee-reads-reply")
    open_menu(page, "Personaleforhold", "svar-4-staff-concerns")
    expect(
        page.get_by_role("heading", name="Det, medarbejdernes udvalg spurgte om")
    ).to_be_visible()
