"""CPR numbers in a workbook: validated, kept only as a keyed hash, shown only masked.

The hash is HMAC-SHA256 under the installation's key (`OVERGANG_CPR_KEY`), over the
ten digits without hyphen. The same number gives the same hash under the same key,
so citizens can be matched with the case system; without the key the hash cannot
be turned back into a number, even though there are only a few million of them.
"""

from __future__ import annotations

import hashlib
import hmac
import re

from django.utils.translation import gettext

from overgang.core.cpr import is_valid_cpr, normalise_cpr
from overgang.io.cells import CellError

_HEX_DIGEST = re.compile(r"[0-9a-f]{64}")
_TEN_DIGITS = re.compile(r"\d{10}")


def hash_cpr(digits: str, key: bytes) -> str:
    """Return the keyed hash (64 hex characters) of a CPR number's ten digits."""
    return hmac.new(key, digits.encode("ascii"), hashlib.sha256).hexdigest()


def mask_cpr(raw: object) -> str:
    """Return a CPR number as it may be shown: the birth date, the rest as stars."""
    text = normalise_cpr(str(raw))
    if len(text) >= 6 and text[:6].isdigit():
        return text[:6] + "-****"
    return "*" * len(text)


def cpr_digits(raw: object) -> str:
    """Return the ten digits of a valid CPR number, or raise CellError.

    A number whose leading zero a spreadsheet dropped (101901234 for 0101901234)
    gets it back. Numbers that fail the old modulus-11 check are valid.
    """
    if isinstance(raw, int) and not isinstance(raw, bool):
        text = str(raw).zfill(10)
    elif isinstance(raw, float) and raw.is_integer():
        text = str(int(raw)).zfill(10)
    else:
        text = normalise_cpr(str(raw))
    if not _TEN_DIGITS.fullmatch(text):
        raise CellError(gettext("a CPR number of ten digits, e.g. 010203-1234"))
    if not is_valid_cpr(text):
        raise CellError(gettext("a CPR number whose first seven digits give a real date of birth"))
    return text


def cpr_key_of(raw: object) -> str:
    """Return a `cpr_noegle` cell's hash in lower case, or raise CellError."""
    text = str(raw).strip().lower()
    if not _HEX_DIGEST.fullmatch(text):
        raise CellError(gettext("a CPR key of 64 characters 0-9 and a-f, as written by an export"))
    return text
