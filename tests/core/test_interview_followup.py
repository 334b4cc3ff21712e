"""follow_up: each unit's interviews held of due, those marked not relevant out of the count."""

from __future__ import annotations

from datetime import date

from overgang.core.interview_followup import StaffMember, Standing, days_left, follow_up


def member(id: str, unit: str, *, leader: bool = False, held: bool = False, exempt: bool = False):
    return StaffMember(id, unit, leader, held, exempt)


def test_an_exempted_employee_is_neither_due_nor_missing():
    (unit,) = follow_up(
        [
            member("A", "PPR", leader=True, held=True),
            member("B", "PPR"),
            member("C", "PPR", exempt=True),
        ]
    )
    assert (unit.unit, unit.leaders, unit.due, unit.held, unit.exempt, unit.missing) == (
        "PPR",
        ("A",),
        2,
        1,
        1,
        ("B",),
    )
    assert unit.share == 0.5


def test_a_unit_whose_only_missing_employee_is_exempted_is_done():
    (unit,) = follow_up([member("A", "PPR", held=True), member("B", "PPR", exempt=True)])
    assert unit.standing(date(2021, 5, 31), date(2021, 6, 15)) is Standing.DONE


def test_missing_interviews_are_open_before_the_deadline_and_overdue_after_it():
    (unit,) = follow_up([member("A", "PPR")])
    deadline = date(2021, 5, 31)
    assert unit.standing(deadline, date(2021, 5, 31)) is Standing.OPEN
    assert unit.standing(deadline, date(2021, 6, 1)) is Standing.OVERDUE
    assert unit.standing(None, date(2030, 1, 1)) is Standing.OPEN
    assert days_left(deadline, date(2021, 5, 21)) == 10
    assert days_left(None, date(2021, 5, 21)) is None


def test_units_come_by_name_with_the_staff_without_a_unit_last():
    units = follow_up([member("A", ""), member("B", "Familie"), member("C", "PPR")])
    assert [u.unit for u in units] == ["Familie", "PPR", ""]
