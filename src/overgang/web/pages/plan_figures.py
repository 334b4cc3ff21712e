"""A stored plan's figures as its page shows them, kept rather than worked out per request.

A stored plan never changes (`StoredPlan.save` refuses to), nor does its analysis once
stored (teams and robustness, added by a job after the plan and refusing changes too).
The figures the plan's page and the comparison show are drawn from these alone, in the
user's language, with small counts hidden from committees; so they are kept in Django's
cache under what can differ: each plan's id and inputs' hash (a database restored from a
backup may give an id to another plan), whether its analysis is stored yet, the language,
and whether the user sees exact or suppressed counts. What can change about a plan, its
approval, notifications, hearings, fixes and whether the data have changed since (stale),
is not in them and is read per request.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.core.cache import cache
from django.utils.translation import get_language

from overgang.web.pages.figures import aggregate_only
from overgang.web.planning.models import PlanAnalysis, StoredPlan

# Kept until the cache drops them; the key names all they are made from.
CACHE_SECONDS = 24 * 3600


def plan_figures_key(plans: Sequence[StoredPlan], user: Any) -> str:
    """The cache key of these plans' figures as this user sees them."""
    analysed = dict(
        PlanAnalysis.objects.filter(plan__in=[p.pk for p in plans]).values_list("plan_id", "pk")
    )
    made = ",".join(f"{p.pk}.{p.input_hash}.{analysed.get(p.pk, 0)}" for p in plans)
    seen = "aggregate" if aggregate_only(user) else "exact"
    return f"overgang:plan-figures:{made}:{seen}:{get_language()}"


def kept_plan_figures(
    plans: Sequence[StoredPlan], user: Any, draw: Callable[[], dict[str, Any]]
) -> dict[str, Any]:
    """What `draw` makes of these plans' figures for this user, kept under what it depends on."""
    key = plan_figures_key(plans, user)
    drawn = cache.get(key)
    if drawn is None:
        drawn = draw()
        cache.set(key, drawn, CACHE_SECONDS)
    return drawn  # type: ignore[no-any-return]
