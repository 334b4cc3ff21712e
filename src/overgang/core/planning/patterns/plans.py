"""Between plans and patterns: a plan as values of the profession model's variables (by index)."""

from __future__ import annotations

from collections.abc import Iterable

from overgang.core.planning.model import ProfessionModel
from overgang.core.planning.patterns.items import Item, Pattern, counting_variable, make_pattern
from overgang.core.planning.patterns.master_data import MasterData


def patterns_of_plan(
    pm: ProfessionModel, data: MasterData, values: dict[int, int]
) -> list[Pattern]:
    """Return the patterns of a plan: one per employee who works for one municipality
    they may work for, and carries no more than the patterns can hold."""
    patterns = []
    for index, employee in enumerate(data.employees):
        works_for = [
            municipality
            for municipality in employee.works_cost
            if values.get(pm.works_for[employee.id, municipality].index)
        ]
        if len(works_for) != 1:
            continue
        (municipality,) = works_for
        small_classes = data.small_classes.get(municipality, [])
        items: list[Item] = [
            *employee.kept_in_large[municipality],
            *(
                kept
                for row in {handed_on.row for handed_on in small_classes}
                for kept in employee.kept_in_small.get(row, [])
            ),
            *data.large_classes.get(municipality, []),
            *small_classes,
        ]
        contents: list[tuple[Item, int]] = []
        for item in items:
            var = counting_variable(pm, employee.id, item)
            count = values.get(var.index, 0) if var is not None else 0
            if count > 0:
                contents.append((item, count))
        for family in employee.families[municipality]:
            taken: list[tuple[Item, int]] = []
            for item in family.items:
                var = counting_variable(pm, employee.id, item)
                if var is not None and values.get(var.index, 0) > 0:
                    taken.append((item, 1))
            if taken and family.split_charge is not None:
                taken.append((family.split_charge, -1))
            contents += taken
        load = sum(item.load * count for item, count in contents)
        if load > employee.limit:
            continue  # not a plan the patterns hold
        overload_cost = max(load * data.step - employee.capacity, 0) * data.overload_cost
        works_cost = employee.works_cost[municipality]
        patterns.append(make_pattern(index, municipality, works_cost, overload_cost, contents))
    return patterns


def plan_of_patterns(
    pm: ProfessionModel, data: MasterData, patterns: Iterable[Pattern]
) -> dict[int, int]:
    """Return the plan made of patterns, one per employee, as values of the model's variables."""
    values: dict[int, int] = {}
    for pattern in patterns:
        person = data.employees[pattern.employee].id
        values[pm.works_for[person, pattern.municipality].index] = 1
        for item, count in pattern.items:
            var = counting_variable(pm, person, item)
            assert var is not None
            values[var.index] = count
    return values
