"""The handover record's steps, its overdue flag on hand-made dates, and the progress table."""

from __future__ import annotations

from datetime import date

from overgang.core.handover_records import (
    HandoverRecord,
    Overdue,
    Step,
    overdue,
    progress,
    visit_deadline,
)

EFFECTIVE = date(2022, 1, 1)
DEADLINE = date(2022, 1, 31)  # 30 days after the effective date


def _flags(record: HandoverRecord, today: date, days: int = 30) -> tuple[Overdue, ...]:
    return overdue(record, effective_date=EFFECTIVE, visit_days=days, today=today)


def test_the_visit_deadline_is_the_effective_date_plus_the_days_allowed():
    assert visit_deadline(EFFECTIVE, 30) == DEADLINE
    assert visit_deadline(EFFECTIVE, 0) == EFFECTIVE


def test_a_visit_not_held_is_overdue_only_the_day_after_the_deadline():
    record = HandoverRecord("A", 187, "PSY")
    assert _flags(record, today=DEADLINE) == ()
    assert _flags(record, today=date(2022, 2, 1)) == (Overdue.VISIT_NOT_HELD,)


def test_a_visit_planned_after_the_deadline_is_flagged_before_the_deadline_passes():
    late = HandoverRecord("A", 187, "PSY", family_planned_on=date(2022, 2, 1))
    in_time = HandoverRecord("B", 187, "PSY", family_planned_on=DEADLINE)
    assert _flags(late, today=date(2021, 11, 1)) == (Overdue.VISIT_PLANNED_LATE,)
    assert _flags(in_time, today=date(2021, 11, 1)) == ()
    assert _flags(late, today=date(2022, 2, 2)) == (
        Overdue.VISIT_NOT_HELD,
        Overdue.VISIT_PLANNED_LATE,
    )


def test_a_visit_held_is_never_overdue_even_when_held_late():
    held = HandoverRecord(
        "A", 187, "PSY", family_planned_on=date(2022, 3, 1), family_held_on=date(2022, 3, 1)
    )
    assert _flags(held, today=date(2022, 6, 1)) == ()


def test_the_number_of_days_is_configurable():
    record = HandoverRecord("A", 187, "PSY")
    assert _flags(record, today=date(2022, 1, 12), days=10) == (Overdue.VISIT_NOT_HELD,)
    assert _flags(record, today=date(2022, 1, 11), days=10) == ()


def test_the_steps_missing_before_sign_off_follow_the_record():
    record = HandoverRecord(
        "A", 187, "PSY", summary_written=True, child_conversation_on=date(2021, 12, 1)
    )
    assert record.missing_before_sign_off() == (Step.MEETING, Step.FAMILY)
    assert record.steps_done() == {Step.SUMMARY, Step.CHILD}


def test_progress_counts_each_step_per_municipality_and_profession():
    records = [
        HandoverRecord("A", 187, "PSY", summary_written=True, meeting_done=True),
        HandoverRecord("B", 187, "PSY", summary_written=True, family_held_on=date(2022, 1, 5)),
        HandoverRecord("C", 187, "FYS"),
        HandoverRecord("D", 183, "PSY", signed_off=True, family_held_on=date(2022, 1, 5)),
    ]
    rows = progress(records, effective_date=EFFECTIVE, visit_days=30, today=date(2022, 2, 15))
    assert [(r.municipality, r.profession, r.counts()) for r in rows] == [
        (183, "PSY", (1, 0, 0, 1, 0, 1, 0)),
        (187, "FYS", (1, 0, 0, 0, 0, 0, 1)),
        (187, "PSY", (2, 2, 1, 1, 0, 0, 1)),
    ]
