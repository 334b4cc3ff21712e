"""Use cases of a plan's reproduction: ask for one, make one, store what came back.

A stored plan is re-solved with its stored settings on the data stored now
(`reproduce.reproduce_plan_document`), and the outcome is kept beside the plan as a
`PlanReproduction`: the page, the API and the command line all go through these functions.
The re-solve takes as long as the plan did, so the page and the API ask a worker for it
(a job); the command line makes it at once. This module registers the job's work with
the runner as the planning app starts (the runner, which queueing imports, imports no use
case that queues).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from overgang.web.audit.actors import Actor, actor_name, user_of
from overgang.web.audit.log import record
from overgang.web.audit.models import Action
from overgang.web.jobs import runner
from overgang.web.jobs.models import Job, JobKind, JobState
from overgang.web.jobs.services import start_job
from overgang.web.planning.models import PlanReproduction, StoredPlan
from overgang.web.planning.reproduce import Reproduction, reproduce_plan_document
from overgang.web.planning.services import SEARCH_DETERMINISTIC, stored_plan_document


def made_deterministically(plan: StoredPlan) -> bool:
    """Whether the same plan is owed: made with the deterministic search, which ended on its
    own count of work rather than on the time limit's clock (docs/planning.md)."""
    return plan.search == SEARCH_DETERMINISTIC and not plan.stopped_on_clock


@transaction.atomic
def start_reproduction(*, plan: StoredPlan, by: Actor, language: str) -> Job:
    """Queue the re-solving of a stored plan for a worker; return the job to follow.

    The job's entry in the audit log (the job created, with the plan's id) is this
    use case's, written in its transaction. Where one is queued or running already, that
    one is returned and nothing is queued: the same settings on the same data twice.
    """
    under_way = reproduction_under_way(plan)
    if under_way is not None:
        return under_way
    return start_job(
        kind=JobKind.REPRODUCTION, params={"plan_id": plan.pk}, by=by, language=language
    )


def reproduction_under_way(plan: StoredPlan) -> Job | None:
    """The reproduction of the plan queued or running now, if any (the newest)."""
    return (
        Job.objects.filter(
            kind=JobKind.REPRODUCTION,
            params__plan_id=plan.pk,
            state__in=(JobState.QUEUED, JobState.RUNNING),
        )
        .order_by("-created_at")
        .first()
    )


def reproduce_stored_plan(
    *,
    plan: StoredPlan,
    by: Actor,
    asked_at: datetime | None = None,
    job: Job | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> PlanReproduction:
    """Re-solve a stored plan with its stored settings and store what came back.

    The re-solve runs outside any transaction (it takes as long as the plan did); its
    outcome is stored with its audit entry by `record_reproduction`.
    """
    asked_at = asked_at or timezone.now()
    started = time.perf_counter()
    outcome = reproduce_plan_document(stored_plan_document(plan), progress=progress)
    return record_reproduction(
        plan=plan,
        outcome=outcome,
        seconds=time.perf_counter() - started,
        asked_at=asked_at,
        job=job,
        by=by,
    )


@transaction.atomic
def record_reproduction(
    *,
    plan: StoredPlan,
    outcome: Reproduction,
    seconds: float,
    asked_at: datetime,
    job: Job | None = None,
    by: Actor,
) -> PlanReproduction:
    """Store a reproduction's outcome beside the plan, and its audit entry, together."""
    reproduction = PlanReproduction.objects.create(
        plan=plan,
        asked_by=user_of(by),
        asked_by_name=actor_name(by),
        asked_at=asked_at,
        job_id=job.pk if job is not None else None,
        deterministic=made_deterministically(plan),
        same_inputs=outcome.same_inputs,
        employees_differ=outcome.employees_differ,
        cases_differ=outcome.cases_differ,
        stated=str(outcome.stated),
        reproduced=str(outcome.reproduced),
        stated_value=float(outcome.stated),
        reproduced_value=float(outcome.reproduced),
        seconds=round(seconds, 3),
    )
    record(
        by,
        Action.CREATE,
        reproduction,
        object_type="planning.planreproduction",
        object_id=str(reproduction.pk),
        detail={
            "plan": plan.pk,
            "same": reproduction.same,
            "same_inputs": outcome.same_inputs,
            "employees_differ": outcome.employees_differ,
            "cases_differ": outcome.cases_differ,
        },
    )
    return reproduction


def latest_reproductions(plan: StoredPlan, count: int = 5) -> list[PlanReproduction]:
    """The plan's latest reproductions, newest first."""
    return list(PlanReproduction.objects.filter(plan=plan).order_by("-created_at", "-pk")[:count])


def _run_job(job: Job, by: Actor, progress: runner.Progress) -> dict[str, Any]:
    """A worker's work for a reproduction job: the plan re-solved, the outcome stored."""
    plan = StoredPlan.objects.get(pk=job.params["plan_id"])
    reproduction = reproduce_stored_plan(
        plan=plan, by=by, asked_at=job.created_at, job=job, progress=progress
    )
    return {
        "plan_id": int(plan.pk),
        "reproduction_id": int(reproduction.pk),
        "same": reproduction.same,
    }


runner.register(JobKind.REPRODUCTION, _run_job)
