"""overgang settlement: list, add, change, apply a key, remove and export, each audited."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from typer.testing import CliRunner

from overgang.cli.main import app
from overgang.web.audit.models import AuditEntry
from overgang.web.dataset.services import check_workbook
from overgang.web.settlement.models import SettlementItem
from tests.web.users import BEFORE, FAST_HASHERS, make_users, set_today
from tests.web.world import build_world

pytestmark = pytest.mark.django_db
runner = CliRunner()


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


def run(*args: str):
    return runner.invoke(app, ["--lang", "en", "settlement", *args], catch_exceptions=False)


def test_add_change_apply_a_key_list_and_remove_from_the_command_line(world, wide_console):
    added = run(
        "add", "--category", "lejemaal", "--description", "Lejemål, Ishøj Store Torv 3",
        "--value", "480000", "--owner", "Ishøj", "--key", "sager", "--by", "anna",
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    assert "D001" in added.output
    item = SettlementItem.objects.get()
    assert (item.value, item.owner_code, item.shares) == (
        Decimal("480000.00"),
        183,
        {"183": "0.3333", "187": "0.6667"},
    )

    changed = run("change", "D001", "--status", "forhandlet", "--version", "1", "--by", "anna")
    assert changed.exit_code == 0, changed.output
    stale = run("change", "D001", "--status", "aftalt", "--version", "1")
    assert stale.exit_code == 1 and "version 2" in stale.output

    applied = run("apply-key", "D001", "personale", "--by", "anna")
    assert applied.exit_code == 0, applied.output
    assert SettlementItem.objects.get().shares == {"183": "0.6667", "187": "0.3333"}

    listed = run("list")
    assert listed.exit_code == 0, listed.output
    assert "D001" in listed.output and "Negotiated" in listed.output
    assert "66.67 %" in listed.output  # the staff key beside the others

    refused = run("add", "--category", "it", "--description", "x", "--to", "Gotham")
    assert refused.exit_code == 1 and "Gotham" in refused.output

    assert run("remove", "D001", "--by", "anna").exit_code == 0
    assert not SettlementItem.objects.exists()
    actions = list(
        AuditEntry.objects.filter(object_type="settlement.settlementitem").values_list(
            "username", "action"
        )
    )
    assert actions == [
        ("cli:anna", "create"),
        ("cli:anna", "update"),
        ("cli:anna", "update"),
        ("cli:anna", "delete"),
    ]


def test_export_writes_the_deling_sheet_that_an_import_reads(world, tmp_path):
    run("add", "--category", "arkiv", "--description", "Papirarkiv", "--disputed")
    path = tmp_path / "deling.xlsx"
    exported = run("export", str(path))
    assert exported.exit_code == 0, exported.output
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["deling"]
    assert [c.value for c in book["deling"][2]][:3] == ["D001", "arkiv", "Papirarkiv"]
    # beside the stored data set, the export imports as it is
    result = check_workbook(path)
    assert result.ok, [i.format() for i in result.issues]
    assert [r.ext_id for r in result.settlement] == ["D001"]
