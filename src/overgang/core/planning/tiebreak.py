"""Of several plans of least cost, the one a stated rule names (docs/planning.md, "Ties").

A profession proven optimal may have several plans of that cost, and which one a search
finds depends on its path. The rule names one of them, whatever the path:

1. employee by employee, in the order of their ids, each works for the host if a plan
   of least cost (with the places chosen before) lets them, else for the municipality
   with the lowest code that one does;
2. then case by case, in the order of their ids, each keeps today's contact person if a
   plan of least cost (with everything chosen before) lets it, else has the colleague
   with the lowest id that one does, else is unstaffed.

It is computed by asking, decision by decision, whether a plan of least cost makes any
choice the rule prefers to the current plan's (a CP-SAT model with every case assigned
alone, the cost held at the optimum, the earlier choices fixed), going on from the plan
each yes finds. Every plan of
least cost has the choices the rule makes up to where it differs, so the answers are the
same whichever plan the search found.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass
from fractions import Fraction

from ortools.sat.python import cp_model

from overgang.core.planning.by_municipality import Parts, families_apart
from overgang.core.planning.cost import plan_cost
from overgang.core.planning.determinism import Clock
from overgang.core.planning.model import ProfessionModel, build_profession_model, hint_plan
from overgang.core.planning.policy import Policy
from overgang.core.planning.problem import Assignment, Problem, Staff
from overgang.core.planning.readback import read_employers
from overgang.core.planning.search_settings import SearchSettings

Employer = dict[str, int]
Contact = dict[str, str | None]


@dataclass(frozen=True)
class TieBreak:
    """The plan the rule names, and whether every question was answered (else the plan is
    the search's from the first unanswered one on, and still of least cost)."""

    employer: Employer
    contact: Contact
    complete: bool


class _Questions:
    """The model of least cost plans and the plan of the last yes."""

    def __init__(
        self,
        pm: ProfessionModel,
        problem: Problem,
        policy: Policy,
        plan: tuple[Employer, Contact],
        clock: Clock,
        seconds: float,
    ) -> None:
        self.pm, self.problem, self.policy, self.clock = pm, problem, policy, clock
        self.employer, self.contact = dict(plan[0]), dict(plan[1])
        self.optimum = self._cost(self.employer, self.contact)
        self.started, self.seconds = clock.now(), seconds
        self.complete = True
        # The cost held at the optimum, and no objective: each question is one of feasibility.
        proto = pm.model.proto.objective
        most = (self.optimum - pm.cost_offset) / pm.objective_unit
        objective = sum(
            coefficient * pm.model.get_int_var_from_proto_index(index)
            for index, coefficient in zip(proto.vars, proto.coeffs, strict=True)
        )
        pm.model.add(objective <= math.floor(most))
        pm.model.clear_objective()  # type: ignore[no-untyped-call]
        hint_plan(pm, self.employer, self.contact)

    def choose(self, chosen: cp_model.IntVar, preferred: list[cp_model.IntVar]) -> None:
        """Fix the first of `preferred` that a plan of least cost allows, up to `chosen` (the
        current plan's choice, which one does).

        One question asks whether any choice before `chosen` is allowed: usually none is,
        and one proof answers what one question per choice did. A yes moves `chosen` to
        the first choice of the plan it found, and the question is asked again before it.
        """
        before = _before(chosen, preferred)
        while before and self.complete:
            found = self._allows(before)
            if found is None:
                break
            chosen = found
            before = _before(chosen, before)
        self.pm.model.add(chosen == 1)

    def _allows(self, literals: list[cp_model.IntVar]) -> cp_model.IntVar | None:
        """The first of `literals` in a plan of least cost that has one of them, which then
        becomes the current plan; None where no plan of least cost has any."""
        left = self.seconds - self.clock.since(self.started)
        if left <= 0:
            self.complete = False
            return None
        model = self.pm.model
        if len(literals) == 1:
            (asked,) = literals
        else:
            asked = model.new_bool_var("")
            model.add_bool_or(literals).only_enforce_if(asked)
        model.clear_assumptions()
        model.add_assumptions([asked])
        solver = cp_model.CpSolver()
        self.clock.configure(solver, left, 1)
        status = self.clock.solve(solver, model)
        model.clear_assumptions()
        if status == cp_model.INFEASIBLE:
            return None
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            self.complete = False  # out of time: the rule is not applied from here on
            return None
        employer, contact = self._read(solver)
        if self._cost(employer, contact) != self.optimum:
            self.complete = False  # the models disagree with the cost: keep the search's plan
            return None
        self.employer, self.contact = employer, contact
        hint_plan(self.pm, employer, contact)
        return next(literal for literal in literals if solver.boolean_value(literal))

    def _read(self, solver: cp_model.CpSolver) -> tuple[Employer, Contact]:
        pm = self.pm
        # A municipality's model places its own staff: the others stay where they are.
        employer = {**self.employer, **read_employers(pm, solver.value)}
        # Read straight from the one-by-one variables: read_contacts would regroup families.
        contact: Contact = {}
        for a in pm.family_cases:
            contact[a.id] = next(
                (
                    s.id
                    for s in pm.staff
                    if (a.id, s.id) in pm.family_takes and solver.value(pm.family_takes[a.id, s.id])
                ),
                None,
            )
        return employer, contact

    def _cost(self, employer: Employer, contact: Contact) -> Fraction:
        return plan_cost(self.problem, self.policy, employer, contact, self.pm.profession).total


def _before(chosen: cp_model.IntVar, preferred: list[cp_model.IntVar]) -> list[cp_model.IntVar]:
    """The choices `preferred` ranks before `chosen` (all of them if it is not among them)."""
    for position, literal in enumerate(preferred):
        if literal is chosen:
            return preferred[:position]
    return preferred


def worth_breaking(staff: int, cases: int, settings: SearchSettings) -> bool:
    """Whether a proven profession of `staff` employees and `cases` cases is small enough
    for its ties to be broken: a question per decision, each as hard as a proof where the
    answer is no (settings.tie_break_pairs)."""
    return staff * cases <= settings.tie_break_pairs


def break_ties(
    problem: Problem,
    policy: Policy,
    profession: str,
    staff: list[Staff],
    cases: list[Assignment],
    plan: tuple[Employer, Contact],
    clock: Clock,
    seconds: float,
    excluded: Collection[tuple[str, int]] = (),
) -> TieBreak:
    """Return the plan of least cost the rule names, given `plan`, one of least cost.

    Its questions take at most `seconds` on `clock`; where they run out, the rest of
    the plan is `plan`'s (or the last yes's), and `complete` is False. `excluded`: the
    (employee, municipality) pairs the search proved no plan of least cost uses (its
    exclusions hold for every plan as cheap as the best when they were made): they are
    not asked about, and are out of the model every question searches.
    """
    pm = build_profession_model(
        problem,
        policy,
        profession,
        staff,
        cases,
        relaxed=False,
        place=plan[0],
        settings=clock.settings,
        clock=clock,
        every_case_alone=True,
    )
    for pair in excluded:
        if pair in pm.works_for:
            pm.model.add(pm.works_for[pair] == 0)
    started = clock.now()
    questions = _Questions(pm, problem, policy, plan, clock, seconds)
    # 1. Places: the host first, then by code.
    for s in sorted(staff, key=lambda s: s.id):
        open_to = [m for m in pm.allowed[s.id] if (s.id, m) not in excluded]
        places = sorted(open_to, key=lambda m: (m != problem.host, m))
        chosen = pm.works_for[s.id, questions.employer[s.id]]
        questions.choose(chosen, [pm.works_for[s.id, m] for m in places])
    # 2. Contact persons: with the places chosen, municipality by municipality where no
    # family has cases in two (by_municipality.py): the same answers from smaller models.
    if questions.complete and len(problem.municipalities) > 1 and families_apart(cases):
        parts = Parts.build(
            problem,
            policy,
            profession,
            staff,
            cases,
            questions.employer,
            relaxed=False,
            settings=clock.settings,
            clock=clock,
            every_case_alone=True,
        )
        left = seconds - clock.since(started)
        contact, complete = _contacts_by_municipality(parts, policy, questions.contact, clock, left)
        return TieBreak(questions.employer, contact, complete)
    _choose_contacts(pm, questions, staff)
    return TieBreak(questions.employer, questions.contact, questions.complete)


def _contacts_by_municipality(
    parts: Parts, policy: Policy, contact: Contact, clock: Clock, seconds: float
) -> tuple[Contact, bool]:
    """Step 2 in each municipality's model: with everyone's place chosen, a plan is of least
    cost exactly where each municipality's part of it is."""
    started = clock.now()
    chosen: Contact = {}
    complete = True
    for m, pm in parts.models.items():
        part = parts.problems[m]
        mine = {a.id: contact.get(a.id) for a in part.assignments}
        left = seconds - clock.since(started)
        questions = _Questions(pm, part, policy, (parts.place, mine), clock, left)
        _choose_contacts(pm, questions, pm.staff)
        chosen.update(questions.contact)
        complete = complete and questions.complete
    return chosen, complete


def _choose_contacts(pm: ProfessionModel, questions: _Questions, staff: list[Staff]) -> None:
    """Step 2: contact persons, today's first, then by id, then none."""
    colleagues = sorted(s.id for s in staff)
    for a in sorted(pm.family_cases, key=lambda a: a.id):
        today = [a.current_contact] if a.current_contact is not None else []
        order = today + [person for person in colleagues if person != a.current_contact]
        preferred = [pm.family_takes[a.id, p] for p in order if (a.id, p) in pm.family_takes]
        preferred.append(pm.family_unstaffed[a.id])
        current = questions.contact.get(a.id)
        chosen = (
            pm.family_takes[a.id, current] if current is not None else pm.family_unstaffed[a.id]
        )
        questions.choose(chosen, preferred)
