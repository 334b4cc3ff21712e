"""The transition lead fixes a decision by hand: on an employee's page, and from a plan's row."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from overgang.web.audit.models import AuditEntry
from overgang.web.planning.models import FixedDecision
from tests.browser.steps import check, log_in, open_menu

pytestmark = pytest.mark.slow


def test_the_transition_lead_fixes_an_employees_municipality_and_unfixes_it(page: Page) -> None:
    log_in(page, "projektleder")
    open_menu(page, "Medarbejdere", "fastlaeg-1-employees")
    page.locator("#results tbody a").first.click()
    employee = re.search(r"\((\S+)\)$", page.locator("h1").inner_text()).group(1)  # type: ignore[union-attr]
    expect(page.get_by_role("heading", name="Fastlagt beslutning")).to_be_visible()
    check(page, "fastlaeg-2-employee")
    page.get_by_label("Fastlagt kommune").select_option(label="Vallensbæk Kommune")
    page.get_by_label("Begrundelse for fastlæggelsen").fill("Aftalt med lederen i april")
    check(page, "fastlaeg-3-form")
    page.get_by_role("button", name="Fastlæg kommunen").click()
    expect(page.get_by_text(f"Beslutningen om {employee} er fastlagt.")).to_be_visible()
    expect(
        page.get_by_text(re.compile(r"Fastlagt af projektleder .*: Aftalt med lederen i april"))
    ).to_be_visible()
    check(page, "fastlaeg-4-fixed")
    fix = FixedDecision.objects.get(subject_id=employee, removed_at=None)
    assert (fix.kind, fix.value, fix.fixed_by.username) == ("employee", "187", "projektleder")
    assert AuditEntry.objects.filter(
        username="projektleder", action="create", object_type="planning.fixeddecision"
    ).exists()

    page.get_by_role("button", name="Ophæv fastlæggelsen").click()
    expect(
        page.get_by_text(f"Beslutningen om {employee} er ikke længere fastlagt.")
    ).to_be_visible()
    expect(page.get_by_text("Intet er fastlagt")).to_be_visible()
    check(page, "fastlaeg-5-unfixed")
    fix.refresh_from_db()
    assert fix.removed_by.username == "projektleder"


def test_the_transition_lead_fixes_what_the_plan_proposed_with_one_click(page: Page) -> None:
    log_in(page, "projektleder")
    open_menu(page, "Scenarier og planer", "fastlaeg-plan-1-plans")
    page.get_by_role("link", name=re.compile(r"^Plan \d+")).first.click()
    rows = page.locator("#employee-decisions ~ .table-wrap tbody tr")
    first = rows.first
    employee = first.locator("td").first.inner_text().strip()
    page.evaluate("window.notReloaded = true")
    first.get_by_role("button", name=re.compile("^Fastlæg")).click()
    expect(first.locator(".badge")).to_have_text("fastlagt")
    assert page.evaluate("window.notReloaded") is True  # only the cell was replaced
    check(page, "fastlaeg-plan-2-fixed-row")
    fix = FixedDecision.objects.get(subject_id=employee, removed_at=None)
    assert re.fullmatch(r"Fastlagt fra plan \d+", fix.reason)
