"""The transition lead sets up the transition in the browser: a body with a member, a user,
the transition's settings; every page checked with axe-core."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from overgang.web.accounts.models import Profile
from overgang.web.audit.models import AuditEntry
from overgang.web.process.models import Body
from tests.browser.steps import check, log_in, open_menu

pytestmark = pytest.mark.slow
STRONG = "Rødgrød-med-fløde-og-kanel-77"


def test_the_transition_lead_creates_a_body_with_a_member_and_a_user(page: Page) -> None:
    log_in(page, "projektleder")
    open_menu(page, "Høringsparter", "setup-1-bodies")
    page.get_by_label("Høringspartens navn").fill("Lokal-MED Kirkebækskolen")
    page.get_by_label("Slags").select_option(label="Personalegruppe")
    page.get_by_label("med (HovedMED)").check()
    check(page, "setup-2-body-form")
    page.get_by_role("button", name="Opret høringsparten").click()
    expect(page.get_by_text("Høringsparten Lokal-MED Kirkebækskolen er oprettet.")).to_be_visible()
    row = page.get_by_role("row", name="Lokal-MED Kirkebækskolen")
    expect(row).to_contain_text("med")
    body = Body.objects.get(name="Lokal-MED Kirkebækskolen")
    assert Profile.objects.get(user__username="med").body == body
    page.get_by_role("link", name="Lokal-MED Kirkebækskolen").click()
    check(page, "setup-3-body")

    open_menu(page, "Brugere", "setup-4-users")
    page.get_by_label("Brugernavn").fill("sagsbehandler-ny")
    page.get_by_label("Rolle").select_option(label="Sagsbehandler")
    page.get_by_label("Kommune").select_option(value="187")
    page.get_by_label("Medarbejder-id").fill("M0001")
    page.get_by_label("Adgangskode", exact=True).fill(STRONG)
    page.get_by_label("Samme adgangskode igen").fill(STRONG)
    page.get_by_role("button", name="Opret brugeren").click()
    expect(page.get_by_text("Brugeren sagsbehandler-ny er oprettet.")).to_be_visible()
    check(page, "setup-5-user-created")
    profile = Profile.objects.get(user__username="sagsbehandler-ny")
    assert (profile.role, profile.municipality_code, profile.employee_id) == (
        "sagsbehandler",
        187,
        "M0001",
    )
    assert AuditEntry.objects.filter(
        username="projektleder", object_type="auth.user", object_id="sagsbehandler-ny"
    ).exists()
    page.get_by_role("link", name="sagsbehandler-ny").click()
    check(page, "setup-6-user")

    open_menu(page, "Forløbet", "setup-7-transition")
    page.get_by_label("Virksomhedsoverdragelsesloven anvendt efter aftale").check()
    page.get_by_label("Note om retsgrundlaget").fill("Aftalt mellem byrådene")
    page.get_by_role("button", name="Gem indstillingerne").click()
    expect(page.get_by_text("Forløbets indstillinger er gemt.")).to_be_visible()
    check(page, "setup-8-transition-saved")
