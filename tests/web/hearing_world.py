"""The world of tests/web/world.py with wishes the plan cannot all meet, planned again.

V-EMP now wishes Ishøj but can accept Vallensbæk: Vallensbæk's cases need a psychologist
there, so the new plan keeps V-EMP in Vallensbæk, a wish not met.
"""

from __future__ import annotations

from overgang.web.audit.actors import SystemActor
from overgang.web.planning.models import StoredPlan
from overgang.web.planning.services import run_plan
from tests.web.world import VALLENSBAEK, World


def plan_with_unmet_wishes(world: World) -> StoredPlan:
    world.interviews["V-EMP"].wished_municipality = world.ishoej
    world.interviews["V-EMP"].acceptable_municipalities = [VALLENSBAEK]
    world.interviews["V-EMP"].save()
    return run_plan(by=SystemActor("test"), time_limit=2).stored


def unmet_wishes(world: World, plan: StoredPlan) -> set[str]:
    """The employees whose decision differs from the wish of their interview, worked out
    from the interviews (not from the plan's reasons)."""
    wished = {
        ext: interview.wished_municipality.code
        for ext, interview in world.interviews.items()
        if interview.wished_municipality is not None
    }
    return {
        d.employee_id
        for d in plan.employee_decisions.all()
        if d.employee_id in wished and wished[d.employee_id] != d.municipality
    }
