"""The transition lead keeps the milestone plan in Chromium, every page checked with axe-core."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.steps import check, log_in, open_menu

pytestmark = pytest.mark.slow


def test_the_transition_lead_creates_a_milestone_with_a_responsible_person(page: Page) -> None:
    log_in(page, "projektleder")
    expect(page.get_by_text("overskredet").first).to_be_visible()  # the demo's open steps
    open_menu(page, "Milepæle", "milestones-1-plan")
    table = page.locator("table")
    expect(table).to_contain_text("Medarbejderne orienteret om, hvem der overflyttes")
    expect(table).to_contain_text("31. maj 2021")

    form = page.get_by_role("form", name="Tilføj en milepæl")
    form.get_by_label("Titel").fill("Møde med tillidsrepræsentanterne")
    form.get_by_label("Frist").fill("2021-09-20")
    form.get_by_label("Ansvarlig").fill("Anne Hansen, HR")
    form.get_by_role("button", name="Tilføj milepælen").click()
    expect(page.get_by_text("Milepælen er tilføjet.")).to_be_visible()
    row = table.get_by_role("row").filter(has_text="Møde med tillidsrepræsentanterne")
    expect(row).to_contain_text("Anne Hansen, HR")
    expect(row).to_contain_text("forfalder inden for 14 dage")  # the demo's day: 15 Sep 2021
    check(page, "milestones-2-added")

    row.get_by_role("link", name=re.compile("Ret “")).click()
    check(page, "milestones-3-edit")
    page.get_by_role("button", name="Fjern “Møde med tillidsrepræsentanterne”").click()
    expect(page.get_by_text("er fjernet")).to_be_visible()
    expect(page.locator("table")).not_to_contain_text("Møde med tillidsrepræsentanterne")
    check(page, "milestones-4-removed")
