"""plan(problem, policy) -> Plan: solve each profession, read the plan back, prove what it costs.

Each profession is searched on its own (search.py); this module shares the time
among them by size, a first share each (parallel.py), then in rounds among those not
yet proven optimal.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from fractions import Fraction

from overgang.core.planning.cost import plan_cost
from overgang.core.planning.explain import explain_cases, explain_employees
from overgang.core.planning.fixes import blocking, fix_conflicts
from overgang.core.planning.metrics import plan_metrics
from overgang.core.planning.parallel import Hosts, Outcome
from overgang.core.planning.plan import (
    Plan,
    PlanningError,
    ProfessionReport,
    SolveReport,
    SolveStatus,
)
from overgang.core.planning.policy import Policy
from overgang.core.planning.problem import Problem
from overgang.core.planning.readback import read_contacts, read_employers
from overgang.core.planning.search import FixConflictError, ProfessionSearch
from overgang.core.planning.search_settings import DEFAULT_SETTINGS, SearchSettings
from overgang.core.planning.tiebreak import worth_breaking
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
    size = profession_sizes(problem)
    limit = policy.time_limit if policy.time_limit is not None else settings.default_time_limit
    budget = max(limit - reserve, limit / 2)
    deadline = started + budget
    # On the deterministic clock the work is counted, not measured, so what is left depends
    # on the inputs only; a part of the time is kept for what the count does not see
    # (reading the data, the solvers' presolve), and the time limit stays a promise: a
    # search still going at it stops there (docs/planning.md). Each profession's search
    # counts its own work (parallel.py): the time left is the budget less all they used.
    used: dict[str, float] = {}
    if settings.deterministic:
        budget *= settings.work_share * settings.work_processes

        def left() -> float:
            # Summed in one order whatever order the outcomes came in: the same float.
            return budget - sum(used[p] for p in sorted(used))
    else:

        def left() -> float:
            return budget - (time.perf_counter() - started)

    hosts = Hosts(problem, policy, settings, deadline, size)
    try:
        outcomes = _search(problem, settings, size, hosts, used, left, progress)
    finally:
        hosts.close()

    employer: dict[str, int] = {}
    contact: dict[str, str | None] = {}
    reports: list[ProfessionReport] = []
    for outcome in outcomes.values():
        employer.update(outcome.employer)
        contact.update(outcome.contact)
        reports.append(outcome.report)
    cut = any(outcome.cut for outcome in outcomes.values())
    return assemble_plan(problem, policy, employer, contact, reports, started, cut)


def _search(
    problem: Problem,
    settings: SearchSettings,
    size: dict[str, int],
    hosts: Hosts,
    used: dict[str, float],
    left: Callable[[], float],
    progress: Progress | None,
) -> dict[str, Outcome]:
    """Search every profession: a first share each, rounds for those not proven, the tie-break.

    A step's shares are set before it starts, from the time left, so that the professions
    can search side by side and, on the deterministic clock, give the same plan however
    many processes they search in (parallel.py).
    """
    professions = sorted(problem.professions(), key=lambda p: (-size[p], p))
    staff_count, case_count = profession_counts(problem)
    outcomes: dict[str, Outcome] = {}

    def take(outcome: Outcome) -> None:
        outcomes[outcome.profession] = outcome
        used[outcome.profession] = used.get(outcome.profession, 0.0) + outcome.used

    # First, a share each, its part of the time by size (and a large staff the seconds to
    # presolve), largest first, each to the first process free (parallel.py).
    total = sum(size.values())
    first = max(settings.min_seconds, left())
    shares = [
        (p, max(_share(first, size[p], total, settings), settings.staff_seconds * staff_count[p]))
        for p in professions
    ]
    if progress:
        progress(professions[0] if professions else "", 0, len(professions))
    # A profession its first share proves has its ties broken at once, in the time left now.
    for outcome in hosts.start(shares, first):
        take(outcome)
        if progress:
            progress(outcome.profession, len(outcomes), len(professions))
    # Time a profession did not need goes to those not yet proven optimal, in rounds.
    while left() >= settings.min_seconds:
        open_ = [p for p in professions if not outcomes[p].proven]
        if not open_:
            break
        before = sum(used.values())
        round_started = time.perf_counter()
        now_left, open_size = left(), sum(size[p] for p in open_)
        calls = [
            (
                "run",
                p,
                max(settings.min_seconds, _share(now_left, size[p], open_size, settings)),
                0.0,
            )
            for p in open_
        ]
        for outcome in hosts.answer(calls):
            take(outcome)
        # A round shorter than a tenth of the least search did nothing: stop, not spin.
        spent = (
            sum(used.values()) - before
            if settings.deterministic
            else time.perf_counter() - round_started
        )
        if spent < settings.min_seconds / 10:
            break
    # Of several plans of least cost, the one the rule names (tiebreak.py), in the time left.
    now_left = left()
    if now_left > 0:
        calls = [
            ("tie_break", p, now_left, 0.0)
            for p in sorted(professions)
            if outcomes[p].proven
            and not outcomes[p].tie_broken
            and worth_breaking(staff_count[p], case_count[p], settings)
        ]
        for outcome in hosts.answer(calls):
            take(outcome)
    if progress:
        progress("", len(professions), len(professions))
    return outcomes


def _share(seconds: float, size: int, total: int, settings: SearchSettings) -> float:
    """A profession's part of `seconds` by its size; on the deterministic clock, whose budget
    is for settings.work_processes processes, no more than one process's part."""
    part = seconds * size / total
    if settings.deterministic:
        part = min(part, seconds / settings.work_processes)
    return part


def profession_counts(problem: Problem) -> tuple[dict[str, int], dict[str, int]]:
    """Each profession's employees and in-house cases, counted."""
    staff: dict[str, int] = defaultdict(int)
    for s in problem.staff:
        staff[s.employee.profession] += 1
    cases: dict[str, int] = defaultdict(int)
    for a in problem.assignments:
        cases[a.case.profession] += 1
    return staff, cases


def profession_sizes(problem: Problem) -> dict[str, int]:
    """How large each profession's search is, by which the time limit is shared among them:
    one more than its employees times (one more than) its cases."""
    staff, cases = profession_counts(problem)
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
