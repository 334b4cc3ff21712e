"""The handover record of a case that changes contact person: its steps, what is overdue,
and the progress per municipality and profession.

A case whose contact person changes in the plan gets a record (barnets lov asks that
what the case holds travels with it and that the child is heard): a written summary for
the new contact person, the handover meeting between the two workers, a joint meeting or
visit with the child and the family, the conversation with the child about the change
(§ 5, with the right to a support person, § 6), and the team leader's sign-off. A case
whose contact person does not change has no record and is not counted.

The family visit must be held within a number of days of the effective date
(`Transition.handover_visit_days`, 30 by default): a visit not held by then, or planned
for a later day, is flagged to the team leader.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum


class Step(StrEnum):
    SUMMARY = "summary"  # the written summary for the new contact person
    MEETING = "meeting"  # the handover meeting between the two workers, done
    FAMILY = "family"  # the meeting or visit with the child and the family, held
    CHILD = "child"  # the conversation with the child about the change, held
    SIGN_OFF = "sign_off"  # the team leader's sign-off


# The steps the caseworker completes before the team leader may sign off.
BEFORE_SIGN_OFF = (Step.SUMMARY, Step.MEETING, Step.FAMILY, Step.CHILD)


class Overdue(StrEnum):
    VISIT_NOT_HELD = "visit_not_held"  # the deadline has passed and the visit is not held
    VISIT_PLANNED_LATE = "visit_planned_late"  # the visit is planned after the deadline


@dataclass(frozen=True)
class HandoverRecord:
    """What is recorded of one case's handover; dates None where the step is not (yet) held."""

    case_id: str
    municipality: int  # the municipality that serves the case from the effective date
    profession: str  # code
    summary_written: bool = False
    meeting_done: bool = False
    family_planned_on: date | None = None
    family_held_on: date | None = None
    child_conversation_on: date | None = None
    signed_off: bool = False

    def steps_done(self) -> frozenset[Step]:
        done = {
            Step.SUMMARY: self.summary_written,
            Step.MEETING: self.meeting_done,
            Step.FAMILY: self.family_held_on is not None,
            Step.CHILD: self.child_conversation_on is not None,
            Step.SIGN_OFF: self.signed_off,
        }
        return frozenset(step for step, is_done in done.items() if is_done)

    def missing_before_sign_off(self) -> tuple[Step, ...]:
        """The caseworker's steps not yet done, in the record's order."""
        done = self.steps_done()
        return tuple(step for step in BEFORE_SIGN_OFF if step not in done)


def visit_deadline(effective_date: date, visit_days: int) -> date:
    """The last day the family visit may be held: the effective date plus the days allowed."""
    return effective_date + timedelta(days=visit_days)


def overdue(
    record: HandoverRecord, *, effective_date: date, visit_days: int, today: date
) -> tuple[Overdue, ...]:
    """The record's overdue steps: a visit not held by the deadline, or planned after it."""
    if record.family_held_on is not None:
        return ()
    deadline = visit_deadline(effective_date, visit_days)
    flags = []
    if today > deadline:
        flags.append(Overdue.VISIT_NOT_HELD)
    if record.family_planned_on is not None and record.family_planned_on > deadline:
        flags.append(Overdue.VISIT_PLANNED_LATE)
    return tuple(flags)


# The progress table's columns: the cases, each step done, the records overdue.
PROGRESS_COLUMNS = ("cases", *(step.value for step in Step), "overdue")


@dataclass(frozen=True)
class Progress:
    """The handover records of one municipality and profession, counted step by step."""

    municipality: int
    profession: str
    cases: int
    done: tuple[tuple[Step, int], ...]  # per step, in Step's order
    overdue: int

    def counts(self) -> tuple[int, ...]:
        """The counts in the order of PROGRESS_COLUMNS."""
        return (self.cases, *(n for _step, n in self.done), self.overdue)


def progress(
    records: Iterable[HandoverRecord], *, effective_date: date, visit_days: int, today: date
) -> tuple[Progress, ...]:
    """The progress per (municipality, profession), sorted by both."""
    groups: dict[tuple[int, str], list[HandoverRecord]] = {}
    for record in records:
        groups.setdefault((record.municipality, record.profession), []).append(record)
    rows = []
    for (municipality, profession), group in sorted(groups.items()):
        done = [r.steps_done() for r in group]
        rows.append(
            Progress(
                municipality=municipality,
                profession=profession,
                cases=len(group),
                done=tuple((step, sum(step in d for d in done)) for step in Step),
                overdue=sum(
                    bool(
                        overdue(
                            r, effective_date=effective_date, visit_days=visit_days, today=today
                        )
                    )
                    for r in group
                ),
            )
        )
    return tuple(rows)
