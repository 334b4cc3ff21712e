"""`overgang worker` runs the background jobs; `overgang jobs` lists and cancels them."""

from __future__ import annotations

import getpass
import os
import signal
import socket
import subprocess
import sys

import typer
from django.utils.translation import gettext as _
from rich.table import Table

from overgang.cli.console import console, err_console
from overgang.cli.main import app
from overgang.web.audit.actors import command_line_actor
from overgang.web.bootstrap import ensure_database

jobs_app = typer.Typer(help=_("The background jobs: list them, cancel one."), no_args_is_help=False)
app.add_typer(jobs_app, name="jobs")


@app.command(
    "worker",
    help=_(
        "Run background jobs (plans and analyses started on the pages or the API) from the queue in the database, until stopped (Ctrl-C or SIGTERM finish the job at hand first). See docs/deployment.md."
    ),
)
def worker_command(
    processes: int = typer.Option(
        int(os.environ.get("OVERGANG_WORKER_PROCESSES", "1")),
        "--processes",
        min=1,
        help=_("How many jobs at once: one process each (OVERGANG_WORKER_PROCESSES)."),
    ),
    queues: str = typer.Option(
        "default", "--queues", help=_("The queues to take jobs from, separated by commas.")
    ),
    interval: float = typer.Option(
        1.0, "--interval", min=0.1, help=_("Seconds between looks at an empty queue.")
    ),
    max_jobs: int = typer.Option(
        0, "--max-jobs", min=0, help=_("Stop after this many jobs (0: never).")
    ),
    nice: int = typer.Option(
        int(os.environ.get("OVERGANG_WORKER_NICE", "10")),
        "--nice",
        min=0,
        max=19,
        help=_(
            "Run the jobs at this lower CPU priority (OVERGANG_WORKER_NICE; 0: the same as the web server's), so that the pages stay quick while a plan uses every core."
        ),
    ),
) -> None:
    ensure_database()
    # Before any job process starts, which inherit it: the web server's requests come first
    # wherever they share a machine's cores with a plan (docs/benchmarks.md, "Fifty users").
    os.nice(nice)
    if processes > 1:
        _run_processes(processes, queues, interval, max_jobs)
        return
    from django_tasks_db.management.commands.db_worker import Worker

    from overgang.web.audit.actors import SystemActor
    from overgang.web.jobs import runner
    from overgang.web.jobs.services import fail_stale_jobs

    runner.heartbeat_enabled = True
    for job in fail_stale_jobs(by=SystemActor("worker", channel="system")):
        err_console.print(_("Job %(id)s had lost its worker: failed.") % {"id": job.pk})
    name = f"{socket.gethostname()}:{os.getpid()}"
    console.print(
        _("Worker %(name)s takes jobs from the queues %(queues)s (Ctrl-C stops it).")
        % {"name": name, "queues": queues},
        soft_wrap=True,
    )
    worker = Worker(
        queue_names=[q.strip() for q in queues.split(",") if q.strip()],
        interval=interval,
        batch=False,
        backend_name="default",
        startup_delay=True,
        max_tasks=max_jobs or None,
        worker_id=name[:64],
        excluded_queue_names=[],
    )
    worker.configure_signals()
    worker.run()


def _run_processes(processes: int, queues: str, interval: float, max_jobs: int) -> None:
    """Run `processes` single workers side by side; a signal to this one stops them all."""
    command = [sys.executable, "-m", "overgang.cli", "worker", "--processes", "1"]
    command += ["--queues", queues, "--interval", str(interval), "--max-jobs", str(max_jobs)]
    command += ["--nice", "0"]  # they inherit this process's priority
    children = [subprocess.Popen(command) for _ in range(processes)]

    def stop(signum: int, _frame: object) -> None:
        for child in children:
            child.send_signal(signum)

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, stop)
    codes = [child.wait() for child in children]
    if any(codes):
        raise typer.Exit(max(codes))


@jobs_app.callback(invoke_without_command=True)
def jobs_command(
    ctx: typer.Context,
    limit: int = typer.Option(20, "--limit", min=1, help=_("How many of the newest jobs.")),
) -> None:
    if ctx.invoked_subcommand is not None:
        return
    ensure_database()
    from overgang.web.jobs.models import Job

    table = Table(_("Job"), _("Kind"), _("State"), _("Started by"), _("Created"), _("Progress"))
    for job in Job.objects.order_by("-created_at")[:limit]:
        progress = f"{job.done}/{job.total}" if job.total else ""
        outcome = job.error or (f"plan {job.plan_id}" if job.plan_id else "")
        table.add_row(
            str(job.pk),
            job.get_kind_display(),
            job.get_state_display() + (f": {outcome}" if outcome else ""),
            job.started_by_name,
            f"{job.created_at:%Y-%m-%d %H:%M}",
            progress,
        )
    console.print(table)


@jobs_app.command("cancel", help=_("Cancel a queued job, or stop a running one at its next step."))
def jobs_cancel_command(
    job_id: str = typer.Argument(..., help=_("The job's id (overgang jobs lists them).")),
    by: str = typer.Option(getpass.getuser(), "--by", help=_("Who does it (in the audit log).")),
) -> None:
    ensure_database()
    from django.core.exceptions import ValidationError

    from overgang.web.jobs.models import Job
    from overgang.web.jobs.services import JobError, cancel_job

    try:
        job = Job.objects.filter(pk=job_id).first()
    except ValidationError:
        job = None
    if job is None:
        err_console.print(_("There is no job %(id)s.") % {"id": job_id})
        raise typer.Exit(1)
    try:
        job = cancel_job(job=job, by=command_line_actor(by))
    except JobError as ended:
        err_console.print(str(ended))
        raise typer.Exit(1) from ended
    console.print(_("Job %(id)s: %(state)s.") % {"id": job.pk, "state": job.get_state_display()})
