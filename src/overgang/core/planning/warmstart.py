"""A good first plan for one profession, for the solver to start from.

The full model finds good plans slowly when capacity is tight and several
municipalities compete for staff. This module first decides where everyone
works in a much smaller model that pools each municipality's capacity (the
same cost terms, but load is shared out as if cases could be divided), then
keeps every case it can and hands the rest to the least loaded colleague. The
result is only a hint: the full model is free to improve on it, and its bound
is unaffected.
"""

from __future__ import annotations

import math
from collections import defaultdict
from fractions import Fraction

from ortools.sat.python import cp_model

from overgang.core.planning.determinism import Clock
from overgang.core.planning.policy import Policy, search_workers
from overgang.core.planning.prices import (
    allowed_municipalities,
    employer_price,
    keep_price,
    reference_contacts,
)
from overgang.core.planning.problem import Assignment, Problem, Staff
from overgang.core.planning.search_settings import DEFAULT_SETTINGS, SearchSettings
from overgang.core.planning.units import (
    FTE_UNITS_PER_FTE,
    Q_PER_LOAD_UNIT,
    capacity_q,
    fte_units,
    load_q,
    max_load_q,
    need_units,
)


def pooled_employers(
    problem: Problem,
    policy: Policy,
    profession: str,
    staff: list[Staff],
    cases: list[Assignment],
    seconds: float,
    settings: SearchSettings = DEFAULT_SETTINGS,
    clock: Clock | None = None,
) -> dict[str, int]:
    """Return where each employee works in the best plan of the pooled model."""
    w = policy.weights
    model = cp_model.CpModel()
    norm = next(p.norm for p in problem.dataset.professions if p.code == profession)
    capacity = {s.id: capacity_q(s.employee.hours, norm) for s in staff}
    limit = {s.id: max_load_q(capacity[s.id], policy.max_load_factor) for s in staff}
    municipalities = problem.municipalities
    works_for = {}
    allowed = allowed_municipalities(problem, policy)
    wished = {
        person: place if place in allowed[person] else allowed[person][0]
        for person, place in _wished(problem, staff).items()
    }
    for s in staff:
        for m in municipalities:
            works_for[s.id, m] = model.new_bool_var(f"works_for[{s.id},{m}]")
            if m not in allowed[s.id]:
                model.add(works_for[s.id, m] == 0)
            # Start from every wish granted, so that a large model has a plan at once.
            model.add_hint(works_for[s.id, m], wished[s.id] == m)
        model.add_exactly_one(works_for[s.id, m] for m in municipalities)

    terms: list[tuple[Fraction, cp_model.IntVar]] = []
    demand: dict[int, int] = defaultdict(int)
    for a in cases:
        demand[a.serving] += load_q(a.case.load)
    for m in municipalities:
        if not demand[m]:
            continue
        unstaffed = model.new_int_var(0, demand[m], f"unstaffed[{m}]")
        model.add(unstaffed >= demand[m] - sum(limit[s.id] * works_for[s.id, m] for s in staff))
        terms.append((Fraction(w.unstaffed) / Q_PER_LOAD_UNIT, unstaffed))
        over = model.new_int_var(0, demand[m], f"overload[{m}]")
        model.add(
            over >= demand[m] - unstaffed - sum(capacity[s.id] * works_for[s.id, m] for s in staff)
        )
        terms.append((Fraction(w.overload) / Q_PER_LOAD_UNIT, over))
    staying = {s.id for s in staff}
    kept_value: dict[tuple[str, int], Fraction] = defaultdict(Fraction)
    approved = reference_contacts(problem, policy)
    for a in cases:
        if a.current_contact in staying:
            kept_value[a.current_contact, a.serving] += keep_price(a, policy, approved.get(a.id))
        other = approved.get(a.id)
        if other is not None and other != a.current_contact and other in staying:
            kept_value[other, a.serving] += Fraction(w.changed_from_approved)
    for (person, m), value in kept_value.items():
        # contact_change (and changed_from_approved) is saved where the contact person
        # works for the case's municipality
        terms.append((-value, works_for[person, m]))
    for m in municipalities:
        need = problem.needs.get((m, profession))
        if need:
            short = model.new_int_var(0, need_units(need), f"short[{m}]")
            model.add(
                short
                >= need_units(need)
                - sum(fte_units(s.employee.hours) * works_for[s.id, m] for s in staff)
            )
            terms.append((Fraction(w.below_min_fte) / FTE_UNITS_PER_FTE, short))
    for s in staff:
        for m in municipalities:
            price = employer_price(s, m, problem.host, policy)
            if price:
                terms.append((price, works_for[s.id, m]))
    scale = math.lcm(*(c.denominator for c, _ in terms)) if terms else 1
    model.minimize(sum(int(c * scale) * var for c, var in terms))
    clock = clock or Clock(settings)
    clock.charge_model(model)
    solver = cp_model.CpSolver()
    workers = search_workers(policy, len(model.proto.variables), settings.processes)
    clock.configure(solver, max(0.1, seconds), workers)
    status = clock.solve(solver, model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return wished
    return {
        s.id: next(m for m in municipalities if solver.boolean_value(works_for[s.id, m]))
        for s in staff
    }


def _wished(problem: Problem, staff: list[Staff]) -> dict[str, int]:
    """Return where each employee works when every stated wish is granted (blank: the host)."""
    return {s.id: s.wish if s.wish in problem.municipalities else problem.host for s in staff}
