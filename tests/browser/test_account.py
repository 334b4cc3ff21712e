"""Authentication in the browser: one's own account (password, API token), the lockout page,
the auditor's view of failed logins, and the HTML report under the Content-Security-Policy."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Page, expect

from tests.browser.steps import PASSWORD, check, log_in, open_menu

pytestmark = pytest.mark.slow

STRONG = "Rødgrød-med-fløde-og-kanel-77"


def test_a_user_changes_their_password_and_revokes_their_api_token(page: Page) -> None:
    from overgang.web.accounts.services import issue_token

    issue_token(user=get_user_model().objects.get(username="teamleder-ishoej"))
    log_in(page, "teamleder-ishoej")
    page.get_by_role("link", name="Min konto").click()
    expect(page.get_by_text(re.compile("Du har en API-nøgle. Den virker indtil"))).to_be_visible()
    check(page, "account-1-token")
    page.get_by_role("link", name="Skift din adgangskode").click()
    check(page, "account-2-password")
    page.locator("#id_old_password").fill(PASSWORD)
    page.locator("#id_new_password1").fill("1234567890123")
    page.locator("#id_new_password2").fill("1234567890123")
    page.get_by_role("button", name="Skift adgangskode").click()
    expect(page.get_by_text("Denne adgangskode er udelukkende numerisk.")).to_be_visible()
    check(page, "account-3-refused")
    page.locator("#id_old_password").fill(PASSWORD)
    page.locator("#id_new_password1").fill(STRONG)
    page.locator("#id_new_password2").fill(STRONG)
    page.get_by_role("button", name="Skift adgangskode").click()
    expect(page.get_by_text("Din adgangskode er skiftet.")).to_be_visible()
    # The password change revoked the token as well.
    expect(page.get_by_text("Du har ingen API-nøgle, der virker.")).to_be_visible()
    check(page, "account-4-changed")


def test_the_user_revokes_the_token_on_the_account_page(page: Page) -> None:
    from overgang.web.accounts.services import issue_token, token_of

    user = get_user_model().objects.get(username="med")
    issue_token(user=user)
    log_in(page, "med")
    page.goto("/konto/")
    page.get_by_role("button", name="Tilbagekald min API-nøgle").click()
    expect(page.get_by_text("Din API-nøgle er tilbagekaldt.")).to_be_visible()
    check(page, "account-5-revoked")
    assert token_of(user) is None


def test_a_locked_out_login_and_the_auditor_who_sees_it(page: Page, second_page: Page) -> None:
    second_page.goto("/login/")
    for _ in range(5):
        second_page.get_by_label("Brugernavn").fill("projektleder")
        second_page.get_by_label("Adgangskode").fill("forkert-gæt")
        second_page.get_by_role("button", name="Log ind").click()
        if second_page.get_by_role("heading", name="Login er spærret").is_visible():
            break
    expect(second_page.get_by_role("heading", name="Login er spærret")).to_be_visible()
    expect(second_page.get_by_text("Login er spærret i 15 minutter")).to_be_visible()
    check(second_page, "lockout-1-blocked")
    log_in(page, "revisor")
    open_menu(page, "Revisionslog", "lockout-2-audit")
    page.get_by_role("link", name="Mislykkede login og spærringer").click()
    blocked = page.get_by_role("table").first
    expect(blocked).to_contain_text("projektleder")
    expect(blocked).to_contain_text("brugernavn")
    expect(page.get_by_role("table").nth(1)).to_contain_text("afvist: spærret")
    check(page, "lockout-3-auditor")


def test_the_html_status_report_keeps_its_styles_under_the_policy(page: Page) -> None:
    log_in(page, "projektleder")
    open_menu(page, "Rapporter", "report-1-list")
    page.locator("a[href$='.html']").first.click()
    expect(page.locator("h1").first).to_be_visible()
    # Its own <style> applies (allowed by its hash): the report's font, not the browser's.
    family = page.eval_on_selector("body", "body => getComputedStyle(body).fontFamily")
    assert "DejaVu Sans" in family, family
