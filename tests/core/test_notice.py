"""Notice of changed terms: funktionærloven § 2 by seniority, tjenestemænd by their rules."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from overgang.core.notice import give_notice_by, month_end, notice_of, terms_end

NEW_YEAR = date(2022, 1, 1)


def test_the_old_terms_end_at_the_month_end_before_the_effective_date():
    assert terms_end(NEW_YEAR) == date(2021, 12, 31)
    assert terms_end(date(2022, 1, 15)) == date(2021, 12, 31)


def test_notice_runs_to_a_month_end_so_three_months_must_be_given_by_30_september():
    assert give_notice_by(NEW_YEAR, 3) == date(2021, 9, 30)
    assert give_notice_by(NEW_YEAR, 6) == date(2021, 6, 30)
    assert give_notice_by(NEW_YEAR, 1) == date(2021, 11, 30)


def test_seniority_on_the_day_notice_is_given_sets_the_period():
    # Hired 1 March 2019: 2 years 7 months on 30 September 2021, so 3 months will do.
    assert notice_of(date(2019, 3, 1), False, NEW_YEAR).months == 3
    # Hired 1 September 2018: 2 years 9 months by 30 June 2021, so 4 months, by 31 August.
    four = notice_of(date(2018, 9, 1), False, NEW_YEAR)
    assert (four.months, four.give_by) == (4, date(2021, 8, 31))
    # Hired in 2000: 6 months, given by 30 June 2021.
    assert notice_of(date(2000, 1, 1), False, NEW_YEAR).give_by == date(2021, 6, 30)
    # Hired in July 2021: 1 month, given by 30 November (within the first 5 months).
    assert notice_of(date(2021, 7, 1), False, NEW_YEAR).months == 1


def test_an_unknown_hiring_date_gets_the_longest_notice_and_a_civil_servant_three_months():
    assert notice_of(None, False, NEW_YEAR).months == 6
    civil = notice_of(date(1990, 1, 1), True, NEW_YEAR)
    assert (civil.months, civil.give_by) == (3, date(2021, 9, 30))


@settings(deadline=None)  # a loaded CI worker is slow on the first example
@given(
    hired=st.dates(date(1970, 1, 1), date(2021, 12, 31)),
    earlier_by=st.integers(0, 5000),
    effective=st.dates(date(2021, 1, 1), date(2030, 12, 31)),
)
def test_longer_seniority_never_gives_a_later_deadline(hired, earlier_by, effective):
    notice = notice_of(hired, False, effective)
    senior = notice_of(date.fromordinal(hired.toordinal() - earlier_by), False, effective)
    assert notice.give_by == month_end(notice.give_by) < effective
    assert senior.months >= notice.months
    assert senior.give_by <= notice.give_by
