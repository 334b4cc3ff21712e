"""The plan a solution of a profession's model describes: who works where, who keeps which case.

The models count interchangeable cases instead of naming them (model.py), so a
solution says how many cases of a class each employee keeps or takes on, not
which: the cases are dealt out here, most vulnerable first and siblings
together, which changes no cost term but the family split.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Callable, Sequence
from fractions import Fraction

from ortools.sat.python import cp_model

from overgang.core.planning.model import LoadClass, ProfessionModel
from overgang.core.planning.problem import Assignment
from overgang.core.planning.regroup import consolidate_families, regroup_families

Value = Callable[[cp_model.IntVar], int]


def read_employers(pm: ProfessionModel, value: Value) -> dict[str, int]:
    """Return the municipality each employee works for in the solution `value` reads."""
    employer = {}
    for s in pm.staff:
        employer[s.id] = next(m for m in pm.municipalities if value(pm.works_for[s.id, m]))
    return employer


def read_places(pm: ProfessionModel, values: Sequence[float]) -> dict[str, int]:
    """Return where a fractional solution (the linear relaxation's) puts most of each employee."""
    place = {}
    for s in pm.staff:
        share = {m: values[pm.works_for[s.id, m].index] for m in pm.municipalities}
        place[s.id] = max(sorted(share), key=lambda m: share[m])
    return place


def read_contacts(pm: ProfessionModel, value: Value) -> dict[str, str | None]:
    """Return each case's contact person (None: unstaffed) in the solution `value` reads."""
    contact: dict[str, str | None] = {}
    for a in pm.family_cases:
        contact[a.id] = next(
            (
                s.id
                for s in pm.staff
                if (a.id, s.id) in pm.family_takes and value(pm.family_takes[a.id, s.id])
            ),
            None,
        )
    slots: dict[LoadClass, dict[str, int]] = defaultdict(dict)
    for (person, load_class), count in pm.handed_on.items():
        taken = value(count)
        if taken > 0:
            slots[load_class][person] = taken
    holders: dict[str, set[str]] = defaultdict(set)  # family -> persons who hold its cases
    staffed: list[tuple[LoadClass, Assignment]] = []
    kept = {a.id for count, group in pm.kept_groups.values() for a in group[: value(count)]}
    for load_class, members in pm.single_cases.items():
        handed_on = []
        for a in members:
            keep = pm.keeps_contact.get(a.id)
            if a.id in kept or (keep is not None and value(keep)):
                contact[a.id] = a.current_contact
                holders[a.family_id].add(a.current_contact or "")
            else:
                handed_on.append(a)
        # When a class is not fully staffed, the most vulnerable children are staffed first.
        handed_on.sort(key=lambda a: (-a.case.vulnerability, a.id))
        room = sum(slots[load_class].values())
        staffed += [(load_class, a) for a in handed_on[:room]]
        for a in handed_on[room:]:
            contact[a.id] = None
    _hand_on(staffed, slots, holders, contact)
    singles = [a for members in pm.single_cases.values() for a in members]
    regroup_families(singles, contact, pm.approved)
    movable = [a for a in singles + pm.family_cases if a.id not in pm.fixed_contact]
    consolidate_families(
        movable, contact, pm.capacity, pm.limit, pm.weights, pm.keep_value, pm.approved
    )
    return contact


def _hand_on(
    staffed: list[tuple[LoadClass, Assignment]],
    slots: dict[LoadClass, dict[str, int]],
    holders: dict[str, set[str]],
    contact: dict[str, str | None],
) -> None:
    """Give each handed-on case to a colleague with a free slot of its class, siblings together.

    Which case of a class takes which slot changes no cost term but the family
    split, so a family's cases go, where the slots allow, to a person who
    already holds one of them, or else all to one person.
    """
    groups: dict[str, list[tuple[LoadClass, Assignment]]] = defaultdict(list)
    for item in staffed:
        groups[item[1].family_id].append(item)
    # Per class, the persons with free slots, most free first. Free slots only shrink,
    # so a stale count is renewed when it comes to the top.
    most_free: dict[LoadClass, list[tuple[int, str]]] = {}
    for load_class, persons in slots.items():
        most_free[load_class] = [(-n, person) for person, n in persons.items() if n > 0]
        heapq.heapify(most_free[load_class])

    def roomiest(load_class: LoadClass) -> str:
        heap, free = most_free[load_class], slots[load_class]
        while True:
            key, person = heap[0]
            if -key == free[person]:
                return person
            if free[person] > 0:
                heapq.heapreplace(heap, (-free[person], person))
            else:
                heapq.heappop(heap)

    for family in sorted(groups, key=lambda f: (-len(groups[f]), f)):
        for load_class, a in sorted(groups[family], key=lambda item: item[1].id):
            free = slots[load_class]
            # Prefer a person who holds a sibling's case, then the one with most room.
            siblings = [p for p in holders[family] if free.get(p, 0) > 0]
            person = max(siblings, key=lambda p: (free[p], p)) if siblings else roomiest(load_class)
            slots[load_class][person] -= 1
            contact[a.id] = person
            holders[family].add(person)


def read_bound(
    pm: ProfessionModel, solver: cp_model.CpSolver, status: cp_model.CpSolverStatus
) -> Fraction:
    """Return the cost no plan of the model goes below, as a solve with a plan proves it:
    the optimum, or CP-SAT's bound, a float, rounded down by more than its rounding
    error, never up."""
    if status == cp_model.OPTIMAL:
        units = round(solver.objective_value)
    else:
        raw = solver.best_objective_bound
        units = math.ceil(raw - max(1e-6, abs(raw) * 1e-12))
    return units * pm.objective_unit + pm.cost_offset
