"""Background jobs: started, run, cancelled and failed through their use cases, the plans
page and the API; each step in the audit log. Real worker processes, killed and restarted,
are in tests/web/test_jobs_processes.py."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from overgang.web.audit.actors import SystemActor
from overgang.web.jobs import runner
from overgang.web.jobs.models import Job, JobKind, JobState
from overgang.web.jobs.services import JobError, cancel_job, fail_stale_jobs, start_job
from overgang.web.planning.models import StoredPlan
from tests.web.jobs import run_queued_jobs
from tests.web.usecases.trail import mark
from tests.web.users import PASSWORD

pytestmark = pytest.mark.django_db

CLI = SystemActor("anna")


def _plan_job(seconds: int = 5) -> Job:
    params = {"scenario": "", "time_limit": seconds, "from_plan": None, "leaders_only": False}
    return start_job(kind=JobKind.PLAN, params=params, by=CLI, language="da")


def test_a_job_is_queued_once_its_transaction_commits_and_logged(
    world, django_capture_on_commit_callbacks
):
    since = mark()
    with django_capture_on_commit_callbacks() as queued:
        job = _plan_job()
    assert job.state == JobState.QUEUED and len(queued) == 1
    [entry] = since.entries()
    assert (entry.username, entry.action, entry.object_type) == ("cli:anna", "create", "jobs.job")
    assert entry.detail["kind"] == "plan" and entry.detail["time_limit"] == 5


def test_a_worker_runs_a_plan_job_to_its_stored_plan_with_its_progress(world):
    before = StoredPlan.objects.count()
    job = _plan_job()
    [ran] = run_queued_jobs()
    assert ran.pk == job.pk and ran.state == JobState.DONE
    assert StoredPlan.objects.count() == before + 1
    assert ran.plan_id == StoredPlan.objects.order_by("-pk").first().pk
    assert ran.total > 0 and ran.done == ran.total
    assert ran.started_at and ran.finished_at and ran.finished_at >= ran.started_at


def test_a_cancelled_queued_job_never_runs(world):
    before = StoredPlan.objects.count()
    job = cancel_job(job=_plan_job(), by=CLI)
    assert job.state == JobState.CANCELLED
    runner.execute_job.call(str(job.pk))  # a worker that takes it from the queue anyway
    job.refresh_from_db()
    assert job.state == JobState.CANCELLED and StoredPlan.objects.count() == before
    with pytest.raises(JobError):
        cancel_job(job=job, by=CLI)


def test_a_running_job_asked_to_stop_stops_at_its_next_step_and_stores_nothing(world, monkeypatch):
    before = StoredPlan.objects.count()
    _plan_job()
    real = runner._progress

    def cancelled_at_first_step(running: Job):  # type: ignore[no-untyped-def]
        report = real(running)

        def step(name: str, done: int, total: int) -> None:
            if not Job.objects.get(pk=running.pk).cancel_requested:
                cancel_job(job=running, by=CLI)  # while it runs: the user presses Cancel
            report(name, done, total)

        return step

    monkeypatch.setattr(runner, "_progress", cancelled_at_first_step)
    [ran] = run_queued_jobs()
    assert ran.state == JobState.CANCELLED and ran.cancel_requested
    assert StoredPlan.objects.count() == before


def test_a_failing_job_ends_failed_with_its_message(world):
    params = {"scenario": "no such scenario", "time_limit": 5}
    start_job(kind=JobKind.PLAN, params=params, by=CLI, language="en")
    [ran] = run_queued_jobs()
    assert ran.state == JobState.FAILED
    assert "no such scenario" in ran.error


def test_a_running_job_whose_worker_went_silent_is_failed_and_logged(world, settings):
    settings.JOB_STALE_SECONDS = 60
    job = _plan_job()
    quiet = timezone.now() - timedelta(seconds=61)
    Job.objects.filter(pk=job.pk).update(
        state=JobState.RUNNING, started_at=quiet, heartbeat_at=quiet
    )
    alive = _plan_job()
    Job.objects.filter(pk=alive.pk).update(
        state=JobState.RUNNING, started_at=quiet, heartbeat_at=timezone.now()
    )
    since = mark()
    [failed] = fail_stale_jobs(by=SystemActor("worker", channel="system"))
    assert failed.pk == job.pk and failed.state == JobState.FAILED
    assert "stopped" in failed.error or "stoppede" in failed.error
    assert Job.objects.get(pk=alive.pk).state == JobState.RUNNING
    assert [(e.action, e.object_id) for e in since.entries()] == [("update", str(job.pk))]


def _client(username: str) -> Client:
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    return client


def test_the_plans_page_starts_a_job_and_its_page_follows_it_to_the_plan(world):
    client = _client("projektleder")
    started = client.post("/planer/koersel/", {"run-time_limit": "5"})
    job = Job.objects.get()
    assert started["Location"] == f"/planer/koersel/{job.pk}/"
    assert "venter på en arbejder" in client.get(started["Location"]).content.decode()
    run_queued_jobs()
    done = client.get(f"/planer/koersel/{job.pk}/status/").content.decode()
    job.refresh_from_db()
    assert f"Plan {job.plan_id} er klar" in done


def test_only_the_starter_or_the_transition_lead_may_cancel(world):
    client = _client("kommuneleder-ishoej")
    client.post("/planer/koersel/", {"run-time_limit": "5"})
    job = Job.objects.get()
    other = _client("kommuneleder-vallensbaek")
    assert other.post(f"/planer/koersel/{job.pk}/annuller/").status_code == 403
    assert Job.objects.get().state == JobState.QUEUED
    lead = _client("projektleder")
    assert lead.post(f"/planer/koersel/{job.pk}/annuller/").status_code == 302
    assert Job.objects.get().state == JobState.CANCELLED


def test_the_api_starts_a_plan_with_202_and_follows_the_job_to_the_plan(world):
    api = APIClient()
    token = api.post(
        "/api/v1/auth/token/", {"username": "projektleder", "password": PASSWORD}, format="json"
    ).json()["token"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    answer = api.post("/api/v1/plans/", {"tidsgraense": 5}, format="json")
    assert answer.status_code == 202
    job_id = answer.json()["id"]
    assert answer["Location"] == f"/api/v1/jobs/{job_id}/"
    assert api.get(f"/api/v1/jobs/{job_id}/").json()["tilstand"] == "queued"
    run_queued_jobs()
    state = api.get(f"/api/v1/jobs/{job_id}/").json()
    assert state["tilstand"] == "done" and state["plan"] == StoredPlan.objects.order_by("-pk")[0].pk
    assert api.post("/api/v1/plans/", {"tidsgraense": 0}, format="json").status_code == 400
    # A caseworker may neither start plans nor see jobs.
    worker = APIClient()
    token = worker.post(
        "/api/v1/auth/token/",
        {"username": "sagsbehandler-ishoej", "password": PASSWORD},
        format="json",
    ).json()["token"]
    worker.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert worker.post("/api/v1/plans/", {"tidsgraense": 5}, format="json").status_code == 403
    assert worker.get(f"/api/v1/jobs/{job_id}/").status_code == 403


def test_a_distributed_plan_is_one_part_job_per_profession_and_the_same_plan(world):
    from overgang.web.planning.services import run_plan

    single = run_plan(by=CLI, time_limit=20).stored
    params = {"scenario": "", "time_limit": 20, "distribute": True}
    start_job(kind=JobKind.PLAN, params=params, by=CLI, language="da")
    # One worker: the plan's job runs each part itself, as none is taken by another.
    [parent] = run_queued_jobs()
    assert parent.state == JobState.DONE, parent.error
    parts = Job.objects.filter(kind=JobKind.PLAN_PART)
    professions = sorted(part.params["profession"] for part in parts)
    assert professions == sorted({p["faggruppe"] for p in single.professions})
    assert {part.state for part in parts} == {JobState.DONE}
    assert {part.params["input_hash"] for part in parts} == {single.input_hash}
    distributed = StoredPlan.objects.get(pk=parent.plan_id)
    assert single.status == distributed.status == "optimal"
    assert (distributed.objective, distributed.bound) == (single.objective, single.bound)
    assert distributed.input_hash == single.input_hash


def test_a_part_whose_data_changed_refuses_and_fails_the_plan(world):
    params = {"scenario": "", "time_limit": 5, "distribute": True}
    start_job(kind=JobKind.PLAN, params=params, by=CLI, language="en")
    before = StoredPlan.objects.count()
    from overgang.web.dataset.services import record_interview
    from overgang.web.jobs import distributed

    real = distributed.prepare_plan

    def then_an_interview(**kwargs):  # type: ignore[no-untyped-def]
        prepared = real(**kwargs)
        if distributed.prepare_plan is then_an_interview:  # once: the plan's own reading
            distributed.prepare_plan = real  # type: ignore[assignment]
            record_interview(
                employee=world.employees["I-EMP"],
                held_on=date(2021, 9, 1),
                wish=world.vallensbaek.code,
                by=CLI,
            )
        return prepared

    distributed.prepare_plan = then_an_interview  # type: ignore[assignment]
    try:
        [parent] = run_queued_jobs()
    finally:
        distributed.prepare_plan = real  # type: ignore[assignment]
    assert parent.state == JobState.FAILED
    assert "changed after the plan was started" in parent.error
    assert StoredPlan.objects.count() == before


def test_a_worker_reads_the_data_set_once_for_the_parts_it_runs(world):
    from overgang.web.jobs import distributed

    real = distributed.prepare_plan
    reads = []

    def counted(**kwargs):  # type: ignore[no-untyped-def]
        reads.append(kwargs)
        return real(**kwargs)

    distributed.prepare_plan = counted  # type: ignore[assignment]
    try:
        params = {"scenario": "", "time_limit": 10, "distribute": True}
        start_job(kind=JobKind.PLAN, params=params, by=CLI, language="en")
        [parent] = run_queued_jobs()
    finally:
        distributed.prepare_plan = real  # type: ignore[assignment]
    assert parent.state == JobState.DONE, parent.error
    assert Job.objects.filter(kind=JobKind.PLAN_PART, state=JobState.DONE).exists()
    assert len(reads) == 1  # the plan's own reading; its parts ran in the same process
