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
from overgang.web.planning.selectors import approved_plan, latest_plan
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
    # Which plan it is: "given" (--plan), "approved", "latest", "scenario" (the latest stored
    # under the scenario) or "new" (made for the simulation, as asked).
    origin: str = "given"


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
    new_plan: bool = False,
) -> SimulationBase:
    """Return a stored plan to simulate from: the one named, else the current one.

    Without `plan_id` the plan is the current plan (the approved one, else the latest),
    or with `scenario` the latest stored under it; a new plan is made (and stored) only
    where `new_plan` asks for one, so that a simulation never changes which plans exist
    unasked. A stored plan must have been made from the data set stored now (same
    inputs' hash).
    """
    origin = "given"
    if plan_id is None:
        plan_id, origin = _chosen_plan(scenario, new_plan, time_limit, by, progress)
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
        origin=origin,
    )


def _chosen_plan(
    scenario: str | None,
    new_plan: bool,
    time_limit: float | None,
    by: Actor,
    progress: Callable[[str, int, int], None] | None,
) -> tuple[int, str]:
    """The id of the plan to simulate from where none is named, and which it is."""
    if new_plan:
        run = run_plan(scenario=scenario, time_limit=time_limit, by=by, progress=progress)
        return run.stored.pk, "new"
    if scenario:
        stored = m.StoredPlan.objects.filter(scenario_name=scenario).order_by("-pk").first()
        if stored is None:
            raise PlanningUnavailable(
                _("no plan under scenario %(scenario)s is stored; add --new-plan to make one")
                % {"scenario": scenario}
            )
        return stored.pk, "scenario"
    approved = approved_plan()
    if approved is not None:
        return approved.pk, "approved"
    latest = latest_plan()
    if latest is None:
        raise PlanningUnavailable(
            _("no plan is stored; make one with 'overgang plan', or add --new-plan")
        )
    return latest.pk, "latest"


def default_start(dataset: Dataset) -> date | None:
    """Return the month after the latest preference interview: the data's 'today', if any."""
    if not dataset.interviews:
        return None
    return add_months(first_of_month(max(i.held_on for i in dataset.interviews)), 1)
