"""What each employee may carry in a pattern: groups of cases they keep, and families."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection
from dataclasses import dataclass

from ortools.sat.python import cp_model

from overgang.core.planning.model import LoadClass, ProfessionModel
from overgang.core.planning.patterns.items import (
    Family,
    Item,
    KeepsContact,
    KeptGroup,
    TakesFamilyCase,
)
from overgang.core.planning.units import fte_units, load_q

# A variable's objective coefficient in whole objective units.
Cost = Callable[[cp_model.IntVar], int]


@dataclass(frozen=True)
class PatternEmployee:
    """An employee as the patterns see them: where they may work and what they may carry."""

    id: str
    limit: int  # the most they may carry, in steps
    capacity: int  # q units
    fte: int  # 1/3700 FTE
    works_cost: dict[int, int]  # objective units for working in each municipality they may
    # Per municipality, the groups of cases they keep in its large classes.
    kept_in_large: dict[int, list[KeptGroup]]
    # What they keep in each small class (by its row), packed with what they take on of it.
    kept_in_small: dict[int, list[KeptGroup]]
    # Per municipality, the families whose cases they may keep or take on there.
    families: dict[int, list[Family]]

    def every_item(self) -> list[Item]:
        """Return every item they may carry, wherever they work."""
        kept = [*self.kept_in_large.values(), *self.kept_in_small.values()]
        in_families = [family.items for families in self.families.values() for family in families]
        return [item for items in (*kept, *in_families) for item in items]


def pattern_employees(
    pm: ProfessionModel,
    cost: Cost,
    *,
    class_row: dict[LoadClass, int],
    case_row: dict[str, int],
    split_row: dict[str, int],
    small_rows: set[int],
    excluded: Collection[tuple[str, int]],
) -> tuple[list[PatternEmployee], bool]:
    """Return the profession's employees as the patterns see them, and whether the
    excluded (employee, municipality) pairs took a municipality from anyone.

    An exclusion that would leave an employee nowhere to work is ignored.
    """
    position = {staff.id: index for index, staff in enumerate(pm.staff)}
    works_cost = [
        {
            municipality: cost(pm.works_for[staff.id, municipality])
            for municipality in pm.allowed[staff.id]
        }
        for staff in pm.staff
    ]
    kept_in_large, kept_in_small = _kept_groups(
        pm, cost, class_row, small_rows, position, works_cost
    )
    families = _families(pm, cost, class_row, case_row, split_row, position, works_cost)
    employees, leaves_out = [], False
    for index, staff in enumerate(pm.staff):
        works = works_cost[index]
        left = {
            municipality: price
            for municipality, price in works.items()
            if (staff.id, municipality) not in excluded
        }
        if left and len(left) < len(works):
            works, leaves_out = left, True
        employees.append(
            PatternEmployee(
                id=staff.id,
                limit=pm.limit[staff.id] // pm.step,
                capacity=pm.capacity[staff.id],
                fte=fte_units(staff.employee.hours),
                works_cost=works,
                kept_in_large=kept_in_large[index],
                kept_in_small=dict(kept_in_small[index]),
                families=families[index],
            )
        )
    return employees, leaves_out


def _kept_groups(
    pm: ProfessionModel,
    cost: Cost,
    class_row: dict[LoadClass, int],
    small_rows: set[int],
    position: dict[str, int],
    works_cost: list[dict[int, int]],
) -> tuple[list[dict[int, list[KeptGroup]]], list[dict[int, list[KeptGroup]]]]:
    """Return per employee the groups of cases they may keep: in large classes per
    municipality, in small classes per class row."""
    kept_in_large: list[dict[int, list[KeptGroup]]] = [
        {municipality: [] for municipality in works} for works in works_cost
    ]
    kept_in_small: list[dict[int, list[KeptGroup]]] = [defaultdict(list) for _ in works_cost]
    for group, (count, _) in sorted(pm.kept_groups.items()):
        person, load_class, _ = group
        index = position[person]
        municipality, load = load_class
        if municipality not in works_cost[index]:
            continue
        item = KeptGroup(
            load=load // pm.step,
            most=upper_bound(count),
            cost=cost(count),
            row=class_row[load_class],
            group=group,
        )
        if item.row in small_rows:
            kept_in_small[index][item.row].append(item)
        else:
            kept_in_large[index][municipality].append(item)
    return kept_in_large, kept_in_small


def _families(
    pm: ProfessionModel,
    cost: Cost,
    class_row: dict[LoadClass, int],
    case_row: dict[str, int],
    split_row: dict[str, int],
    position: dict[str, int],
    works_cost: list[dict[int, int]],
) -> list[dict[int, list[Family]]]:
    """Return per employee and municipality the families whose cases they may carry there:
    a relaxed family's cases they keep, or an exact family's cases they take on."""
    grouped: dict[tuple[int, int, str], list[KeepsContact | TakesFamilyCase]] = defaultdict(list)
    serving = {
        assignment.id: (load_class, assignment)
        for load_class, members in pm.single_cases.items()
        for assignment in members
    }
    for case, keeps in sorted(pm.keeps_contact.items()):
        load_class, assignment = serving[case]
        index = position[assignment.current_contact or ""]
        municipality, load = load_class
        if municipality in works_cost[index]:
            grouped[index, municipality, assignment.family_id].append(
                KeepsContact(
                    load=load // pm.step,
                    most=1,
                    cost=cost(keeps),
                    row=class_row[load_class],
                    case=case,
                )
            )
    family_case = {assignment.id: assignment for assignment in pm.family_cases}
    for (case, person), takes in sorted(pm.family_takes.items()):
        assignment, index = family_case[case], position[person]
        if assignment.serving in works_cost[index]:
            grouped[index, assignment.serving, assignment.family_id].append(
                TakesFamilyCase(
                    load=load_q(assignment.case.load) // pm.step,
                    most=1,
                    cost=cost(takes),
                    row=case_row[case],
                    case=case,
                )
            )
    families: list[dict[int, list[Family]]] = [
        {municipality: [] for municipality in works} for works in works_cost
    ]
    for (index, municipality, family), items in sorted(grouped.items()):
        families[index][municipality].append(Family(split_row.get(family), tuple(items)))
    return families


def upper_bound(var: cp_model.IntVar) -> int:
    """Return an integer variable's upper bound (its proto's repeated field has no [-1])."""
    domain = list(var.proto.domain)
    return int(domain[-1])
