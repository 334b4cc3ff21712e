"""The documented cost of a plan, computed exactly from its assignments, and its hard rules.

This is the reference the solver is checked against: one block per cost term of
DESIGN.md, named after it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from overgang.core.planning.policy import Policy
from overgang.core.planning.problem import Problem, restricted_to
from overgang.core.planning.units import (
    capacity_q,
    fte_units,
    load_q,
    max_load_q,
    need_units,
    q_to_load,
    units_to_fte,
)

TERMS = (
    "unstaffed",
    "overload",
    "below_min_fte",
    "wish_not_met",
    "moved_from_host_against_wish",
    "contact_change",
    "family_split",
)


@dataclass(frozen=True)
class Cost:
    terms: dict[str, Fraction]

    @property
    def total(self) -> Fraction:
        return sum(self.terms.values(), Fraction(0))


def plan_cost(
    problem: Problem,
    policy: Policy,
    employer: Mapping[str, int],
    contact: Mapping[str, str | None],
    profession: str | None = None,
) -> Cost:
    """Return the cost of assigning each employee to `employer[id]` and each case to `contact[id]`.

    With `profession`, only that profession's share of the cost (the cost splits by profession).
    """
    w = policy.weights
    if profession is not None:
        problem = restricted_to(problem, profession)
    staff = {s.id: s for s in problem.staff}
    norms = {p.code: p.norm for p in problem.dataset.professions}
    terms = dict.fromkeys(TERMS, Fraction(0))

    # unstaffed and contact_change, per case
    load_on: dict[str, int] = defaultdict(int)
    for a in problem.assignments:
        person = contact.get(a.id)
        if person is None:
            terms["unstaffed"] += Fraction(w.unstaffed) * Fraction(a.case.load)
        else:
            load_on[person] += load_q(a.case.load)
        if a.current_contact is not None and person != a.current_contact:
            terms["contact_change"] += Fraction(w.contact_change) * a.case.vulnerability

    # overload: load above cap(e)
    for person, load in load_on.items():
        s = staff[person]
        cap = capacity_q(s.employee.hours, norms[s.employee.profession])
        if load > cap:
            terms["overload"] += Fraction(w.overload) * q_to_load(load - cap)

    # below_min_fte: staffing needs not met
    fte: dict[tuple[int, str], int] = defaultdict(int)
    for s in problem.staff:
        fte[employer[s.id], s.employee.profession] += fte_units(s.employee.hours)
    for key, min_fte in problem.needs.items():
        missing = need_units(min_fte) - fte[key]
        if missing > 0:
            terms["below_min_fte"] += Fraction(w.below_min_fte) * units_to_fte(missing)

    # wish_not_met and moved_from_host_against_wish
    for s in problem.staff:
        where = employer[s.id]
        if s.wish is not None and where != s.wish:
            terms["wish_not_met"] += Fraction(w.wish_not_met)
            if where != problem.host:
                terms["moved_from_host_against_wish"] += Fraction(w.moved_from_host_against_wish)

    # family_split: each contact person beyond the first, per family and profession
    persons: dict[tuple[str, str], set[str]] = defaultdict(set)
    for a in problem.assignments:
        person = contact.get(a.id)
        if person is not None:
            persons[a.family_id, a.case.profession].add(person)
    for group in persons.values():
        terms["family_split"] += Fraction(w.family_split) * (len(group) - 1)

    return Cost(terms=terms)


def hard_rule_violations(
    problem: Problem,
    policy: Policy,
    employer: Mapping[str, int],
    contact: Mapping[str, str | None],
) -> list[str]:
    """Return a description of every hard rule the assignment breaks (none for a valid plan)."""
    staff = {s.id: s for s in problem.staff}
    norms = {p.code: p.norm for p in problem.dataset.professions}
    broken: list[str] = []
    for s in problem.staff:
        if employer.get(s.id) not in problem.municipalities:
            broken.append(f"employee {s.id} has no municipality")
        elif (
            policy.voluntary_only
            and s.wish is not None
            and employer[s.id] not in (problem.host, s.wish)
        ):
            broken.append(f"employee {s.id} leaves the host against a stated wish")
    load_on: dict[str, int] = defaultdict(int)
    for a in problem.assignments:
        person = contact.get(a.id)
        if person is None:
            continue
        if person not in staff:
            broken.append(f"case {a.id}: contact person {person} is not planned")
            continue
        if staff[person].employee.profession != a.case.profession:
            broken.append(f"case {a.id}: contact person {person} has another profession")
        if employer.get(person) != a.serving:
            broken.append(f"case {a.id}: contact person {person} does not work for {a.serving}")
        load_on[person] += load_q(a.case.load)
    for person, load in load_on.items():
        s = staff[person]
        limit = max_load_q(
            capacity_q(s.employee.hours, norms[s.employee.profession]), policy.max_load_factor
        )
        if load > limit:
            broken.append(
                f"employee {person} carries more than {policy.max_load_factor} x capacity"
            )
    return broken
