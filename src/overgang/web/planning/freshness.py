"""Whether a stored plan was made from the data stored now, or is stale.

A plan is stored against the data it was solved on: the SHA-256 of its inputs, the data
set and the settings, taken before solving (`services.run_plan`). When the data change
meanwhile (an import, an interview recorded), the plan stays as it was made and is marked
stale on its page and in `overgang show-plan`: it plans for data that are no longer there.
"""

from __future__ import annotations

import json
import threading
from typing import Any

from django.db.models import Count, Max, Sum

from overgang.core.planning.fingerprint import (
    HashBeforeInterviews,
    hash_before_interviews,
    hashed_settings,
)
from overgang.core.planning.policy import policy_from_dict
from overgang.core.planning.problem import build_problem
from overgang.web.dataset.models import Interview
from overgang.web.dataset.store import current_batch, load_dataset, load_interviews
from overgang.web.planning.models import StoredPlan
from overgang.web.planning.selectors import approved_plan, latest_plan

# The data set changes only by an import (a new batch) and by interviews recorded or
# changed in Overgang; `data_version` names both, so that the hash of the data stored now
# is computed once per version and settings, not on every page (4 s at scale 10).
# A new way to change the data set must change `data_version` too.
_known: dict[tuple[Any, ...], str] = {}
_known_lock = threading.Lock()
_KNOWN_MAX = 64
# Per import and settings: the hash taken up to the interviews (a few hundred bytes).
_before_interviews: dict[tuple[Any, ...], HashBeforeInterviews] = {}


def _keep(cache: dict[tuple[Any, ...], Any], key: tuple[Any, ...], value: Any) -> None:
    """Keep `value` in one of this module's caches, emptied when it holds _KNOWN_MAX."""
    with _known_lock:
        if len(cache) >= _KNOWN_MAX:
            cache.clear()
        cache[key] = value


def data_version() -> tuple[Any, ...] | None:
    batch = current_batch()
    if batch is None:
        return None
    interviews = Interview.objects.aggregate(
        count=Count("pk"), last=Max("pk"), versions=Sum("version")
    )
    return (
        batch.pk,
        batch.imported_at.isoformat(),
        interviews["count"],
        interviews["last"],
        interviews["versions"],
    )


def current_input_hash(settings: dict[str, Any]) -> str | None:
    """The inputs' hash a plan with these settings would have if made from the data stored
    now; None while no data set is stored."""
    version = data_version()
    if version is None:
        return None
    policy = policy_from_dict(settings)
    # Keyed by the settings the hash covers: plans that differ only in their time limit
    # (the plans page's and the command line's) share one hash of the data.
    chosen = json.dumps(hashed_settings(policy), sort_keys=True, default=str)
    key = (*version, chosen)
    with _known_lock:
        known = _known.get(key)
    if known is not None:
        return known
    # Between two imports only the interviews change (one recorded every minute in the
    # interview weeks): the rest of the data set is read and hashed once per import and
    # settings, and each new version reads and hashes the interviews alone.
    import_key = (*version[:2], chosen)
    with _known_lock:
        taken = _before_interviews.get(import_key)
    if taken is None:
        taken = hash_before_interviews(build_problem(load_dataset(), policy).dataset, policy)
        _keep(_before_interviews, import_key, taken)
    digest = taken.finish(load_interviews())
    _keep(_known, key, digest)
    return digest


def is_stale(plan: StoredPlan) -> bool:
    """Whether the data stored now differ from those the plan was made from."""
    current = current_input_hash(plan.settings)
    return current is not None and current != plan.input_hash


def remember_current_plans() -> None:
    """Hash the data stored now for the current and the latest plan's settings, so that the
    hashes are kept before a server forks its processes, not worked out on each process's
    first plan page (a quarter of a second on the demo, seconds at scale 10)."""
    for plan in {p.pk: p for p in (approved_plan(), latest_plan()) if p is not None}.values():
        current_input_hash(plan.settings)
