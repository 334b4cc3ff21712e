"""The CP-SAT model of one profession: who works where, and who keeps which case.

The cost splits completely by profession, so each profession is its own model.
Within one, a case either keeps its contact person or is handed to someone
else in its serving municipality. Cases with no sibling case in the same
profession ("single cases") that are handed on differ only by their load: they
are counted per (municipality, load) class instead of being assigned one by
one, which keeps the model small without losing exactness. Cases of families
with several cases in the profession are assigned one by one, because who takes
them decides the family_split term.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from dataclasses import dataclass, field
from fractions import Fraction

from ortools.sat.python import cp_model

from overgang.core.planning import caseload
from overgang.core.planning.determinism import Clock
from overgang.core.planning.policy import Policy, Weights
from overgang.core.planning.prices import (
    against_wish,
    allowed_municipalities,
    keep_price,
    reference_contacts,
    reference_employer,
)
from overgang.core.planning.problem import Assignment, Problem, Staff
from overgang.core.planning.regroup import consolidate_families, regroup_families
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
from overgang.core.planning.warmstart import pooled_employers

# Above this many (family case, employee) pairs, families are relaxed into load classes.
EXACT_FAMILY_LIMIT = 10000

LoadClass = tuple[int, int]  # (serving municipality, load in q units)
# (contact person, load class, what keeping one of the cases saves: prices.keep_price)
KeepGroup = tuple[str, LoadClass, Fraction]


@dataclass
class ProfessionModel:
    """A built model and the handles needed to read a plan back out of it."""

    profession: str
    model: cp_model.CpModel
    staff: list[Staff]
    municipalities: tuple[int, ...]
    works_for: dict[tuple[str, int], cp_model.IntVar]
    keeps_contact: dict[str, cp_model.IntVar]  # single cases whose contact person stays on
    # Interchangeable single cases (same contact person, class and saarbarhed, no
    # sibling in the profession): how many of them keep their contact person.
    kept_groups: dict[KeepGroup, tuple[cp_model.IntVar, list[Assignment]]]
    handed_on: dict[tuple[str, LoadClass], cp_model.IntVar]  # employee -> count of a class
    unstaffed_in_class: dict[LoadClass, cp_model.IntVar]
    single_cases: dict[LoadClass, list[Assignment]]
    family_takes: dict[tuple[str, str], cp_model.IntVar]  # (case, employee)
    family_cases: list[Assignment]
    # True when families are counted in the load classes and their split is bounded below
    relaxed_families: bool = False
    # The hinted first plan: (employer, contact) for this profession's staff and cases
    first_plan: tuple[dict[str, int], dict[str, str | None]] = ({}, {})
    # The most load (in q units) each employee may carry, a whole multiple of the loads' step
    limit: dict[str, int] = field(default_factory=dict)
    # What the pattern bound (patterns.py) reads: cap(e) in q units, the loads' step, the
    # municipalities each employee may work for, and the variables of the terms that are
    # not per employee.
    capacity: dict[str, int] = field(default_factory=dict)
    step: int = 1
    allowed: dict[str, list[int]] = field(default_factory=dict)
    family_unstaffed: dict[str, cp_model.IntVar] = field(default_factory=dict)
    family_split: dict[str, cp_model.IntVar] = field(default_factory=dict)
    below_min_fte: dict[int, tuple[int, cp_model.IntVar]] = field(default_factory=dict)
    overload_per_q: Fraction = Fraction(0)  # the overload term's price per q unit
    weights: Weights = field(default_factory=Weights)
    # cost = objective * objective_unit + cost_offset, exactly
    objective_unit: Fraction = Fraction(1)
    cost_offset: Fraction = Fraction(0)
    terms: list[tuple[Fraction, cp_model.IntVar]] = field(default_factory=list)
    # What keeping today's contact person saves, by case (prices.keep_price)
    keep_value: dict[str, Fraction] = field(default_factory=dict)
    # The reference plan's contact person, by case, where one can keep them
    approved: dict[str, str] = field(default_factory=dict)
    # Fixed decisions of this profession's cases: the only contact person each may have
    fixed_contact: dict[str, str] = field(default_factory=dict)
    # Whether families with several cases are assigned case by case (not relaxed)
    exact_families: bool = False


def build_profession_model(
    problem: Problem,
    policy: Policy,
    profession: str,
    staff: list[Staff],
    cases: list[Assignment],
    hint_seconds: float = 1.0,
    relaxed: bool | None = None,
    place: dict[str, int] | None = None,
    settings: SearchSettings = DEFAULT_SETTINGS,
    clock: Clock | None = None,
    every_case_alone: bool = False,
) -> ProfessionModel:
    """Return the CP-SAT model of one profession's employees and in-house cases.

    `relaxed` forces families to be relaxed (True) or exact (False); by default they
    are exact up to EXACT_FAMILY_LIMIT pairs. `place` is where everyone works in the
    first plan; by default the pooled model decides it within `hint_seconds` on `clock`
    (determinism.py; by default the wall clock). With `every_case_alone` every case is
    assigned one by one (a variable per case and colleague), as the tie-break needs.
    The blocks follow the policy (docs/planning.md), in the order the model is built.
    """
    w = policy.weights
    norm = next(p.norm for p in problem.dataset.professions if p.code == profession)
    capacity = {s.id: capacity_q(s.employee.hours, norm) for s in staff}
    # Every load is a whole multiple of `step`, so no employee can carry more than the
    # largest such multiple under the limit.
    step = math.gcd(*(load_q(a.case.load) for a in cases)) if cases else 1
    limit = {s.id: max_load_q(capacity[s.id], policy.max_load_factor) // step * step for s in staff}
    pm = ProfessionModel(
        profession=profession,
        model=cp_model.CpModel(),
        staff=staff,
        municipalities=problem.municipalities,
        works_for={},
        keeps_contact={},
        kept_groups={},
        handed_on={},
        unstaffed_in_class={},
        single_cases=defaultdict(list),
        family_takes={},
        family_cases=[],
        limit=limit,
        capacity=capacity,
        step=step,
        overload_per_q=Fraction(w.overload) / Fraction(Q_PER_LOAD_UNIT),
        weights=w,
    )
    approved = reference_contacts(problem, policy)
    ids = {a.id for a in cases}
    pm.approved = {case: person for case, person in approved.items() if case in ids}
    pm.keep_value = {a.id: keep_price(a, policy, pm.approved.get(a.id)) for a in cases}
    pm.fixed_contact = {f.case_id: f.contact_person for f in policy.fixes.cases if f.case_id in ids}
    _employer_choice(pm, problem, policy)
    by_family = _sort_cases(pm, cases, relaxed, every_case_alone)
    loads = caseload.single_cases(pm, by_family)
    caseload.family_cases(pm, loads)
    constant = caseload.contact_change(pm, cases)
    caseload.load_limits(pm, loads)
    caseload.municipality_capacity(pm, cases, caseload.overload(pm, loads))
    if w.family_split > 0 and pm.relaxed_families:
        caseload.relaxed_family_split(pm, by_family)
    elif w.family_split > 0:
        caseload.family_split(pm)
    _staffing_needs(pm, problem)
    constant += _wishes(pm, problem)
    constant += _changed_from_approved(pm, problem, policy)
    _set_objective(pm, constant)
    clock = clock or Clock(settings)
    clock.charge_model(pm.model)

    if place is None:
        place = pooled_employers(
            problem, policy, profession, staff, cases, hint_seconds, settings, clock
        )
    pm.first_plan = greedy_plan(pm, place)
    hint_plan(pm, *pm.first_plan)
    return pm


def _employer_choice(pm: ProfessionModel, problem: Problem, policy: Policy) -> None:
    """Every employee works for exactly one municipality; a fixed decision leaves one, and
    with policy.voluntary_only nobody leaves the host against a stated wish
    (prices.allowed_municipalities).

    Args:
        pm: the model begun; `works_for[e, m]` and `allowed[e]` are added.
        problem: the host and the municipalities.
        policy: whether moves are voluntary only, and the fixed decisions.
    """
    every_allowed = allowed_municipalities(problem, policy)
    for s in pm.staff:
        allowed = every_allowed[s.id]
        for m in pm.municipalities:
            var = pm.model.new_bool_var(f"works_for[{s.id},{m}]")
            pm.works_for[s.id, m] = var
            if m not in allowed:
                pm.model.add(var == 0)
        pm.allowed[s.id] = allowed
        pm.model.add_exactly_one(pm.works_for[s.id, m] for m in pm.municipalities)


def _sort_cases(
    pm: ProfessionModel, cases: list[Assignment], relaxed: bool | None, every_case_alone: bool
) -> dict[str, list[Assignment]]:
    """Sort the cases into single cases, counted per (municipality, load) class, and family
    cases, assigned one by one.

    Families with several cases in this profession are assigned case by case when
    the model stays small; otherwise they are counted in the load classes too, and
    the family split enters as a lower bound (see `relaxed_families`). A case with a
    fixed contact person, and one the reference plan gave another contact person than
    today's, is assigned case by case too: who takes it decides its cost.

    Args:
        pm: the model begun; `relaxed_families`, `family_cases` and `single_cases` are set.
        cases: the profession's cases.
        relaxed: True or False forces families relaxed or exact; None: by size.
        every_case_alone: every case one by one, as a family case.

    Returns:
        Every case of the profession by family.
    """
    by_family: dict[str, list[Assignment]] = defaultdict(list)
    for a in cases:
        by_family[a.family_id].append(a)
    splits_matter = pm.weights.family_split > 0
    in_families = [a for a in cases if len(by_family[a.family_id]) > 1] if splits_matter else []
    pm.relaxed_families = (
        len(in_families) * len(pm.staff) > EXACT_FAMILY_LIMIT if relaxed is None else relaxed
    )
    pm.exact_families = bool(in_families) and not pm.relaxed_families
    for a in cases:
        one_by_one = (
            every_case_alone
            or a.id in pm.fixed_contact
            or pm.approved.get(a.id, a.current_contact) != a.current_contact
        )
        if one_by_one or (pm.exact_families and len(by_family[a.family_id]) > 1):
            pm.family_cases.append(a)
        else:
            pm.single_cases[a.serving, load_q(a.case.load)].append(a)
    return by_family


def _staffing_needs(pm: ProfessionModel, problem: Problem) -> None:
    """below_min_fte: policy.weights.below_min_fte per FTE missing under a municipality's
    staffing need for the profession.

    Args:
        pm: the model, with `works_for`; `below_min_fte[m]` is added.
        problem: the staffing needs by (municipality, profession).
    """
    for m in pm.municipalities:
        need = problem.needs.get((m, pm.profession))
        if not need:
            continue
        required = need_units(need)
        short = pm.model.new_int_var(0, required, f"below_min_fte[{m}]")
        pm.below_min_fte[m] = (required, short)
        fte_there = sum(fte_units(s.employee.hours) * pm.works_for[s.id, m] for s in pm.staff)
        pm.model.add(short >= required - fte_there)
        pm.terms.append((Fraction(pm.weights.below_min_fte) / Fraction(FTE_UNITS_PER_FTE), short))


def _wishes(pm: ProfessionModel, problem: Problem) -> Fraction:
    """wish_not_met: policy.weights.wish_not_met per employee whose stated wish is not met;
    moved_from_host_against_wish: policy.weights.moved_from_host_against_wish more where
    they are thereby moved away from the host. A blank wish is "either is fine".

    Args:
        pm: the model, with `works_for`.
        problem: the host and the municipalities.

    Returns:
        The constant part of the term: wish_not_met charged to every stated wish, earned
        back where it is met.
    """
    w, constant = pm.weights, Fraction(0)
    for s in pm.staff:
        if s.wish is None:
            continue
        constant += Fraction(w.wish_not_met)
        if s.wish in pm.municipalities:
            pm.terms.append((-Fraction(w.wish_not_met), pm.works_for[s.id, s.wish]))
        for m in pm.municipalities:
            if against_wish(s, m, problem.host):
                pm.terms.append((Fraction(w.moved_from_host_against_wish), pm.works_for[s.id, m]))
    return constant


def _changed_from_approved(pm: ProfessionModel, problem: Problem, policy: Policy) -> Fraction:
    """changed_from_approved, employees: policy.weights.changed_from_approved per employee
    the reference plan placed elsewhere. (Its cases' part is in caseload.contact_change.)

    Returns:
        The constant part of the term: charged to every employee in the reference plan,
        earned back where they stay where it placed them.
    """
    price, constant = Fraction(pm.weights.changed_from_approved), Fraction(0)
    for s in pm.staff:
        before = reference_employer(s, policy)
        if before is None or price == 0:
            continue
        constant += price
        if before in pm.municipalities:
            pm.terms.append((-price, pm.works_for[s.id, before]))
    return constant


def _set_objective(pm: ProfessionModel, constant: Fraction) -> None:
    """Scale the exact fractional costs to the smallest integer objective."""
    coefficients = [c for c, _ in pm.terms if c != 0]
    denominator = math.lcm(*(c.denominator for c in coefficients)) if coefficients else 1
    integers = [int(c * denominator) for c in coefficients]
    divisor = math.gcd(*integers) if integers else 1
    pm.objective_unit = Fraction(divisor, denominator)
    pm.cost_offset = constant
    pm.model.minimize(sum(int(c * denominator) // divisor * var for c, var in pm.terms if c != 0))


def greedy_plan(
    pm: ProfessionModel, place: dict[str, int]
) -> tuple[dict[str, int], dict[str, str | None]]:
    """Return a complete plan with everyone working where `place` says.

    Every case kept where its contact person works for its municipality and has
    room, most vulnerable first; a family's other cases together to one
    colleague with room, the rest to the least loaded colleague with room. It
    is where the solver starts (from the pooled model's places, and from the
    linear relaxation's), and the plan is never worse than it.
    """
    limit = pm.limit
    load: dict[str, int] = defaultdict(int)
    contact: dict[str, str | None] = {}
    # Where a fixed decision (or the voluntary rule) forbids the place, the first allowed one.
    place = {
        s.id: place[s.id] if place[s.id] in pm.allowed[s.id] else pm.allowed[s.id][0]
        for s in pm.staff
    }
    # Fixed cases first: their contact persons work for the case's municipality and have
    # room for them (fixes.fix_conflicts has checked both).
    for a in pm.family_cases:
        person = pm.fixed_contact.get(a.id)
        if person is not None:
            contact[a.id] = person
            load[person] += load_q(a.case.load)

    # Per (municipality, load): the colleagues with room for such a case, least loaded
    # relative to their limit first. Loads only grow, so a stale key is renewed when it
    # comes to the top, and a colleague without room leaves the heap for good.
    heaps: dict[tuple[int, int], list[tuple[Fraction, str]]] = {}

    def ratio(person: str) -> Fraction:
        return Fraction(load[person], max(limit[person], 1))

    def least_loaded(m: int, q: int) -> str | None:
        heap = heaps.get((m, q))
        if heap is None:
            heap = [
                (ratio(s.id), s.id)
                for s in pm.staff
                if place[s.id] == m and load[s.id] + q <= limit[s.id]
            ]
            heapq.heapify(heap)
            heaps[m, q] = heap
        while heap:
            key, person = heap[0]
            if load[person] + q > limit[person]:
                heapq.heappop(heap)
            elif key != ratio(person):
                heapq.heapreplace(heap, (ratio(person), person))
            else:
                return person
        return None

    every_case = [a for members in pm.single_cases.values() for a in members] + [
        a for a in pm.family_cases if a.id not in pm.fixed_contact
    ]
    grouped = {a.id for _, group in pm.kept_groups.values() for a in group}
    handed_on = []
    cfa = Fraction(pm.weights.changed_from_approved)

    def worth(a: Assignment) -> Fraction:
        """What keeping the case with the person it is kept with saves."""
        moved = pm.approved.get(a.id, a.current_contact) != a.current_contact
        return cfa if moved else pm.keep_value[a.id]

    # The reference plan's contact person where it has one, else today's.
    for a in sorted(every_case, key=lambda a: (-worth(a), a.id)):
        q, person = load_q(a.case.load), pm.approved.get(a.id, a.current_contact)
        can_keep = a.id in pm.keeps_contact or a.id in grouped or (a.id, person) in pm.family_takes
        if (
            can_keep
            and person is not None
            and place[person] == a.serving
            and load[person] + q <= limit[person]
        ):
            load[person] += q
            contact[a.id] = person
        else:
            handed_on.append(a)
    # A family's handed-on cases go together to one colleague with room for all of them,
    # largest families first; the rest one by one, largest load first.
    families: dict[tuple[str, int], list[Assignment]] = defaultdict(list)
    for a in handed_on:
        families[a.family_id, a.serving].append(a)
    totals = {key: sum(load_q(a.case.load) for a in members) for key, members in families.items()}
    alone = []
    for key in sorted(families, key=lambda key: (-totals[key], key)):
        members, (_, m), total = families[key], key, totals[key]
        taker = least_loaded(m, total) if len(members) > 1 else None
        if taker is None:
            alone += members
            continue
        load[taker] += total
        for a in members:
            contact[a.id] = taker
    for a in sorted(alone, key=lambda a: (-load_q(a.case.load), -a.case.vulnerability, a.id)):
        taker = least_loaded(a.serving, load_q(a.case.load))
        if taker is not None:
            load[taker] += load_q(a.case.load)
        contact[a.id] = taker
    regroup_families(every_case, contact, pm.approved)
    consolidate_families(
        every_case, contact, pm.capacity, limit, pm.weights, pm.keep_value, pm.approved
    )
    return dict(place), contact


def hint_plan(
    pm: ProfessionModel, employer: dict[str, int], contact: dict[str, str | None]
) -> None:
    """Make a complete plan of this profession the model's hint (replacing any earlier one)."""
    model = pm.model
    model.clear_hints()  # type: ignore[no-untyped-call]
    for var, value in plan_values(pm, employer, contact):
        model.add_hint(var, value)


def plan_values(
    pm: ProfessionModel, employer: dict[str, int], contact: dict[str, str | None]
) -> list[tuple[cp_model.IntVar, int]]:
    """Return a complete plan of this profession as values of the model's variables:
    who works where, and how many cases each keeps and takes on of each kind."""
    values: list[tuple[cp_model.IntVar, int]] = []
    for s in pm.staff:
        for m in pm.municipalities:
            values.append((pm.works_for[s.id, m], int(employer[s.id] == m)))
    grouped = {a.id: key for key, (_, group) in pm.kept_groups.items() for a in group}
    counts: dict[tuple[str, LoadClass], int] = defaultdict(int)
    unstaffed: dict[LoadClass, int] = defaultdict(int)
    kept_in_group: dict[KeepGroup, int] = defaultdict(int)
    for load_class, members in pm.single_cases.items():
        for a in members:
            person = contact.get(a.id)
            kept = person is not None and person == a.current_contact
            keep = pm.keeps_contact.get(a.id)
            if keep is not None:
                values.append((keep, int(kept)))
            if kept and a.id in grouped:
                kept_in_group[grouped[a.id]] += 1
            if kept and (keep is not None or a.id in grouped):
                continue
            if person is None:
                unstaffed[load_class] += 1
            else:
                counts[person, load_class] += 1
    for key, count in pm.handed_on.items():
        values.append((count, counts.get(key, 0)))
    for load_class, var in pm.unstaffed_in_class.items():
        values.append((var, unstaffed.get(load_class, 0)))
    for group_key, (count, _) in pm.kept_groups.items():
        values.append((count, kept_in_group.get(group_key, 0)))
    for (case, person), take in pm.family_takes.items():
        values.append((take, int(contact.get(case) == person)))
    return values


def floor_objective(pm: ProfessionModel, bound: Fraction) -> None:
    """Tell CP-SAT the bound proven so far: no plan of the model costs less (it holds the
    profession's plans, or only those cheaper than a cutoff), so a search that finds a
    plan at the bound ends at once instead of proving it again."""
    units = math.ceil((bound - pm.cost_offset) / pm.objective_unit)
    objective = pm.model.proto.objective  # its domain is set here alone
    if objective.domain and objective.domain[0] >= units:
        return
    objective.domain.clear()
    objective.domain.extend([units, cp_model.INT_MAX])
