"""A long piece of work run by a worker process: its state, progress and outcome, stored.

The queue itself is django-tasks' database backend (django_tasks_db); a `Job` is what
Overgang knows of the work (who started it, with what, how far it has come, how it
ended), so that any web process can show it, after a restart too (docs/deployment.md).
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class JobKind(models.TextChoices):
    PLAN = "plan", _("Plan")
    ANALYSIS = "analysis", _("District teams and robustness")
    PLAN_PART = "plan_part", _("One profession of a plan")
    REPRODUCTION = "reproduction", _("Reproduction of a plan")


class JobState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


FINISHED = (JobState.DONE, JobState.FAILED, JobState.CANCELLED)


class Job(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=JobKind.choices)
    params = models.JSONField(_("parameters"), default=dict)
    state = models.CharField(
        _("state"), max_length=10, choices=JobState.choices, default=JobState.QUEUED
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Who started it as the audit log names them (a user, or cli:NAME), and from where.
    started_by_name = models.CharField(_("started by"), max_length=150)
    remote_addr = models.CharField(_("address"), max_length=45, blank=True)
    language = models.CharField(_("language"), max_length=10, default="da")
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # Written every few seconds by the worker running the job: a running job whose
    # heartbeat stops is failed by `services.fail_stale_jobs` (its worker died).
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    worker = models.CharField(_("worker"), max_length=100, blank=True)
    step = models.CharField(_("step"), max_length=100, blank=True)
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    result = models.JSONField(_("result"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    details = models.JSONField(_("details"), default=list, blank=True)
    cancel_requested = models.BooleanField(_("cancellation asked for"), default=False)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["state", "heartbeat_at"], name="job_state_heartbeat")]
        verbose_name = _("job")
        verbose_name_plural = _("jobs")

    def __str__(self) -> str:
        return f"{self.kind} {self.id} ({self.state})"

    @property
    def finished(self) -> bool:
        return self.state in FINISHED

    @property
    def scenario(self) -> str:
        return str(self.params.get("scenario") or "")

    @property
    def time_limit(self) -> int:
        return int(self.params.get("time_limit") or 0)

    @property
    def plan_id(self) -> int | None:
        value = self.result.get("plan_id")
        return int(value) if value is not None else None

    def is_stale(self, now: datetime, after: timedelta) -> bool:
        """Whether the job says it runs but its worker has not been heard of for `after`."""
        last = self.heartbeat_at or self.started_at
        return self.state == JobState.RUNNING and (last is None or now - last > after)
