"""The auditor answers a citizen's request for insight, and asks what one user accessed."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from overgang.web.audit.models import AuditEntry
from tests.browser.steps import check, log_in, open_menu

pytestmark = pytest.mark.slow


def test_the_auditor_answers_who_has_accessed_a_citizens_data(
    page: Page, second_page: Page
) -> None:
    log_in(second_page, "kommuneleder-vallensbaek")
    open_menu(second_page, "Borgere", "insight-1-citizens")
    link = second_page.locator("table a").first
    citizen = link.inner_text().strip()
    link.click()
    expect(second_page.get_by_role("heading", level=1)).to_contain_text(citizen)

    log_in(page, "revisor")
    page.get_by_role("link", name=re.compile("^Indsigt")).click()
    check(page, "revisor-insight-1-form")
    page.get_by_label("Borger-id").fill(citizen)
    page.get_by_role("button", name="Vis, hvem der har haft adgang til borgerens data").click()
    table = page.locator("table")
    expect(table).to_contain_text("kommuneleder-vallensbaek")
    expect(table.locator("caption")).to_contain_text(f"data om borger {citizen}")
    check(page, "revisor-insight-2-citizen")

    with page.expect_download() as download:
        page.get_by_role("link", name="Hent som CSV").click()
    assert download.value.suggested_filename == f"indsigt-{citizen}.csv"
    with Path(download.value.path()).open(encoding="utf-8-sig") as answer:
        rows = list(csv.reader(answer, delimiter=";"))
    assert rows[0][:4] == ["Nummer", "Tidspunkt", "Bruger", "Handling"]
    assert "kommuneleder-vallensbaek" in {row[2] for row in rows[1:]}
    asked = AuditEntry.objects.filter(object_type="audit.insight", username="revisor")
    assert list(asked.values_list("action", "object_id")) == [
        ("view", citizen),
        ("download", citizen),
    ]

    page.get_by_label("Bruger", exact=True).select_option("kommuneleder-vallensbaek")
    page.get_by_role("button", name="Vis, hvad brugeren har haft adgang til").click()
    expect(page.locator("table caption")).to_contain_text("kommuneleder-vallensbaek")
    expect(page.locator("table")).to_contain_text(citizen)
    check(page, "revisor-insight-3-user")
