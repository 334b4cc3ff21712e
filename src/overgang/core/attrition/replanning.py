"""Re-planning a draw: keep the plan and hand on the leavers' cases, or plan anew with the solver."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import replace
from fractions import Fraction

from overgang.core.planning.policy import Policy
from overgang.core.planning.problem import Problem
from overgang.core.planning.solve import plan
from overgang.core.planning.units import capacity_q, load_q, max_load_q

Employers = Mapping[str, int]
Contacts = Mapping[str, str | None]
# Re-plans a draw's problem: returns where everyone works and who keeps which case.
Replanner = Callable[[Problem, Employers, Contacts], tuple[Employers, Contacts]]


def hand_over(problem: Problem, policy: Policy, employer: Employers, contact: Contacts) -> Contacts:
    """Return the plan's contacts with every case of someone no longer there handed on.

    Everyone keeps the municipality the plan gives them and every case keeps its
    planned contact person where that person is still there. The other cases, most
    vulnerable first, go to a colleague of the profession in the case's serving
    municipality with room under the hard limit: one who already holds a sibling's
    case, else the least loaded relative to their limit; else the case is unstaffed.
    """
    staff = {s.id: s for s in problem.staff}
    norms = {p.code: p.norm for p in problem.dataset.professions}
    limit = {
        s.id: max_load_q(
            capacity_q(s.employee.hours, norms[s.employee.profession]), policy.max_load_factor
        )
        for s in problem.staff
    }
    load: dict[str, int] = Counter()
    holders: dict[tuple[str, str], set[str]] = {}
    result: dict[str, str | None] = {}
    orphaned = []
    for a in problem.assignments:
        person = contact.get(a.id)
        if person in staff:
            result[a.id] = person
            load[person] += load_q(a.case.load)
            holders.setdefault((a.family_id, a.case.profession), set()).add(person)
        else:
            orphaned.append(a)
    colleagues: dict[tuple[int, str], list[str]] = {}
    for s in sorted(problem.staff, key=lambda s: s.id):
        colleagues.setdefault((employer[s.id], s.employee.profession), []).append(s.id)
    for a in sorted(orphaned, key=lambda a: (-a.case.vulnerability, -load_q(a.case.load), a.id)):
        q = load_q(a.case.load)
        room = [
            p
            for p in colleagues.get((a.serving, a.case.profession), [])
            if load[p] + q <= limit[p] and limit[p] > 0
        ]
        family = holders.setdefault((a.family_id, a.case.profession), set())
        taker = min(
            room, key=lambda p: (p not in family, Fraction(load[p], limit[p]), p), default=None
        )
        result[a.id] = taker
        if taker is not None:
            load[taker] += q
            family.add(taker)
    return result


def handover_replanner(policy: Policy) -> Replanner:
    """Return the re-planner that keeps the plan and hands on the cases of those who left."""

    def replan(
        problem: Problem, employer: Employers, contact: Contacts
    ) -> tuple[Employers, Contacts]:
        kept = {s.id: employer[s.id] for s in problem.staff}
        return kept, hand_over(problem, policy, kept, contact)

    return replan


def solver_replanner(policy: Policy, seconds: float) -> Replanner:
    """Return the re-planner that plans each draw anew with the solver, within `seconds`.

    With the policy's search, by default the deterministic one (docs/planning.md), the
    same draw gives the same plan whether or not the time limit stops the search, unless
    the clock stops it before its counted work is done.
    """
    limited = replace(policy, time_limit=seconds, workers=1)

    def replan(
        problem: Problem, employer: Employers, contact: Contacts
    ) -> tuple[Employers, Contacts]:
        result = plan(problem, limited)
        return result.employer(), result.contacts()

    return replan
