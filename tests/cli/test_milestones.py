"""overgang milestones: the list, the calendar file Outlook imports, and the edits."""

from __future__ import annotations

from datetime import date

import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from overgang.cli.main import app
from overgang.web.process.models import Milestone, MilestoneKind

pytestmark = pytest.mark.django_db
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_the_list_shows_the_template_with_the_day_the_employees_are_told(wide_console):
    listed = run("milestones")
    assert listed.exit_code == 0, listed.output
    assert "2021-05-31" in listed.output
    assert "Medarbejderne orienteret om, hvem der overflyttes" in listed.output
    assert Milestone.objects.count() == 11


def test_the_calendar_file_parses_and_holds_every_milestone_on_its_day(tmp_path):
    assert run("milestones", "template").exit_code == 0
    first = Milestone.objects.order_by("due_on").first()
    assert run("milestones", "responsible", str(first.pk), "HR-chefen").exit_code == 0
    path = tmp_path / "milepaele.ics"
    written = run("milestones", "--ics", str(path))
    assert written.exit_code == 0, written.output

    calendar = Calendar.from_ical(path.read_bytes())
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    milestones = list(Milestone.objects.all())
    assert len(events) == len(milestones) == 11
    for milestone in milestones:
        event = events[f"milestone-{milestone.pk}@overgang"]
        assert event.decoded("DTSTART") == milestone.due_on  # a date: all day
        assert str(event["SUMMARY"]) == milestone.title
        assert milestone.legal_basis in str(event["DESCRIPTION"])
        assert "DTSTAMP" in event
    assert "HR-chefen" in str(events[f"milestone-{first.pk}@overgang"]["DESCRIPTION"])

    # The same UIDs in the next export, so that importing again updates the events.
    run("milestones", "--ics", str(tmp_path / "again.ics"))
    again = Calendar.from_ical((tmp_path / "again.ics").read_bytes())
    assert {str(e["UID"]) for e in again.walk("VEVENT")} == set(events)


def test_add_move_done_and_remove_from_the_command_line():
    run("milestones", "template")
    added = run("milestones", "add", "Møde med TR", "--date", "2021-06-02", "--responsible", "Anne")
    assert added.exit_code == 0, added.output
    mine = Milestone.objects.get(title="Møde med TR")
    assert (mine.kind, mine.responsible) == (MilestoneKind.OTHER, "Anne")

    tell = Milestone.objects.get(kind=MilestoneKind.TELL_EMPLOYEES)
    assert run("milestones", "move", str(tell.pk), "--date", "2021-06-04").exit_code == 0
    tell.refresh_from_db()
    assert (tell.due_on, tell.anchor) == (date(2021, 6, 4), "")

    assert run("milestones", "done", str(mine.pk), "--date", "2021-06-02").exit_code == 0
    assert Milestone.objects.get(pk=mine.pk).done_on == date(2021, 6, 2)

    assert run("milestones", "remove", str(mine.pk)).exit_code == 0
    assert not Milestone.objects.filter(pk=mine.pk).exists()
    assert run("milestones", "remove", "9999").exit_code == 1
