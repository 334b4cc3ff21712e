"""Running the background jobs in tests: at once in the test's own thread, or by a worker
thread beside a live server (the real `overgang worker` process is tested in
tests/web/test_jobs_processes.py)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection

from overgang.web.jobs.models import Job, JobState
from overgang.web.jobs.runner import execute_job


def run_queued_jobs() -> list[Job]:
    """Run every queued job now, in this thread and transaction; return them as they ended."""
    queued = list(Job.objects.filter(state=JobState.QUEUED).order_by("created_at"))
    for job in queued:
        execute_job.call(str(job.pk))
        job.refresh_from_db()
    return queued


@contextmanager
def worker_thread(interval: float = 0.2) -> Iterator[None]:
    """A django-tasks database worker in a thread of this process, for live-server tests."""
    from django_tasks_db.management.commands.db_worker import Worker

    worker = Worker(
        queue_names=["default"],
        interval=interval,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-thread",
        excluded_queue_names=[],
    )

    def run() -> None:
        try:
            worker.run()
        finally:
            connection.close()

    thread = threading.Thread(target=run, name="test-worker", daemon=True)
    thread.start()
    try:
        yield
    finally:
        worker.running = False
        thread.join(timeout=60)
