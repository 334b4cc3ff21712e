"""The data protection officer's questions: who accessed one citizen's data, what one user did.

In the world of tests/web/world.py, citizen V-CIT2 has one case, MOVE, handed over from
X-EMP (Ishøj) to V-EMP (Vallensbæk).
"""

from __future__ import annotations

import csv

import pytest
from django.test import Client
from typer.testing import CliRunner

from overgang.cli.console import console
from overgang.cli.main import app
from overgang.web.audit.chain import verify_chain
from overgang.web.audit.insight import accesses_by_user, accesses_to_citizen
from overgang.web.audit.log import write_entry
from overgang.web.audit.models import AuditEntry
from tests.web.users import BEFORE, FAST_HASHERS, PASSWORD, make_users, set_today
from tests.web.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings, tmp_path, monkeypatch):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    monkeypatch.chdir(tmp_path)  # the command line writes its files here
    built = build_world()
    make_users()
    set_today(BEFORE)
    return built


def _page(username: str) -> Client:
    page = Client(REMOTE_ADDR="10.0.0.7")
    assert page.login(username=username, password=PASSWORD)
    return page


def _cli(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def accessed(world):
    """Reads and writes of V-CIT2's data by page and command line, and of others' data."""
    _page("kommuneleder-vallensbaek").get("/borgere/V-CIT2/")
    _page("projektleder").get("/sager/")  # every case, MOVE among them
    caseworker = _page("sagsbehandler-vallensbaek")
    meeting_page = f"/overdragelser/{world.case_decisions['MOVE'].pk}/"
    caseworker.post(meeting_page, {"version": "1", "participants": "Vera, mor", "notes": "ok"})
    _page("teamleder-ishoej").get("/borgere/V-CIT2/")  # not theirs: refused, and logged
    _page("kommuneleder-ishoej").get("/borgere/I-CIT/")  # someone else's data
    _cli("lists", "--out", "lister", "--by", "hr")
    return world


def test_a_citizens_answer_names_who_read_and_wrote_their_data_and_nothing_of_others(accessed):
    accesses = accesses_to_citizen("V-CIT2")
    seen = {(a.username, a.action, a.object_type) for a in accesses}

    assert ("kommuneleder-vallensbaek", "view", "dataset.citizen") in seen
    assert ("kommuneleder-vallensbaek", "view", "dataset.case") in seen  # their one case
    assert ("projektleder", "list", "dataset.case") in seen
    assert ("sagsbehandler-vallensbaek", "update", "process.handovermeeting") in seen
    assert ("teamleder-ishoej", "refused", "dataset.citizen") in seen
    assert ("cli:hr", "download", "reports.lists") in seen
    assert not any(a.username == "kommuneleder-ishoej" for a in accesses)
    # Of the lead's list of Vallensbæk's cases (V-CASE and MOVE), the citizen sees their own.
    (listed,) = [a for a in accesses if a.username == "projektleder" and a.action == "list"]
    assert listed.ids == ("MOVE",) and listed.count == 2
    # A handover meeting is shown by its case.
    (saved,) = [a for a in accesses if a.action == "update"]
    assert (saved.object_type, saved.ids) == ("process.handovermeeting", ("MOVE",))
    (read,) = [a for a in accesses if a.action == "view" and a.object_type == "dataset.citizen"]
    assert (read.address, read.municipality) == ("10.0.0.7", 187)
    assert [a.seq for a in accesses] == sorted(a.seq for a in accesses)


def test_the_command_line_answers_as_a_table_and_as_csv_and_logs_that_it_was_asked(
    accessed, tmp_path, monkeypatch
):
    monkeypatch.setattr(console, "_width", 200)  # no row wraps (see tests/cli/conftest.py)
    table = _cli("audit", "citizen", "V-CIT2", "--by", "dpo")
    assert "kommuneleder-vallensbaek" in table and "10.0.0.7" in table
    assert "I-CASE" not in table and "kommuneleder-ishoej" not in table

    path = tmp_path / "indsigt.csv"
    _cli("audit", "citizen", "V-CIT2", "--csv", str(path), "--by", "dpo")
    rows = list(csv.reader(path.open(encoding="utf-8-sig"), delimiter=";"))
    assert rows[0][:3] == ["Nummer", "Tidspunkt", "Bruger"]
    # The first question (the table) is itself an access to the citizen's data.
    assert [r[2] for r in rows[1:]].count("cli:dpo") == 1
    assert all("I-CASE" not in r[5] for r in rows[1:])

    asked = AuditEntry.objects.filter(object_type="audit.insight").order_by("seq")
    assert [(e.username, e.action, e.object_id) for e in asked] == [
        ("cli:dpo", "view", "V-CIT2"),
        ("cli:dpo", "download", "V-CIT2"),
    ]
    assert asked[1].detail["citizens"] == ["V-CIT2"] and asked[1].detail["format"] == "csv"
    assert verify_chain().ok


def test_entries_written_before_they_named_their_citizens_are_found_through_the_cases(world):
    old = write_entry(
        user=None,
        address="",
        action="list",
        object_type="dataset.case",
        object_id="2",
        detail={"ids": ["I-CASE", "MOVE"]},
    )
    (found,) = [a for a in accesses_to_citizen("V-CIT2") if a.seq == old.seq]
    assert found.ids == ("MOVE",)
    assert all(a.seq != old.seq for a in accesses_to_citizen("V-CIT"))


def test_a_users_answer_lists_what_they_did_on_pages_and_at_the_command_line(accessed, tmp_path):
    _cli("interview", "record", "I-EMP", "--date", "2021-05-20", "--by", "projektleder")
    accesses = accesses_by_user("projektleder")
    assert {a.username for a in accesses} == {"projektleder", "cli:projektleder"}
    assert ("login", "") in {(a.action, a.object_type) for a in accesses}
    # Their list of every case, one entry per municipality, each with all its ids.
    listed = [a.ids for a in accesses if a.action == "list" and a.object_type == "dataset.case"]
    assert listed == [("I-CASE",), ("MOVE", "V-CASE")]

    path = tmp_path / "bruger.csv"
    output = _cli("audit", "user", "projektleder", "--csv", str(path))
    assert str(len(accesses)) in output
    assert len(path.read_text(encoding="utf-8-sig").splitlines()) == len(accesses) + 1


def test_the_auditors_page_answers_a_citizen_and_a_user_and_offers_the_answer_as_csv(accessed):
    auditor = _page("revisor")
    page = auditor.get("/revision/indsigt/", {"borger": "V-CIT2"})
    assert page.status_code == 200
    table = page.content.decode().partition("<table>")[2]
    assert "kommuneleder-vallensbaek" in table and "10.0.0.7" in table
    assert "I-CASE" not in table and "kommuneleder-ishoej" not in table

    download = auditor.get("/revision/indsigt/", {"borger": "V-CIT2", "format": "csv"})
    assert download["Content-Disposition"] == 'attachment; filename="indsigt-V-CIT2.csv"'
    rows = download.content.decode("utf-8-sig").splitlines()
    assert len(rows) == len(accesses_to_citizen("V-CIT2"))  # the header, less this download

    by_user = auditor.get("/revision/indsigt/", {"bruger": "sagsbehandler-vallensbaek"})
    assert "MOVE" in by_user.content.decode().partition("<table>")[2]
    asked = AuditEntry.objects.filter(object_type="audit.insight").order_by("seq")
    assert [(e.username, e.action, e.object_id, e.remote_addr) for e in asked] == [
        ("revisor", "view", "V-CIT2", "10.0.0.7"),
        ("revisor", "download", "V-CIT2", "10.0.0.7"),
        ("revisor", "view", "sagsbehandler-vallensbaek", "10.0.0.7"),
    ]


def test_only_the_auditor_may_ask(accessed):
    for username in ("projektleder", "kommuneleder-vallensbaek", "med"):
        assert _page(username).get("/revision/indsigt/", {"borger": "V-CIT2"}).status_code == 403
    assert not AuditEntry.objects.filter(object_type="audit.insight").exists()
