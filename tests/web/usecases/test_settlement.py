"""The settlement register's use cases: add, change, remove, apply a proposed key; each audited
in its own transaction, and a change from a stale version refused."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from overgang.web.audit.actors import SystemActor
from overgang.web.dataset.models import Case, Employee
from overgang.web.process.concurrency import StaleEdit
from overgang.web.settlement.models import SettlementItem
from overgang.web.settlement.selectors import current_keys, totals
from overgang.web.settlement.services import (
    ItemFields,
    SettlementError,
    add_item,
    apply_key,
    change_item,
    remove_item,
)
from tests.web.usecases.trail import mark, the_one_entry, who_did_what

pytestmark = pytest.mark.django_db

ISHOEJ, VALLENSBAEK = 183, 187
LEASE = ItemFields(
    category="lejemaal",
    description="Lejemål, Ishøj Store Torv 3",
    value=Decimal("480000.00"),
    owner_code=ISHOEJ,
    split_kind="noegle",
    split_key="sager",
)


@pytest.fixture
def item(world):
    return add_item(fields=LEASE, by=SystemActor("test"))


def test_the_proposed_keys_are_the_shares_of_the_data_and_the_plan_computed_by_hand(world):
    # The world: Ishøj acts for I-CASE, Vallensbæk for V-CASE and MOVE; one citizen lives in
    # Ishøj, two in Vallensbæk; the plan keeps I-EMP and X-EMP in Ishøj, V-EMP in Vallensbæk.
    Case.objects.filter(ext_id="MOVE").update(load=Decimal(3))
    Employee.objects.filter(ext_id="X-EMP").update(hours=Decimal("18.5"))
    keys = current_keys()
    assert dict(keys["sager"].shares) == {ISHOEJ: Fraction(1, 3), VALLENSBAEK: Fraction(2, 3)}
    # load 1 against 1 + 3
    assert dict(keys["belastning"].shares) == {
        ISHOEJ: Fraction(1, 5),
        VALLENSBAEK: Fraction(4, 5),
    }
    # FTE: 1 + 0.5 against 1
    assert dict(keys["personale"].shares) == {
        ISHOEJ: Fraction(3, 5),
        VALLENSBAEK: Fraction(2, 5),
    }
    assert dict(keys["borgere"].shares) == {ISHOEJ: Fraction(1, 3), VALLENSBAEK: Fraction(2, 3)}


def test_an_added_item_takes_its_keys_shares_from_the_data_and_leaves_one_entry(world, users):
    since = mark()
    item = add_item(fields=LEASE, by=users["projektleder"])
    assert item.ext_id == "D001"
    assert item.shares == {"183": "0.3333", "187": "0.6667"}
    assert (item.status, item.version, item.updated_by) == ("forslag", 1, users["projektleder"])
    assert who_did_what(the_one_entry(since)) == (
        "projektleder",
        "create",
        "settlement.settlementitem",
        "D001",
    )
    assert add_item(fields=LEASE, by=users["projektleder"]).ext_id == "D002"


def test_applying_a_proposed_key_stores_its_shares_and_leaves_one_entry(item, users):
    since = mark()
    applied = apply_key(item=item, version=1, key="personale", by=users["kommuneleder-ishoej"])
    assert (applied.split_key, applied.shares, applied.version) == (
        "personale",
        {"183": "0.6667", "187": "0.3333"},
        2,
    )
    entry = the_one_entry(since)
    assert who_did_what(entry) == (
        "kommuneleder-ishoej",
        "update",
        "settlement.settlementitem",
        item.ext_id,
    )
    assert entry.detail["key"] == "personale"


def test_a_change_from_a_stale_version_is_refused_and_nothing_is_logged(item):
    agreed = ItemFields(**{**LEASE.__dict__, "status": "aftalt"})
    change_item(item=item, version=1, fields=agreed, by=SystemActor("a"))
    since = mark()
    with pytest.raises(StaleEdit):
        change_item(
            item=item,
            version=1,
            fields=ItemFields(**{**LEASE.__dict__, "status": "uenighed"}),
            by=SystemActor("b"),
        )
    with pytest.raises(StaleEdit):
        apply_key(item=item, version=1, key="borgere", by=SystemActor("b"))
    with pytest.raises(StaleEdit):
        remove_item(item=item, version=1, by=SystemActor("b"))
    stored = SettlementItem.objects.get(pk=item.pk)
    assert (stored.status, stored.split_key, stored.version) == ("aftalt", "sager", 2)
    assert since.entries() == []


def test_a_removed_item_is_gone_and_its_removal_logged(item, users):
    since = mark()
    remove_item(item=item, version=1, by=users["projektleder"])
    assert not SettlementItem.objects.exists()
    assert who_did_what(the_one_entry(since)) == (
        "projektleder",
        "delete",
        "settlement.settlementitem",
        "D001",
    )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"split_key": "aftalt"}, "shares"),
        ({"split_key": "aftalt", "shares": {183: Decimal("0.5"), 187: Decimal("0.4")}}, "shares"),
        ({"split_key": "aftalt", "shares": {183: Decimal("0.5"), 101: Decimal("0.5")}}, "shares"),
        ({"split_kind": "en"}, "split_to"),
        ({"split_kind": "en", "split_to": 999}, "split_to"),
        ({"owner_code": 999}, "owner_code"),
        ({"category": "hus"}, "category"),
        ({"description": "  "}, "description"),
    ],
)
def test_an_item_that_cannot_be_is_refused_naming_the_field_and_nothing_is_stored(
    world, changes, field
):
    since = mark()
    with pytest.raises(SettlementError) as refused:
        add_item(fields=ItemFields(**{**LEASE.__dict__, **changes}), by=SystemActor("test"))
    assert refused.value.field == field
    assert not SettlementItem.objects.exists()
    assert since.entries() == []


def test_the_totals_count_and_sum_the_items_by_status_and_category(world):
    by = SystemActor("test")
    add_item(fields=LEASE, by=by)
    add_item(
        fields=ItemFields(
            category="it",
            description="Licens",
            value=Decimal("1000.50"),
            status="aftalt",
            split_kind="en",
            split_to=VALLENSBAEK,
        ),
        by=by,
    )
    add_item(fields=ItemFields(category="arkiv", description="Arkiv", split_kind="uenighed"), by=by)
    found = totals()
    assert found.by_status["forslag"].count == 2
    assert found.by_status["forslag"].value == Decimal("480000.00")
    assert found.by_status["aftalt"].value == Decimal("1000.50")
    assert found.by_status["uenighed"].count == 0
    assert list(found.by_category) == ["lejemaal", "it", "arkiv"]
    assert (found.all.count, found.all.value) == (3, Decimal("481000.50"))
