"""plan(problem, policy) -> Plan: solve each profession, read the plan back, prove what it costs.

Each profession is searched on its own (search.py); this module shares the time
among them, largest first, then in rounds among those not yet proven optimal.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import replace
from fractions import Fraction

from overgang.core.planning.cost import plan_cost
from overgang.core.planning.determinism import Clock
from overgang.core.planning.explain import explain_cases, explain_employees
from overgang.core.planning.fixes import blocking, fix_conflicts
from overgang.core.planning.metrics import plan_metrics
from overgang.core.planning.plan import Plan, ProfessionReport, SolveReport, SolveStatus
from overgang.core.planning.policy import Policy
from overgang.core.planning.problem import Assignment, Problem, Staff
from overgang.core.planning.readback import read_contacts, read_employers
from overgang.core.planning.search import FixConflictError, PlanningError, ProfessionSearch
from overgang.core.planning.search_settings import DEFAULT_SETTINGS, SearchSettings
from overgang.core.planning.tiebreak import break_ties
from overgang.core.progress import Progress

__all__ = ["FixConflictError", "PlanningError", "Progress", "SearchSettings", "plan"]

# What moved to search.py and readback.py, under the names tests reach it by here.
_Search = ProfessionSearch
_read_employers = read_employers
_read_contacts = read_contacts


def plan(
    problem: Problem,
    policy: Policy | None = None,
    progress: Progress | None = None,
    started: float | None = None,
    reserve: float = 0.0,
    settings: SearchSettings = DEFAULT_SETTINGS,
) -> Plan:
    """Return the cheapest plan the solver finds within the time limit, with its proven bound.

    The time limit counts from `started` (a `time.perf_counter()` reading) where it
    is given, so that a caller's loading of the data counts too; else from now.
    `reserve` seconds of it are kept for what the caller does with the plan after
    (storing it), but never more than half of it. `settings` tune the search.
    """
    policy = policy or Policy()
    if settings.deterministic != policy.deterministic:
        # The policy says which search makes the plan: it is stored with the plan.
        settings = replace(settings, deterministic=policy.deterministic)
    started = time.perf_counter() if started is None else started
    conflicts = blocking(fix_conflicts(problem, policy))
    if conflicts:
        raise FixConflictError(conflicts)
    staff: dict[str, list[Staff]] = defaultdict(list)
    for s in problem.staff:
        staff[s.employee.profession].append(s)
    cases: dict[str, list[Assignment]] = defaultdict(list)
    for a in problem.assignments:
        cases[a.case.profession].append(a)

    professions = problem.professions()
    size = profession_sizes(problem)
    limit = policy.time_limit if policy.time_limit is not None else settings.default_time_limit
    budget = max(limit - reserve, limit / 2)
    # On the deterministic clock the work is counted, not measured, so what is left depends
    # on the inputs only; a part of the time is kept for what the count does not see
    # (reading the data, the solvers' presolve), and the time limit stays a promise: a
    # search still going at it stops there (docs/planning.md).
    clock = Clock(settings, deadline=started + budget)
    if settings.deterministic:
        budget *= settings.work_share
        begun = clock.now()
    else:
        begun = started

    def left() -> float:
        return budget - clock.since(begun)

    searches: dict[str, ProfessionSearch] = {}
    # Largest first, each given its share of the time that is left.
    remaining_size = sum(size.values())
    for done, profession in enumerate(sorted(professions, key=lambda p: -size[p])):
        if progress:
            progress(profession, done, len(professions))
        # A profession's share follows its size, but a large staff needs seconds to presolve
        # even where there are no cases (staffing needs alone).
        share = max(
            max(settings.min_seconds, left()) * size[profession] / remaining_size,
            settings.staff_seconds * len(staff[profession]),
        )
        remaining_size -= size[profession]
        search = ProfessionSearch(
            problem,
            policy,
            profession,
            staff[profession],
            cases[profession],
            share,
            settings,
            clock,
        )
        first_share = share if settings.deterministic else share - search.build_seconds
        search.run(first_share)
        searches[profession] = search
    # Time a profession did not need goes to those not yet proven optimal, in rounds.
    while left() >= settings.min_seconds:
        open_ = [p for p, search in searches.items() if not search.proven]
        if not open_:
            break
        total = sum(size[p] for p in open_)
        round_started = clock.now()
        for profession in sorted(open_, key=lambda p: -size[p]):
            share = max(settings.min_seconds, left() * size[profession] / total)
            total -= size[profession]
            if left() < settings.min_seconds:
                break
            searches[profession].run(share)
        # A round shorter than a tenth of the least search did nothing: stop, not spin.
        if clock.since(round_started) < settings.min_seconds / 10:
            break
    # Of several plans of least cost, the one the rule names (tiebreak.py), in the time left.
    for profession in sorted(searches):
        search = searches[profession]
        pairs = len(staff[profession]) * len(cases[profession])
        if not search.proven or pairs > settings.tie_break_pairs or left() <= 0:
            continue
        plan_so_far = (search.employer, search.contact)
        tie = break_ties(
            problem,
            policy,
            profession,
            staff[profession],
            cases[profession],
            plan_so_far,
            clock,
            left(),
        )
        search.employer, search.contact = tie.employer, tie.contact
    if progress:
        progress("", len(professions), len(professions))

    employer: dict[str, int] = {}
    contact: dict[str, str | None] = {}
    reports: list[ProfessionReport] = []
    for search in searches.values():
        employer.update(search.employer)
        contact.update(search.contact)
        reports.append(search.report())
    return assemble_plan(problem, policy, employer, contact, reports, started, clock.cut)


def profession_sizes(problem: Problem) -> dict[str, int]:
    """How large each profession's search is, by which the time limit is shared among them:
    one more than its employees times (one more than) its cases."""
    staff: dict[str, int] = defaultdict(int)
    for s in problem.staff:
        staff[s.employee.profession] += 1
    cases: dict[str, int] = defaultdict(int)
    for a in problem.assignments:
        cases[a.case.profession] += 1
    return {p: 1 + staff[p] * (1 + cases[p]) for p in problem.professions()}


def assemble_plan(
    problem: Problem,
    policy: Policy,
    employer: dict[str, int],
    contact: dict[str, str | None],
    reports: list[ProfessionReport],
    started: float,
    cut: bool = False,
) -> Plan:
    """The plan of the professions' plans: its cost and proven bound, reasons and metrics.

    The cost splits by profession, so the professions' plans, found in this process or
    in several (distribute.py), make one plan whose bound is the sum of theirs.
    """
    cost = plan_cost(problem, policy, employer, contact)
    bound = sum((r.solve.bound for r in reports), Fraction(0))
    solve = SolveReport(
        status=SolveStatus.OPTIMAL if cost.total <= bound else SolveStatus.FEASIBLE,
        objective=cost.total,
        bound=min(bound, cost.total),
        seconds=time.perf_counter() - started,
        stopped_on_clock=cut or any(r.solve.stopped_on_clock for r in reports),
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
