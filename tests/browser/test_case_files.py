"""A municipal lead sends the families their letters and the case files to the case system."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import docx
import pytest
from playwright.sync_api import Page, expect

from overgang.web.audit.models import AuditEntry
from overgang.web.casefiles.models import CaseTransfer
from overgang.web.dataset.models import Case
from overgang.web.planning.selectors import current_plan
from overgang.web.reporting.case_transfers import load_transfer_list
from tests.browser.steps import check, log_in, open_menu

pytestmark = pytest.mark.slow


def test_a_municipal_lead_downloads_the_family_letters_and_the_transfer_list(
    page: Page, tmp_path: Path
) -> None:
    log_in(page, "kommuneleder-vallensbaek")
    open_menu(page, "Overdragelser", "case-files-1-handovers")
    # Word, as the municipality edits the letters before they are sent (the PDF is the same
    # letters through WeasyPrint, read back in tests/web/casefiles).
    with page.expect_download(timeout=60_000) as download:
        page.locator("#family-letters").get_by_role("link", name="Word").click()
    assert download.value.suggested_filename.endswith(".docx")
    letters = "\n".join(p.text for p in docx.Document(download.value.path()).paragraphs)
    assert "Vallensbæk" in letters and "Ishøj" not in letters
    assert "bisidder" in letters and "dataansvarlig" in letters
    assert not re.search(r"\d{6}-?\d{4}", letters)  # no CPR number
    ishoej_citizens = set(
        Case.objects.filter(acting_municipality__code=183).values_list("citizen__ext_id", flat=True)
    )
    assert not [c for c in ishoej_citizens if re.search(rf"\b{re.escape(c)}\b", letters)]

    open_menu(page, "Sagsoverførsel", "case-files-2-transfers")
    page.get_by_label("Format").select_option("csv")
    with page.expect_download() as download:
        page.get_by_role("button", name="Hent overførselslisten").click()
    assert download.value.suggested_filename == "sagsoverfoersel-187.csv"
    text = Path(download.value.path()).read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    expected = {r.case_id for r in load_transfer_list(current_plan(), 187).rows}
    assert rows and {r["sag_id"] for r in rows} == expected
    assert {r["modtagende_kommune"] for r in rows} == {"187"}
    assert {r["handlekommune_efter"] for r in rows} == {"187"}
    assert CaseTransfer.objects.filter(municipality_code=187).count() == len(rows)

    # The administrator answers: the first taken over, the second refused, one id unknown.
    rows[0]["status"] = "overtaget"
    rows[1]["status"], rows[1]["begrundelse"] = "afvist", "Borgeren er fraflyttet"
    answered = io.StringIO()
    writer = csv.DictWriter(answered, fieldnames=list(rows[0]), delimiter=";")
    writer.writeheader()
    writer.writerows([*rows, {**rows[0], "sag_id": "UKENDT", "status": "overtaget"}])
    upload = tmp_path / "svar.csv"
    upload.write_bytes(answered.getvalue().encode("cp1252", "replace"))
    page.get_by_label("Den besvarede overførselsliste (.xlsx eller .csv)").set_input_files(upload)
    page.get_by_role("button", name="Registrér svarene").click()
    expect(page.get_by_text("Registrerede 1 overtaget og 1 afvist")).to_be_visible()
    expect(page.get_by_text(f"Række {len(rows) + 2}: sag UKENDT står ikke")).to_be_visible()
    expect(page.locator("#transfer-answers")).to_contain_text("Borgeren er fraflyttet")
    check(page, "case-files-3-answers-recorded")
    assert CaseTransfer.objects.get(case_id=rows[0]["sag_id"]).status == "overtaget"
    assert AuditEntry.objects.filter(
        username="kommuneleder-vallensbaek", object_type="reports.family-letters"
    ).exists()
    assert AuditEntry.objects.filter(
        username="kommuneleder-vallensbaek", object_type="reports.case-transfer"
    ).exists()
