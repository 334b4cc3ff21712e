"""Notice of changed terms: how long each employee's notice is, and the last day to give it.

A significant change of an employee's terms must be notified with the employee's own
notice period (LEGAL-NOTES §1.2), so that the new terms can apply from the effective
date. The periods are the employer's notice of dismissal:

- overenskomst employees: funktionærloven § 2, stk. 2, by seniority on the day notice is
  given (the public collective agreements apply the same periods to monthly-paid staff
  who are not funktionærer): 1 month within the first 5 months of employment, 3 months
  until 2 years 9 months, 4 until 5 years 8 months, 5 until 8 years 7 months, then 6;
- tjenestemænd: 3 months (tjenestemandsloven § 28; a municipality's tjenestemandsregulativ
  follows it, and HR confirms each person's rights).

Every notice runs to the end of a month. An employee whose hiring date is unknown is
given the longest notice, so that no deadline is set too late. Longer notice agreed in a
contract or a local agreement is not known to Overgang and is not counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

# Seniority on the day notice is given (years, months) from which each notice applies,
# longest first (funktionærloven § 2, stk. 2).
_NOTICE_BY_SENIORITY = (((8, 7), 6), ((5, 8), 5), ((2, 9), 4), ((0, 5), 3))
LONGEST_NOTICE_MONTHS = 6
CIVIL_SERVANT_NOTICE_MONTHS = 3


@dataclass(frozen=True)
class Notice:
    """One employee's notice of changed terms taking effect on the effective date."""

    months: int
    give_by: date  # the last day the notice can be given


def month_end(day: date) -> date:
    """Return the last day of the month `day` falls in."""
    first_next = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return first_next - timedelta(days=1)


def add_months(day: date, months: int) -> date:
    """Return the same day `months` later (or earlier), held to the month's last day."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    first = date(year, month + 1, 1)
    return first.replace(day=min(day.day, month_end(first).day))


def terms_end(effective_date: date) -> date:
    """Return the last day of the old terms: the month end before the effective date.

    Notice runs to the end of a month, so new terms can apply from the first of a month;
    for an effective date inside a month, from the first of that month.
    """
    return effective_date.replace(day=1) - timedelta(days=1)


def give_notice_by(effective_date: date, months: int) -> date:
    """Return the last day to give `months` of notice to a month's end before the effective date."""
    return month_end(add_months(terms_end(effective_date), -months))


def _statutory_months(hired_on: date, notice_day: date) -> int:
    for (years, months), notice in _NOTICE_BY_SENIORITY:
        if notice_day >= add_months(hired_on, years * 12 + months):
            return notice
    return 1


def notice_of(hired_on: date | None, civil_servant: bool, effective_date: date) -> Notice:
    """Return the employee's notice of changed terms applying from the effective date.

    The seniority that sets an overenskomst employee's period is counted on the day the
    notice is given, so the shortest period whose own last day already carries it wins.
    """
    if civil_servant:
        months = CIVIL_SERVANT_NOTICE_MONTHS
    elif hired_on is None:
        months = LONGEST_NOTICE_MONTHS
    else:
        months = next(
            m
            for m in (1, 3, 4, 5, 6)
            if _statutory_months(hired_on, give_notice_by(effective_date, m)) <= m
        )
    return Notice(months, give_notice_by(effective_date, months))
