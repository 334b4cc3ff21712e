"""The audit log: append-only, chained by hashes; an edited or deleted entry is found and named."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from typer.testing import CliRunner

from overgang.cli.main import app
from overgang.web.audit.chain import entry_hash, verify_chain
from overgang.web.audit.log import record, record_list
from overgang.web.audit.models import AppendOnlyError, AuditEntry
from tests.web.users import PASSWORD, make_users
from tests.web.world import build_world

pytestmark = pytest.mark.django_db
runner = CliRunner()


@pytest.fixture
def logged():
    """Six entries: the world's plan being made, then reads of a case, a citizen and an
    employee, a write, a list."""
    world = build_world()
    users = make_users()
    user = users["kommuneleder-vallensbaek"]
    record(user, "view", world.cases["V-CASE"])
    record(user, "view", world.citizens["V-CIT"])
    record(user, "view", world.employees["V-EMP"])
    record(user, "update", world.interviews["V-EMP"])
    record_list(user, [world.cases["V-CASE"], world.cases["MOVE"]])
    return world


def _verify():
    return runner.invoke(app, ["audit", "verify"])


def _sql(statement: str, *params: object) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def test_an_untouched_log_verifies(logged):
    result = _verify()
    assert result.exit_code == 0, result.output
    assert "6" in result.output
    entry = AuditEntry.objects.get(seq=2)
    assert (entry.username, entry.action, entry.object_type, entry.object_id) == (
        "kommuneleder-vallensbaek",
        "view",
        "dataset.case",
        "V-CASE",
    )
    assert entry.municipality == 187
    listed = AuditEntry.objects.get(seq=6)
    assert listed.detail["ids"] == ["V-CASE", "MOVE"]


def test_an_edited_entry_is_found_and_named(logged):
    target = AuditEntry.objects.get(seq=4)
    _sql("UPDATE audit_auditentry SET username = %s WHERE id = %s", "someone-else", target.pk)
    verdict = verify_chain()
    assert (verdict.ok, verdict.seq, verdict.entry_id, verdict.problem) == (
        False,
        4,
        target.pk,
        "changed",
    )
    result = _verify()
    assert result.exit_code == 1
    assert f"nr. 4 (id {target.pk})" in result.output
    assert "ændret" in result.output


def test_a_deleted_entry_is_found_and_named(logged):
    gone = AuditEntry.objects.get(seq=3)
    after = AuditEntry.objects.get(seq=4)
    _sql("DELETE FROM audit_auditentry WHERE id = %s", gone.pk)
    verdict = verify_chain()
    assert (verdict.ok, verdict.seq, verdict.entry_id, verdict.problem) == (
        False,
        4,
        after.pk,
        "deleted",
    )
    result = _verify()
    assert result.exit_code == 1
    assert "slettet" in result.output


def test_a_deleted_last_entry_is_found(logged):
    _sql("DELETE FROM audit_auditentry WHERE seq = 6")
    verdict = verify_chain()
    assert (verdict.ok, verdict.seq, verdict.problem) == (False, 6, "truncated")


def test_an_edit_with_a_recomputed_hash_breaks_the_next_link(logged):
    target = AuditEntry.objects.get(seq=3)
    fields = {
        **{f: getattr(target, f) for f in ("seq", "at", "user_id_value", "username", "action")},
        "object_type": target.object_type,
        "object_id": "I-CIT",
        "municipality": 183,
        "remote_addr": target.remote_addr,
        "detail": target.detail,
    }
    forged = entry_hash(target.prev_hash, fields)
    _sql(
        "UPDATE audit_auditentry SET object_id = %s, municipality = %s, hash = %s WHERE id = %s",
        "I-CIT",
        183,
        forged,
        target.pk,
    )
    verdict = verify_chain()
    assert (verdict.ok, verdict.seq, verdict.problem) == (False, 4, "relinked")


def test_the_orm_cannot_change_or_delete_an_entry(logged):
    entry = AuditEntry.objects.get(seq=2)
    entry.username = "x"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(seq=2).update(username="x")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    assert verify_chain().ok


def test_logins_and_failed_logins_are_logged_with_the_address():
    make_users()
    client = Client(REMOTE_ADDR="10.1.2.3")
    assert not client.login(username="revisor", password="forkert")
    assert client.login(username="revisor", password=PASSWORD)
    failed, ok = AuditEntry.objects.order_by("seq")
    assert (failed.action, failed.detail["username"], failed.username) == (
        "login_failed",
        "revisor",
        "",
    )
    assert (ok.action, ok.username) == ("login", "revisor")
    assert verify_chain().ok


def test_an_import_deletes_the_data_set_without_a_delete_receiver_in_the_way():
    # Django deletes in bulk only where no receiver listens; imports replace thousands of rows.
    from django.db.models import signals

    from overgang.web.dataset import models as m

    for model in (m.Employee, m.Interview, m.Citizen, m.Case):
        assert not signals.post_delete.has_listeners(model), model
        assert not signals.pre_delete.has_listeners(model), model
