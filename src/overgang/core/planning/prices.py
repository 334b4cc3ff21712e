"""The prices and rules every part of the planner shares: where an employee may work, what
a case's change of contact person costs, what a change from the approved plan costs.

The model, the pooled first plan, the reference cost and the explanations all
read them from here, so that they cannot disagree.
"""

from __future__ import annotations

from fractions import Fraction

from overgang.core.planning.fixes import implied_employer
from overgang.core.planning.policy import Policy
from overgang.core.planning.problem import Assignment, Problem, Staff


def allowed_municipalities(problem: Problem, policy: Policy) -> dict[str, list[int]]:
    """Return the municipalities each employee may work for.

    A fixed decision leaves one (the employee's own, or the municipality of a case
    they are fixed to); with policy.voluntary_only nobody leaves the host against a
    stated wish (the wished and the acceptable municipalities are not against it).
    """
    fixed = implied_employer(problem, policy)
    allowed: dict[str, list[int]] = {}
    for s in problem.staff:
        if s.id in fixed:
            allowed[s.id] = [fixed[s.id]]
        elif policy.voluntary_only and s.wish is not None:
            allowed[s.id] = [
                m for m in problem.municipalities if m in (problem.host, s.wish, *s.acceptable)
            ]
        else:
            allowed[s.id] = list(problem.municipalities)
    return allowed


def against_wish(s: Staff, m: int, host: int) -> bool:
    """Whether working for `m` moves the employee from the host against their wish."""
    return s.wish is not None and m not in (host, s.wish, *s.acceptable)


def employer_price(s: Staff, m: int, host: int, policy: Policy) -> Fraction:
    """Return what it costs that the employee works for `m`: the wish and the approved plan."""
    w = policy.weights
    price = Fraction(0)
    if s.wish is not None and m != s.wish:
        price += Fraction(w.wish_not_met)
        if against_wish(s, m, host):
            price += Fraction(w.moved_from_host_against_wish)
    approved = reference_employer(s, policy)
    if approved is not None and m != approved:
        price += Fraction(w.changed_from_approved)
    return price


def reference_employer(s: Staff, policy: Policy) -> int | None:
    """Where the reference plan put the employee; None: no reference, or not in it."""
    if policy.reference is None:
        return None
    return policy.reference.employers().get(s.id)


def history_factor(a: Assignment, policy: Policy) -> int:
    """Return how many times dearer the case's change is for the changes it has had."""
    return min(1 + max(0, a.case.earlier_changes), max(1, policy.history_cap))


def change_weight(a: Assignment, policy: Policy) -> int:
    """Return the case's contact change in units of weights.contact_change."""
    return a.case.vulnerability * history_factor(a, policy)


def change_price(a: Assignment, policy: Policy) -> Fraction:
    """Return the contact_change term of the case, where its contact person changes."""
    return Fraction(policy.weights.contact_change) * change_weight(a, policy)


def reference_contacts(problem: Problem, policy: Policy) -> dict[str, str]:
    """Return the contact person the reference plan gave each case, where a plan can keep
    them: an employee still planned, of the case's profession. A case the reference left
    unstaffed, or whose contact person has left, has nothing to keep."""
    if policy.reference is None:
        return {}
    profession = {s.id: s.employee.profession for s in problem.staff}
    approved = policy.reference.contacts()
    return {
        a.id: person
        for a in problem.assignments
        if (person := approved.get(a.id)) is not None
        and profession.get(person) == a.case.profession
    }


def keep_price(a: Assignment, policy: Policy, approved: str | None) -> Fraction:
    """Return what keeping today's contact person saves: the change, and the departure from
    the approved plan where it kept them too."""
    price = change_price(a, policy) if a.current_contact is not None else Fraction(0)
    if approved is not None and approved == a.current_contact:
        price += Fraction(policy.weights.changed_from_approved)
    return price
