"""overgang handovers and overgang contact-changes on the small test world."""

from __future__ import annotations

from datetime import date

import pytest
from typer.testing import CliRunner

from overgang.cli.main import app
from overgang.web.audit.actors import SystemActor
from overgang.web.casefiles.models import ContactChange
from overgang.web.process.handover_records import handover_record_of, save_handover_record
from tests.web.users import AFTER, BEFORE, FAST_HASHERS, make_users, set_today
from tests.web.world import build_world

pytestmark = pytest.mark.django_db

runner = CliRunner()


@pytest.fixture
def world(settings, wide_console):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    built = build_world()
    make_users()
    set_today(BEFORE)
    return built


def _run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_handovers_lists_progress_and_the_overdue_cases(world):
    meeting = handover_record_of(decision=world.case_decisions["MOVE"], by=SystemActor("t"))
    save_handover_record(
        meeting=meeting,
        version=1,
        summary="s",
        family_meeting_planned_on=date(2022, 3, 1),
        by=SystemActor("t"),
    )
    shown = _run("--lang", "en", "handovers", "--kommune", "Vallensbæk")
    assert shown.exit_code == 0, shown.output
    assert "187" in shown.output and "PSY" in shown.output
    assert "MOVE" not in shown.output  # the progress names no case
    overdue = _run("--lang", "en", "handovers", "--overdue", "--by", "tl")
    assert overdue.exit_code == 0, overdue.output
    assert "MOVE" in overdue.output and "2022-03-01" in overdue.output
    assert "MOVE" not in _run("handovers", "--kommune", "183", "--overdue").output


def test_contact_changes_import_refuses_a_bad_file_whole_and_takes_a_good_one(world, tmp_path):
    set_today(AFTER)
    bad = tmp_path / "skift.csv"
    bad.write_text("sag_id;dato;fra;til\nV-CASE;2022-02-01;V-EMP;NY\nUKENDT;2022-02-01;;NY\n")
    refused = _run("--lang", "en", "contact-changes", "import", str(bad), "--kommune", "187")
    assert refused.exit_code == 1
    assert "skift.csv, row 3, column sag_id" in refused.output
    assert ContactChange.objects.count() == 0
    good = tmp_path / "godt.csv"
    good.write_text("sag_id;dato;fra;til\nV-CASE;2022-02-01;V-EMP;NY\n")
    taken = _run("contact-changes", "import", str(good), "--kommune", "Vallensbæk")
    assert taken.exit_code == 0, taken.output
    assert ContactChange.objects.get().case_id == "V-CASE"
    report = _run("--lang", "en", "contact-changes", "report")
    assert report.exit_code == 0 and "PSY" in report.output
