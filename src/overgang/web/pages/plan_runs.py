"""Plans run in the background: a thread per run, its progress kept for the page to poll.

The planner itself is `planning.services.run_plan` (and the district teams
`planning.analysis.analyse_stored_plan`); this module only starts them in a
thread and remembers how far they have come. The progress lives in the
serving process (a run started by the command line shows up in the list of
plans once it is stored).
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.db import close_old_connections, connection
from django.utils import timezone, translation

from overgang.core.progress import Progress
from overgang.web.audit.actors import Actor, actor_name
from overgang.web.audit.context import current_request
from overgang.web.planning.analysis import analyse_stored_plan
from overgang.web.planning.models import StoredPlan
from overgang.web.planning.services import FixesCannotHold, run_plan


@dataclass
class BackgroundRun:
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
    details: list[str] = field(default_factory=list)  # the error's parts, one per line
    finished: bool = False
    kind: str = "plan"  # or "analysis": the district teams, family plans and robustness of a plan


_runs: dict[str, BackgroundRun] = {}
_lock = threading.Lock()


def _start(run: BackgroundRun, language: str, job: Callable[[Progress], int]) -> BackgroundRun:
    with _lock:
        _runs[run.id] = run
    # A new thread does not see the request being served: hand it over, so that the run's
    # audit entries name the address it was started from, as every other write on a page.
    started_from = current_request.get()

    def report(step: str, done: int, total: int) -> None:
        with _lock:
            run.profession, run.done, run.total = step, done, total

    def work() -> None:
        close_old_connections()
        current_request.set(started_from)
        try:
            with translation.override(language):
                plan_id = job(report)
            with _lock:
                run.plan_id = plan_id
        except FixesCannotHold as conflict:  # each conflict named on the progress page
            with _lock:
                run.error, run.details = conflict.headline, list(conflict.lines)
        except Exception as failure:  # shown to the user on the progress page
            with _lock:
                run.error = str(failure) or type(failure).__name__
        finally:
            with _lock:
                run.finished = True
            connection.close()

    threading.Thread(target=work, name=f"plan-run-{run.id}", daemon=True).start()
    return run


def start_run(
    *,
    scenario: str,
    time_limit: int,
    by: Actor,
    language: str,
    from_plan: int | None = None,
    leaders_only: bool = False,
) -> BackgroundRun:
    """Start planning in a background thread and return the run to follow."""

    def job(report: Progress) -> int:
        result = run_plan(
            scenario=scenario or None,
            time_limit=float(time_limit),
            by=by,
            progress=report,
            from_plan=from_plan,
            leaders_only=leaders_only,
        )
        return int(result.stored.pk)

    run = BackgroundRun(str(uuid.uuid4()), scenario, time_limit, actor_name(by))
    return _start(run, language, job)


def start_analysis(*, plan: StoredPlan, by: Actor, language: str) -> BackgroundRun:
    """Form a stored plan's district teams and family plans in a background thread."""

    def job(report: Progress) -> int:
        analyse_stored_plan(stored=plan, progress=report)
        return int(plan.pk)

    run = BackgroundRun(str(uuid.uuid4()), plan.scenario_name, 0, actor_name(by), kind="analysis")
    return _start(run, language, job)


def get_run(run_id: str) -> BackgroundRun | None:
    with _lock:
        return _runs.get(run_id)
