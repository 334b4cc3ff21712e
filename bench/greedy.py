"""The greedy baseline: what a careful person with a spreadsheet would do.

1. Grant every stated wish; an employee with a blank wish ("either is fine") stays
   with the host, and one never interviewed counts as wishing to stay (build_problem).
2. Keep every case's contact person where that person now works for the case's
   serving municipality and the hard load limit allows, most vulnerable first.
3. Hand the rest, most vulnerable first, to the least-loaded colleague (load as a
   share of cap(e)) of the same profession in the serving municipality who has room
   under the hard limit; if nobody has, the case is unstaffed.

It knows nothing of families, staffing needs or overload prices: that is the point
of a baseline. Its cost comes from overgang.core.planning.cost.plan_cost.
"""

from __future__ import annotations

from collections import defaultdict
from fractions import Fraction

from overgang.core.planning.policy import Policy
from overgang.core.planning.problem import Assignment, Problem
from overgang.core.planning.units import capacity_q, load_q, max_load_q


def greedy_plan(problem: Problem, policy: Policy) -> tuple[dict[str, int], dict[str, str | None]]:
    """Return (employer, contact): the spreadsheet plan, which keeps every hard rule."""
    norms = {p.code: p.norm for p in problem.dataset.professions}
    staff = {s.id: s for s in problem.staff}

    # 1. Every stated wish granted; a blank wish stays with the host.
    employer = {
        s.id: s.wish if s.wish in problem.municipalities else problem.host for s in problem.staff
    }

    capacity = {
        s.id: capacity_q(s.employee.hours, norms[s.employee.profession]) for s in problem.staff
    }
    limit = {person: max_load_q(cap, policy.max_load_factor) for person, cap in capacity.items()}
    load: dict[str, int] = defaultdict(int)
    contact: dict[str, str | None] = {}

    def most_vulnerable_first(a: Assignment) -> tuple[int, str]:
        return (-a.case.vulnerability, a.id)

    # 2. Keep the contact person where they now work for the case's municipality.
    handed_on: list[Assignment] = []
    for a in sorted(problem.assignments, key=most_vulnerable_first):
        person = a.current_contact
        q = load_q(a.case.load)
        if person in staff and employer[person] == a.serving and load[person] + q <= limit[person]:
            contact[a.id] = person
            load[person] += q
        else:
            handed_on.append(a)

    # 3. The rest to the least-loaded colleague in the serving municipality with room.
    colleagues: dict[tuple[str, int], list[str]] = defaultdict(list)
    for s in problem.staff:
        if capacity[s.id] > 0:
            colleagues[s.employee.profession, employer[s.id]].append(s.id)
    for a in handed_on:
        q = load_q(a.case.load)
        room = [
            person
            for person in colleagues[a.case.profession, a.serving]
            if load[person] + q <= limit[person]
        ]
        if not room:
            contact[a.id] = None
            continue
        person = min(room, key=lambda p: (Fraction(load[p], capacity[p]), p))
        contact[a.id] = person
        load[person] += q
    return employer, contact
