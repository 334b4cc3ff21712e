"""Plans and analyses started on the pages: jobs for the workers, followed by the pages.

The work itself is `planning.services.run_plan` (and the district teams
`planning.analysis.analyse_stored_plan`), run by an `overgang worker` process
(web/jobs). What a page shows of it is the stored `Job`, so the progress page works
behind any number of web processes and after a restart.
"""

from __future__ import annotations

from django.conf import settings

from overgang.web.audit.actors import Actor
from overgang.web.jobs.models import Job, JobKind
from overgang.web.jobs.services import find_job, start_job
from overgang.web.planning.models import StoredPlan


def start_run(
    *,
    scenario: str,
    time_limit: int,
    by: Actor,
    language: str,
    from_plan: int | None = None,
    leaders_only: bool = False,
) -> Job:
    """Queue a plan for a worker and return the job to follow."""
    params = {
        "scenario": scenario,
        "time_limit": time_limit,
        "from_plan": from_plan,
        "leaders_only": leaders_only,
        "distribute": settings.DISTRIBUTE_PLANS,
    }
    return start_job(kind=JobKind.PLAN, params=params, by=by, language=language)


def start_analysis(*, plan: StoredPlan, by: Actor, language: str) -> Job:
    """Queue the forming of a stored plan's district teams and family plans."""
    return start_job(kind=JobKind.ANALYSIS, params={"plan_id": plan.pk}, by=by, language=language)


def get_run(run_id: str) -> Job | None:
    """The job, as stored now; None: no such job."""
    return find_job(run_id)
