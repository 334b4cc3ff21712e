"""Plans run in the background: a thread per run, its progress kept for the page to poll.

The planner itself is `planning.services.run_plan`; this module only starts it
in a thread and remembers how far it has come. The progress lives in the
serving process (a run started by the command line shows up in the list of
plans once it is stored).
"""

from __future__ import annotations

import threading
import uuid
from dataclasses import dataclass, field
from datetime import datetime

from django.db import close_old_connections, connection
from django.utils import timezone, translation

from overgang.web.planning.services import run_plan


@dataclass
class PlanRun:
    id: str
    scenario: str
    time_limit: int
    started_by: str
    started_at: datetime = field(default_factory=timezone.now)
    profession: str = ""
    done: int = 0
    total: int = 0
    plan_id: int | None = None
    error: str = ""
    finished: bool = False


_runs: dict[str, PlanRun] = {}
_lock = threading.Lock()


def start_run(*, scenario: str, time_limit: int, started_by: str, language: str) -> PlanRun:
    """Start planning in a background thread and return the run to follow."""
    run = PlanRun(str(uuid.uuid4()), scenario, time_limit, started_by)
    with _lock:
        _runs[run.id] = run

    def report(profession: str, done: int, total: int) -> None:
        with _lock:
            run.profession, run.done, run.total = profession, done, total

    def work() -> None:
        close_old_connections()
        try:
            with translation.override(language):
                result = run_plan(
                    scenario=scenario or None,
                    time_limit=float(time_limit),
                    created_by=started_by,
                    progress=report,
                )
            with _lock:
                run.plan_id = result.stored.pk
        except Exception as failure:  # shown to the user on the progress page
            with _lock:
                run.error = str(failure) or type(failure).__name__
        finally:
            with _lock:
                run.finished = True
            connection.close()

    threading.Thread(target=work, name=f"plan-run-{run.id}", daemon=True).start()
    return run


def get_run(run_id: str) -> PlanRun | None:
    with _lock:
        return _runs.get(run_id)
