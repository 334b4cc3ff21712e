"""`overgang backup` and `overgang restore`: a backup restored into an empty database holds
every row of every table as it was, its audit log whole with the restore appended; a
database with data, a damaged file and an existing file are refused before anything changes.

Real processes on databases of their own, of the engine the suite runs on (processes.py).
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from tests.web.processes import Databases, column, differences, every_row, execute, run

PLAN = ("plan", "--time-limit", "5", "--cooperation-seconds", "0")
AUDIT = "audit_auditentry"


@pytest.fixture(scope="module")
def databases(tmp_path_factory):
    made = Databases(tmp_path_factory.mktemp("databases"))
    yield made
    made.drop_all()


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory) -> dict[str, Path]:
    from tests.web.processes import write_workbooks

    return write_workbooks(tmp_path_factory.mktemp("workbooks"))


@pytest.fixture(scope="module")
def backed_up(databases, workbooks, tmp_path_factory):
    """A database with an import, a plan and its approval; its rows; and its backup."""
    url = databases.empty()
    for command in (("import", str(workbooks["w1"])), PLAN, ("approve", "1", "--reason", "Prøve")):
        done = run(url, *command)
        assert done.returncode == 0, done.text
    rows = every_row(url)
    path = tmp_path_factory.mktemp("backups") / "overgang-backup.zip"
    made = run(url, "backup", str(path), "--by", "drift")
    assert made.returncode == 0, made.text
    return url, rows, path


def test_the_backup_holds_a_manifest_of_every_table_and_the_dump_s_checksum(backed_up):
    url, rows, path = backed_up
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        assert sorted(archive.namelist()) == sorted(["manifest.json", manifest["dump_name"]])
    assert manifest["tables"] == {table: len(found) for table, found in rows.items()}
    assert manifest["audit_entries"] == len(rows[AUDIT]) > 0
    logged = column(url, f"SELECT detail FROM {AUDIT} WHERE object_type = 'backup'")
    detail = logged[0] if isinstance(logged[0], dict) else json.loads(logged[0])
    assert detail["sha256"] == manifest["sha256"] and detail["rows"] == sum(
        manifest["tables"].values()
    )


def test_a_restore_into_an_empty_database_gives_back_every_row_of_every_table(
    databases, backed_up, workbooks
):
    url, rows, path = backed_up
    # After the backup, data change and are lost: a new import, rows deleted by hand.
    assert run(url, "import", str(workbooks["w3"])).returncode == 0
    execute(url, "DELETE FROM dataset_interview")
    execute(url, "DELETE FROM process_planapproval")
    assert differences(rows, every_row(url)) != []

    target = databases.empty()
    restored = run(target, "restore", str(path), "--by", "drift")
    assert restored.returncode == 0, restored.text
    after = every_row(target)
    changed = differences(rows, after)
    # Every table as backed up; the audit log has the restore's entry appended, and its head
    # moved on to it.
    assert changed == [
        f"{AUDIT}: {len(rows[AUDIT])} -> {len(rows[AUDIT]) + 1} rows",
        "audit_audithead: 1 -> 1 rows",
    ]
    kept = [row for row in after[AUDIT] if row in rows[AUDIT]]
    assert kept == rows[AUDIT]
    last = column(target, f"SELECT object_type FROM {AUDIT} ORDER BY seq DESC")[0]
    assert last == "backup.restore"
    verified = run(target, "audit", "verify")
    assert verified.returncode == 0 and "The audit log is whole" in verified.text


def test_a_restore_into_a_database_with_data_is_refused_and_changes_nothing(backed_up):
    url, _rows, path = backed_up
    before = every_row(url)
    refused = run(url, "restore", str(path))
    assert refused.returncode == 1
    assert "The database is not empty" in refused.text and "Nothing was changed" in refused.text
    assert differences(before, every_row(url)) == []


def test_a_damaged_backup_is_refused_before_the_database_is_touched(databases, backed_up, tmp_path):
    _url, _rows, path = backed_up
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(damaged, "w") as copy:
        manifest = json.loads(source.read("manifest.json"))
        dump = bytearray(source.read(manifest["dump_name"]))
        dump[len(dump) // 2] ^= 0xFF
        copy.writestr(manifest["dump_name"], bytes(dump))
        copy.writestr("manifest.json", json.dumps(manifest))
    target = databases.empty()
    refused = run(target, "restore", str(damaged))
    assert refused.returncode == 1
    assert "does not match the checksum" in refused.text
    assert not any(every_row(target).get(AUDIT, []))
    not_a_backup = run(target, "restore", str(tmp_path / "nothing.zip"))
    assert not_a_backup.returncode == 1 and "There is no file" in not_a_backup.text


def test_a_backup_never_overwrites_a_file(backed_up):
    url, _rows, path = backed_up
    before = path.read_bytes()
    refused = run(url, "backup", str(path))
    assert refused.returncode == 1 and "exists already" in refused.text
    assert path.read_bytes() == before
