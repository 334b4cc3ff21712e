"""Numbers as a reader sees them: rounded half up, then in the active language's format.

Django's `number_format` cuts a number off after `decimal_pos` digits: the demo's
optimum, 12,667.5675..., came out as "12.667,56". Every figure we show goes
through `formatted` instead, which rounds first.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.utils.formats import number_format


def formatted(
    value: float | Decimal | Fraction | int, digits: int = 2, grouping: bool = False
) -> str:
    """Return the value rounded half up to `digits` decimals, with a decimal comma in Danish."""
    if isinstance(value, Fraction):
        value = float(value)
    number = Decimal(str(value)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    if number == 0:
        number = abs(number)  # no "-0,00"
    return number_format(number, decimal_pos=digits, use_l10n=True, force_grouping=grouping)
