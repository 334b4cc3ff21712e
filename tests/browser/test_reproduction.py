"""Reproducing a plan in the browser: the transition lead asks for it on the plan page, a
worker re-solves the plan with its stored settings, and the plan page says whether the same
plan came back. Every page checked with axe-core."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from overgang.web.planning.models import PlanReproduction, StoredPlan
from overgang.web.planning.reproductions import made_deterministically
from tests.browser.steps import check, log_in, open_menu

pytestmark = pytest.mark.slow

VERDICT = re.compile(
    r"Samme plan, beslutning for beslutning|Ikke samme plan: \d+ medarbejdere og \d+ sager afviger"
)


def test_the_transition_lead_reproduces_a_plan_and_reads_the_verdict(page: Page) -> None:
    plan = StoredPlan.objects.get()
    log_in(page, "projektleder")
    open_menu(page, "Scenarier og planer", "reproduce-1-plans")
    page.get_by_role("link", name=f"Plan {plan.pk}", exact=True).click()
    expect(page.get_by_role("heading", name="Genskabelse")).to_be_visible()
    # A plan made with the search that stops on the clock need not come back: the page says so.
    note = page.locator("#wall-clock-note")
    expect(note).to_have_count(0 if made_deterministically(plan) else 1)
    expect(page.get_by_text("Planen er ikke genskabt endnu.")).to_be_visible()
    check(page, "reproduce-2-plan")

    page.get_by_role("button", name="Genskab planen").click()
    ready = page.get_by_role("link", name=f"Åbn plan {plan.pk}")
    expect(ready).to_be_visible(timeout=120_000)
    check(page, "reproduce-3-done")
    ready.click()
    outcomes = page.get_by_role("table", name="Seneste genskabelser")
    expect(outcomes).to_contain_text(VERDICT)
    expect(outcomes).to_contain_text("projektleder")
    check(page, "reproduce-4-outcome")
    reproduction = PlanReproduction.objects.get()
    assert reproduction.plan == plan and reproduction.asked_by_name == "projektleder"
