"""Re-planning in the browser: the transition lead approves the plan, notifies one employee,
fixes another's decision with one click, and after a resignation re-plans from the approved
plan and reads the differences on "Forskelle mellem planer"."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from overgang.web.dataset.models import Employee
from overgang.web.planning.models import StoredPlan
from tests.browser.steps import check, log_in, open_menu

pytestmark = pytest.mark.slow


def test_the_transition_lead_fixes_a_decision_replans_and_sees_the_difference(page: Page) -> None:
    first = StoredPlan.objects.get()
    log_in(page, "projektleder")
    open_menu(page, "Scenarier og planer", "replan-1-plans")
    page.get_by_role("link", name=f"Plan {first.pk}", exact=True).click()
    page.get_by_label("Begrundelse for at godkende alligevel").fill("Byrådet har besluttet.")
    page.get_by_role("button", name=f"Godkend plan {first.pk}").click()
    expect(page.get_by_text("Denne plan er godkendt og låst.")).to_be_visible()

    rows = page.locator("#employee-decisions ~ .table-wrap tbody tr")
    notified = rows.nth(0).locator("td").first.inner_text().strip()
    notify = rows.nth(0).get_by_role("button", name=re.compile(r"Registrér at \S+ er underrettet"))
    notify.click()
    expect(notify).to_have_count(0)
    fixed = rows.nth(1).locator("td").first.inner_text().strip()
    rows.nth(1).get_by_role("button", name=re.compile("^Fastlæg")).click()
    expect(rows.nth(1)).to_contain_text("fastlagt")
    check(page, "replan-2-notified-and-fixed")

    # HR's news: someone carrying cases in the plan resigns before the effective date.
    leaving = (
        first.case_decisions.exclude(contact_person__in=["", notified, fixed])
        .values_list("contact_person", flat=True)
        .first()
    )
    assert leaving is not None
    Employee.objects.filter(ext_id=leaving).update(resigned_on=date(2021, 10, 31))

    open_menu(page, "Scenarier og planer", "replan-3-plans")
    page.get_by_label("Planlæg igen ud fra").select_option(label=f"Plan {first.pk} (godkendt)")
    page.get_by_label("Tidsgrænse i sekunder").fill("5")
    check(page, "replan-4-run-form")
    page.get_by_role("button", name="Kør planen").click()
    ready = page.get_by_role("link", name=re.compile(r"Åbn plan \d+"))
    expect(ready).to_be_visible(timeout=60_000)
    ready.click()
    expect(
        page.get_by_role("heading", name=f"Ændringer i forhold til plan {first.pk}")
    ).to_be_visible()
    expect(
        page.get_by_text(
            re.compile(
                r"Ændrede beslutninger i forhold til den: \d+ om medarbejdere, [1-9]\d* om sager"
            )
        )
    ).to_be_visible()
    check(page, "replan-5-replan")
    second = StoredPlan.objects.order_by("-pk").first()
    assert second is not None and second.settings["reference"]["plan"] == first.pk
    # What the employee was told, and what was fixed, stand.
    before = dict(first.employee_decisions.values_list("employee_id", "municipality"))
    after = {d.employee_id: d for d in second.employee_decisions.all()}
    assert after[notified].municipality == before[notified]
    assert after[fixed].municipality == before[fixed] and after[fixed].reason_code == "fixed"

    page.get_by_role("link", name=f"Se forskellene fra plan {first.pk}").click()
    expect(
        page.get_by_role("heading", name=f"Forskelle mellem plan {first.pk} og plan {second.pk}")
    ).to_be_visible()
    gone = page.get_by_role("row", name=re.compile(rf"^{re.escape(leaving)} "))
    expect(gone).to_contain_text("ikke i planen")
    cases = page.locator("#case-differences ~ .table-wrap tbody tr")
    expect(cases.first).to_contain_text(leaving)
    check(page, "replan-6-differences")
