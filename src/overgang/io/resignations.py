"""Resignation reasons as HR systems write them: any text, read into the project's categories.

HR systems name reasons in their own words ("Andet job", "Egen opsigelse", "Afsked",
"Pension", "pga. ophør af samarbejdet"). The reason that matters most to the
council and HovedMED is whether the employee leaves because of the dissolution,
so that wording is recognised in its many forms; the other categories where the
text is clear. Anything else is read as `andet` with a warning naming the cell —
a free-text reason is never a reason to refuse a workbook.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext

from overgang.core.domain import ResignationReason
from overgang.io.schema import normalise_header


@dataclass(frozen=True)
class Interpreted:
    """A cell read leniently: the value taken, and the warning that says how it was read."""

    value: object
    warning: str


# Words (æøå spelt ae/oe/aa, lower case) that mean each category; the first match wins,
# the dissolution first: "ophør - nyt job i kommunen" is a resignation due to the dissolution.
_WORDS: tuple[tuple[ResignationReason, tuple[str, ...]], ...] = (
    (
        ResignationReason.DISSOLUTION,
        ("ophoer", "ophor", "ophoor", "oploesning", "nedlaeg", "samarbejde", "overdragelse"),
    ),
    (ResignationReason.NEW_JOB, ("nyt job", "andet job", "nyt arbejde", "ny stilling", "job")),
    (ResignationReason.RETIREMENT, ("pension", "efterloen", "senior")),
)


def resignation_reason(raw: object) -> str | Interpreted:
    """The reason's category: a known code as it is, clear wording as its category, else
    `andet` with a warning."""
    text = normalise_header(str(raw))
    codes = {member.value for member in ResignationReason}
    if text in codes:
        return text
    words = re.sub(r"[^a-z0-9 ]+", " ", text)
    for reason, markers in _WORDS:
        if any(marker in words for marker in markers):
            return reason.value
    return Interpreted(
        ResignationReason.OTHER.value,
        gettext(
            "read as 'andet': the reason is not one Overgang recognises "
            "(ophoer for the dissolution, nyt_job, pension or andet)"
        ),
    )
