"""One cell's value: from what a spreadsheet or CSV file holds to a typed Python value.

A cell arrives as whatever the reader gives: text from CSV, and from .xlsx also
numbers, booleans and dates. Each parser accepts what people really type (see
docs/workbook.md) and raises `CellError` with what was expected otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import cast

from django.utils.translation import gettext

from overgang.io.schema import NO, YES, CellKind, Column, normalise_header

# Quantities are kept to two decimals, enough for hours (18.5) and loads (0.25).
CENTS = Decimal("0.01")

# Text that a spreadsheet would run as a formula. A leading apostrophe shields it in
# CSV; apostrophes before such a start are shielded too, so that every text survives.
_FORMULA_START = re.compile(r"'*[=+\-@]")

# Characters that neither PostgreSQL's text nor an .xlsx file can hold: the control
# characters below space other than tab, line feed and carriage return (XML 1.0 allows
# no others; PostgreSQL refuses NUL), and lone UTF-16 surrogates (no valid UTF-8). SQLite
# would store them, so the cell is refused on every database alike: see docs/workbook.md.
_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")

_TRUE = frozenset({YES, "j", "yes", "y", "true", "sand", "1"})
_FALSE = frozenset({NO, "n", "no", "false", "falsk", "0"})

_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_DANISH_DATE = re.compile(r"(\d{1,2})[-./](\d{1,2})[-./](\d{4})")
_WHOLE = re.compile(r"[+-]?\d+(?:[.,]0*)?")


class CellError(ValueError):
    """A cell's value is not what its column expects; `expected` says what is."""

    def __init__(self, expected: str) -> None:
        super().__init__(expected)
        self.expected = expected


def is_blank(raw: object) -> bool:
    """Return whether a cell counts as empty (nothing, or only spaces)."""
    return raw is None or (isinstance(raw, str) and not raw.strip())


def needs_formula_guard(text: str) -> bool:
    """Return whether a text would run as a formula if a spreadsheet opened it."""
    return _FORMULA_START.match(text) is not None


def guard_csv(text: str) -> str:
    """Return the text as written to CSV: with a leading apostrophe if it looks like a formula."""
    return "'" + text if needs_formula_guard(text) else text


def unguard_csv(text: str) -> str:
    """Return the text as meant: `guard_csv` undone."""
    if text.startswith("'") and needs_formula_guard(text[1:]):
        return text[1:]
    return text


def display(raw: object) -> str:
    """Return a cell's value as text for a message."""
    if isinstance(raw, bool):
        return YES if raw else NO
    if isinstance(raw, datetime):
        return raw.date().isoformat() if raw.time() == datetime.min.time() else raw.isoformat()
    if isinstance(raw, date):
        return raw.isoformat()
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw).strip()


def to_text(raw: object) -> str:
    """Return a text cell: stripped; a whole number typed into it loses its '.0'.

    Raises CellError for a character that cannot be stored (see `check_storable`).
    """
    if raw.__class__ is str:
        text = raw.strip()
        if not text.isprintable():  # the quick test; most text passes it
            check_storable(text)
        return text
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, bool | date):
        return display(raw)
    return str(raw).strip()


def check_storable(text: str) -> None:
    """Raise CellError naming the first character of the text that cannot be stored."""
    found = _UNSTORABLE.search(text)
    if found is None:
        return
    raise CellError(
        gettext(
            "text without control characters; the cell holds the control character "
            "%(char)s at character %(position)s, which cannot be stored (Excel's function "
            "RENS, CLEAN in English, removes such characters)"
        )
        % {"char": f"U+{ord(found.group()):04X}", "position": found.start() + 1}
    )


def _not_whole() -> CellError:
    return CellError(gettext("a whole number"))


def to_int(raw: object) -> int:
    """Return a whole number: 183, '183' and 183.0 are accepted, 183.5 is not."""
    if raw.__class__ is float and raw.is_integer():  # how an .xlsx file's numbers come
        return int(raw)
    if raw.__class__ is int:
        return raw
    if raw.__class__ is str:
        text = raw.strip()
        if text.isascii() and text.isdigit():
            return int(text)
        if _WHOLE.fullmatch(text):
            return int(re.split("[.,]", text)[0])
        raise _not_whole()
    if isinstance(raw, bool):
        raise _not_whole()
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    if isinstance(raw, Decimal) and raw.is_finite() and raw == raw.to_integral_value():
        return int(raw)
    raise _not_whole()


def _not_a_number() -> CellError:
    return CellError(gettext("a number, e.g. 18.5 or 18,5"))


def to_decimal(raw: object) -> Decimal:
    """Return a number with two decimals; decimal comma or point."""
    if isinstance(raw, bool):
        raise _not_a_number()
    if isinstance(raw, int):
        number = Decimal(raw)
    elif isinstance(raw, float):
        number = Decimal(repr(raw))
    elif isinstance(raw, Decimal):
        number = raw
    else:
        text = str(raw).strip().replace(" ", "")
        if "," in text:
            if "." in text or text.count(",") > 1:
                raise _not_a_number()
            text = text.replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise _not_a_number() from None
    if not number.is_finite():
        raise _not_a_number()
    try:
        return number.quantize(CENTS, rounding=ROUND_HALF_UP)
    except InvalidOperation:
        raise _not_a_number() from None


def _not_a_date() -> CellError:
    return CellError(gettext("a date, e.g. 2021-05-31 or 31-05-2021"))


def to_date(raw: object) -> date:
    """Return a date: a date cell, or text YYYY-MM-DD, DD-MM-YYYY, DD.MM.YYYY or DD/MM/YYYY."""
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    if not isinstance(raw, str):
        raise _not_a_date()
    text = raw.strip()
    if match := _ISO_DATE.fullmatch(text):
        year, month, day = match.groups()
    elif match := _DANISH_DATE.fullmatch(text):
        day, month, year = match.groups()
    else:
        raise _not_a_date()
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        raise _not_a_date() from None


def to_bool(raw: object) -> bool:
    """Return a yes/no cell: 'ja'/'nej', also yes/no, true/false, 1/0."""
    if isinstance(raw, bool):
        return raw
    text = display(raw).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CellError(gettext("'ja' or 'nej'"))


def to_choice(raw: object, choices: tuple[str, ...]) -> str:
    """Return one of the choices; case, æøå and spaces as people type them."""
    if raw in choices:
        return raw
    text = normalise_header(display(raw))
    if text in choices:
        return text
    raise CellError(gettext("one of %(choices)s") % {"choices": ", ".join(choices)})


def to_tags(raw: object) -> tuple[str, ...]:
    """Return the ';'-separated tags of a cell, stripped, empty ones left out."""
    return tuple(tag for tag in (part.strip() for part in to_text(raw).split(";")) if tag)


_CODE_SEPARATORS = re.compile(r"[;,]")


def to_codes(raw: object) -> tuple[int, ...]:
    """Return the whole numbers of a cell, separated by ';' or ',': '187;175', '187, 175', 187.

    Each number is kept once, in the order given; empty parts are left out.
    """
    if not isinstance(raw, str):
        try:
            return (to_int(raw),)
        except CellError:
            raise _not_codes() from None
    codes: list[int] = []
    for part in _CODE_SEPARATORS.split(raw):
        text = part.strip()
        if not text:
            continue
        if not (text.isascii() and text.isdigit()):
            raise _not_codes()
        if int(text) not in codes:
            codes.append(int(text))
    return tuple(codes)


def _not_codes() -> CellError:
    return CellError(gettext("whole numbers separated by ';', e.g. 187;175"))


def reader(column: Column) -> Callable[[object], object]:
    """Return the function that types a non-blank cell of the column (not CPR), range included."""
    kind = column.kind
    read: Callable[[object], object]
    if kind is CellKind.TEXT:
        read = _at_most(column.max_chars, to_text)
    elif kind is CellKind.INT:
        read = to_int
    elif kind is CellKind.DECIMAL:
        read = to_decimal
    elif kind is CellKind.DATE:
        read = to_date
    elif kind is CellKind.BOOL:
        read = to_bool
    elif kind is CellKind.CHOICE:
        choices = column.choices
        read = lambda raw: to_choice(raw, choices)  # noqa: E731
    elif kind is CellKind.TAGS:
        read = _at_most(column.max_chars, to_tags)
    elif kind is CellKind.CODES:
        read = to_codes
    else:
        raise ValueError(f"no reader for {kind}")
    low, high = column.minimum, column.maximum
    if low is None and high is None:
        return read

    def read_in_range(raw: object) -> object:
        value = cast(Decimal, read(raw))  # an int or a Decimal: the kinds with a range
        if (low is not None and value < low) or (high is not None and value > high):
            raise CellError(out_of_range(low, high))
        return value

    return read_in_range


def _at_most(limit: int, read: Callable[[object], object]) -> Callable[[object], object]:
    """Return `read`, refusing a cell of more than `limit` characters before it is read."""

    def read_at_most(raw: object) -> object:
        if isinstance(raw, str) and len(raw) > limit and len(raw.strip()) > limit:
            raise CellError(
                gettext("at most %(limit)s characters; the cell holds %(count)s")
                % {"limit": limit, "count": len(raw.strip())}
            )
        return read(raw)

    return read_at_most


def parse(column: Column, raw: object) -> object:
    """Return the typed value of a non-blank cell of a column (not CPR), range included."""
    return reader(column)(raw)


def out_of_range(low: Decimal | None, high: Decimal | None) -> str:
    """Return what a number outside the bounds was expected to be."""
    if low is not None and high is not None:
        return gettext("a number from %(low)s to %(high)s") % {"low": low, "high": high}
    if low is not None:
        return gettext("a number of at least %(low)s") % {"low": low}
    return gettext("a number of at most %(high)s") % {"high": high}
