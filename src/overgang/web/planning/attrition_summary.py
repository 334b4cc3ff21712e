"""The attrition simulation for the committees: seeded, bounded, computed once per plan and data.

The command line's `overgang simulate` runs as many draws as asked and may re-plan
each with the solver; the committees' page cannot wait for that. Their figures come
from a fixed simulation: COMMITTEE_RUNS draws with the seed COMMITTEE_SEED and the
command's default rates, from the month after the transition's today until the
effective date, the leavers' cases handed on within the plan (no solver). It takes
a few seconds on the demo's 160 employees, so a page never computes it: it asks
`attrition_for_committee(plan)`, which gives the stored summary or starts one
computation in a background thread and gives None ("being computed") meanwhile.
The summary is kept in Django's cache by plan and data set, so a new import or a
new plan computes it anew; the status report computes it when it is not there.
"""

from __future__ import annotations

import threading
from datetime import date

from django.core.cache import cache
from django.db import close_old_connections, connection

from overgang.core.attrition import add_months, first_of_month, months_between, simulate_attrition
from overgang.core.attrition.summary import AttritionSummary, summarise
from overgang.web.audit.actors import SystemActor
from overgang.web.dataset.store import current_batch
from overgang.web.planning.attrition import simulation_base
from overgang.web.planning.models import StoredPlan
from overgang.web.planning.services import PlanningUnavailable
from overgang.web.process.clock import today

COMMITTEE_RUNS = 100  # enough for stable 10th and 90th percentiles; ~6 s on the demo data
COMMITTEE_SEED = 2021
MONTHLY_RATE = 0.01  # as `overgang simulate`'s defaults
AGAINST_WISH_RATE = 0.05
# Kept until the plan or the data change (the key names both); a day at most, to be safe.
CACHE_SECONDS = 24 * 3600

UNAVAILABLE = "unavailable"  # cached where there is nothing to simulate

_running: set[str] = set()
_lock = threading.Lock()


def _key(plan: StoredPlan) -> str:
    batch = current_batch()
    return f"overgang:attrition:{plan.pk}:{plan.input_hash}:{batch.pk if batch else 0}"


def simulation_start(day: date) -> date:
    """The first month drawn: the month after the transition's today."""
    return add_months(first_of_month(day), 1)


def compute_attrition_summary(plan: StoredPlan) -> AttritionSummary | None:
    """Run the committees' simulation on the plan now, store and return its summary.

    None where there is nothing to simulate: the plan was made from other data, or
    no month is left before the effective date.
    """
    try:
        base = simulation_base(
            plan_id=plan.pk, scenario=None, time_limit=None, by=SystemActor("attrition")
        )
    except PlanningUnavailable:
        cache.set(_key(plan), UNAVAILABLE, CACHE_SECONDS)
        return None
    start = simulation_start(today())
    if months_between(start, base.policy.effective_date) == 0:
        cache.set(_key(plan), UNAVAILABLE, CACHE_SECONDS)
        return None
    simulation = simulate_attrition(
        base.dataset,
        base.policy,
        base.employer,
        base.contact,
        runs=COMMITTEE_RUNS,
        seed=COMMITTEE_SEED,
        monthly_rate=MONTHLY_RATE,
        against_wish_rate=AGAINST_WISH_RATE,
        start=start,
    )
    summary = summarise(simulation)
    cache.set(_key(plan), summary, CACHE_SECONDS)
    return summary


def stored_attrition_summary(plan: StoredPlan) -> AttritionSummary | None:
    """The summary computed for the plan and the data stored now, if it has been."""
    found = cache.get(_key(plan))
    return found if isinstance(found, AttritionSummary) else None


def attrition_for_committee(plan: StoredPlan) -> tuple[str, AttritionSummary | None]:
    """("ready", the summary); ("computing", None) while a background thread computes it,
    started here once; or ("unavailable", None) where there is nothing to simulate."""
    key = _key(plan)
    found = cache.get(key)
    if isinstance(found, AttritionSummary):
        return "ready", found
    if found == UNAVAILABLE:
        return UNAVAILABLE, None
    with _lock:
        if key in _running:
            return "computing", None
        _running.add(key)

    def work() -> None:
        close_old_connections()
        try:
            compute_attrition_summary(plan)
        finally:
            with _lock:
                _running.discard(key)
            connection.close()

    threading.Thread(target=work, name=f"attrition-{plan.pk}", daemon=True).start()
    return "computing", None
