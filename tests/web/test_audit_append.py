"""How entries reach the audit chain: a request's together as it ends, in one short
transaction; an entry made inside a transaction at once, standing or falling with it."""

from __future__ import annotations

import logging

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import reverse

from overgang.web.audit import context
from overgang.web.audit.chain import verify_chain
from overgang.web.audit.context import PendingEntries, pending_entries
from overgang.web.audit.log import record
from overgang.web.audit.models import Action, AuditEntry
from tests.web.users import BEFORE, make_users, set_today
from tests.web.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


@pytest.fixture
def lead():
    users = make_users()
    set_today(BEFORE)
    return users["projektleder"]


def _appends(caplog: pytest.LogCaptureFixture) -> list[int]:
    """How many entries each append logged since the capture began."""
    return [r.append.entries for r in caplog.records if r.name == "overgang.audit.chain"]


def test_a_page_appends_all_its_reads_to_the_chain_once_as_the_request_ends(world, lead, caplog):
    client = Client()
    client.force_login(lead)
    before = AuditEntry.objects.count()
    caplog.set_level(logging.DEBUG, logger="overgang.audit.chain")
    for name in ("pages:cases", "pages:handovers", "pages:employees"):
        caplog.clear()
        assert client.get(reverse(name)).status_code == 200
        made = AuditEntry.objects.count() - before
        assert made >= 2, name  # a list and its related rows, at the least
        assert _appends(caplog) == [made], name
        before += made
    assert verify_chain().ok


def test_an_entry_made_inside_a_transaction_is_appended_at_once_and_rolls_back_with_it(world, lead):
    case = world.cases["I-CASE"]
    before = AuditEntry.objects.count()
    pending = PendingEntries()
    token = pending_entries.set(pending)
    try:
        waiting = record(lead, Action.VIEW, case)
        assert pending.entries == [waiting] and AuditEntry.objects.count() == before
        with transaction.atomic():
            record(lead, Action.UPDATE, case)
        assert AuditEntry.objects.count() == before + 1
        with pytest.raises(RuntimeError), transaction.atomic():
            record(lead, Action.DELETE, case)
            raise RuntimeError("the use case fails")
        assert AuditEntry.objects.count() == before + 1
        assert len(pending.entries) == 1
    finally:
        pending_entries.reset(token)
    context.append(pending.entries)
    assert list(AuditEntry.objects.order_by("-seq").values_list("action", flat=True)[:2]) == [
        Action.VIEW,
        Action.UPDATE,
    ]
    assert waiting.pk is not None and verify_chain().ok


def test_outside_a_request_an_entry_is_appended_at_once(world, lead):
    before = AuditEntry.objects.count()
    record(lead, Action.VIEW, world.cases["I-CASE"])
    assert AuditEntry.objects.count() == before + 1


def test_a_request_whose_entries_cannot_be_appended_fails_and_shows_nothing(
    world, lead, monkeypatch
):
    def refuse(entries):
        if entries:
            raise DatabaseError("database is locked")

    client = Client(raise_request_exception=False)
    client.force_login(lead)
    monkeypatch.setattr(context, "append", refuse)
    response = client.get(reverse("pages:cases"))
    assert response.status_code == 500
    assert b"I-CASE" not in response.content


def test_sqlite_runs_in_wal_mode_and_begins_write_transactions_immediate():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's settings; PostgreSQL locks the chain's head row")
    assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert connection.settings_dict["OPTIONS"]["timeout"] >= 10
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
