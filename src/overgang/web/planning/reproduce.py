"""Re-solve a plan file with its stored settings and say whether the same plan comes back."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from overgang.core.planning.fingerprint import input_hash
from overgang.core.planning.policy import policy_from_dict
from overgang.core.planning.solve import plan as make_plan
from overgang.web.dataset.lock import DataSetBusy, data_set_lock
from overgang.web.planning.services import (
    FINISH_SECONDS,
    FINISH_SECONDS_PER_CASE,
    PlanningUnavailable,
    load_problem,
)


@dataclass(frozen=True)
class Reproduction:
    """What re-solving a plan gave: how many decisions differ, and the two costs."""

    same_inputs: bool
    employees_differ: int
    cases_differ: int
    stated: Fraction
    reproduced: Fraction

    @property
    def same(self) -> bool:
        return self.same_inputs and not self.employees_differ and not self.cases_differ


def reproduce_plan_document(
    document: dict[str, Any], progress: Callable[[str, int, int], None] | None = None
) -> Reproduction:
    """Return how the plan that the file's settings give on the stored data differs from it.

    The time limit and the time kept back for storing are those `run_plan` used, so
    with the deterministic search (docs/planning.md) the same data give the same plan.
    `progress` hears of each profession planned, as `run_plan`'s does.
    """
    policy = policy_from_dict(document)
    try:  # the data set read whole, never half an import, as a plan reads it
        with data_set_lock("plan"):
            problem = load_problem(policy)
    except DataSetBusy as busy:
        raise PlanningUnavailable(str(busy)) from busy
    reserve = FINISH_SECONDS + FINISH_SECONDS_PER_CASE * len(problem.assignments)
    result = make_plan(problem, policy, progress=progress, reserve=reserve)
    employer = {e["medarbejder_id"]: int(e["kommune"]) for e in document["employees"]}
    contact = {c["sag_id"]: c["kontaktperson"] or None for c in document["cases"]}
    solver = document["solver"]
    stated = (
        Fraction(solver["objective_exact"])
        if "objective_exact" in solver
        else Fraction(str(solver["objective"]))
    )
    return Reproduction(
        same_inputs=document.get("input_hash") in (None, input_hash(problem.dataset, policy)),
        employees_differ=sum(
            1 for e in result.employees if employer.get(e.employee_id) != e.municipality
        ),
        cases_differ=sum(1 for c in result.cases if contact.get(c.case_id) != c.contact_person),
        stated=stated,
        reproduced=result.cost.total,
    )
