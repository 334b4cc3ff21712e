"""The status report's sections on the handover records and on the continuity kept after the
effective date, on the small test world: the counts computed by hand, every one suppressed."""

from __future__ import annotations

from datetime import date

import pytest

from overgang.core.suppression import Shown
from overgang.reports.status import sections
from overgang.web.audit.actors import SystemActor
from overgang.web.casefiles.models import ChangeSource, ContactChange
from overgang.web.process.handover_records import handover_record_of, save_handover_record
from overgang.web.reporting.sources import load_sources
from tests.web.users import AFTER, BEFORE, set_today
from tests.web.world import build_world

pytestmark = pytest.mark.django_db


def _section(src, key):
    (found,) = [s for s in sections(src) if s.key == key]
    return found


def test_the_handover_section_counts_each_step_and_shows_no_small_count():
    world = build_world()
    set_today(BEFORE)
    meeting = handover_record_of(decision=world.case_decisions["MOVE"], by=SystemActor("t"))
    save_handover_record(meeting=meeting, version=1, summary="s", by=SystemActor("t"))
    (table,) = _section(load_sources(world.plan), "handover_records").tables
    # MOVE alone changes contact person: one case, its summary written, nothing else.
    assert [c.value for c in table.suppressed.cells[0]] == [1, 1, 0, 0, 0, 0, 0]
    assert all(c.shown is not Shown.VISIBLE or c.value == 0 for c in table.suppressed.all_cells())


def test_the_continuity_section_waits_for_the_effective_date_then_compares():
    world = build_world()
    set_today(BEFORE)
    before = _section(load_sources(world.plan), "continuity_followup")
    assert before.tables == [] and before.paragraphs
    set_today(AFTER)
    ContactChange.objects.create(
        case_id="V-CASE",
        municipality_code=187,
        changed_on=date(2022, 1, 20),
        to_person="NY-1",
        source=ChangeSource.IMPORT,
    )
    (table,) = _section(load_sources(world.plan), "continuity_followup").tables
    # I-CASE and V-CASE were to keep their contact person; V-CASE changed.
    assert [[c.value for c in row] for row in table.suppressed.cells] == [[1, 1]]
    assert all(c.shown is not Shown.VISIBLE for c in table.suppressed.all_cells())
