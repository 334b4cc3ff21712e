"""Interview follow-up: who is still to be interviewed, per unit and its leaders, against the deadline.

The status note wants every employee interviewed before the deadline (the
INTERVIEW_DEADLINE milestone). An employee marked "not relevant" (on leave,
leaving anyway, ...) is out of the count: neither due nor missing, so that a
unit that has seen everyone it should shows as done.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Standing(StrEnum):
    """Where a unit stands against the interview deadline."""

    DONE = "done"  # everyone due has been interviewed
    OPEN = "open"  # some are missing, the deadline lies ahead (or none is set)
    OVERDUE = "overdue"  # some are missing and the deadline has passed


@dataclass(frozen=True)
class StaffMember:
    """What the follow-up needs of an employee still employed on the effective date."""

    id: str
    unit: str  # "" for none
    is_leader: bool
    interviewed: bool
    exempt: bool  # marked "not relevant": out of the count


@dataclass(frozen=True)
class UnitProgress:
    """One unit's interviews: held of due, who is missing, and its leaders (employee ids)."""

    unit: str
    leaders: tuple[str, ...]
    due: int  # employees to be interviewed: the unit's staff less the exempted
    held: int
    exempt: int
    missing: tuple[str, ...]  # employee ids, sorted

    @property
    def share(self) -> float:
        """The share of those due who have been interviewed (1.0 when none is due)."""
        return self.held / self.due if self.due else 1.0

    def standing(self, deadline: date | None, today: date) -> Standing:
        if not self.missing:
            return Standing.DONE
        if deadline is not None and today > deadline:
            return Standing.OVERDUE
        return Standing.OPEN


def follow_up(staff: Iterable[StaffMember]) -> tuple[UnitProgress, ...]:
    """Return each unit's interview progress, by unit name ("" for staff without a unit last)."""
    by_unit: dict[str, list[StaffMember]] = defaultdict(list)
    for member in staff:
        by_unit[member.unit].append(member)
    progress = []
    for unit in sorted(by_unit, key=lambda name: (name == "", name)):
        members = sorted(by_unit[unit], key=lambda m: m.id)
        counted = [m for m in members if not m.exempt]
        progress.append(
            UnitProgress(
                unit=unit,
                leaders=tuple(m.id for m in members if m.is_leader),
                due=len(counted),
                held=sum(1 for m in counted if m.interviewed),
                exempt=len(members) - len(counted),
                missing=tuple(m.id for m in counted if not m.interviewed),
            )
        )
    return tuple(progress)


def days_left(deadline: date | None, today: date) -> int | None:
    """Days until the deadline (negative once it has passed); None without a deadline."""
    return None if deadline is None else (deadline - today).days
