"""The jobs' use cases: start one, cancel one, fail those whose worker died.

Each is audited in its own transaction, like every write (STYLE.md). A job is put in the
queue (django-tasks' database backend) when the transaction that created it commits, so
a worker never picks up a job that does not exist yet.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from overgang.web.audit.actors import Actor, actor_name, user_of
from overgang.web.audit.context import current_request
from overgang.web.audit.log import record
from overgang.web.audit.models import Action
from overgang.web.jobs.models import Job, JobKind, JobState


class JobError(ValueError):
    """A job cannot be started or cancelled as asked; the message says why."""


def stale_after() -> timedelta:
    """How long a running job may go unheard of before it counts as dead."""
    return timedelta(seconds=settings.JOB_STALE_SECONDS)


@transaction.atomic
def start_job(*, kind: JobKind, params: dict[str, Any], by: Actor, language: str) -> Job:
    """Create the job, log it, and queue it for a worker once this transaction commits."""
    from overgang.web.jobs.runner import execute_job

    request = current_request.get()
    address = (request.META.get("REMOTE_ADDR", "") or "")[:45] if request is not None else ""
    job = Job.objects.create(
        kind=kind,
        params=params,
        started_by=user_of(by),
        started_by_name=actor_name(by),
        remote_addr=address,
        language=language,
    )
    record(by, Action.CREATE, job, detail={"kind": str(kind), **params})
    transaction.on_commit(lambda: execute_job.enqueue(str(job.pk)))
    return job


def find_job(job_id: str) -> Job | None:
    """The job as stored now (one whose worker died is failed first); None: no such job."""
    from django.core.exceptions import ValidationError

    from overgang.web.audit.actors import SystemActor

    try:
        job = Job.objects.filter(pk=job_id).first()
    except ValidationError:  # not a job's id at all
        return None
    if job is not None and not job.finished:
        fail_stale_jobs(by=SystemActor("jobs", channel="system"))
        job.refresh_from_db()
    return job


def may_cancel(job: Job, user: Any) -> bool:
    """The user who started the job, or the transition lead, may cancel it."""
    from overgang.web.access import can

    return job.started_by_id == getattr(user, "pk", None) or can(user, "cancel_any_job")


@transaction.atomic
def cancel_job(*, job: Job, by: Actor) -> Job:
    """Cancel a queued job at once; ask a running one to stop (it stops between its steps).

    A finished job cannot be cancelled (JobError).
    """
    job = Job.objects.select_for_update().get(pk=job.pk)
    if job.finished:
        raise JobError(
            _("The job has already ended (%(state)s).") % {"state": job.get_state_display()}
        )
    if job.state == JobState.QUEUED:
        job.state, job.finished_at = JobState.CANCELLED, timezone.now()
        job.save(update_fields=["state", "finished_at"])
    else:
        job.cancel_requested = True
        job.save(update_fields=["cancel_requested"])
    record(by, Action.UPDATE, job, detail={"cancel": True, "state": job.state})
    return job


def fail_stale_jobs(*, by: Actor) -> list[Job]:
    """Fail every running job whose worker has not been heard of for JOB_STALE_SECONDS.

    Its worker died (killed, or its machine stopped): the job will not finish, and
    nothing it did was stored (a job stores its outcome in one transaction at its end).
    """
    now = timezone.now()
    failed = []
    for job in Job.objects.filter(state=JobState.RUNNING):
        if not job.is_stale(now, stale_after()):
            continue
        with transaction.atomic():
            locked = Job.objects.select_for_update().get(pk=job.pk)
            if not locked.is_stale(now, stale_after()):
                continue
            last = locked.heartbeat_at or locked.started_at
            locked.state, locked.finished_at = JobState.FAILED, now
            locked.error = _(
                "The worker running the job stopped (last heard of at %(time)s); nothing of the job was stored. Start it again."
            ) % {"time": timezone.localtime(last).strftime("%H:%M:%S") if last else "?"}
            locked.save(update_fields=["state", "finished_at", "error"])
            record(
                by, Action.UPDATE, locked, detail={"state": "failed", "reason": "worker stopped"}
            )
            failed.append(locked)
    return failed
