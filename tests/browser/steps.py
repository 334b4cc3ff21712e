"""What a person does in the browser, and what the tests check on every page they see."""

from __future__ import annotations

import re
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
PASSWORD = "overgang-demo"
BLOCKING = ("serious", "critical")

_axe = Axe()


def accessibility_problems(page: Page) -> list[str]:
    """Return axe-core's serious and critical violations on the page, one line each."""
    result = _axe.run(page)
    problems = []
    for violation in result.response["violations"]:
        if violation.get("impact") in BLOCKING:
            targets = [", ".join(node["target"]) for node in violation["nodes"]][:3]
            problems.append(f"{violation['id']} ({violation['impact']}): {targets}")
    return problems


def shot(page: Page, name: str) -> None:
    """Save a screenshot of the whole page; the file name says the role and the step."""
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def check(page: Page, name: str) -> None:
    """Check the page as shown: it has a main heading and no serious accessibility problem."""
    expect(page.locator("h1")).to_have_count(1)
    shot(page, name)
    problems = accessibility_problems(page)
    assert problems == [], f"{name} ({page.url}): {problems}"


def log_in(page: Page, username: str) -> None:
    page.goto("/login/")
    check(page, "login")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_text(f"Logget ind som {username}")).to_be_visible()


def open_menu(page: Page, label: str, name: str) -> None:
    """Follow a link of the main menu and check the page it opens."""
    page.get_by_role("navigation", name="Hovedmenu").get_by_role(
        "link", name=label, exact=True
    ).click()
    expect(
        page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name=label, exact=True)
    ).to_have_attribute("aria-current", "page")
    check(page, name)


def menu_labels(page: Page) -> list[str]:
    links = page.get_by_role("navigation", name="Hovedmenu").get_by_role("link")
    return [re.sub(r"\s+", " ", text).strip() for text in links.all_inner_texts()]
