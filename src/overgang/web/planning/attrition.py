"""Use cases of the attrition analysis: the plan a simulation starts from, read from the database."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from overgang.core.attrition import add_months, first_of_month
from overgang.core.domain import Dataset
from overgang.core.planning.fingerprint import input_hash
from overgang.core.planning.policy import Policy, policy_from_dict
from overgang.core.planning.problem import build_problem
from overgang.web.audit.actors import Actor
from overgang.web.dataset.store import current_batch, load_dataset
from overgang.web.planning import models as m
from overgang.web.planning.services import PlanningUnavailable, run_plan


@dataclass(frozen=True)
class SimulationBase:
    """A stored plan and the data set it was made from: where a simulation starts."""

    dataset: Dataset
    policy: Policy
    employer: dict[str, int]
    contact: dict[str, str | None]
    plan_id: int
    scenario: str


def stored_data() -> Dataset:
    """Return the stored data set, or say that none has been imported."""
    if current_batch() is None:
        raise PlanningUnavailable(_("no data set has been imported; run 'overgang import' first"))
    return load_dataset()


def simulation_base(
    *,
    plan_id: int | None,
    scenario: str | None,
    time_limit: float | None,
    by: Actor,
    progress: Callable[[str, int, int], None] | None = None,
) -> SimulationBase:
    """Return a stored plan to simulate from: the one named, or a new plan under the scenario.

    A stored plan must have been made from the data set stored now (same inputs' hash).
    """
    if plan_id is None:
        run = run_plan(scenario=scenario, time_limit=time_limit, by=by, progress=progress)
        plan_id = run.stored.pk
    stored = m.StoredPlan.objects.filter(pk=plan_id).first()
    if stored is None:
        raise PlanningUnavailable(_("no plan with id %(id)s") % {"id": plan_id})
    policy = policy_from_dict(stored.settings)
    dataset = stored_data()
    if input_hash(build_problem(dataset, policy).dataset, policy) != stored.input_hash:
        raise PlanningUnavailable(
            _("plan %(id)s was made from other data than those stored now; make a new plan")
            % {"id": plan_id}
        )
    return SimulationBase(
        dataset=dataset,
        policy=policy,
        employer={d.employee_id: d.municipality for d in stored.employee_decisions.all()},
        contact={d.case_id: d.contact_person or None for d in stored.case_decisions.all()},
        plan_id=stored.pk,
        scenario=stored.scenario_name,
    )


def default_start(dataset: Dataset) -> date | None:
    """Return the month after the latest preference interview: the data's 'today', if any."""
    if not dataset.interviews:
        return None
    return add_months(first_of_month(max(i.held_on for i in dataset.interviews)), 1)
