"""What a worker does with a job: run its kind's work, keep its progress and heartbeat, end it.

`execute_job` is the django-tasks task a worker (`overgang worker`) takes from the queue.
The work runs in the worker's main thread; a second thread writes the heartbeat every
HEARTBEAT_SECONDS, so that a job whose worker dies is noticed (`services.fail_stale_jobs`).
The progress, and whether cancellation was asked for, are written and read between the
work's steps (for a plan: between professions), so a running job stops at its next step.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Callable
from typing import Any

from django.db import DatabaseError, connection, transaction
from django.http import HttpRequest
from django.utils import timezone, translation

from overgang.web.audit.actors import Actor, SystemActor
from overgang.web.audit.context import current_request
from overgang.web.audit.log import record
from overgang.web.audit.models import Action
from overgang.web.jobs.models import Job, JobKind, JobState

try:  # Django 6's own tasks framework, else its backport
    from django.tasks import task  # type: ignore[import-not-found,unused-ignore]
except ImportError:
    from django_tasks import task

logger = logging.getLogger("overgang.jobs")

HEARTBEAT_SECONDS = 5.0
PROGRESS_SECONDS = 0.5  # the least time between two progress writes
# Set by `overgang worker`: a job run there writes its heartbeat from a second thread. A job
# run in the caller's own thread and transaction (the tests) has no worker to die.
heartbeat_enabled = False


class JobCancelled(Exception):
    """Raised inside the work at its next step once cancellation is asked for."""


Progress = Callable[[str, int, int], None]


Work = Callable[[Job, Actor, Progress], dict[str, Any]]


def _plan(job: Job, by: Actor, progress: Progress) -> dict[str, Any]:
    params = job.params
    if params.get("distribute"):
        return WORK[DISTRIBUTED_PLAN](job, by, progress)
    from overgang.web.planning.services import run_plan

    run = run_plan(
        scenario=params.get("scenario") or None,
        time_limit=float(params["time_limit"]),
        by=by,
        progress=progress,
        from_plan=params.get("from_plan"),
        leaders_only=bool(params.get("leaders_only")),
    )
    return {"plan_id": int(run.stored.pk)}


def _analysis(job: Job, by: Actor, progress: Progress) -> dict[str, Any]:
    from overgang.web.planning.analysis import analyse_stored_plan
    from overgang.web.planning.models import StoredPlan

    plan = StoredPlan.objects.get(pk=job.params["plan_id"])
    analyse_stored_plan(stored=plan, progress=progress)
    return {"plan_id": int(plan.pk)}


# The work of each kind of job. distributed.py adds its two (a plan made in parts, and one
# part), registered as the jobs app starts: it queues jobs and runs them, so this module,
# which the queueing imports, does not import it.
DISTRIBUTED_PLAN = "plan:distributed"
WORK: dict[str, Work] = {JobKind.PLAN: _plan, JobKind.ANALYSIS: _analysis}


def register(kind: str, work: Work) -> None:
    WORK[kind] = work


def _worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _claim(job_id: str) -> Job | None:
    """Mark the job running, unless it was cancelled (or taken) meanwhile."""
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.state != JobState.QUEUED:
            return None
        now = timezone.now()
        job.state, job.started_at, job.heartbeat_at = JobState.RUNNING, now, now
        job.worker = _worker_name()
        job.save(update_fields=["state", "started_at", "heartbeat_at", "worker"])
        return job


def _beat(job_id: Any, stop: threading.Event) -> None:
    try:
        while not stop.wait(HEARTBEAT_SECONDS):
            try:
                Job.objects.filter(pk=job_id, state=JobState.RUNNING).update(
                    heartbeat_at=timezone.now()
                )
            except DatabaseError:  # busy for longer than the busy timeout: try at the next beat
                logger.warning("heartbeat not written", extra={"job": str(job_id)})
    finally:
        connection.close()


def _progress(job: Job) -> Progress:
    last = [0.0]

    def report(step: str, done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] < PROGRESS_SECONDS and done < total:
            return
        last[0] = now
        Job.objects.filter(pk=job.pk).update(step=step[:100], done=done, total=total)
        if Job.objects.filter(pk=job.pk, cancel_requested=True).exists():
            raise JobCancelled

    return report


def _actor(job: Job) -> Actor:
    """Who the work is done for: the user who started it, or the command line's name."""
    if job.started_by is not None:
        return job.started_by
    return SystemActor(job.started_by_name.removeprefix("cli:"))


def _as_started(job: Job, by: Actor) -> HttpRequest:
    """A stand-in for the request the job was started from, so that the audit entries of
    its work name that address, as a write made on the page itself would."""
    request = HttpRequest()
    request.META["REMOTE_ADDR"] = job.remote_addr
    request.user = by  # type: ignore[assignment]
    return request


def _end(job: Job, state: JobState, **fields: Any) -> None:
    with transaction.atomic():
        Job.objects.filter(pk=job.pk).update(state=state, finished_at=timezone.now(), **fields)
        job.refresh_from_db()
        record(_actor(job), Action.UPDATE, job, detail={"state": str(state), **job.result})
    logger.info(
        "job",
        extra={
            "job": str(job.pk),
            "kind": job.kind,
            "user": job.started_by_name,
            "outcome": str(state),
            "duration_ms": round(
                (
                    (job.finished_at or timezone.now()) - (job.started_at or job.created_at)
                ).total_seconds()
                * 1000,
                1,
            ),
            "worker": job.worker,
        },
    )


@task()
def execute_job(job_id: str) -> None:
    """Run the job `job_id` to its end: done with its result, failed with its message, or
    cancelled. A job already cancelled or taken is left alone."""
    from overgang.web.planning.services import FixesCannotHold

    job = _claim(job_id)
    if job is None:
        return
    by = _actor(job)
    stop = threading.Event()
    beating = threading.Thread(target=_beat, args=(job.pk, stop), daemon=True)
    if heartbeat_enabled:
        beating.start()
    token = current_request.set(_as_started(job, by))
    try:
        with translation.override(job.language):
            result = WORK[job.kind](job, by, _progress(job))
        _end(job, JobState.DONE, result=result)
    except JobCancelled:
        _end(job, JobState.CANCELLED)
    except FixesCannotHold as conflict:  # each conflict named on the progress page
        _end(job, JobState.FAILED, error=conflict.headline, details=list(conflict.lines))
    except Exception as failure:  # shown to the user on the progress page
        logger.exception("job failed", extra={"job": str(job.pk)})
        _end(job, JobState.FAILED, error=str(failure) or type(failure).__name__)
    finally:
        current_request.reset(token)
        stop.set()
        if beating.is_alive():
            # A beat waiting for a busy database is not waited for: the job has ended.
            beating.join(timeout=HEARTBEAT_SECONDS)
