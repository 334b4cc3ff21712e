"""The cases' history: how often each child's contact person has changed in the last 24 months.

The case system's `tidligere_skift`. Only in-house cases with a contact person today have
one; a case no older than a year has had at most one change. Drawn from its own random
stream, after everything else, so that adding it moved nothing else of the data set.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import timedelta

from overgang.core.domain import Case, Delivery
from overgang.demo import calibration as cal
from overgang.demo.quotas import exact_quota

_YOUNG = timedelta(days=365)


def add_earlier_changes(rng: random.Random, cases: tuple[Case, ...]) -> tuple[Case, ...]:
    """Return the cases with their earlier changes of contact person, in the same order."""
    staffed = [
        i
        for i, case in enumerate(cases)
        if case.delivery is Delivery.IN_HOUSE and case.contact_person is not None
    ]
    changes = dict(zip(staffed, exact_quota(rng, len(staffed), cal.EARLIER_CHANGES), strict=True))
    out = list(cases)
    for i, count in changes.items():
        started = cases[i].started_on
        if started is not None and cal.REFERENCE_DATE - started <= _YOUNG:
            count = min(count, 1)
        if count:
            out[i] = replace(cases[i], earlier_changes=count)
    return tuple(out)
