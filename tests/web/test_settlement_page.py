"""The settlement page: every lead sees every item and no personal data; committees read it;
the leads add items and apply a proposed key; a stale version is refused, saying so."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from overgang.web.audit.actors import SystemActor
from overgang.web.audit.models import AuditEntry
from overgang.web.settlement.models import SettlementItem
from overgang.web.settlement.services import ItemFields, add_item, apply_key
from tests.web.users import BEFORE, FAST_HASHERS, make_users, set_today
from tests.web.world import ISHOEJ, VALLENSBAEK, build_world

pytestmark = pytest.mark.django_db

# Every person's and case's id and name in tests/web/world.py.
PERSONAL = [
    "I-EMP", "V-EMP", "X-EMP", "Ida Ishøj", "Vera Vallensbæk", "Xenia Familie",
    "I-CIT", "V-CIT", "V-CIT2", "I-CASE", "V-CASE", "MOVE",
]  # fmt: skip


@pytest.fixture
def world(settings):
    """The world of tests/web/world.py with its users, before the effective date."""
    settings.PASSWORD_HASHERS = FAST_HASHERS
    built = build_world()
    make_users()
    set_today(BEFORE)
    return built


@pytest.fixture
def users(world):
    return {user.username: user for user in get_user_model().objects.all()}


@pytest.fixture
def items(world):
    by = SystemActor("test")
    return [
        add_item(
            fields=ItemFields(
                category="lejemaal",
                description="Lejemål i Ishøj",
                value=Decimal("300000"),
                owner_code=ISHOEJ,
                split_key="sager",
            ),
            by=by,
        ),
        add_item(
            fields=ItemFields(
                category="it",
                description="Licens ejet af Vallensbæk",
                owner_code=VALLENSBAEK,
                split_kind="en",
                split_to=ISHOEJ,
                status="aftalt",
            ),
            by=by,
        ),
    ]


def _client(users, name: str) -> Client:
    client = Client()
    client.force_login(users[name])
    return client


@pytest.mark.parametrize("lead", ["kommuneleder-ishoej", "kommuneleder-vallensbaek"])
def test_a_municipal_lead_sees_every_item_and_no_personal_data(items, users, lead):
    page = _client(users, lead).get("/deling/").content.decode()
    assert "Lejemål i Ishøj" in page and "Licens ejet af Vallensbæk" in page
    # the keys beside each item: a third of the cases is Ishøj's, DKK 100,000.00 of 300,000
    assert "100.000,00" in page and "200.000,00" in page
    leaked = [m for m in PERSONAL if re.search(rf"(?<![\w-]){re.escape(m)}(?![\w-])", page)]
    assert leaked == []
    assert "Tilføj posten" in page or "Add the item" in page


def test_a_committee_member_reads_the_register_and_may_not_change_it(items, users):
    client = _client(users, "med")
    page = client.get("/deling/").content.decode()
    assert "Lejemål i Ishøj" in page
    assert 'name="description"' not in page and "noegle/" not in page
    before = SettlementItem.objects.count()
    client.post("/deling/", {"category": "it", "description": "x", "split_kind": "uenighed",
                             "status": "forslag"})  # fmt: skip
    assert SettlementItem.objects.count() == before
    assert (
        client.post(f"/deling/{items[0].pk}/noegle/", {"key": "borgere", "version": 1}).status_code
        == 403
    )


@pytest.mark.parametrize("user", ["sagsbehandler-ishoej", "teamleder-vallensbaek", "revisor"])
def test_caseworkers_team_leaders_and_the_auditor_have_no_settlement_page(items, users, user):
    assert _client(users, user).get("/deling/").status_code == 403


def test_a_lead_adds_an_item_and_applies_a_key_each_audited(world, users):
    client = _client(users, "projektleder")
    response = client.post(
        "/deling/",
        {
            "category": "kontrakt",
            "description": "Aflastning, Solstrålen",
            "value": "120000,00",
            "split_kind": "noegle",
            "split_key": "sager",
            "status": "forslag",
        },
    )
    assert response.status_code == 302
    item = SettlementItem.objects.get()
    assert (item.ext_id, item.value, item.shares) == (
        "D001",
        Decimal("120000.00"),
        {"183": "0.3333", "187": "0.6667"},
    )
    response = client.post(f"/deling/{item.pk}/noegle/", {"key": "personale", "version": 1})
    assert response.status_code == 302
    item.refresh_from_db()
    # the plan keeps I-EMP and X-EMP in Ishøj, V-EMP in Vallensbæk: two thirds to Ishøj
    assert (item.split_key, item.shares, item.version) == (
        "personale",
        {"183": "0.6667", "187": "0.3333"},
        2,
    )
    kinds = list(
        AuditEntry.objects.filter(object_type="settlement.settlementitem").values_list(
            "action", "username"
        )
    )
    assert kinds == [("create", "projektleder"), ("update", "projektleder")]


def test_applying_a_key_to_a_stale_version_is_refused_saying_so(items, users):
    apply_key(item=items[0], version=1, key="borgere", by=SystemActor("other"))
    client = _client(users, "kommuneleder-ishoej")
    response = client.post(f"/deling/{items[0].pk}/noegle/", {"key": "personale", "version": 1},
                           follow=True)  # fmt: skip
    assert "D001" in response.content.decode()
    items[0].refresh_from_db()
    assert items[0].split_key == "borgere"


def test_a_change_from_a_stale_version_shows_the_conflict_and_keeps_the_stored_item(items, users):
    apply_key(item=items[1], version=1, key="borgere", by=SystemActor("other"))
    client = _client(users, "kommuneleder-vallensbaek")
    response = client.post(
        f"/deling/{items[1].pk}/",
        {"category": "it", "description": "Ny tekst", "split_kind": "uenighed",
         "status": "uenighed", "version": 1},
    )  # fmt: skip
    assert response.status_code == 200
    items[1].refresh_from_db()
    assert (items[1].description, items[1].version) == ("Licens ejet af Vallensbæk", 2)
    assert 'value="2"' in response.content.decode()
