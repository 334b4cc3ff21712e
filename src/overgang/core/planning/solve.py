"""plan(problem, policy) -> Plan: solve each profession, read the plan back, prove what it costs."""

from __future__ import annotations

import heapq
import math
import time
from collections import defaultdict
from collections.abc import Callable
from fractions import Fraction

from ortools.sat.python import cp_model

from overgang.core.planning.branching import PlacementTree
from overgang.core.planning.cost import plan_cost
from overgang.core.planning.explain import explain_cases, explain_employees
from overgang.core.planning.lp_bound import solve_relaxation
from overgang.core.planning.metrics import plan_metrics
from overgang.core.planning.model import (
    LoadClass,
    ProfessionModel,
    build_profession_model,
    greedy_plan,
    hint_plan,
    plan_values,
)
from overgang.core.planning.patterns import PatternSearch
from overgang.core.planning.plan import Plan, ProfessionReport, SolveReport, SolveStatus
from overgang.core.planning.policy import LARGE_MODEL_VARIABLES, Policy, search_workers
from overgang.core.planning.problem import Assignment, Problem, Staff
from overgang.core.planning.regroup import consolidate_families, regroup_families

# Without an explicit limit the solver still stops: a plan must come back in reasonable time.
DEFAULT_TIME_LIMIT = 300.0
# The least time a profession is given, and the most it may take past its share to find a first plan.
# Each CP-SAT search gets at least this much, and a profession with relaxed families has two:
# at 0.5 s the demo at a 5 s limit took 6.9 s; at 0.3 s it keeps to the limit, with a gap of
# 1.24 % against 1.13 % (the whole demo, 4 s for the solver).
MIN_SECONDS = 0.3
# The least time per employee a profession is given in the first pass.
STAFF_SECONDS = 0.005
FIRST_PLAN_SECONDS = 600.0
# The part of a profession's first share that goes to its model with relaxed families.
RELAXED_SHARE = 0.4
# The most each of the two first searches gets where families are exact: the exact
# model's proves the demo's professions in 2.5 to 5.5 s where it proves them at all;
# where it does not (the demo's SRP, tight capacity), its bound creeps for minutes
# and the time is better spent in a later round on the exact model's patterns and
# their tree (the demo at the default 300 s: proven after 165.6 s without this cap).
FIRST_SEARCH_SECONDS = 10.0
# The most the pooled model behind the first plan gets beyond a tenth of the share.
POOLED_SECONDS = 10.0
# On a large model (LARGE_MODEL_VARIABLES or more), a profession's first share starts with
# the bound of the linear relaxation (lp_bound): CP-SAT needs long to find as good a bound on
# such a model. Smaller models get it only where their first share did not prove them.
#
# The most of a share the relaxation may take. CLP cannot be stopped with a bound in hand,
# so a relaxation it does not finish is time lost: at scale 100 the family counsellors'
# (91,674 variables) took 145 s, 31 s without the family split's maxima.
LP_SHARE = 0.8
# The most of a share the pattern bound (patterns.py) may take; on a large model, as much as
# the relaxation it replaces (LP_SHARE). Where its column generation converges, its bound is
# at least the linear relaxation's, which is then not solved, and the rest of the share goes
# to CP-SAT. At scale 100 with half the share, the home-visit pedagogues' did not converge
# in its 33 s (alone: 12 s), and their gap stayed 3.0 % where it would have been 2.1 %.
PATTERN_SHARE = 0.5
# A profession with this many employees or more starts with the pattern bound; a smaller
# one gets it only where its first share did not prove it. CP-SAT alone proves most small
# ones within seconds (the demo's: 8 to 36 employees), and the time the pattern bound
# takes first is then missed by the one that needs it most (the demo's SRP was no longer
# proven in 300 s); scale 10's professions (78 to 348) gain most from it.
PATTERN_FIRST_STAFF = 50
# The part of that time the plan made of the generated patterns may take (beyond it), and
# the most: with a long share, the demo's support pedagogues' exact patterns spent 39 s
# on it (it has not yet given the best plan in a measured run).
CHOICE_SHARE = 0.2
CHOICE_SECONDS = 5.0
# The part of it the exact packing of the lowest branch's places may take (the dive).
DIVE_SHARE = 0.2
# The most the exact model's patterns and their tree get in the round they start: the
# demo's support pedagogues need about 17 s (master 10 s, tree 6 s); the demo's family
# counsellors', forced there, did not converge in 50 s where CP-SAT then proved the
# optimum in 1 s.
EXACT_STAGE_SECONDS = 20.0

Progress = Callable[[str, int, int], None]


class PlanningError(RuntimeError):
    pass


def plan(
    problem: Problem,
    policy: Policy | None = None,
    progress: Progress | None = None,
    started: float | None = None,
    reserve: float = 0.0,
) -> Plan:
    """Return the cheapest plan the solver finds within the time limit, with its proven bound.

    The time limit counts from `started` (a `time.perf_counter()` reading) where it
    is given, so that a caller's loading of the data counts too; else from now.
    `reserve` seconds of it are kept for what the caller does with the plan after
    (storing it), but never more than half of it.
    """
    policy = policy or Policy()
    started = time.perf_counter() if started is None else started
    staff: dict[str, list[Staff]] = defaultdict(list)
    for s in problem.staff:
        staff[s.employee.profession].append(s)
    cases: dict[str, list[Assignment]] = defaultdict(list)
    for a in problem.assignments:
        cases[a.case.profession].append(a)

    professions = problem.professions()
    size = {p: 1 + len(staff[p]) * (1 + len(cases[p])) for p in professions}
    limit = policy.time_limit if policy.time_limit is not None else DEFAULT_TIME_LIMIT
    budget = max(limit - reserve, limit / 2)

    def left() -> float:
        return budget - (time.perf_counter() - started)

    searches: dict[str, _Search] = {}
    # Largest first, each given its share of the time that is left.
    remaining_size = sum(size.values())
    for done, profession in enumerate(sorted(professions, key=lambda p: -size[p])):
        if progress:
            progress(profession, done, len(professions))
        # A profession's share follows its size, but a large staff needs seconds to presolve
        # even where there are no cases (staffing needs alone).
        share = max(
            max(MIN_SECONDS, left()) * size[profession] / remaining_size,
            STAFF_SECONDS * len(staff[profession]),
        )
        remaining_size -= size[profession]
        search = _Search(problem, policy, profession, staff[profession], cases[profession], share)
        search.run(share - search.build_seconds)
        searches[profession] = search
    # Time a profession did not need goes to those not yet proven optimal, in rounds.
    while left() >= MIN_SECONDS:
        open_ = [p for p, search in searches.items() if not search.proven]
        if not open_:
            break
        total = sum(size[p] for p in open_)
        round_started = time.perf_counter()
        for profession in sorted(open_, key=lambda p: -size[p]):
            share = max(MIN_SECONDS, left() * size[profession] / total)
            total -= size[profession]
            if left() < MIN_SECONDS:
                break
            searches[profession].run(share)
        if time.perf_counter() - round_started < MIN_SECONDS / 10:
            break
    if progress:
        progress("", len(professions), len(professions))

    employer: dict[str, int] = {}
    contact: dict[str, str | None] = {}
    reports: list[ProfessionReport] = []
    for search in searches.values():
        employer.update(search.employer)
        contact.update(search.contact)
        reports.append(search.report())
    cost = plan_cost(problem, policy, employer, contact)
    bound = sum((r.solve.bound for r in reports), Fraction(0))
    solve = SolveReport(
        status=SolveStatus.OPTIMAL if cost.total <= bound else SolveStatus.FEASIBLE,
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


class _Search:
    """One profession's model, its best plan so far and its best proven bound.

    Where families are assigned case by case, a second model with relaxed families
    (smaller, and its optimum a lower bound on the exact one) is searched first for
    part of the time: its bound holds for the profession, and its plan, with the
    family's cases handed on together, is where the exact model starts.
    """

    def __init__(
        self,
        problem: Problem,
        policy: Policy,
        profession: str,
        staff: list[Staff],
        cases: list[Assignment],
        seconds: float,
    ) -> None:
        started = time.perf_counter()
        self.problem, self.policy, self.profession = problem, policy, profession
        self.staff_count, self.case_count = len(staff), len(cases)
        # Up to a third of the time (at most 10 s, at least a tenth) goes to the pooled
        # first plan the solver starts from: a large pooled model needs seconds to presolve.
        self.pm = build_profession_model(
            problem,
            policy,
            profession,
            staff,
            cases,
            hint_seconds=max(seconds / 10, min(POOLED_SECONDS, seconds / 3)),
        )
        self.relaxed: ProfessionModel | None = None
        if self.pm.family_cases:
            self.relaxed = build_profession_model(
                problem, policy, profession, staff, cases, relaxed=True, place=self.pm.first_plan[0]
            )
        # The plan is never worse than the first plan the solver starts from.
        self.employer: dict[str, int] = dict(self.pm.first_plan[0])
        self.contact: dict[str, str | None] = dict(self.pm.first_plan[1])
        self.cost = self._cost(self.employer, self.contact)
        self.bound: Fraction | None = None
        self.relaxation_solved = False
        self.patterns: PatternSearch | None = None
        self.tree: PlacementTree | None = None
        self.seeded: Fraction | None = None  # the cost of the plan last given to the patterns
        # The model the pattern bound is built from: the one with relaxed families where
        # the profession has one (its bound holds for the exact model too, and it
        # converges in a fraction of the time: the demo's speech therapists 0.2 s
        # against over a minute). Kept after its own search, for a later round.
        self.pattern_model = self.relaxed or self.pm
        # Where employees were excluded by the pattern bound: no plan that uses the excluded
        # pairs costs less than this, so the models' own bounds hold only up to it.
        self.cutoff: Fraction | None = None
        self.excluded: set[tuple[str, int]] = set()
        self.dived: dict[str, int] | None = None  # the places of the last dive
        self.runs = 0
        # The model's optimum is proven: more time cannot improve this profession.
        self.exhausted = False
        self.build_seconds = time.perf_counter() - started
        self.seconds = self.build_seconds

    @property
    def proven(self) -> bool:
        return self.exhausted or (self.bound is not None and self.cost <= self.bound)

    def run(self, seconds: float) -> None:
        """Search for `seconds` more, from the best plan so far; keep the best plan and bound."""
        started = time.perf_counter()
        try:
            self._run(seconds)
        finally:
            self.seconds += time.perf_counter() - started

    def _run(self, seconds: float) -> None:
        large = len(self.pm.model.proto.variables) >= LARGE_MODEL_VARIABLES
        bound_started = time.perf_counter()
        pending = (
            self.patterns is None
            or not self.patterns.converged
            or (self.tree is not None and not self.tree.exhausted(self.cost))
        )
        first = self.staff_count >= PATTERN_FIRST_STAFF or self.runs > 0
        # Where families are exact and the first share's searches did not prove the
        # profession, CP-SAT's bound creeps (the demo's support pedagogues: 40 below
        # the optimum after two minutes); the patterns and their trees close it. But
        # not while the exact model's master has yet to converge: it may never (the
        # demo's family counsellors' does not in a minute), and CP-SAT may prove the
        # profession with the exclusions it has.
        exact_master_pending = (
            self.patterns is not None
            and self.pattern_model is self.pm
            and not self.patterns.converged
        )
        family_rounds = bool(self.pm.family_cases) and self.runs > 0 and not exact_master_pending
        share = LP_SHARE if large or family_rounds else PATTERN_SHARE
        if self.case_count and pending and first and self._pattern_bound(seconds * share):
            self.relaxation_solved = True
        if not self.relaxation_solved and (large or self.runs > 0):
            self._relaxation_bound(
                seconds * LP_SHARE - (time.perf_counter() - bound_started), large
            )
            self.relaxation_solved = True
        if self.proven:
            return
        seconds -= time.perf_counter() - bound_started
        started = time.perf_counter()
        most = seconds
        if self.relaxed is not None:
            relaxed, self.relaxed = self.relaxed, None
            most = FIRST_SEARCH_SECONDS
            self._search(relaxed, min(seconds * RELAXED_SHARE, most))
            if self.proven:
                return
            hint_plan(self.pm, self.employer, self.contact)
        left = seconds - (time.perf_counter() - started)
        if self._search(self.pm, min(left, most)):
            self.exhausted = True
        self.runs += 1

    def _pattern_bound(self, seconds: float) -> bool:
        """Raise the bound to the pattern bound's; True where its column generation converged.

        Once it converges, branch on places (branching.py). Try as plans where the
        master and the lowest branch put each employee, the latter also packed
        exactly by CP-SAT (the dive), and the patterns chosen; then exclude from
        the models every (employee, municipality) that no plan as cheap as the
        best so far can use. Where the relaxed families' tree is exhausted without
        a proof, go on with the exact model's patterns.
        """
        started = time.perf_counter()
        if self.patterns is None:
            self.patterns = PatternSearch(self.pattern_model)
        if self.seeded != self.cost:
            # The best plan so far as columns: the master starts from it (scale 10's
            # masters converge in about two thirds of the time).
            plan = plan_values(self.pattern_model, self.employer, self.contact)
            self.patterns.seed({var.index: value for var, value in plan})
            self.seeded = self.cost
        result = self.patterns.run(seconds - (time.perf_counter() - started))
        if result is None:
            return False
        self._raise_bound(result.bound)
        if self.proven:
            return True
        plans = [greedy_plan(self.pm, self.patterns.place)]
        if self.patterns.converged:
            # What is left of the time goes to branching on where the master splits employees.
            self.tree = self.tree or PlacementTree(self.patterns)
            left = seconds - (time.perf_counter() - started)
            bound = self.tree.run(left * (1 - CHOICE_SHARE - DIVE_SHARE), self.cost)
            self._raise_bound(bound)
            if self.proven:
                return True
            place = self.tree.place()
            plans.append(greedy_plan(self.pm, place))
            if self.tree.exhausted(self.cost) and place != self.dived:
                # Where the lowest branch puts everyone, packed exactly: on the demo's
                # support pedagogues the optimum, where the greedy packing is 0.9 % above it.
                self.dived = place
                dive = self._dive(place, seconds * DIVE_SHARE)
                if dive is not None:
                    plans.append(dive)
        values = self.patterns.choose(min(seconds * CHOICE_SHARE, CHOICE_SECONDS))
        if values is not None:
            chosen, pm = values, self.pattern_model

            def value(var: cp_model.IntVar) -> int:
                return chosen.get(var.index, 0)

            plans.append((_read_employers(pm, value), _read_contacts(pm, value)))
        models = [model for model in (self.pm, self.relaxed) if model is not None]
        for employer, contact in plans:
            cost = self._cost(employer, contact)
            if cost < self.cost:
                self.employer, self.contact, self.cost = employer, contact, cost
                for model in models:
                    hint_plan(model, employer, contact)
        # What the master's prices rule out, and what the tree's branches do.
        pairs = set(self.patterns.excluded(self.cost))
        if self.tree is not None:
            pairs.update(self.tree.excluded(self.cost))
        excluded = sorted(pairs - self.excluded)
        if excluded:
            for model in models:
                for person, m in excluded:
                    model.model.add(model.works_for[person, m] == 0)
            self.excluded.update(excluded)
            self.cutoff = self.cost
        if (
            self.pattern_model is not self.pm
            and self.tree is not None
            and self.tree.exhausted(self.cost)
            and not self.proven
        ):
            # Branching on places has taken the relaxed families' bound as far as it
            # goes: on with the exact model's patterns, without the pairs excluded so
            # far (on the demo's support pedagogues, at the optimum's cost, 30 of 36
            # are then held in one municipality), and with its own tree; for at most
            # EXACT_STAGE_SECONDS now, so that CP-SAT gets the rest of the share where
            # the exact master converges slowly or not at all.
            self.pattern_model = self.pm
            self.patterns = PatternSearch(self.pm, self.excluded)
            self.tree, self.seeded = None, None
            left = min(seconds - (time.perf_counter() - started), EXACT_STAGE_SECONDS)
            if left >= MIN_SECONDS:
                return self._pattern_bound(left)
        return self.patterns.converged

    def _raise_bound(self, bound: Fraction) -> None:
        """Keep a bound of the patterns; where they leave out excluded pairs, it holds
        only up to the cost below which no plan uses one."""
        if self.patterns is not None and self.patterns.forbidden and self.cutoff is not None:
            bound = min(bound, self.cutoff)
        self.bound = bound if self.bound is None else max(self.bound, bound)

    def _dive(
        self, place: dict[str, int], seconds: float
    ) -> tuple[dict[str, int], dict[str, str | None]] | None:
        """The cheapest plan CP-SAT finds in `seconds` with everyone working where `place` says."""
        model = self.pm.model.clone()
        for s in self.pm.staff:
            for m in self.pm.municipalities:
                if m != place[s.id]:
                    # A Boolean's domain is [0, 1]: its upper end to 0.
                    model.proto.variables[self.pm.works_for[s.id, m].index].domain[1] = 0
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(MIN_SECONDS, seconds)
        solver.parameters.num_workers = search_workers(
            self.policy, len(self.pm.model.proto.variables)
        )
        solver.parameters.random_seed = 0
        if solver.solve(model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None
        return _read_employers(self.pm, solver.value), _read_contacts(self.pm, solver.value)

    def _relaxation_bound(self, seconds: float, large: bool) -> None:
        """Raise the bound to the linear relaxation's, proven in exact arithmetic.

        On a large model the relaxation without the family split's maxima comes
        first (CLP solves it several times faster), then the whole one in the
        time that is left.
        """
        started = time.perf_counter()
        relaxation = None
        for maxima in (False, True) if large else (True,):
            left = seconds - (time.perf_counter() - started)
            if left <= 0:
                break
            solved = solve_relaxation(self.pm.model, left, maxima)
            if solved is None:
                break
            relaxation = solved
            bound = solved.bound * self.pm.objective_unit + self.pm.cost_offset
            self.bound = bound if self.bound is None else max(self.bound, bound)
        if relaxation is None:
            return
        # Where the relaxation puts (most of) each employee is often where the optimum
        # does: a plan from there may beat the pooled model's.
        place = {}
        for s in self.pm.staff:
            share = {
                m: relaxation.values[self.pm.works_for[s.id, m].index]
                for m in self.pm.municipalities
            }
            place[s.id] = max(sorted(share), key=lambda m: share[m])
        employer, contact = greedy_plan(self.pm, place)
        cost = self._cost(employer, contact)
        if cost < self.cost:
            self.employer, self.contact, self.cost = employer, contact, cost
            hint_plan(self.pm, employer, contact)

    def _search(self, pm: ProfessionModel, seconds: float) -> bool:
        """Search one model; keep its plan if cheaper, and its bound. True: proven optimal."""
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(MIN_SECONDS, seconds)
        solver.parameters.num_workers = search_workers(self.policy, len(pm.model.proto.variables))
        solver.parameters.random_seed = 0
        status = solver.solve(pm.model)
        if status == cp_model.UNKNOWN and self.bound is None and not pm.first_plan[0]:
            # Out of time before a first plan, with nothing to fall back on: search on.
            solver.parameters.max_time_in_seconds = FIRST_PLAN_SECONDS
            solver.parameters.stop_after_first_solution = True
            status = solver.solve(pm.model)
        if status in (cp_model.INFEASIBLE, cp_model.MODEL_INVALID):
            raise PlanningError(f"no plan for {self.profession}: {solver.status_name(status)}")
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return False
        employer = _read_employers(pm, solver.value)
        contact = _read_contacts(pm, solver.value)
        cost = self._cost(employer, contact)
        if cost < self.cost:
            self.employer, self.contact, self.cost = employer, contact, cost
            # The next round starts from this plan.
            hint_plan(pm, employer, contact)
        if status == cp_model.OPTIMAL:
            bound_units = round(solver.objective_value)
        else:
            # The bound is a float; round it down by more than its rounding error, never up.
            raw = solver.best_objective_bound
            bound_units = math.ceil(raw - max(1e-6, abs(raw) * 1e-12))
        bound = bound_units * pm.objective_unit + pm.cost_offset
        if self.cutoff is not None:
            # The model holds only plans cheaper than the cutoff, or the plan that set it.
            bound = min(bound, self.cutoff)
        self.bound = bound if self.bound is None else max(self.bound, bound)
        return status == cp_model.OPTIMAL

    def _cost(self, employer: dict[str, int], contact: dict[str, str | None]) -> Fraction:
        return plan_cost(self.problem, self.policy, employer, contact, self.profession).total

    def report(self) -> ProfessionReport:
        # Without a bound from the solver, zero is one: every cost term is at least zero.
        bound = min(self.cost, Fraction(0) if self.bound is None else self.bound)
        return ProfessionReport(
            profession=self.profession,
            employees=self.staff_count,
            cases=self.case_count,
            solve=SolveReport(
                status=SolveStatus.OPTIMAL if self.cost <= bound else SolveStatus.FEASIBLE,
                objective=self.cost,
                bound=bound,
                seconds=self.seconds,
            ),
        )


Value = Callable[[cp_model.IntVar], int]


def _read_employers(pm: ProfessionModel, value: Value) -> dict[str, int]:
    employer = {}
    for s in pm.staff:
        employer[s.id] = next(m for m in pm.municipalities if value(pm.works_for[s.id, m]))
    return employer


def _read_contacts(pm: ProfessionModel, value: Value) -> dict[str, str | None]:
    contact: dict[str, str | None] = {}
    for a in pm.family_cases:
        contact[a.id] = next(
            (
                s.id
                for s in pm.staff
                if (a.id, s.id) in pm.family_takes and value(pm.family_takes[a.id, s.id])
            ),
            None,
        )
    slots: dict[LoadClass, dict[str, int]] = defaultdict(dict)
    for (person, load_class), count in pm.handed_on.items():
        taken = value(count)
        if taken > 0:
            slots[load_class][person] = taken
    holders: dict[str, set[str]] = defaultdict(set)  # family -> persons who hold its cases
    staffed: list[tuple[LoadClass, Assignment]] = []
    kept = {a.id for count, group in pm.kept_groups.values() for a in group[: value(count)]}
    for load_class, members in pm.single_cases.items():
        handed_on = []
        for a in members:
            keep = pm.keeps_contact.get(a.id)
            if a.id in kept or (keep is not None and value(keep)):
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
    regroup_families([a for members in pm.single_cases.values() for a in members], contact)
    every_case = [a for members in pm.single_cases.values() for a in members] + pm.family_cases
    consolidate_families(every_case, contact, pm.capacity, pm.limit, pm.weights)
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
    # Per class, the persons with free slots, most free first. Free slots only shrink,
    # so a stale count is renewed when it comes to the top.
    most_free: dict[LoadClass, list[tuple[int, str]]] = {}
    for load_class, persons in slots.items():
        most_free[load_class] = [(-n, person) for person, n in persons.items() if n > 0]
        heapq.heapify(most_free[load_class])

    def roomiest(load_class: LoadClass) -> str:
        heap, free = most_free[load_class], slots[load_class]
        while True:
            key, person = heap[0]
            if -key == free[person]:
                return person
            if free[person] > 0:
                heapq.heapreplace(heap, (-free[person], person))
            else:
                heapq.heappop(heap)

    for family in sorted(groups, key=lambda f: (-len(groups[f]), f)):
        for load_class, a in sorted(groups[family], key=lambda item: item[1].id):
            free = slots[load_class]
            # Prefer a person who holds a sibling's case, then the one with most room.
            siblings = [p for p in holders[family] if free.get(p, 0) > 0]
            person = max(siblings, key=lambda p: (free[p], p)) if siblings else roomiest(load_class)
            slots[load_class][person] -= 1
            contact[a.id] = person
            holders[family].add(person)
