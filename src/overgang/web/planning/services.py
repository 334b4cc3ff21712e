"""Use cases of planning: run a plan on the stored data, store it, read it back as a plan file."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from overgang.core.planning.cost import hard_rule_violations, plan_cost
from overgang.core.planning.fingerprint import input_hash
from overgang.core.planning.fixes import FixConflict
from overgang.core.planning.parallel import warm_up
from overgang.core.planning.plan import Plan, Reason
from overgang.core.planning.policy import Policy, policy_as_dict, policy_from_dict
from overgang.core.planning.problem import Problem, build_problem
from overgang.core.planning.search import FixConflictError
from overgang.core.planning.search_settings import DEFAULT_SETTINGS
from overgang.core.planning.solve import plan as make_plan
from overgang.io.planfile import plan_document
from overgang.texts.fixes import conflict_texts, conflicts_headline
from overgang.texts.reasons import case_reason_text, employee_reason_text
from overgang.web.audit.actors import Actor, actor_name
from overgang.web.audit.log import record
from overgang.web.audit.models import Action
from overgang.web.dataset.lock import DataSetBusy, busy_database_as, data_set_lock
from overgang.web.dataset.store import current_batch, load_dataset
from overgang.web.pausepoints import pause_point
from overgang.web.planning import models as m
from overgang.web.planning.replanning import reference_policy
from overgang.web.planning.selectors import fixes_in_force

# What storing a plan and forming its teams take after the solver stops, kept back from
# the time limit so that the whole command keeps to it: measured 4.3 s for scale 10's
# 22,554 in-house cases and about 60 s for scale 100's 225,390 (docs/benchmarks.md).
FINISH_SECONDS = 0.5
# The search that made a stored plan (StoredPlan.search).
SEARCH_DETERMINISTIC = "deterministic"
SEARCH_WALL_CLOCK = "wall_clock"
FINISH_SECONDS_PER_CASE = 0.00026


class PlanningUnavailable(RuntimeError):
    pass


class FixesCannotHold(PlanningUnavailable):
    """Fixed decisions that cannot all hold: nothing was planned. `lines` says each conflict
    in words, naming every fix it concerns."""

    def __init__(self, conflicts: list[FixConflict], names: dict[int, str]) -> None:
        self.conflicts = conflicts
        self.headline = conflicts_headline()
        self.lines = conflict_texts(conflicts, names)
        super().__init__("\n".join([self.headline, *self.lines]))


def policy_for(scenario_name: str | None, time_limit: float | None = None) -> Policy:
    """Return the policy of a stored scenario (or the default policy), with the given time limit."""
    settings: dict[str, Any] = {}
    if scenario_name:
        scenario = m.Scenario.objects.filter(name=scenario_name).first()
        if scenario is None:
            raise PlanningUnavailable(_("unknown scenario: %(name)s") % {"name": scenario_name})
        settings = dict(scenario.settings)
    if time_limit is not None:
        settings["time_limit"] = time_limit
    return policy_from_dict(settings)


def load_problem(policy: Policy) -> Problem:
    """Return the planning problem of the stored data set."""
    if current_batch() is None:
        raise PlanningUnavailable(_("no data set has been imported; run 'overgang import' first"))
    return build_problem(load_dataset(), policy)


@dataclass(frozen=True)
class PlanRun:
    stored: m.StoredPlan
    plan: Plan
    problem: Problem


@dataclass(frozen=True)
class PreparedPlan:
    """What a plan is made from, read whole under the data set's lock: the policy (with the
    fixes in force and the reference plan), the problem, and the hash they are stored by."""

    policy: Policy
    problem: Problem
    fingerprint: str


def plan_policy(
    scenario: str | None,
    time_limit: float | None,
    leaders_only: bool = False,
    deterministic: bool | None = None,
) -> Policy:
    """The settings a plan is made with: the scenario's, with the decisions fixed by hand.

    `deterministic`: the search to make it with, where the caller says (the scenario's else).
    """
    # Every plan keeps the decisions fixed by hand, and its settings and hash carry them.
    policy = replace(policy_for(scenario, time_limit), fixes=fixes_in_force())
    if deterministic is not None:
        policy = replace(policy, deterministic=deterministic)
    return replace(policy, leaders_only=True) if leaders_only else policy


def prepare_plan(
    *,
    scenario: str | None = None,
    time_limit: float | None = None,
    from_plan: int | None = None,
    leaders_only: bool = False,
    deterministic: bool | None = None,
) -> PreparedPlan:
    """Read the data set, its fixes and the reference plan whole, never half an import
    (dataset.lock); the plan is stored against them however the data change meanwhile."""
    with _reading_data_set():
        policy = plan_policy(scenario, time_limit, leaders_only, deterministic)
        problem = load_problem(policy)
        if from_plan is not None:
            reference = m.StoredPlan.objects.filter(pk=from_plan).first()
            if reference is None:
                raise PlanningUnavailable(_("no plan has the id %(id)s") % {"id": from_plan})
            policy = reference_policy(policy, reference, planned={s.id for s in problem.staff})
        fingerprint = input_hash(problem.dataset, policy)
        pause_point("plan:loaded")
    return PreparedPlan(policy, problem, fingerprint)


def fixes_cannot_hold(problem: Problem, conflict: FixConflictError) -> FixesCannotHold:
    names = {x.code: x.name for x in problem.dataset.municipalities}
    return FixesCannotHold(conflict.conflicts, names)


def store_plan(
    result: Plan, prepared: PreparedPlan, *, scenario: str | None, by: Actor
) -> m.StoredPlan:
    """Store the plan and its audit entry together, or neither."""
    with busy_database_as(PlanningUnavailable), transaction.atomic():
        stored = save_plan(
            result,
            prepared.problem,
            scenario_name=scenario or "",
            created_by=actor_name(by),
            fingerprint=prepared.fingerprint,
        )
        pause_point("plan:stored")
        record(
            by,
            Action.CREATE,
            stored,
            object_type="planning.storedplan",
            object_id=str(stored.pk),
            detail={"scenario": scenario or "", "status": str(stored.status)},
        )
        pause_point("plan:recorded")
    return stored


def run_plan(
    *,
    scenario: str | None = None,
    time_limit: float | None = None,
    by: Actor,
    progress: Callable[[str, int, int], None] | None = None,
    from_plan: int | None = None,
    leaders_only: bool = False,
    deterministic: bool | None = None,
) -> PlanRun:
    """Plan the stored data set under a scenario, store the plan and return it.

    The time limit counts from here: loading the data set is part of it, and so are
    storing the plan and forming its teams after (an estimate of them is kept back).
    `from_plan`: the stored plan the new one departs from least, its notified decisions
    fixed (`replanning.reference_policy`). `leaders_only`: plan the leaders alone.
    `deterministic`: the search (docs/planning.md); None: the scenario's.
    """
    started = time.perf_counter()
    warm_up(DEFAULT_SETTINGS)
    prepared = prepare_plan(
        scenario=scenario,
        time_limit=time_limit,
        from_plan=from_plan,
        leaders_only=leaders_only,
        deterministic=deterministic,
    )
    problem, policy = prepared.problem, prepared.policy
    reserve = FINISH_SECONDS + FINISH_SECONDS_PER_CASE * len(problem.assignments)
    try:
        result = make_plan(problem, policy, progress=progress, started=started, reserve=reserve)
    except FixConflictError as conflict:
        raise fixes_cannot_hold(problem, conflict) from conflict
    pause_point("plan:solved")
    stored = store_plan(result, prepared, scenario=scenario, by=by)
    return PlanRun(stored=stored, plan=result, problem=problem)


@contextmanager
def _reading_data_set() -> Iterator[None]:
    """Hold the data set's lock shared: an import waits, or this plan is refused saying why."""
    try:
        with data_set_lock("plan"):
            yield
    except DataSetBusy as busy:
        raise PlanningUnavailable(str(busy)) from busy


def _labels(problem: Problem) -> dict[str, dict[str, str]]:
    return {
        "kommuner": {str(x.code): x.name for x in problem.dataset.municipalities},
        "faggrupper": {x.code: x.name for x in problem.dataset.professions},
        "vaert": {"kode": str(problem.host)},
    }


def _solver(report: Any) -> dict[str, Any]:
    return {
        "status": report.status,
        "objective": float(report.objective),
        "bound": float(report.bound),
        "gap": report.gap,
        "seconds": round(report.seconds, 3),
    }


@transaction.atomic
def save_plan(
    result: Plan,
    problem: Problem,
    *,
    scenario_name: str,
    created_by: str,
    fingerprint: str | None = None,
) -> m.StoredPlan:
    """Store a plan once, with the hash of its inputs; it is never changed afterwards.

    `fingerprint` is that hash where the caller has it already (input_hash).
    """
    profession = {s.id: s.employee.profession for s in problem.staff}
    assignments = {a.id: a for a in problem.assignments}
    stored = m.StoredPlan.objects.create(
        created_by=created_by,
        scenario_name=scenario_name,
        input_hash=fingerprint or input_hash(problem.dataset, result.policy),
        settings=policy_as_dict(result.policy),
        status=result.solve.status,
        objective=str(result.solve.objective),
        bound=str(result.solve.bound),
        objective_value=float(result.solve.objective),
        bound_value=float(result.solve.bound),
        gap=result.solve.gap,
        seconds=result.solve.seconds,
        search=SEARCH_DETERMINISTIC if result.policy.deterministic else SEARCH_WALL_CLOCK,
        stopped_on_clock=result.solve.stopped_on_clock,
        cost_terms={name: float(value) for name, value in result.cost.terms.items()},
        professions=[
            {
                "faggruppe": r.profession,
                "medarbejdere": r.employees,
                "sager": r.cases,
                **_solver(r.solve),
            }
            for r in result.professions
        ],
        metrics=result.metrics,
        labels=_labels(problem),
    )
    m.EmployeeDecision.objects.bulk_create(
        (
            m.EmployeeDecision(
                plan=stored,
                employee_id=d.employee_id,
                profession=profession[d.employee_id],
                municipality=d.municipality,
                reason_code=d.reason.code,
                reason_params=dict(d.reason.params),
            )
            for d in result.employees
        ),
        batch_size=2000,
    )
    m.CaseDecision.objects.bulk_create(
        (
            m.CaseDecision(
                plan=stored,
                case_id=d.case_id,
                profession=assignments[d.case_id].case.profession,
                municipality=assignments[d.case_id].serving,
                former_contact=assignments[d.case_id].current_contact or "",
                contact_person=d.contact_person or "",
                reason_code=d.reason.code,
                reason_params=dict(d.reason.params),
            )
            for d in result.cases
        ),
        batch_size=2000,
    )
    return stored


def _names(stored: m.StoredPlan) -> tuple[dict[int, str], dict[str, str], int]:
    labels = stored.labels or {}
    names = {int(code): name for code, name in labels.get("kommuner", {}).items()}
    return names, dict(labels.get("faggrupper", {})), int(labels.get("vaert", {}).get("kode", 0))


def stored_plan_document(stored: m.StoredPlan) -> dict[str, Any]:
    """Return a stored plan as the plan file's document, its reasons in the active language."""
    names, professions, host = _names(stored)
    employees = [
        {
            "medarbejder_id": d.employee_id,
            "kommune": d.municipality,
            "reason_code": d.reason_code,
            "reason": employee_reason_text(
                Reason(d.reason_code, tuple(d.reason_params.items())), names, host
            ),
        }
        for d in stored.employee_decisions.order_by("employee_id")
    ]
    cases = [
        {
            "sag_id": d.case_id,
            "kontaktperson": d.contact_person or None,
            "reason_code": d.reason_code,
            "reason": case_reason_text(
                Reason(d.reason_code, tuple(d.reason_params.items())), names, professions, host
            ),
        }
        for d in stored.case_decisions.order_by("case_id")
    ]
    return plan_document(
        plan_id=stored.pk,
        input_hash=stored.input_hash,
        settings=stored.settings,
        solver={
            "status": stored.status,
            "objective": stored.objective_value,
            "bound": stored.bound_value,
            "gap": stored.gap,
            "seconds": round(stored.seconds, 3),
            "objective_exact": stored.objective,
            "bound_exact": stored.bound,
            "cost_terms": stored.cost_terms,
            "professions": stored.professions,
            # The search that made the plan and whether the clock stopped it (docs/planning.md).
            "search": stored.search or SEARCH_WALL_CLOCK,
            "stopped_on_clock": stored.stopped_on_clock,
        },
        employees=employees,
        cases=cases,
        metrics=stored.metrics,
    )


@dataclass(frozen=True)
class Verification:
    violations: list[str]
    recomputed: Fraction
    stated: Fraction
    same_inputs: bool

    @property
    def ok(self) -> bool:
        return not self.violations and self.recomputed == self.stated


def verify_plan_document(document: dict[str, Any]) -> Verification:
    """Check a plan file against the stored data: hard rules, and its objective recomputed exactly."""
    policy = policy_from_dict(document)
    problem = load_problem(policy)
    employer = {e["medarbejder_id"]: int(e["kommune"]) for e in document["employees"]}
    contact = {c["sag_id"]: c["kontaktperson"] for c in document["cases"]}
    violations = hard_rule_violations(problem, policy, employer, contact)
    planned = {s.id for s in problem.staff}
    violations += [f"employee {e} is not in the plan" for e in sorted(planned - set(employer))]
    violations += [
        f"case {a.id} is not in the plan" for a in problem.assignments if a.id not in contact
    ]
    recomputed = Fraction(-1) if violations else plan_cost(problem, policy, employer, contact).total
    solver = document["solver"]
    stated = (
        Fraction(solver["objective_exact"])
        if "objective_exact" in solver
        else Fraction(str(solver["objective"]))
    )
    return Verification(
        violations=violations,
        recomputed=recomputed,
        stated=stated,
        same_inputs=document.get("input_hash") in (None, input_hash(problem.dataset, policy)),
    )
