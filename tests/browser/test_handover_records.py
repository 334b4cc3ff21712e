"""A caseworker completes a handover record and the team leader signs it off; the leads'
continuity page. Every page checked with axe-core."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Page, expect

from overgang.web.access import can
from overgang.web.accounts.models import Profile
from overgang.web.planning.models import CaseDecision
from overgang.web.planning.selectors import current_plan
from overgang.web.process.models import HandoverMeeting
from tests.browser.steps import check, log_in, open_menu

pytestmark = pytest.mark.slow


def _case_and_leader() -> tuple[CaseDecision, str]:
    """A case leaving the Ishøj caseworker that a demo team leader may sign off, and that leader
    (else the municipal lead of the municipality the case goes to)."""
    caseworker = Profile.objects.get(user__username="sagsbehandler-ishoej").employee_id
    leaving = list(
        CaseDecision.objects.filter(plan=current_plan(), former_contact=caseworker)
        .exclude(contact_person=caseworker)
        .order_by("case_id")
    )
    assert leaving, "the demo caseworker hands no case over"
    users = get_user_model().objects
    leaders = [users.get(username=f"teamleder-{s}") for s in ("ishoej", "vallensbaek")]
    for decision in leaving:
        meeting = HandoverMeeting(decision=decision)
        for leader in leaders:
            if can(leader, "sign_off_handover", meeting):
                return decision, leader.username
    decision = leaving[0]
    slug = {183: "ishoej", 187: "vallensbaek"}[decision.municipality]
    return decision, f"kommuneleder-{slug}"


def test_a_caseworker_completes_a_handover_record_and_the_team_leader_signs_it_off(
    page: Page, second_page: Page
) -> None:
    decision, leader = _case_and_leader()
    case = decision.case_id
    log_in(page, "sagsbehandler-ishoej")
    open_menu(page, "Overdragelser", "handover-record-1-lists")
    page.get_by_role("link", name=f"Registrér mødet for sag {case}", exact=True).first.click()
    check(page, "handover-record-2-empty")
    page.get_by_label("Sammenfatning til den nye kontaktperson").fill(
        "Barnet trives med den nuværende indsats; planen er at fortsætte et halvt år."
    )
    page.get_by_label("Dato for overdragelsesmødet").fill("2021-09-14")
    page.get_by_label("Overdragelsen er gennemført").check()
    page.get_by_label("Møde eller besøg med barnet og familien planlagt til").fill("2021-09-10")
    page.get_by_label("Møde eller besøg med barnet og familien holdt den").fill("2021-09-10")
    page.get_by_label("Samtale med barnet om skiftet holdt den").fill("2021-09-10")
    page.get_by_label("Hvad barnet sagde").fill("Glad for at møde den nye kontaktperson.")
    page.get_by_label("Barnet er tilbudt en bisidder (barnets lov § 6)").check()
    check(page, "handover-record-3-filled")
    # A visit dated after today (the demo's 15 September 2021) is refused in place (htmx).
    held = page.get_by_label("Møde eller besøg med barnet og familien holdt den")
    held.fill("2021-12-01")
    page.get_by_role("button", name="Gem overdragelsesmødet").click()
    expect(page.get_by_role("alert")).to_contain_text("ligger efter i dag")
    check(page, "handover-record-3b-refused")
    assert HandoverMeeting.objects.get(decision=decision).summary == ""
    held.fill("2021-09-10")
    page.get_by_role("button", name="Gem overdragelsesmødet").click()
    expect(page.get_by_text(f"Overdragelsesmødet for sag {case} er gemt.")).to_be_visible()
    row = page.get_by_role("row", name=re.compile(rf"^{re.escape(case)} "))
    expect(row.first).to_contain_text("4 af 5 trin")
    check(page, "handover-record-4-saved")
    meeting = HandoverMeeting.objects.get(decision=decision)
    assert meeting.support_person_offered and meeting.family_meeting_held_on == date(2021, 9, 10)
    assert meeting.signed_off_at is None

    log_in(second_page, leader)
    second_page.goto(f"/overdragelser/{decision.pk}/")
    check(second_page, "handover-record-5-leader")
    second_page.get_by_role("button", name="Godkend overdragelsen").click()
    expect(second_page.get_by_text(f"Overdragelsen af sag {case} er godkendt.")).to_be_visible()
    check(second_page, "handover-record-6-signed-off")
    meeting.refresh_from_db()
    assert meeting.signed_off_by.username == leader
    # The caseworker is shown no sign-off button.
    page.goto(f"/overdragelser/{decision.pk}/")
    expect(page.get_by_role("button", name="Godkend overdragelsen")).to_have_count(0)


def test_the_transition_lead_reads_the_continuity_kept(page: Page) -> None:
    log_in(page, "projektleder")
    open_menu(page, "Kontinuitet efter virkningsdatoen", "continuity-1-page")
    expect(page.get_by_role("table")).to_contain_text("Lovet")
