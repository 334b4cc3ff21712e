"""The blocks of a profession's model that decide who carries which case, and what that costs.

Each function adds one block of the policy (docs/planning.md) to a model that
`model.build_profession_model` has begun: the cases kept or handed on, the hard
limit on load, the overload above capacity, contact changes and family splits.
"""

from __future__ import annotations

from collections import defaultdict
from fractions import Fraction
from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

from overgang.core.planning.problem import Assignment
from overgang.core.planning.units import Q_PER_LOAD_UNIT, load_q

if TYPE_CHECKING:  # model.py builds the model from these blocks
    from overgang.core.planning.model import KeepGroup, ProfessionModel

# What each employee may carry, by employee: (load in q units, the variable that counts
# such cases, the municipality it is carried in).
Loads = dict[str, list[tuple[int, cp_model.IntVar, int]]]


def single_cases(pm: ProfessionModel, by_family: dict[str, list[Assignment]]) -> Loads:
    """A single case keeps its contact person only if that person works for its municipality;
    the rest of its class is handed on to colleagues there, or left unstaffed.

    Args:
        pm: the model begun, with `works_for` and `single_cases` by (municipality, load).
        by_family: every case of the profession by family.

    Returns:
        What each employee carries of the single cases.
    """
    model, w, limit = pm.model, pm.weights, pm.limit
    staying = {s.id for s in pm.staff}
    splits_matter = w.family_split > 0
    loads: Loads = defaultdict(list)
    for load_class, members in pm.single_cases.items():
        m, q = load_class
        kept = []
        groups: dict[KeepGroup, list[Assignment]] = defaultdict(list)
        for a in members:
            person = a.current_contact
            if person is None or person not in staying or limit[person] < q:
                continue
            if m not in pm.allowed[person]:
                continue  # they may not work there (a fix, or the voluntary rule)
            if len(by_family[a.family_id]) > 1 and splits_matter:
                # A relaxed family's case: its own variable, for the family's split bound.
                keep = model.new_bool_var(f"keeps_contact[{a.id}]")
                model.add_implication(keep, pm.works_for[person, m])
                pm.keeps_contact[a.id] = keep
                loads[person].append((q, keep, m))
                kept.append(keep)
            else:
                groups[person, load_class, pm.keep_value[a.id]].append(a)
        # Which of a group's cases are kept changes no cost: count them, so that the
        # solver does not search through the same plan in many orders.
        for key, group in sorted(groups.items()):
            person = key[0]
            most = min(len(group), limit[person] // q)
            count = model.new_int_var(0, most, f"kept[{person},{m},{q},{key[2]}]")
            model.add(count <= most * pm.works_for[person, m])
            pm.kept_groups[key] = (count, sorted(group, key=lambda a: a.id))
            loads[person].append((q, count, m))
            kept.append(count)
        handed = []
        for s in pm.staff:
            most = min(len(members), limit[s.id] // q)
            if most <= 0 or m not in pm.allowed[s.id]:
                continue
            count = model.new_int_var(0, most, f"handed_on[{s.id},{m},{q}]")
            model.add(count <= most * pm.works_for[s.id, m])
            pm.handed_on[s.id, load_class] = count
            loads[s.id].append((q, count, m))
            handed.append(count)
        unstaffed = model.new_int_var(0, len(members), f"unstaffed[{m},{q}]")
        pm.unstaffed_in_class[load_class] = unstaffed
        model.add(sum(handed) + unstaffed + sum(kept) == len(members))
        # unstaffed: policy.weights.unstaffed per load unit of a case without contact person
        pm.terms.append((Fraction(w.unstaffed) * Fraction(q, Q_PER_LOAD_UNIT), unstaffed))
    return loads


def family_cases(pm: ProfessionModel, loads: Loads) -> None:
    """Each family case goes to one colleague in its municipality, or is unstaffed.

    Args:
        pm: the model begun, with `works_for` and `family_cases`.
        loads: what each employee carries; the family cases they may take are added.
    """
    model, w = pm.model, pm.weights
    for a in pm.family_cases:
        q = load_q(a.case.load)
        fixed = pm.fixed_contact.get(a.id)
        takers = []
        for s in pm.staff:
            if pm.limit[s.id] < q or fixed not in (None, s.id) or a.serving not in pm.allowed[s.id]:
                continue
            take = model.new_bool_var(f"takes[{a.id},{s.id}]")
            model.add_implication(take, pm.works_for[s.id, a.serving])
            pm.family_takes[a.id, s.id] = take
            loads[s.id].append((q, take, a.serving))
            takers.append(take)
        unstaffed = model.new_bool_var(f"unstaffed[{a.id}]")
        model.add_exactly_one([*takers, unstaffed])
        pm.family_unstaffed[a.id] = unstaffed
        if fixed is not None:
            # Hard rule: a fixed decision holds (the only taker is the fixed contact person).
            model.add(unstaffed == 0)
        # unstaffed: policy.weights.unstaffed per load unit of a case without contact person
        pm.terms.append((Fraction(w.unstaffed) * Fraction(q, Q_PER_LOAD_UNIT), unstaffed))


def contact_change(pm: ProfessionModel, cases: list[Assignment]) -> Fraction:
    """contact_change: policy.weights.contact_change × saarbarhed × the case's history factor
    (prices.change_price) for every case whose contact person changes; and the cases' part
    of changed_from_approved: policy.weights.changed_from_approved for every case the
    reference plan gave another contact person than the plan does.

    Every case is charged what keeping its contact person (today's, or the reference
    plan's) saves, and keeping that person earns it back.

    Args:
        pm: the model, with every way a case can keep its contact person, and
            `keep_value` and `approved`.
        cases: the profession's cases.

    Returns:
        The constant part of the terms: the charge on every case with something to keep.
    """
    cfa = Fraction(pm.weights.changed_from_approved)
    constant = Fraction(0)
    for a in cases:
        price = pm.keep_value[a.id]
        if price:
            constant += price
            keeper: cp_model.IntVar | None = pm.keeps_contact.get(a.id)
            if keeper is None:
                keeper = pm.family_takes.get((a.id, a.current_contact or ""))
            if keeper is not None:
                pm.terms.append((-price, keeper))
        approved = pm.approved.get(a.id)
        if approved is not None and approved != a.current_contact and cfa:
            constant += cfa
            taker = pm.family_takes.get((a.id, approved))
            if taker is not None:
                pm.terms.append((-cfa, taker))
    for (_, _, price), (count, _) in pm.kept_groups.items():
        pm.terms.append((-price, count))
    return constant


def _by_municipality(
    carried: list[tuple[int, cp_model.IntVar, int]],
) -> dict[int, list[tuple[int, cp_model.IntVar]]]:
    """Return what an employee may carry, by the municipality they carry it in."""
    by_municipality: dict[int, list[tuple[int, cp_model.IntVar]]] = defaultdict(list)
    for q, var, m in carried:
        by_municipality[m].append((q, var))
    return by_municipality


def load_limits(pm: ProfessionModel, loads: Loads) -> None:
    """Hard rule: the load on an employee is at most policy.max_load_factor × cap(e), and only
    in the municipality they work for.

    Stating the limit per municipality, scaled by works_for, is what makes the
    relaxation tight: a fraction of an employee carries only a fraction of a load.

    Args:
        pm: the model, with each employee's limit (a whole multiple of the loads' step).
        loads: what each employee may carry.
    """
    for s in pm.staff:
        for m, parts in _by_municipality(loads.get(s.id, [])).items():
            pm.model.add(sum(q * var for q, var in parts) <= pm.limit[s.id] * pm.works_for[s.id, m])


def overload(pm: ProfessionModel, loads: Loads) -> dict[int, list[cp_model.IntVar]]:
    """overload: policy.weights.overload per load unit above cap(e), counted in the
    municipality e works for.

    Stated per municipality and scaled by works_for like the limit, so that a
    fraction of an employee carries only a fraction of an overload.

    Args:
        pm: the model, with each employee's capacity, limit and the loads' step.
        loads: what each employee may carry.

    Returns:
        The overload variables by municipality, for `municipality_capacity`.
    """
    model, step = pm.model, pm.step
    over_in: dict[int, list[cp_model.IntVar]] = defaultdict(list)
    for s in pm.staff:
        capacity = pm.capacity[s.id]
        room = pm.limit[s.id] - capacity
        below = capacity // step * step
        above = below + step
        for m, parts in _by_municipality(loads.get(s.id, [])).items():
            if room <= 0 or pm.weights.overload == 0:
                continue
            load = sum(q * var for q, var in parts)
            works = pm.works_for[s.id, m]
            over = model.new_int_var(0, room, f"overload[{s.id},{m}]")
            model.add(over <= room * works)
            model.add(over >= load - capacity * works)
            # Every load is a multiple of `step`, so an employee's load either stays at or
            # below the largest multiple under cap(e) or reaches the next one: the overload
            # lies above the line through those two points. The solver's relaxation cannot
            # see this by itself, and without it cannot prove the optimum.
            if above > capacity and below < capacity:
                model.add(step * over >= (above - capacity) * (load - below * works))
            over_in[m].append(over)
            pm.terms.append((pm.overload_per_q, over))
    return over_in


def municipality_capacity(
    pm: ProfessionModel, cases: list[Assignment], over_in: dict[int, list[cp_model.IntVar]]
) -> None:
    """What a municipality's staff carry is at most their limits, and above their capacities
    only by their overload: every case there is carried or unstaffed.

    These rows follow from the others, but without them the solver's relaxation
    shares out fractions of employees instead of seeing each municipality's staff
    as a whole.

    Args:
        pm: the model, with the unstaffed variables of the classes and family cases.
        cases: the profession's cases.
        over_in: the overload variables by municipality (`overload`).
    """
    for m in pm.municipalities:
        demand = sum(load_q(a.case.load) for a in cases if a.serving == m)
        if not demand:
            continue
        unstaffed_load = sum(
            q * var for (m_, q), var in pm.unstaffed_in_class.items() if m_ == m
        ) + sum(
            load_q(a.case.load) * pm.family_unstaffed[a.id]
            for a in pm.family_cases
            if a.serving == m
        )
        staff_in = [(s.id, pm.works_for[s.id, m]) for s in pm.staff]
        pm.model.add(sum(pm.limit[e] * x for e, x in staff_in) + unstaffed_load >= demand)
        if over_in[m]:
            pm.model.add(
                sum(over_in[m]) + sum(pm.capacity[e] * x for e, x in staff_in) + unstaffed_load
                >= demand
            )


def relaxed_family_split(pm: ProfessionModel, by_family: dict[str, list[Assignment]]) -> None:
    """family_split, relaxed: a family's cases kept by different contact persons are with
    different persons in any plan, so their number less one is a lower bound.

    Args:
        pm: the model, with a `keeps_contact` variable for each relaxed family's case.
        by_family: every case of the profession by family.
    """
    model = pm.model
    for family, members in by_family.items():
        keepers: dict[str, list[cp_model.IntVar]] = defaultdict(list)
        for a in members:
            if a.id in pm.keeps_contact and a.current_contact is not None:
                keepers[a.current_contact].append(pm.keeps_contact[a.id])
        if len(keepers) < 2:
            continue
        kept_by = []
        for person, keeps in keepers.items():
            used = model.new_bool_var(f"kept_by[{family},{person}]")
            model.add_max_equality(used, keeps)
            kept_by.append(used)
        split = model.new_int_var(0, len(kept_by) - 1, f"family_split[{family}]")
        model.add(split >= sum(kept_by) - 1)
        pm.family_split[family] = split
        pm.terms.append((Fraction(pm.weights.family_split), split))


def family_split(pm: ProfessionModel) -> None:
    """family_split: policy.weights.family_split for each contact person beyond the first,
    per family, where family cases are assigned one by one.

    Args:
        pm: the model, with a `takes` variable per family case and colleague.
    """
    model = pm.model
    family_groups: dict[str, list[Assignment]] = defaultdict(list)
    for a in pm.family_cases:
        family_groups[a.family_id].append(a)
    for family, members in family_groups.items():
        if len(members) < 2:
            continue  # a case assigned on its own (fixed, or moved in the reference plan)
        uses = []
        for s in pm.staff:
            takes = [
                pm.family_takes[a.id, s.id] for a in members if (a.id, s.id) in pm.family_takes
            ]
            if not takes:
                continue
            used = model.new_bool_var(f"uses[{family},{s.id}]")
            for take in takes:
                model.add_implication(take, used)
            uses.append(used)
        if len(uses) > 1:
            split = model.new_int_var(0, len(uses) - 1, f"family_split[{family}]")
            model.add(split >= sum(uses) - 1)
            pm.family_split[family] = split
            pm.terms.append((Fraction(pm.weights.family_split), split))
