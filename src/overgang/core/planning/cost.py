"""The documented cost of a plan, computed exactly from its assignments, and its hard rules.

This is the reference the solver is checked against: one block per cost term of
DESIGN.md, named after it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from overgang.core.planning.fixes import broken_fixes, describe
from overgang.core.planning.policy import Policy
from overgang.core.planning.prices import (
    against_wish,
    allowed_municipalities,
    change_price,
    reference_contacts,
    reference_employer,
)
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
# Charged only where a plan is made from a reference (approved) plan.
REFERENCE_TERM = "changed_from_approved"


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
    if policy.reference is not None:
        terms[REFERENCE_TERM] = Fraction(0)
    approved = reference_contacts(problem, policy)

    # unstaffed and contact_change, per case
    load_on: dict[str, int] = defaultdict(int)
    for a in problem.assignments:
        person = contact.get(a.id)
        if person is None:
            terms["unstaffed"] += Fraction(w.unstaffed) * Fraction(a.case.load)
        else:
            load_on[person] += load_q(a.case.load)
        if a.current_contact is not None and person != a.current_contact:
            terms["contact_change"] += change_price(a, policy)
        if a.id in approved and person != approved[a.id]:
            terms[REFERENCE_TERM] += Fraction(w.changed_from_approved)

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

    # wish_not_met and moved_from_host_against_wish (a move to an acceptable municipality
    # is not against the wish); changed_from_approved where the reference plan placed
    # the employee elsewhere
    for s in problem.staff:
        where = employer[s.id]
        if s.wish is not None and where != s.wish:
            terms["wish_not_met"] += Fraction(w.wish_not_met)
            if against_wish(s, where, problem.host):
                terms["moved_from_host_against_wish"] += Fraction(w.moved_from_host_against_wish)
        before = reference_employer(s, policy)
        if before is not None and where != before:
            terms[REFERENCE_TERM] += Fraction(w.changed_from_approved)

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
    allowed = allowed_municipalities(problem, policy)
    broken: list[str] = []
    for s in problem.staff:
        if employer.get(s.id) not in problem.municipalities:
            broken.append(f"employee {s.id} has no municipality")
        elif employer[s.id] not in allowed[s.id]:
            broken.append(f"employee {s.id} works where a fix or a stated wish forbids")
    planned_cases = {a.id: None for a in problem.assignments}
    decided = {**planned_cases, **contact}
    kept = broken_fixes(policy, {s.id: employer.get(s.id, 0) for s in problem.staff}, decided)
    broken += [f"fixed decision not kept: {describe(f)}" for f in kept]
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
