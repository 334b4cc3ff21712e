"""plan(problem, policy) -> Plan: solve each profession, read the plan back, prove what it costs."""

from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Callable
from fractions import Fraction

from ortools.sat.python import cp_model

from overgang.core.planning.cost import plan_cost
from overgang.core.planning.explain import explain_cases, explain_employees
from overgang.core.planning.metrics import plan_metrics
from overgang.core.planning.model import LoadClass, ProfessionModel, build_profession_model
from overgang.core.planning.plan import Plan, ProfessionReport, SolveReport, Status
from overgang.core.planning.policy import Policy
from overgang.core.planning.problem import Assignment, Problem, Staff

# Without an explicit limit the solver still stops: a plan must come back in reasonable time.
DEFAULT_TIME_LIMIT = 300.0
# The least time a profession is given, and the most it may take past its share to find a first plan.
MIN_SECONDS = 0.5
FIRST_PLAN_SECONDS = 600.0

Progress = Callable[[str, int, int], None]


class PlanningError(RuntimeError):
    pass


def plan(problem: Problem, policy: Policy | None = None, progress: Progress | None = None) -> Plan:
    """Return the cheapest plan the solver finds within the time limit, with its proven bound."""
    policy = policy or Policy()
    started = time.perf_counter()
    staff: dict[str, list[Staff]] = defaultdict(list)
    for s in problem.staff:
        staff[s.employee.profession].append(s)
    cases: dict[str, list[Assignment]] = defaultdict(list)
    for a in problem.assignments:
        cases[a.case.profession].append(a)

    professions = problem.professions()
    size = {p: 1 + len(staff[p]) * (1 + len(cases[p])) for p in professions}
    remaining_size = sum(size.values())
    budget = policy.time_limit if policy.time_limit is not None else DEFAULT_TIME_LIMIT

    employer: dict[str, int] = {}
    contact: dict[str, str | None] = {}
    reports: list[ProfessionReport] = []
    # Largest first, each given its share of the time that is left.
    for done, profession in enumerate(sorted(professions, key=lambda p: -size[p])):
        if progress:
            progress(profession, done, len(professions))
        left = max(MIN_SECONDS, budget - (time.perf_counter() - started))
        share = left * size[profession] / remaining_size
        remaining_size -= size[profession]
        report = _solve_profession(
            problem,
            policy,
            profession,
            staff[profession],
            cases[profession],
            share,
            employer,
            contact,
        )
        reports.append(report)
    if progress:
        progress("", len(professions), len(professions))

    cost = plan_cost(problem, policy, employer, contact)
    bound = sum((r.solve.bound for r in reports), Fraction(0))
    solve = SolveReport(
        status=Status.OPTIMAL if cost.total <= bound else Status.FEASIBLE,
        objective=cost.total,
        bound=min(bound, cost.total),
        seconds=time.perf_counter() - started,
    )
    employees = explain_employees(problem, policy, employer, contact)
    return Plan(
        policy=policy,
        employees=employees,
        cases=explain_cases(problem, policy, employer, contact),
        cost=cost,
        solve=solve,
        professions=tuple(sorted(reports, key=lambda r: r.profession)),
        metrics=plan_metrics(problem, policy, employer, contact, employees),
    )


def _solve_profession(
    problem: Problem,
    policy: Policy,
    profession: str,
    staff: list[Staff],
    cases: list[Assignment],
    seconds: float,
    employer: dict[str, int],
    contact: dict[str, str | None],
) -> ProfessionReport:
    started = time.perf_counter()
    # A tenth of the time goes to the pooled first plan the solver starts from.
    pm = build_profession_model(
        problem, policy, profession, staff, cases, hint_seconds=seconds / 10
    )
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(
        MIN_SECONDS, seconds - (time.perf_counter() - started)
    )
    solver.parameters.num_workers = max(1, policy.workers)
    solver.parameters.random_seed = 0
    status = solver.solve(pm.model)
    if status == cp_model.UNKNOWN:
        # Out of time before a first plan: a plan is owed, so search on until one is found.
        solver.parameters.max_time_in_seconds = FIRST_PLAN_SECONDS
        solver.parameters.stop_after_first_solution = True
        status = solver.solve(pm.model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise PlanningError(f"no plan found for {profession}: {solver.status_name(status)}")
    employer.update(_read_employers(pm, solver))
    contact.update(_read_contacts(pm, solver))
    cost = plan_cost(problem, policy, employer, contact, profession=profession).total

    # Never worse than the first plan the solver started from.
    first_employer, first_contact = pm.first_plan
    first_cost = plan_cost(
        problem, policy, first_employer, first_contact, profession=profession
    ).total
    if first_cost < cost:
        employer.update(first_employer)
        contact.update(first_contact)
        cost = first_cost
    if status == cp_model.OPTIMAL:
        bound_units = round(solver.objective_value)
    else:
        # The bound is a float; round it down by more than its rounding error, never up.
        raw = solver.best_objective_bound
        bound_units = math.ceil(raw - max(1e-6, abs(raw) * 1e-12))
    bound = min(cost, bound_units * pm.objective_unit + pm.cost_offset)
    return ProfessionReport(
        profession=profession,
        employees=len(staff),
        cases=len(cases),
        solve=SolveReport(
            status=Status.OPTIMAL if cost <= bound else Status.FEASIBLE,
            objective=cost,
            bound=bound,
            seconds=time.perf_counter() - started,
        ),
    )


def _read_employers(pm: ProfessionModel, solver: cp_model.CpSolver) -> dict[str, int]:
    employer = {}
    for s in pm.staff:
        employer[s.id] = next(
            m for m in pm.municipalities if solver.boolean_value(pm.works_for[s.id, m])
        )
    return employer


def _read_contacts(pm: ProfessionModel, solver: cp_model.CpSolver) -> dict[str, str | None]:
    contact: dict[str, str | None] = {}
    for a in pm.family_cases:
        contact[a.id] = next(
            (
                s.id
                for s in pm.staff
                if (a.id, s.id) in pm.family_takes
                and solver.boolean_value(pm.family_takes[a.id, s.id])
            ),
            None,
        )
    slots: dict[LoadClass, dict[str, int]] = defaultdict(dict)
    for (person, load_class), count in pm.handed_on.items():
        value = solver.value(count)
        if value > 0:
            slots[load_class][person] = value
    holders: dict[str, set[str]] = defaultdict(set)  # family -> persons who hold its cases
    staffed: list[tuple[LoadClass, Assignment]] = []
    for load_class, members in pm.single_cases.items():
        handed_on = []
        for a in members:
            keep = pm.keeps_contact.get(a.id)
            if keep is not None and solver.boolean_value(keep):
                contact[a.id] = a.current_contact
                holders[a.family_id].add(a.current_contact or "")
            else:
                handed_on.append(a)
        # When a class is not fully staffed, the most vulnerable children are staffed first.
        handed_on.sort(key=lambda a: (-a.case.vulnerability, a.id))
        room = sum(slots[load_class].values())
        staffed += [(load_class, a) for a in handed_on[:room]]
        for a in handed_on[room:]:
            contact[a.id] = None
    _hand_on(staffed, slots, holders, contact)
    return contact


def _hand_on(
    staffed: list[tuple[LoadClass, Assignment]],
    slots: dict[LoadClass, dict[str, int]],
    holders: dict[str, set[str]],
    contact: dict[str, str | None],
) -> None:
    """Give each handed-on case to a colleague with a free slot of its class, siblings together.

    Which case of a class takes which slot changes no cost term but the family
    split, so a family's cases go, where the slots allow, to a person who
    already holds one of them, or else all to one person.
    """
    groups: dict[str, list[tuple[LoadClass, Assignment]]] = defaultdict(list)
    for item in staffed:
        groups[item[1].family_id].append(item)
    for family in sorted(groups, key=lambda f: (-len(groups[f]), f)):
        for load_class, a in sorted(groups[family], key=lambda item: item[1].id):
            free = {person: n for person, n in slots[load_class].items() if n > 0}
            # Prefer a person who holds a sibling's case, then the one with most room.
            person = max(free, key=lambda p: (p in holders[family], free[p], p))
            slots[load_class][person] -= 1
            contact[a.id] = person
            holders[family].add(person)
