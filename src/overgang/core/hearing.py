"""Which decisions need a hearing (partshøring) before they are final.

An employee is heard before a decision that does not fully meet the wish they stated
(LEGAL-NOTES §1.4: "medmindre den ansattes ønsker er fuldt ud imødekommet"): placed
against their wish, or in a municipality they said they can accept but did not wish
(DESIGN: a wish not met), or fixed by hand elsewhere than they wished. An employee who
was never interviewed stated no wish; the interview follow-up comes first for them.
"""

from __future__ import annotations

from overgang.core.planning.explain import EmployeeReason
from overgang.core.planning.plan import Reason

# Reasons of decisions that do not meet the wish the plan knew of.
WISH_NOT_MET = frozenset({EmployeeReason.AGAINST_WISH, EmployeeReason.ACCEPTABLE})


def needs_hearing(reason: Reason) -> bool:
    """Return whether a decision with this reason does not meet the employee's stated wish."""
    if reason.code in WISH_NOT_MET:
        interviewed = reason.get("interviewed")
        return interviewed is None or bool(interviewed)
    if reason.code == EmployeeReason.FIXED:
        wish = reason.get("wish")
        return wish is not None and int(wish) != int(reason.get("municipality") or 0)
    return False
