"""A plan made by several workers: one job per profession, the plan assembled from them.

`plan_distributed` reads the data set once (under its lock), queues one part job per
profession (`JobKind.PLAN_PART`), and while any is queued runs one itself, so that it
never waits for a worker that is not there: with one worker the parts run one after the
other, with more (on this machine or others sharing the database) side by side. Each
part has its profession's share of the time limit (`part_time_limits`), so that one
worker takes about the plan's time limit and k workers about a k-th of it. A part refuses
to plan if the data set changed meanwhile (its input hash). A worker process reads the data
set once for all the parts it runs (`_prepared_for`): the plan's own process not at all
again, another process at its first part. Once every part is done the plan is assembled
(core.planning.distribute) and stored like any other plan.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _

from overgang.core.planning.distribute import (
    assemble,
    part_as_dict,
    part_from_dict,
    part_time_limits,
    plan_profession,
)
from overgang.core.planning.fixes import blocking, fix_conflicts
from overgang.core.planning.policy import policy_as_dict
from overgang.core.planning.search import FixConflictError
from overgang.web.audit.actors import Actor
from overgang.web.jobs import runner
from overgang.web.jobs.models import FINISHED, Job, JobKind, JobState
from overgang.web.jobs.runner import execute_job
from overgang.web.jobs.services import cancel_job, start_job
from overgang.web.planning.freshness import data_version
from overgang.web.planning.services import (
    PlanningUnavailable,
    PlanRun,
    PreparedPlan,
    fixes_cannot_hold,
    plan_policy,
    prepare_plan,
    store_plan,
)

Progress = Callable[[str, int, int], None]
WAIT_SECONDS = 0.5


def plan_distributed(
    *,
    params: dict[str, Any],
    by: Actor,
    language: str,
    progress: Progress | None = None,
    parent: Job | None = None,
) -> PlanRun:
    """Plan in parts, one job per profession; store and return the assembled plan.

    `params`: scenario, time_limit, from_plan, leaders_only, deterministic (as a plan job's).
    """
    started = time.perf_counter()
    state = _state(params)  # before reading: a change meanwhile makes the parts read again
    prepared = prepare_plan(**_plan_params(params))
    _remember(state, prepared)
    problem, policy = prepared.problem, prepared.policy
    conflicts = blocking(fix_conflicts(problem, policy))
    if conflicts:
        raise fixes_cannot_hold(problem, FixConflictError(conflicts))
    professions = problem.professions()
    seconds = part_time_limits(problem, policy)
    parts = [
        start_job(
            kind=JobKind.PLAN_PART,
            params={
                **_plan_params(params),
                "profession": profession,
                "part_seconds": seconds[profession],
                "input_hash": prepared.fingerprint,
                "parent": str(parent.pk) if parent is not None else "",
            },
            by=by,
            language=language,
        )
        for profession in professions
    ]
    ids = [job.pk for job in parts]
    try:
        while True:
            jobs = list(Job.objects.filter(pk__in=ids))
            ended = [job for job in jobs if job.state in FINISHED]
            if progress:
                progress(_("professions"), len(ended), len(ids))
            failed = [job for job in ended if job.state != JobState.DONE]
            if failed:
                raise PlanningUnavailable(
                    _("the part for %(profession)s ended %(state)s: %(error)s")
                    % {
                        "profession": failed[0].params["profession"],
                        "state": failed[0].get_state_display().lower(),
                        "error": failed[0].error or "-",
                    }
                )
            if len(ended) == len(ids):
                break
            queued = next((job for job in jobs if job.state == JobState.QUEUED), None)
            if queued is not None:
                execute_job.call(str(queued.pk))  # no worker took it yet: run it here
            else:
                time.sleep(WAIT_SECONDS)
    except BaseException:
        for job in Job.objects.filter(pk__in=ids).exclude(state__in=FINISHED):
            cancel_job(job=job, by=by)
        raise
    by_profession = {job.params["profession"]: job for job in jobs}
    plan_parts = [part_from_dict(by_profession[p].result["part"]) for p in professions]
    result = assemble(problem, policy, plan_parts, started)
    stored = store_plan(result, prepared, scenario=params.get("scenario") or None, by=by)
    return PlanRun(stored=stored, plan=result, problem=problem)


def plan_part(params: dict[str, Any], progress: Progress) -> dict[str, Any]:
    """One profession's plan, as the part job's result."""
    prepared = _prepared_for(params)
    part = plan_profession(
        prepared.problem,
        prepared.policy,
        params["profession"],
        progress,
        seconds=params.get("part_seconds"),
    )
    return {"part": part_as_dict(part)}


def _run_distributed(job: Job, by: Actor, progress: Progress) -> dict[str, Any]:
    run = plan_distributed(
        params=job.params, by=by, language=job.language, progress=progress, parent=job
    )
    return {"plan_id": int(run.stored.pk)}


def _run_part(job: Job, by: Actor, progress: Progress) -> dict[str, Any]:
    return plan_part(job.params, progress)


runner.register(runner.DISTRIBUTED_PLAN, _run_distributed)
runner.register(JobKind.PLAN_PART, _run_part)


# The problem last read in this process, with the state it was read in: a plan's parts
# share it. One at a time: at scale 100 it is a few hundred MB.
_last: dict[str, Any] = {}
_last_lock = threading.Lock()


def _state(params: dict[str, Any]) -> tuple[Any, ...]:
    """What a prepared plan was read from, cheaply: the data set's version (imports and
    interviews, web/planning/freshness.py), the settings with the fixes in force, the plan
    re-planned from. Equal states read equal problems; checked before each reuse."""
    plan = _plan_params(params)
    policy = plan_policy(
        plan["scenario"], plan["time_limit"], plan["leaders_only"], plan["deterministic"]
    )
    settings = json.dumps(policy_as_dict(policy), sort_keys=True, default=str)
    return (data_version(), settings, plan["from_plan"])


def _remember(state: tuple[Any, ...], prepared: PreparedPlan) -> None:
    with _last_lock:
        _last.clear()
        _last.update(state=state, prepared=prepared)


def _prepared_for(params: dict[str, Any]) -> PreparedPlan:
    """The plan's problem as its parts need it: the one read already in this process while
    nothing has changed, else read again; refused if it is not what the plan was started on."""
    state = _state(params)
    with _last_lock:
        known = _last.get("prepared") if _last.get("state") == state else None
    if known is not None and known.fingerprint == params["input_hash"]:
        return known  # type: ignore[no-any-return]
    prepared = prepare_plan(**_plan_params(params))
    if prepared.fingerprint != params["input_hash"]:
        raise PlanningUnavailable(
            _("the data set changed after the plan was started; start the plan again")
        )
    _remember(state, prepared)
    return prepared


def _plan_params(params: dict[str, Any]) -> dict[str, Any]:
    return {
        "scenario": params.get("scenario") or None,
        "time_limit": float(params["time_limit"]),
        "from_plan": params.get("from_plan"),
        "leaders_only": bool(params.get("leaders_only")),
        "deterministic": params.get("deterministic"),
    }
