"""Once everyone's place is settled, one model per municipality instead of one per profession.

A case is carried by a colleague in its serving municipality, and every cost term
belongs to one employee, one case, one municipality's staffing need or one family.
So where every employee of a profession has one municipality left (fixed, or the
others excluded by the pattern bound), and no family has cases in the profession
served by two municipalities, the profession's model falls apart: one model per
municipality, of the staff placed there and the cases it serves, whose optima add
up to the profession's. CP-SAT does not find this by itself: on the demo's exact
models with every place settled it proves SRP's optimum in 0.71 deterministic
units whole, and in 0.15 municipality by municipality (PSY 1.10 against 0.25, FAM
0.38 against 0.33).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from fractions import Fraction

from ortools.sat.python import cp_model

from overgang.core.planning.determinism import Clock
from overgang.core.planning.model import ProfessionModel, build_profession_model, hint_plan
from overgang.core.planning.plan import PlanningError
from overgang.core.planning.policy import Policy
from overgang.core.planning.problem import Assignment, Problem, Staff
from overgang.core.planning.readback import read_bound, read_contacts
from overgang.core.planning.search_settings import SearchSettings

# A configured solver for a model and a share of seconds (search.ProfessionSearch._solver).
SolverFor = Callable[[ProfessionModel, float], cp_model.CpSolver]


def settled_places(pm: ProfessionModel, excluded: set[tuple[str, int]]) -> dict[str, int] | None:
    """Return where everyone works where each employee has one municipality left; else None."""
    place = {}
    for s in pm.staff:
        left = [m for m in pm.allowed[s.id] if (s.id, m) not in excluded]
        if len(left) != 1:
            return None
        place[s.id] = left[0]
    return place


def families_apart(cases: list[Assignment]) -> bool:
    """Whether every family's cases are served by one municipality: only then does the
    family split stay within one municipality's model."""
    serving: dict[str, int] = {}
    return all(serving.setdefault(a.family_id, a.serving) == a.serving for a in cases)


def municipality_part(problem: Problem, m: int, cases: list[Assignment]) -> Problem:
    """The part of a profession's problem in municipality `m`: the cases it serves and its
    staffing needs. Its staff stay the profession's: the reference plan's contact person
    of a case here may work elsewhere, and what changing from them costs holds still
    (prices.reference_contacts)."""
    return replace(
        problem,
        municipalities=(m,),
        assignments=tuple(a for a in cases if a.serving == m),
        needs={key: fte for key, fte in problem.needs.items() if key[0] == m},
    )


@dataclass
class Parts:
    """The models of one profession, municipality by municipality, for one settlement of places."""

    place: dict[str, int]
    models: dict[int, ProfessionModel]
    # The part of the problem each model is built from (municipality_part)
    problems: dict[int, Problem]
    # The municipalities whose optimum is proven: their plan (contact persons) and its cost.
    optima: dict[int, tuple[dict[str, str | None], Fraction]] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        problem: Problem,
        policy: Policy,
        profession: str,
        staff: list[Staff],
        cases: list[Assignment],
        place: dict[str, int],
        *,
        relaxed: bool,
        settings: SearchSettings,
        clock: Clock,
        every_case_alone: bool = False,
    ) -> Parts:
        """Build a model for every municipality: its staffing need counts even where nobody
        works there, and its cases are unstaffed there. `every_case_alone`: each case
        assigned one by one (model.build_profession_model), as the tie-break asks."""
        models, problems = {}, {}
        for m in problem.municipalities:
            part = problems[m] = municipality_part(problem, m, cases)
            here = [s for s in staff if place[s.id] == m]
            models[m] = build_profession_model(
                part,
                policy,
                profession,
                here,
                list(part.assignments),
                relaxed=relaxed,
                place={s.id: m for s in here},
                settings=settings,
                clock=clock,
                every_case_alone=every_case_alone,
            )
        return cls(place=dict(place), models=models, problems=problems)

    def solve(
        self,
        contact: dict[str, str | None],
        seconds: float,
        solver_for: SolverFor,
        clock: Clock,
    ) -> tuple[dict[str, str | None], Fraction | None, bool]:
        """Search every municipality's model whose optimum is not yet proven, from `contact`
        (the best plan so far), within `seconds` in all, each a share by its size.

        Returns:
            Every case's contact person; the profession's bound with these places (None
            where a model found no plan to read one from); and whether every model's
            optimum is proven.
        """
        started = clock.now()
        size = {m: len(pm.model.proto.variables) for m, pm in self.models.items()}
        left = sum(size[m] for m in self.models if m not in self.optima)
        found: dict[str, str | None] = {}
        bound: Fraction | None = Fraction(0)
        proven = True
        for m, pm in self.models.items():
            if m in self.optima:
                plan, cost = self.optima[m]
                found.update(plan)
                bound = None if bound is None else bound + cost
                continue
            hint_plan(pm, self.place, contact)
            share = (seconds - clock.since(started)) * size[m] / max(left, 1)
            left -= size[m]
            solver = solver_for(pm, share)
            status = clock.solve(solver, pm.model)
            if status in (cp_model.INFEASIBLE, cp_model.MODEL_INVALID):
                raise PlanningError(
                    f"no plan for {pm.profession} in {m}: {solver.status_name(status)}"
                )
            if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                # The plan the model was built from keeps the hard rules with these places.
                found.update(pm.first_plan[1])
                bound, proven = None, False
                continue
            plan, least = read_contacts(pm, solver.value), read_bound(pm, solver, status)
            found.update(plan)
            if status == cp_model.OPTIMAL:
                self.optima[m] = (plan, least)
            proven = proven and status == cp_model.OPTIMAL
            bound = None if bound is None else bound + least
        return found, bound, proven


class Municipalities:
    """One profession's models by municipality: whether it has them, and for which places,
    built once for each settlement of places."""

    def __init__(
        self,
        problem: Problem,
        policy: Policy,
        profession: str,
        staff: list[Staff],
        cases: list[Assignment],
        *,
        relaxed: bool,
        settings: SearchSettings,
        clock: Clock,
    ) -> None:
        self.problem, self.policy, self.profession = problem, policy, profession
        self.staff, self.cases = staff, cases
        self.relaxed, self.settings, self.clock = relaxed, settings, clock
        self.apart = families_apart(cases)
        self.parts: Parts | None = None

    def settled(self, pm: ProfessionModel, excluded: set[tuple[str, int]]) -> Parts | None:
        """The models where everyone's place is settled and no family has cases in two
        municipalities; else None."""
        place = settled_places(pm, excluded) if self.apart else None
        return None if place is None else self.at(place)

    def at(self, place: dict[str, int]) -> Parts:
        """The models with everyone working where `place` says."""
        if self.parts is None or self.parts.place != place:
            self.parts = Parts.build(
                self.problem,
                self.policy,
                self.profession,
                self.staff,
                self.cases,
                place,
                relaxed=self.relaxed,
                settings=self.settings,
                clock=self.clock,
            )
        return self.parts
