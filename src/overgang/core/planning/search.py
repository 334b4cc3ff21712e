"""One profession's search for its cheapest plan and a proof of it, in steps.

Each share of time runs, in this order, the steps that are due:

1. the pattern bound (patterns.py): the pattern master, then, once it has
   converged, the placement tree (branching.py) and the dive; the plans they
   suggest; the (employee, municipality) pairs they rule out; and, where the
   relaxed families' tree is exhausted without a proof, the exact-family stage
   where its master is small enough to converge;
2. the linear relaxation's bound (lp_bound.py), where the patterns did not converge;
3. in the first share where families are exact, a CP-SAT search of the model
   with relaxed families;
4. a CP-SAT search of the model.

Every bound goes through `_raise_bound`, every plan through `_keep`.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from fractions import Fraction

from ortools.sat.python import cp_model

from overgang.core.planning.branching import PlacementTree
from overgang.core.planning.by_municipality import Municipalities, Parts
from overgang.core.planning.cost import plan_cost
from overgang.core.planning.determinism import Clock
from overgang.core.planning.fixes import FixConflict, broken_fixes
from overgang.core.planning.lp_bound import solve_relaxation
from overgang.core.planning.model import (
    ProfessionModel,
    build_profession_model,
    floor_objective,
    greedy_plan,
    hint_plan,
    plan_values,
)
from overgang.core.planning.patterns import PatternSearch
from overgang.core.planning.patterns.master_data import master_data
from overgang.core.planning.plan import PlanningError, ProfessionReport, SolveReport, SolveStatus
from overgang.core.planning.policy import Policy, search_workers
from overgang.core.planning.problem import Assignment, Problem, Staff
from overgang.core.planning.readback import read_bound, read_contacts, read_employers, read_places
from overgang.core.planning.search_settings import DEFAULT_SETTINGS, SearchSettings

PlanParts = tuple[dict[str, int], dict[str, str | None]]  # (employer, contact)


class FixConflictError(PlanningError):
    """Fixed decisions that cannot all hold: planning stops before it starts."""

    def __init__(self, conflicts: list[FixConflict]) -> None:
        super().__init__("; ".join(str(c) for c in conflicts))
        self.conflicts = conflicts


def _since(started: float) -> float:
    return time.perf_counter() - started


class ProfessionSearch:
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
        settings: SearchSettings = DEFAULT_SETTINGS,
        clock: Clock | None = None,
    ) -> None:
        started = time.perf_counter()
        self.problem, self.policy, self.profession = problem, policy, profession
        self.settings = settings
        # Every step's share is read on this clock: the wall's, or the work done (determinism.py).
        self.clock = clock or Clock(settings)
        self.staff_count, self.case_count = len(staff), len(cases)
        # Up to a third of the time (at most pooled_seconds, at least a tenth) goes to the
        # pooled first plan the solver starts from: a large pooled model needs seconds to presolve.
        pooled = max(seconds / 10, min(settings.pooled_seconds, seconds / 3))
        build = (problem, policy, profession, staff, cases)
        place = None
        if policy.reference is not None:
            # Re-planning: the plan that changes least starts where the reference plan put
            # everyone (greedy_plan moves those a fix or the rules forbid there).
            before = policy.reference.employers()
            place = {s.id: before.get(s.id, problem.host) for s in staff}
        self.pm = build_profession_model(
            *build, hint_seconds=pooled, place=place, settings=settings, clock=self.clock
        )
        self.relaxed: ProfessionModel | None = None
        # Where everyone's place is fixed (a re-plan with every decision notified), the
        # relaxed families' model has no places to suggest and a weaker bound: not built.
        self.places_open = any(len(allowed) > 1 for allowed in self.pm.allowed.values())
        if self.pm.exact_families and self.places_open:
            place = self.pm.first_plan[0]
            self.relaxed = build_profession_model(
                *build, relaxed=True, place=place, settings=settings, clock=self.clock
            )
        # The plan is never worse than the first plan the solver starts from.
        self.employer: dict[str, int] = dict(self.pm.first_plan[0])
        self.contact: dict[str, str | None] = dict(self.pm.first_plan[1])
        self.cost = self._cost(self.employer, self.contact)
        self.bound: Fraction | None = None
        # Solved, or made needless by a converged pattern bound (which is at least as high).
        self.relaxation_solved = False
        self.patterns: PatternSearch | None = None
        self.tree: PlacementTree | None = None
        self.seeded: Fraction | None = None  # the cost of the plan last given to the patterns
        # The model the pattern bound is built from: the one with relaxed families where
        # the profession has one (its bound holds for the exact model too, and it converges
        # in a fraction of the time). Kept after its own search, for a later round.
        self.pattern_model = self.relaxed or self.pm
        # Where employees were excluded by the pattern bound: no plan that uses the excluded
        # pairs costs less than this, so the models' own bounds hold only up to it.
        self.cutoff: Fraction | None = None
        self.excluded: set[tuple[str, int]] = set()
        self.dived: dict[str, int] | None = None  # the places of the last dive
        self.runs = 0
        self.exact_rows: int | None = None
        # The exact model by municipality, once everyone's place is settled (by_municipality.py)
        self.municipalities = Municipalities(
            *build, relaxed=self.pm.relaxed_families, settings=settings, clock=self.clock
        )
        # The model's optimum is proven: more time cannot improve this profession.
        self.exhausted = False
        self.build_seconds = _since(started)
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
            self.seconds += _since(started)

    def _run(self, seconds: float) -> None:
        """Run the steps that are due this share, in order (see the module's docstring)."""
        s, clock = self.settings, self.clock
        started = clock.now()
        large = len(self.pm.model.proto.variables) >= s.large_model_variables
        if self._pattern_bound_due() and self._pattern_bound(seconds * self._pattern_share(large)):
            self.relaxation_solved = True
        if not self.relaxation_solved and (large or self.runs > 0):
            self._relaxation_bound(seconds * s.lp_share - clock.since(started), large)
            self.relaxation_solved = True
        if self.proven:
            return
        seconds -= clock.since(started)
        searching = clock.now()
        most = seconds
        if self.relaxed is not None:
            most = s.first_search_seconds
            self._relaxed_search(self.relaxed, min(seconds * s.relaxed_share, most))
            if self.proven:
                return
        if self._search(self.pm, min(seconds - clock.since(searching), most)):
            self.exhausted = True
        self.runs += 1

    # Step 1: the pattern bound, its tree, the dive and the exact-family stage.

    def _pattern_bound_due(self) -> bool:
        """Whether the pattern bound runs now: while it can rise, where a place is open."""
        unfinished = (
            self.patterns is None
            or not self.patterns.converged
            or (self.tree is not None and not self.tree.exhausted(self.cost))
        )
        starts = self.staff_count >= self.settings.pattern_first_staff or self.runs > 0
        return bool(self.case_count) and unfinished and starts and self.places_open

    def _pattern_share(self, large: bool) -> float:
        """The most of a share the pattern bound takes: more where families are exact after
        the first share (CP-SAT's bound creeps there), but not while the exact model's master
        has yet to converge (it may never; CP-SAT may prove it with the exclusions so far)."""
        exact_master_pending = (
            self.patterns is not None
            and self.pattern_model is self.pm
            and not self.patterns.converged
        )
        family_rounds = self.pm.exact_families and self.runs > 0 and not exact_master_pending
        return self.settings.lp_share if large or family_rounds else self.settings.pattern_share

    def _pattern_bound(self, seconds: float) -> bool:
        """Raise the bound to the pattern bound's; True where its column generation converged.

        Once it converges, branch on places (branching.py). Try as plans where the
        master and the lowest branch put each employee, the latter also packed
        exactly by CP-SAT (the dive), and the patterns chosen; then exclude from
        the models every (employee, municipality) that no plan as cheap as the
        best so far can use. Where the relaxed families' tree is exhausted without
        a proof, go on with the exact model's patterns.
        """
        s, clock = self.settings, self.clock
        started = clock.now()
        patterns = self._pattern_master(seconds)
        if patterns is None or self.proven:
            return patterns is not None
        models = [model for model in (self.pm, self.relaxed) if model is not None]
        self._keep(greedy_plan(self.pm, patterns.place), hint=models)
        if patterns.converged:
            # What is left of the time goes to branching on where the master splits employees.
            tree = self._placement_tree(patterns, seconds - clock.since(started))
            if self.proven:
                return True
            place = tree.place()
            self._keep(greedy_plan(self.pm, place), hint=models)
            self._exclude(patterns, models)
            dive_due = tree.exhausted(self.cost) and place != self.dived and not self.proven
            if dive_due and self._places_open(place):
                # Where the lowest branch puts everyone, packed exactly: better than the
                # greedy packing of the same places.
                self.dived = place
                dive = self._dive(place, seconds * s.dive_share)
                if dive is not None:
                    self._keep(dive, hint=models)
        if self.proven:
            return patterns.converged
        chosen = self._chosen_plan(patterns, min(seconds * s.choice_share, s.choice_seconds))
        if chosen is not None:
            self._keep(chosen, hint=models)
        self._exclude(patterns, models)
        if self._exact_stage_due():
            return self._exact_stage(min(seconds - clock.since(started), s.exact_stage_seconds))
        return patterns.converged

    def _pattern_master(self, seconds: float) -> PatternSearch | None:
        """Run the pattern master from the best plan so far, keep its bound; None: no bound yet."""
        started = self.clock.now()
        if self.patterns is None:
            self.patterns = PatternSearch(self.pattern_model, clock=self.clock)
        self._seed(self.patterns)
        result = self.patterns.run(seconds - self.clock.since(started))
        if result is None:
            return None
        self._raise_bound(result.bound, without_excluded=self.patterns.forbidden)
        return self.patterns

    def _placement_tree(self, patterns: PatternSearch, seconds: float) -> PlacementTree:
        """Return the tree of branches on places, grown for most of `seconds`; keep its bound."""
        s = self.settings
        tree = self.tree = self.tree or PlacementTree(patterns)
        bound = tree.run(seconds * (1 - s.choice_share - s.dive_share), self.cost)
        self._raise_bound(bound, without_excluded=patterns.forbidden)
        return tree

    def _places_open(self, place: dict[str, int]) -> bool:
        """Whether the exclusions so far leave anyone a place other than `place`'s. Where
        they do not, the dive would search the very model the exact search searches next,
        with the same places, and only add a presolve (the demo's FAM, FYS, SRP and TAL:
        0.1-0.6 s each)."""
        return any(
            (s.id, m) not in self.excluded
            for s in self.pm.staff
            for m in self.pm.allowed[s.id]
            if m != place[s.id]
        )

    def _dive(self, place: dict[str, int], seconds: float) -> PlanParts | None:
        """The cheapest plan CP-SAT finds in `seconds` with everyone working where `place` says:
        municipality by municipality where no family has cases in two."""
        if self.municipalities.apart:  # each model gets the time to prove (dive_part_seconds)
            least = self.settings.dive_part_seconds
            contact, _, _ = self.municipalities.at(place).solve(
                self.contact,
                seconds,
                lambda pm, part: self._solver(pm, max(part, least)),
                self.clock,
            )
            return dict(place), contact
        model = self.pm.model.clone()
        for s in self.pm.staff:
            for m in self.pm.municipalities:
                if m != place[s.id]:
                    # A Boolean's domain is [0, 1]: its upper end to 0.
                    model.proto.variables[self.pm.works_for[s.id, m].index].domain[1] = 0
        solver = self._solver(self.pm, seconds)
        if self.clock.solve(solver, model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None
        return read_employers(self.pm, solver.value), read_contacts(self.pm, solver.value)

    def _seed(self, patterns: PatternSearch) -> None:
        """Give the patterns the best plan so far, where they have not had it: as columns
        the master starts from (it converges sooner), and as the plan to choose from."""
        if self.seeded != self.cost:
            plan = plan_values(self.pattern_model, self.employer, self.contact)
            patterns.seed({var.index: value for var, value in plan})
            self.seeded = self.cost

    def _chosen_plan(self, patterns: PatternSearch, seconds: float) -> PlanParts | None:
        """The plan made of one generated pattern per employee, chosen by CP-SAT in `seconds`
        from the best plan so far, and only if cheaper."""
        self._seed(patterns)
        values = patterns.choose(seconds, self.cost)
        if values is None:
            return None

        def value(var: cp_model.IntVar) -> int:
            return values.get(var.index, 0)

        pm = self.pattern_model
        return read_employers(pm, value), read_contacts(pm, value)

    def _exclude(self, patterns: PatternSearch, models: list[ProfessionModel]) -> None:
        """Take out of the models what the master's prices and the tree's branches rule out."""
        pairs = set(patterns.excluded(self.cost))
        if self.tree is not None:
            pairs.update(self.tree.excluded(self.cost))
        excluded = sorted(pairs - self.excluded)
        if excluded:
            for model in models:
                for person, m in excluded:
                    model.model.add(model.works_for[person, m] == 0)
            self.excluded.update(excluded)
            self.cutoff = self.cost

    def _exact_stage_due(self) -> bool:
        """Whether branching on places has taken the relaxed families' bound as far as it goes,
        on an exact master small enough to converge.

        The exact patterns may take long to converge, or never do (on the demo's FAM, 468
        rows: not in 600 s), where CP-SAT with the places the tree leaves proves the
        optimum in a second; on SRP (125 rows) they prove in 6 s what CP-SAT has not in
        20. Above settings.exact_stage_rows they are not tried.
        """
        return (
            self.pattern_model is not self.pm
            and self.tree is not None
            and self.tree.exhausted(self.cost)
            and not self.proven
            and self._exact_master_rows() <= self.settings.exact_stage_rows
        )

    def _exact_master_rows(self) -> int:
        """The rows of the exact model's pattern master: what its convergence grows with."""
        if self.exact_rows is None:
            self.exact_rows = len(master_data(self.pm, self.excluded).rows)
        return self.exact_rows

    def _exact_stage(self, seconds: float) -> bool:
        """Go on with the exact model's patterns and their own tree; True where they converged.

        Their master leaves out the pairs excluded so far. It gets at most
        exact_stage_seconds now: CP-SAT gets the rest where it converges slowly or never.
        """
        self.pattern_model = self.pm
        self.patterns = PatternSearch(self.pm, self.excluded, self.clock)
        self.tree, self.seeded = None, None
        if seconds >= self.settings.min_seconds:
            return self._pattern_bound(seconds)
        return self.patterns.converged

    # Step 2: the linear relaxation.

    def _relaxation_bound(self, seconds: float, large: bool) -> None:
        """Raise the bound to the linear relaxation's, proven in exact arithmetic.

        On a large model the relaxation without the family split's maxima comes
        first (CLP solves it several times faster), then the whole one in the
        time that is left.
        """
        clock = self.clock
        started = clock.now()
        relaxation = None
        for maxima in (False, True) if large else (True,):
            left = seconds - clock.since(started)
            if left <= 0:
                break
            solved = solve_relaxation(self.pm.model, left, maxima, clock)
            if solved is None:
                break
            relaxation = solved
            bound = solved.bound * self.pm.objective_unit + self.pm.cost_offset
            self._raise_bound(bound, without_excluded=False)
        if relaxation is None:
            return
        # Where the relaxation puts (most of) each employee is often where the optimum
        # does: a plan from there may beat the pooled model's.
        place = read_places(self.pm, relaxation.values)
        self._keep(greedy_plan(self.pm, place), hint=[self.pm])

    # Steps 3 and 4: the CP-SAT searches.

    def _relaxed_search(self, relaxed: ProfessionModel, seconds: float) -> None:
        """Search the model with relaxed families, once; the exact model starts from its plan."""
        self.relaxed = None
        self._search(relaxed, seconds)
        if not self.proven:
            hint_plan(self.pm, self.employer, self.contact)

    def _search(self, pm: ProfessionModel, seconds: float) -> bool:
        """Search one model; keep its plan if cheaper, and its bound. True: proven optimal.
        The exact model is searched municipality by municipality where it can be."""
        parts = self.municipalities.settled(pm, self.excluded) if pm is self.pm else None
        if parts is not None:
            return self._search_parts(parts, seconds)
        if pm is self.pm and self.bound is not None:
            floor_objective(pm, self.bound)
        solver = self._proof_solver(pm, seconds) if pm is self.pm else self._solver(pm, seconds)
        status = self.clock.solve(solver, pm.model)
        if status == cp_model.UNKNOWN and self.bound is None and not pm.first_plan[0]:
            # Out of time before a first plan, with nothing to fall back on: search on.
            workers = solver.parameters.num_workers
            self.clock.configure(solver, self.settings.first_plan_seconds, workers)
            solver.parameters.stop_after_first_solution = True
            status = self.clock.solve(solver, pm.model)
        if status in (cp_model.INFEASIBLE, cp_model.MODEL_INVALID):
            raise PlanningError(f"no plan for {self.profession}: {solver.status_name(status)}")
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return False
        # The next round starts from this plan.
        self._keep((read_employers(pm, solver.value), read_contacts(pm, solver.value)), hint=[pm])
        # The models hold only plans cheaper than the cutoff, or the plan that set it.
        self._raise_bound(read_bound(pm, solver, status), without_excluded=True)
        return status == cp_model.OPTIMAL

    def _search_parts(self, parts: Parts, seconds: float) -> bool:
        """Search the exact model municipality by municipality; keep the plan they make if
        cheaper, and the bound they prove (with the places settled by exclusions, it holds
        up to the cutoff). True: every municipality's optimum proven."""
        contact, bound, proven = parts.solve(self.contact, seconds, self._proof_solver, self.clock)
        self._keep((dict(parts.place), contact), hint=[self.pm])
        if bound is not None:
            self._raise_bound(bound, without_excluded=True)
        return proven

    def _proof_solver(self, pm: ProfessionModel, seconds: float) -> cp_model.CpSolver:
        """A solver for the exact model: where a plan is in hand and a bound below it, what is
        left is mostly a proof, and the deterministic search turns to the proof's subsolvers."""
        solver = self._solver(pm, seconds)
        if self.bound is not None and self.clock.deterministic:
            solver.parameters.subsolvers.extend(self.settings.proof_subsolvers)
            solver.parameters.cp_model_probing_level = self.settings.proof_probing_level
        return solver

    def _solver(self, pm: ProfessionModel, seconds: float) -> cp_model.CpSolver:
        solver = cp_model.CpSolver()
        workers = (
            search_workers(self.policy, len(pm.model.proto.variables), self.settings.processes)
            if self.places_open or self.policy.workers is not None
            else self.settings.fixed_places_workers
        )
        self.clock.configure(solver, max(self.settings.min_seconds, seconds), workers)
        return solver

    # What every step keeps.

    def _raise_bound(self, bound: Fraction, *, without_excluded: bool) -> None:
        """Keep `bound` where it is above the best so far. One of a model or master without the
        excluded pairs holds only up to `cutoff`, the cost below which no plan uses one."""
        if without_excluded and self.cutoff is not None:
            bound = min(bound, self.cutoff)
        self.bound = bound if self.bound is None else max(self.bound, bound)

    def _keep(self, plan: PlanParts, hint: Iterable[ProfessionModel]) -> None:
        """Keep a plan where it is cheaper than the best so far and keeps every fixed decision
        (plans from the pattern heuristics need not), and hint it to `hint`."""
        employer, contact = plan
        if broken_fixes(self.policy, employer, {a: contact.get(a) for a in self.pm.fixed_contact}):
            return
        cost = self._cost(employer, contact)
        if cost < self.cost:
            self.employer, self.contact, self.cost = employer, contact, cost
            for model in hint:
                hint_plan(model, employer, contact)

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
