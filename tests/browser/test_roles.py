"""Each role logs in and does its main task end to end in Chromium, every page checked with axe-core."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.steps import check, log_in, menu_labels, open_menu

pytestmark = pytest.mark.slow

MENUS = {
    "projektleder": [
        "Overblik",
        "Medarbejdere",
        "Borgere",
        "Sager",
        "Scenarier og planer",
        "Overdragelser",
        "Distriktsteams",
        "Fratrædelser",
        "Høringer",
        "Milepæle",
        "Rapporter",
    ],
    "kommuneleder-vallensbaek": [
        "Overblik",
        "Medarbejdere",
        "Borgere",
        "Sager",
        "Scenarier og planer",
        "Overdragelser",
        "Distriktsteams",
        "Fratrædelser",
        "Høringer",
        "Milepæle",
        "Rapporter",
    ],
    "teamleder-ishoej": [
        "Overblik",
        "Medarbejdere",
        "Borgere",
        "Sager",
        "Scenarier og planer",
        "Overdragelser",
        "Distriktsteams",
        "Fratrædelser",
        "Milepæle",
    ],
    "sagsbehandler-ishoej": [
        "Overblik",
        "Medarbejdere",
        "Borgere",
        "Sager",
        "Overdragelser",
        "Milepæle",
    ],
    "med": ["Overblik", "Scenarier og planer", "Høringer", "Milepæle", "Rapporter"],
    "revisor": ["Revisionslog"],
}


@pytest.mark.parametrize("username", list(MENUS))
def test_every_page_of_the_menu_opens_for_the_role_without_accessibility_problems(
    page: Page, username: str
) -> None:
    log_in(page, username)
    assert menu_labels(page) == MENUS[username]
    for label in MENUS[username]:
        open_menu(page, label, f"{username}-menu-{label.lower().replace(' ', '-')}")


def test_an_anonymous_visitor_is_sent_to_the_login_page(page: Page) -> None:
    page.goto("/medarbejdere/")
    expect(page).to_have_url(re.compile(r"/login/\?next=/medarbejdere/"))
    check(page, "anonymous-login")


def test_the_committee_sees_small_counts_suppressed_on_the_overview(page: Page) -> None:
    log_in(page, "med")
    expect(page.get_by_role("heading", name="Overblik over overgangen")).to_be_visible()
    expect(page.get_by_text("Tal under 5 vises som")).to_be_visible()
    check(page, "med-1-overview")
    # The charts say in words what they show, for those who cannot see them.
    expect(page.locator("svg[role=img] desc").first).to_contain_text("medarbejdere")


def test_the_language_switch_shows_the_pages_in_english_and_back(page: Page) -> None:
    log_in(page, "projektleder")
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name="Overview of the transition")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    check(page, "projektleder-english")
    page.get_by_role("button", name="Dansk").click()
    expect(page.get_by_role("heading", name="Overblik over overgangen")).to_be_visible()
