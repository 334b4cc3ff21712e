"""The transition lead imports HR's new staff list in Chromium: check, confirm, see the history."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from overgang.io.read import file_sha256
from overgang.io.write import write_workbook
from overgang.web.dataset.models import Employee, ImportBatch
from overgang.web.pages import uploads
from tests.browser.steps import check, log_in, open_menu

pytestmark = pytest.mark.slow


@pytest.fixture
def changed_workbook(site, small_dataset, tmp_path, monkeypatch) -> tuple[Path, str, str]:
    """HR's next list: one employee has left, another has a new name; and its path."""
    monkeypatch.setenv(uploads.UPLOAD_DIR_ENV, str(tmp_path / "uploads"))
    gone, renamed = sorted(e.id for e in small_dataset.employees)[:2]
    later = dataclasses.replace(
        small_dataset,
        employees=tuple(
            dataclasses.replace(e, name="Omdøbt Medarbejder") if e.id == renamed else e
            for e in small_dataset.employees
            if e.id != gone
        ),
        interviews=tuple(i for i in small_dataset.interviews if i.employee_id != gone),
        cases=tuple(
            dataclasses.replace(c, contact_person=None) if c.contact_person == gone else c
            for c in small_dataset.cases
        ),
    )
    path = tmp_path / "medarbejdere-december.xlsx"
    write_workbook(later, path)
    return path, gone, renamed


def test_the_transition_lead_checks_confirms_and_sees_an_import_in_the_history(
    page: Page, changed_workbook: tuple[Path, str, str]
) -> None:
    path, gone, renamed = changed_workbook
    log_in(page, "projektleder")
    open_menu(page, "Import", "import-1-page")
    expect(page.get_by_role("heading", name="Importér overgangsprojektmappen")).to_be_visible()
    page.get_by_label("Overgangsprojektmappe (.xlsx)").set_input_files(str(path))
    page.get_by_role("button", name="Kontrollér projektmappen").click()

    expect(
        page.get_by_role("heading", name="Hvad en import af medarbejdere-december.xlsx ændrer")
    ).to_be_visible()
    # medarbejdere: none added, one changed (the new name), one retired (the one who left)
    summary = page.locator("#import-summary")
    expect(summary.get_by_role("row", name="medarbejdere 0 1 1", exact=True)).to_be_visible()
    expect(page.locator("#import-sample")).to_contain_text("Omdøbt Medarbejder")
    assert Employee.objects.get(ext_id=renamed).name != "Omdøbt Medarbejder"  # nothing stored
    assert ImportBatch.objects.count() == 1
    check(page, "import-2-what-changes")

    page.get_by_role("button", name="Bekræft import").click()
    expect(page.get_by_text("medarbejdere-december.xlsx er importeret")).to_be_visible()
    history = page.locator("#import-history tbody tr").first
    expect(history).to_contain_text("medarbejdere-december.xlsx")
    expect(history).to_contain_text("projektleder")
    expect(history).to_contain_text(file_sha256(path))
    check(page, "import-3-history")
    batch = ImportBatch.objects.get(is_current=True)
    assert (batch.file_name, batch.imported_by) == ("medarbejdere-december.xlsx", "projektleder")
    assert Employee.objects.get(ext_id=renamed).name == "Omdøbt Medarbejder"
    assert Employee.objects.get(ext_id=gone).retired_at is not None
