"""Exact integer units for the solver, so that no cost is rounded.

Hours, norms and loads carry at most two decimals. A capacity is
`hours / 37 * norm`, so `37 * 100 * 100 * capacity` is a whole number: load
quantities are counted in units of 1/370000 load unit ("q"), in which every
load and every capacity is an integer. FTE are counted in units of 1/3700 FTE.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

Q_PER_LOAD_UNIT = 370_000
FTE_UNITS_PER_FTE = 3_700


def hundredths(value: Decimal) -> int:
    """Return a two-decimal quantity as a whole number of hundredths."""
    scaled = value * 100
    if scaled != scaled.to_integral_value():
        raise ValueError(f"{value} has more than two decimals")
    return int(scaled)


def load_q(load: Decimal) -> int:
    """Return a case's load in q units."""
    return hundredths(load) * (Q_PER_LOAD_UNIT // 100)


def capacity_q(hours: Decimal, norm: Decimal) -> int:
    """Return cap(e) = hours / 37 * norm in q units, exactly."""
    return hundredths(hours) * hundredths(norm)


def max_load_q(capacity: int, factor: Decimal) -> int:
    """Return the most load (q units) an employee may carry: the hard rule's factor times cap(e).

    Loads are whole multiples of 1/100 load unit, so flooring the limit to whole q
    units admits exactly the loads the rule admits.
    """
    return int(Fraction(capacity) * Fraction(factor))


def fte_units(hours: Decimal) -> int:
    """Return an employee's FTE (hours / 37) in units of 1/3700 FTE."""
    return hundredths(hours)


def need_units(min_fte: Decimal) -> int:
    """Return a staffing need in units of 1/3700 FTE."""
    return hundredths(min_fte) * (FTE_UNITS_PER_FTE // 100)


def q_to_load(q: int | Fraction) -> Fraction:
    return Fraction(q) / Q_PER_LOAD_UNIT


def units_to_fte(units: int | Fraction) -> Fraction:
    return Fraction(units) / FTE_UNITS_PER_FTE
