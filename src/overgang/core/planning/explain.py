"""The reason behind every decision, naming the rule or the cost term that decided it.

Reasons are codes with details; `overgang.texts.reasons` words them in Danish
or English. An employee placed against their wish is explained by the cost term
that granting the wish would have raised the most, had nothing else changed:
the cases they would have left without a contact person (unstaffed), the
children who would have changed contact person (contact_change), or the
municipality's staffing need (below_min_fte).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from fractions import Fraction

from overgang.core.planning.fixes import CaseFix, EmployeeFix
from overgang.core.planning.plan import CaseDecision, EmployeeDecision, Reason
from overgang.core.planning.policy import Policy
from overgang.core.planning.prices import change_weight
from overgang.core.planning.problem import Problem, Staff
from overgang.core.planning.units import fte_units, need_units, units_to_fte


class EmployeeReason:
    STAYS_BY_WISH = "stays_by_wish"
    MOVES_BY_WISH = "moves_by_wish"
    NOT_INTERVIEWED = "stays_not_interviewed"
    NO_PREFERENCE = "no_preference"
    AGAINST_WISH = "against_wish"
    # Not the wished municipality, but one the employee said they can accept
    ACCEPTABLE = "acceptable_not_wished"
    FIXED = "fixed"  # a fixed decision (fastlagt beslutning)


class CaseReason:
    KEEPS_CONTACT = "keeps_contact"
    FORMER_LEAVES = "new_contact_former_leaves"
    FORMER_ELSEWHERE = "new_contact_former_elsewhere"
    FORMER_FULL = "new_contact_former_full"
    FIRST_CONTACT = "first_contact"
    UNSTAFFED = "unstaffed_no_capacity"
    FIXED = "fixed"


def _fixed(fix: EmployeeFix | CaseFix) -> list[tuple[str, str | int | float]]:
    """The details that word a fixed decision: 'Fastlagt af <by> <on>: <reason>'."""
    return [("by", fix.by), ("on", fix.fixed_on), ("reason", fix.reason)]


def explain_employees(
    problem: Problem,
    policy: Policy,
    employer: Mapping[str, int],
    contact: Mapping[str, str | None],
) -> tuple[EmployeeDecision, ...]:
    """Return every planned employee's municipality with the reason for it."""
    kept_by: dict[str, list[Fraction]] = defaultdict(list)
    vulnerability_kept: dict[str, int] = defaultdict(int)
    children_kept: dict[str, set[str]] = defaultdict(set)
    for a in problem.assignments:
        person = contact.get(a.id)
        if person is not None and person == a.current_contact:
            kept_by[person].append(Fraction(a.case.load))
            vulnerability_kept[person] += change_weight(a, policy)
            children_kept[person].add(a.case.citizen_id)
    fte: dict[tuple[int, str], int] = defaultdict(int)
    for s in problem.staff:
        fte[employer[s.id], s.employee.profession] += fte_units(s.employee.hours)

    fixed = {f.employee_id: f for f in policy.fixes.employees}
    decisions = []
    for s in problem.staff:
        where = employer[s.id]
        details: list[tuple[str, str | int | float]] = [("municipality", where)]
        if s.id in fixed and fixed[s.id].municipality == where:
            code = EmployeeReason.FIXED
            details += _fixed(fixed[s.id])
            if s.wish is not None:
                details.append(("wish", s.wish))
        elif s.wish is None:
            code = EmployeeReason.NO_PREFERENCE
        elif where == s.wish:
            code = (
                EmployeeReason.STAYS_BY_WISH
                if where == problem.host
                else EmployeeReason.MOVES_BY_WISH
            )
            if not s.interviewed:
                code = EmployeeReason.NOT_INTERVIEWED
        else:
            code = (
                EmployeeReason.ACCEPTABLE if where in s.acceptable else EmployeeReason.AGAINST_WISH
            )
            term = _deciding_term(problem, policy, s, where, kept_by, vulnerability_kept, fte)
            details += [("wish", s.wish), ("term", term), ("interviewed", int(s.interviewed))]
            if term == "contact_change":
                details.append(("children", len(children_kept[s.id])))
        decisions.append(EmployeeDecision(s.id, where, Reason(code, tuple(details))))
    return tuple(decisions)


def _deciding_term(
    problem: Problem,
    policy: Policy,
    s: Staff,
    where: int,
    kept_by: Mapping[str, list[Fraction]],
    vulnerability_kept: Mapping[str, int],
    fte: Mapping[tuple[int, str], int],
) -> str:
    """Return the cost term that granting the employee's wish would raise the most."""
    w = policy.weights
    profession = s.employee.profession
    raised = {
        "unstaffed": Fraction(w.unstaffed) * sum(kept_by.get(s.id, []), Fraction(0)),
        "contact_change": Fraction(w.contact_change) * vulnerability_kept.get(s.id, 0),
    }
    need = problem.needs.get((where, profession))
    if need:
        after = fte.get((where, profession), 0) - fte_units(s.employee.hours)
        missing_before = max(0, need_units(need) - fte.get((where, profession), 0))
        missing_after = max(0, need_units(need) - after)
        raised["below_min_fte"] = Fraction(w.below_min_fte) * units_to_fte(
            missing_after - missing_before
        )
    term, amount = max(raised.items(), key=lambda item: item[1])
    if amount == 0:
        return "unstaffed"  # capacity is what the municipality lacks without them
    # A case left by an employee is as costly to hand on as it is to leave unstaffed
    # only if no colleague could take it; the children's continuity is the term that
    # is certainly raised.
    if term == "unstaffed" and raised["contact_change"] > 0:
        return "contact_change"
    return term


def explain_cases(
    problem: Problem,
    policy: Policy,
    employer: Mapping[str, int],
    contact: Mapping[str, str | None],
) -> tuple[CaseDecision, ...]:
    """Return every in-house case's contact person with the reason for it."""
    departing = {e.id for e in problem.departing}
    staff = {s.id for s in problem.staff}
    fixed = {f.case_id: f for f in policy.fixes.cases}
    decisions = []
    for a in problem.assignments:
        person = contact.get(a.id)
        former = a.current_contact
        details: list[tuple[str, str | int | float]] = [
            ("municipality", a.serving),
            ("profession", a.case.profession),
        ]
        if a.case.service in policy.cooperation_services:
            details.append(("cooperation", 1))
        if a.id in fixed and fixed[a.id].contact_person == person:
            code = CaseReason.FIXED
            details += _fixed(fixed[a.id])
        elif person is None:
            code = CaseReason.UNSTAFFED
        elif former is None:
            code = CaseReason.FIRST_CONTACT
        elif person == former:
            code = CaseReason.KEEPS_CONTACT
        elif former in departing or former not in staff:
            code = CaseReason.FORMER_LEAVES
        elif employer[former] != a.serving:
            code = CaseReason.FORMER_ELSEWHERE
            details.append(("former_municipality", employer[former]))
        else:
            code = CaseReason.FORMER_FULL
        if former is not None:
            details.append(("former", former))
        if person is not None:
            details.append(("contact", person))
        decisions.append(CaseDecision(a.id, person, Reason(code, tuple(details))))
    return tuple(decisions)
