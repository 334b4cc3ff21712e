"""Danish CPR numbers: validity, without the modulus-11 check.

Numbers that fail the old modulus-11 check have been issued since 2007 (when
some birth dates ran out of numbers that pass it), so the check would reject
real people. A CPR number is valid when it is ten digits whose first six are a
real date of birth (DDMMYY) in the century its seventh digit gives.
"""

from __future__ import annotations

import re
from datetime import date

_TEN_DIGITS = re.compile(r"\d{10}")


def normalise_cpr(text: str) -> str:
    """Return the ten digits of a CPR number written with or without a hyphen."""
    return text.strip().replace("-", "")


def birth_century(seventh_digit: int, yy: int) -> int | None:
    """Return the century (1800, 1900 or 2000) the seventh digit gives with the year."""
    # CPR-kontoret's table: the seventh digit and the two-digit year give the century.
    if seventh_digit <= 3:
        return 1900
    if seventh_digit in (4, 9):
        return 2000 if yy <= 36 else 1900
    if seventh_digit <= 8:
        if yy <= 57:
            return 2000
        return 1800
    return None


def cpr_birth_date(text: str) -> date | None:
    """Return the date of birth a CPR number encodes, or None if it is not a valid number."""
    digits = normalise_cpr(text)
    if not _TEN_DIGITS.fullmatch(digits):
        return None
    dd, mm, yy = int(digits[0:2]), int(digits[2:4]), int(digits[4:6])
    century = birth_century(int(digits[6]), yy)
    if century is None:
        return None
    try:
        return date(century + yy, mm, dd)
    except ValueError:
        return None


def is_valid_cpr(text: str) -> bool:
    """Return whether the text is a valid CPR number (ten digits, a real birth date)."""
    return cpr_birth_date(text) is not None
