"""Each role logs in and does its main task end to end in Chromium, every page checked with axe-core."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from overgang.web.audit.actors import SystemActor
from tests.browser.steps import check, log_in, menu_labels, open_menu

pytestmark = pytest.mark.slow

MENUS = {
    "projektleder": [
        "Overblik",
        "Import",
        "Medarbejdere",
        "Opfølgning på samtaler",
        "Borgere",
        "Sager",
        "Scenarier og planer",
        "Overdragelser",
        "Sagsoverførsel",
        "Kontinuitet efter virkningsdatoen",
        "Distriktsteams",
        "Fratrædelser",
        "Høringer",
        "Personaleforhold",
        "Milepæle",
        "Deling",
        "Rapporter",
        "Forløbet",
        "Høringsparter",
        "Brugere",
    ],
    "kommuneleder-vallensbaek": [
        "Overblik",
        "Medarbejdere",
        "Opfølgning på samtaler",
        "Borgere",
        "Sager",
        "Scenarier og planer",
        "Overdragelser",
        "Sagsoverførsel",
        "Kontinuitet efter virkningsdatoen",
        "Distriktsteams",
        "Fratrædelser",
        "Høringer",
        "Personaleforhold",
        "Milepæle",
        "Deling",
        "Rapporter",
    ],
    "teamleder-ishoej": [
        "Overblik",
        "Medarbejdere",
        "Opfølgning på samtaler",
        "Borgere",
        "Sager",
        "Scenarier og planer",
        "Overdragelser",
        "Distriktsteams",
        "Fratrædelser",
        "Personaleforhold",
        "Milepæle",
    ],
    "sagsbehandler-ishoej": [
        "Overblik",
        "Medarbejdere",
        "Borgere",
        "Sager",
        "Overdragelser",
        "Personaleforhold",
        "Milepæle",
    ],
    "med": [
        "Overblik",
        "Scenarier og planer",
        "Høringer",
        "Personaleforhold",
        "Milepæle",
        "Deling",
        "Rapporter",
    ],
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
    # No count from 1 to 4 is shown, in the figures or in the charts.
    shown = page.locator(".figure .value, svg text, .chart td").all_text_contents()
    small = [text for text in shown if re.search(r"(?<![\d.,<-])[1-4](?![\d.,])", text)]
    assert small == [], small
    # The charts say in words what they show, for those who cannot see them.
    expect(page.locator("svg[role=img] desc").first).to_contain_text("Ønsker at blive hos værten")
    # Coordinates are plain numbers (no Danish decimal comma), so every bar is drawn.
    widths = page.eval_on_selector_all(
        "svg rect", "rects => rects.map(r => r.getAttribute('width'))"
    )
    assert widths and all(re.fullmatch(r"\d+(\.\d+)?", w) for w in widths), widths
    drawn = page.eval_on_selector_all("svg rect", "rects => rects.map(r => r.getBBox().width)")
    assert any(width > 0 for width in drawn)


def test_the_language_switch_shows_the_pages_in_english_and_back(page: Page) -> None:
    log_in(page, "projektleder")
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name="Overview of the transition")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    check(page, "projektleder-english")
    page.get_by_role("button", name="Dansk").click()
    expect(page.get_by_role("heading", name="Overblik over overgangen")).to_be_visible()


def test_detail_pages_and_refusals_have_no_accessibility_problems(page: Page) -> None:
    log_in(page, "kommuneleder-vallensbaek")
    open_menu(page, "Borgere", "details-1-citizens")
    page.locator("#results tbody a").first.click()
    expect(page.get_by_role("heading", name=re.compile("^Borger "))).to_be_visible()
    check(page, "details-2-citizen")
    page.locator("table a[href^='/sager/']").first.click()
    expect(page.get_by_role("heading", name=re.compile("^Sag "))).to_be_visible()
    expect(page.get_by_text("Beslutning i den gældende plan")).to_be_visible()
    check(page, "details-3-case")
    page.goto("/revision/")
    expect(page.get_by_role("heading", name="Du må ikke åbne denne side")).to_be_visible()
    check(page, "details-4-refused")
    page.goto("/sager/findes-ikke/")
    expect(page.get_by_role("heading", name="Siden blev ikke fundet")).to_be_visible()
    check(page, "details-5-not-found")


def test_the_transition_lead_changes_a_milestone(page: Page) -> None:
    log_in(page, "projektleder")
    open_menu(page, "Milepæle", "milestone-1-list")
    page.get_by_role("link", name=re.compile("Ret “")).first.click()
    check(page, "milestone-2-form")
    page.get_by_label("Note").fill("Aftalt med HovedMED")
    page.get_by_role("button", name="Gem milepælen").click()
    expect(page.get_by_text("Milepælen er gemt.")).to_be_visible()
    expect(page.locator("table")).to_contain_text("Aftalt med HovedMED")
    check(page, "milestone-3-saved")


def test_the_english_pages_have_no_accessibility_problems(page: Page) -> None:
    log_in(page, "teamleder-ishoej")
    page.get_by_role("button", name="English").click()
    for label in ("Employees", "Cases", "Scenarios and plans", "Handovers", "Milestones"):
        page.get_by_role("navigation", name="Main menu").get_by_role(
            "link", name=label, exact=True
        ).click()
        check(page, f"english-{label.lower().replace(' ', '-')}")


def test_a_browser_set_to_english_still_gets_danish_until_the_user_switches(
    browser: Browser, site: str
) -> None:
    context = browser.new_context(base_url=site, locale="en-US")
    page = context.new_page()
    page.goto("/login/")
    expect(page.get_by_role("heading", name="Log ind")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "da")
    context.close()


def test_the_committee_compares_plans_without_small_counts_or_differences(page: Page) -> None:
    from overgang.web.planning.services import run_plan

    run_plan(by=SystemActor("test"), time_limit=2)  # a second plan to compare with the first
    log_in(page, "med")
    open_menu(page, "Scenarier og planer", "med-2-plans")
    for box in page.get_by_role("checkbox", name=re.compile(r"Sammenlign plan")).all():
        box.check()
    page.get_by_role("button", name="Sammenlign de valgte planer").click()
    expect(page.get_by_role("heading", name="Planerne side om side")).to_be_visible()
    check(page, "med-3-compare")
    counts = page.locator("table td.num").all_text_contents()
    assert counts and not [text for text in counts if re.fullmatch(r"[1-4]", text.strip())]
    assert not [text for text in counts if "(" in text]  # no difference could give one away
    expect(page.get_by_role("button", name=re.compile("Godkend plan"))).to_have_count(0)
