"""The continuity comparison on a small hand-made plan: who was to keep their contact person and did."""

from __future__ import annotations

from datetime import date

from overgang.core.continuity_followup import (
    Continuity,
    PromisedCase,
    RecordedChange,
    continuity_kept,
)

EFFECTIVE = date(2022, 1, 1)

# Four children promised their contact person: Anna (two PSY cases, one FYS), Bo (PSY),
# Carl (FYS), Dina (PSY). After the effective date Anna's second PSY case and Carl's case
# change; Dina's case changed before the effective date, which does not count.
PROMISED = [
    PromisedCase("A1", "anna", "PSY", 187),
    PromisedCase("A2", "anna", "PSY", 187),
    PromisedCase("A3", "anna", "FYS", 187),
    PromisedCase("B1", "bo", "PSY", 183),
    PromisedCase("C1", "carl", "FYS", 187),
    PromisedCase("D1", "dina", "PSY", 183),
]
CHANGES = [
    RecordedChange("A2", date(2022, 3, 1)),
    RecordedChange("C1", EFFECTIVE),
    RecordedChange("D1", date(2021, 12, 31)),
    RecordedChange("UNPROMISED", date(2022, 3, 1)),
]


def test_children_who_were_to_keep_their_contact_person_and_did_per_profession():
    assert continuity_kept(PROMISED, CHANGES, effective_date=EFFECTIVE) == (
        Continuity("FYS", promised=2, kept=1),  # Anna kept, Carl did not
        Continuity("PSY", promised=3, kept=2),  # Bo and Dina kept, Anna did not
    )


def test_without_recorded_changes_every_promise_is_kept():
    rows = continuity_kept(PROMISED, [], effective_date=EFFECTIVE)
    assert [(r.profession, r.promised, r.kept, r.changed) for r in rows] == [
        ("FYS", 2, 2, 0),
        ("PSY", 3, 3, 0),
    ]


def test_the_shown_table_hides_small_counts_so_none_can_be_worked_out():
    from overgang.core.continuity_followup import continuity_table
    from overgang.core.suppression import exposed_cells

    rows = (Continuity("FYS", promised=12, kept=10), Continuity("PSY", promised=30, kept=27))
    shown = continuity_table(rows)
    assert shown.cell("FYS", "changed").display() == "<5"
    assert shown.row_total("PSY").display() == "30"
    assert exposed_cells(shown) == []
