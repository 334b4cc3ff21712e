"""The records of what HovedMED asked about (`reports.sections_concerns.StaffConcerns`), for a plan.

One loader for the committees' page and the status report: the plan's figures on
wishes, the hearings, the competences at risk counted by profession, the workload
per FTE and the attrition simulation (`planning.attrition_summary`). Aggregates
only: nothing here names a person or a competence.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.core.cache import cache

from overgang.core.planning.policy import policy_from_dict
from overgang.core.robustness.counts import NAMING_THRESHOLD, CompetenceCount, competence_counts
from overgang.core.workload import workload_per_fte
from overgang.reports.sections_concerns import StaffConcerns
from overgang.web.dataset.store import current_batch
from overgang.web.planning.attrition_summary import (
    CACHE_SECONDS,
    attrition_for_committee,
    compute_attrition_summary,
    stored_attrition_summary,
)
from overgang.web.planning.models import StoredPlan
from overgang.web.planning.services import PlanningUnavailable, load_problem
from overgang.web.process.models import Hearing


def _wishes(metrics: dict[str, Any]) -> tuple[int, int, int]:
    rows = metrics.get("employees", [])
    met = sum(int(r["bliver_efter_oenske"]) + int(r["flyttet_efter_oenske"]) for r in rows)
    return (
        met,
        sum(int(r["oenske_ikke_opfyldt"]) for r in rows),
        sum(int(r["uden_oenske"]) for r in rows),
    )


def _staff_after_split(
    plan: StoredPlan,
) -> tuple[tuple[CompetenceCount, ...], Counter[tuple[int, str]]]:
    """The competences at risk and the head count per municipality and profession under the
    plan; kept in the cache by plan and data set (building the problem takes most of a second)."""
    batch = current_batch()
    key = f"overgang:concerns:{plan.pk}:{plan.input_hash}:{batch.pk if batch else 0}"
    found = cache.get(key)
    if found is not None:
        return found  # type: ignore[no-any-return]
    decided = dict(plan.employee_decisions.values_list("employee_id", "municipality"))
    try:
        problem = load_problem(policy_from_dict(plan.settings))
    except PlanningUnavailable:
        return (), Counter()
    employer = {s.id: decided.get(s.id, problem.host) for s in problem.staff}
    result = (
        competence_counts(problem, employer),
        Counter((employer[s.id], s.employee.profession) for s in problem.staff),
    )
    cache.set(key, result, CACHE_SECONDS)
    return result


def load_concerns(plan: StoredPlan, *, wait_for_attrition: bool = False) -> StaffConcerns:
    """The figures on HovedMED's concerns for the plan.

    The attrition simulation is taken as stored; a page starts it in the background
    (`wait_for_attrition=False`), a report computes it when missing.
    """
    labels = plan.labels or {}
    municipalities = {int(k): v for k, v in labels.get("kommuner", {}).items()}
    professions = dict(labels.get("faggrupper", {}))
    met, not_met, no_preference = _wishes(plan.metrics or {})
    hearings = Hearing.objects.filter(decision__plan=plan)
    competences, heads = _staff_after_split(plan)
    workload = workload_per_fte((plan.metrics or {}).get("capacity", []), heads)
    if wait_for_attrition:
        attrition = stored_attrition_summary(plan) or compute_attrition_summary(plan)
        state = "ready" if attrition else "unavailable"
    else:
        state, attrition = attrition_for_committee(plan)
    return StaffConcerns(
        municipalities=municipalities,
        professions=professions,
        plan_id=plan.pk,
        wishes_met=met,
        wishes_not_met=not_met,
        no_preference=no_preference,
        in_hearing=hearings.filter(final_issued_on__isnull=True).count(),
        hearings=hearings.count(),
        competences=competences,
        competence_threshold=NAMING_THRESHOLD,
        workload=workload,
        attrition=attrition,
        attrition_state=state,
    )
