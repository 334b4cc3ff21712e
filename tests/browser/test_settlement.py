"""The transition lead adds a settlement item and applies a key proposed from the data."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from overgang.web.audit.models import AuditEntry
from overgang.web.settlement.models import SettlementItem
from tests.browser.steps import check, log_in, open_menu

pytestmark = pytest.mark.slow


def test_the_transition_lead_adds_an_item_and_applies_a_proposed_key(page: Page) -> None:
    log_in(page, "projektleder")
    open_menu(page, "Deling", "deling-1-register")
    expect(page.get_by_role("heading", name="Nøgler foreslået ud fra data")).to_be_visible()
    expect(page.get_by_role("rowheader", name="Andel af sager")).to_be_visible()

    page.get_by_label("Kategori").select_option("lejemaal")
    page.get_by_label("Beskrivelse").fill("Lejemål, Ishøj Store Torv 3")
    page.get_by_label("Værdi (kr.)").fill("480000")
    page.get_by_label("Ejer i dag").select_option(label="Ishøj Kommune (183)")
    page.get_by_label("Foreslået deling").select_option("noegle")
    page.get_by_label("Nøgle", exact=True).select_option("sager")
    page.get_by_label("Ansvarlig").fill("Økonomichef")
    check(page, "deling-2-form")
    page.get_by_role("button", name="Tilføj posten").click()
    expect(page.get_by_text("Posten D001 er tilføjet.")).to_be_visible()
    row = page.locator("#item-D001")
    expect(row).to_contain_text("Lejemål, Ishøj Store Torv 3")
    expect(row).to_contain_text("480.000,00")
    check(page, "deling-3-added")

    row.get_by_label("Nøgle for D001").select_option("personale")
    row.get_by_role("button", name="Anvend nøglen").click()
    expect(
        page.get_by_text("Posten D001 deles nu efter: Andel af personale efter planen.")
    ).to_be_visible()
    check(page, "deling-4-key-applied")

    item = SettlementItem.objects.get(ext_id="D001")
    assert (item.split_key, item.version, item.owner_code) == ("personale", 2, 183)
    assert sum(float(share) for share in item.shares.values()) == pytest.approx(1)
    # the shares shown beside the item are the stored ones
    shown = re.findall(r"(\d+,\d\d) %", page.locator("#item-D001 td").nth(5).inner_text())
    assert [s.replace(",", ".") for s in shown] == [
        format(float(item.shares[code]) * 100, ".2f") for code in sorted(item.shares)
    ]
    assert list(
        AuditEntry.objects.filter(object_type="settlement.settlementitem").values_list(
            "username", "action"
        )
    ) == [("projektleder", "create"), ("projektleder", "update")]
