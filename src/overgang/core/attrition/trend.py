"""The recorded resignations and their monthly trend: by reason, due to the dissolution or not."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from overgang.core.domain import Dataset, ResignationReason

NOT_STATED = ""  # the reason of a resignation recorded without one


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def add_months(month: date, count: int) -> date:
    """Return the first day of the month `count` months after `month`'s."""
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def months_between(start: date, end: date) -> int:
    """Return the whole months from `start`'s month up to (not including) `end`'s month."""
    return max(0, (end.year - start.year) * 12 + end.month - start.month)


@dataclass(frozen=True)
class Resignation:
    employee_id: str
    profession: str
    resigned_on: date
    reason: str  # a ResignationReason value, or NOT_STATED

    @property
    def due_to_dissolution(self) -> bool:
        return self.reason == ResignationReason.DISSOLUTION


def resignations(dataset: Dataset) -> tuple[Resignation, ...]:
    """Return every resignation the data set records, by date and employee."""
    return tuple(
        sorted(
            (
                Resignation(
                    employee_id=e.id,
                    profession=e.profession,
                    resigned_on=e.resigned_on,
                    reason=str(e.resignation_reason.value) if e.resignation_reason else NOT_STATED,
                )
                for e in dataset.employees
                if e.resigned_on is not None
            ),
            key=lambda r: (r.resigned_on, r.employee_id),
        )
    )


@dataclass(frozen=True)
class MonthCount:
    """The resignations of one month (counted by the month the employee leaves)."""

    month: date  # the first day of the month
    total: int
    due_to_dissolution: int
    other: int
    by_reason: tuple[tuple[str, int], ...]  # (reason, count), every reason, in a fixed order


REASONS = (*(r.value for r in ResignationReason), NOT_STATED)


def monthly_trend(
    dataset: Dataset, start: date | None = None, end: date | None = None
) -> tuple[MonthCount, ...]:
    """Return the resignations per month, every month from the first to the last (zeros included).

    `start` and `end` widen (or narrow) the months shown; by default they are the
    months of the first and the last recorded resignation.
    """
    recorded = resignations(dataset)
    if not recorded and (start is None or end is None):
        return ()
    first = first_of_month(start or recorded[0].resigned_on)
    last = first_of_month(end or recorded[-1].resigned_on)
    counts: dict[date, Counter[str]] = {}
    for r in recorded:
        counts.setdefault(first_of_month(r.resigned_on), Counter())[r.reason] += 1
    trend = []
    for offset in range(months_between(first, last) + 1):
        month = add_months(first, offset)
        count = counts.get(month, Counter())
        total = sum(count.values())
        dissolution = count[ResignationReason.DISSOLUTION.value]
        trend.append(
            MonthCount(
                month=month,
                total=total,
                due_to_dissolution=dissolution,
                other=total - dissolution,
                by_reason=tuple((reason, count[reason]) for reason in REASONS),
            )
        )
    return tuple(trend)
