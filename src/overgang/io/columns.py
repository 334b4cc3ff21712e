"""The building blocks of the workbook's format: kinds of cell, columns, sheets, text limits.

schema.py declares the transition workbook's sheets with them; fixed_sheet.py the
optional sheet of fixed decisions.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from django.utils.functional import Promise


class CellKind(StrEnum):
    TEXT = "text"
    INT = "int"
    DECIMAL = "decimal"
    DATE = "date"
    BOOL = "bool"  # ja / nej
    CHOICE = "choice"
    TAGS = "tags"  # ';'-separated
    CODES = "codes"  # whole numbers (municipality codes) separated by ';' or ','
    CPR = "cpr"


YES, NO = "ja", "nej"


# The most characters a text cell may hold: what the database column it is stored in
# holds (PostgreSQL refuses more; SQLite would store it), so that a too long value is an
# error naming its cell on either database. Free text stored without a limit may hold
# as much as one Excel cell can. tests/web/test_text_limits.py checks them against the models.
ID_CHARS = 50
CODE_CHARS = 20  # a profession's code
NAME_CHARS = 200
NAME_CHARS_SHORT = 100  # a municipality's name
TEXT_CHARS = 32_767  # Excel's own limit for one cell


@dataclass(frozen=True)
class Column:
    name: str
    kind: CellKind
    help: str | Promise  # translated when shown
    required: bool = False
    choices: tuple[str, ...] = ()
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    references: tuple[str, str] | None = None  # (sheet, column) the value must exist in
    width: int = 16
    max_chars: int = TEXT_CHARS  # the most characters a text cell may hold (TEXT, TAGS)


@dataclass(frozen=True)
class Sheet:
    name: str
    help: str | Promise  # translated when shown
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # columns whose values must be unique together
    required: bool = True

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(name)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)


_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", " ": "_", "-": "_"})


def normalise_header(text: str) -> str:
    """Return a header or sheet name in canonical form: lower case, æøå spelt ae/oe/aa."""
    return str(text).strip().lower().translate(_LETTERS)
