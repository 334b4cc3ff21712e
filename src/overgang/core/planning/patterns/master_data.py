"""The master problem's data: its rows, their slack columns, and what each employee may carry.

Every row of the master has one column besides the patterns (coefficient 1): the
cases left unstaffed, a family's splits, or the FTE a municipality misses. A
pattern counts in the rows of what it carries, and in its municipality's need
row with the employee's FTE.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from fractions import Fraction

from ortools.sat.python import cp_model

from overgang.core.planning.model import LoadClass, ProfessionModel
from overgang.core.planning.patterns.employees import (
    Cost,
    PatternEmployee,
    pattern_employees,
    upper_bound,
)
from overgang.core.planning.patterns.items import HandedOn


@dataclass(frozen=True)
class Row:
    """A row of the master, and the one column besides the patterns that counts in it."""

    right_hand_side: int
    equality: bool  # otherwise at least the right-hand side
    slack: str  # the profession model's variable that column stands for, by name
    slack_cost: int  # objective units per unit
    slack_most: int


@dataclass(frozen=True)
class MasterData:
    """The rows, slack columns and employees of one profession's pattern problem."""

    step: int  # q units: every load is a whole number of steps
    rows: list[Row]
    need_row: dict[int, int]  # each municipality's staffing need, by its row
    overload_cost: int  # objective units per q unit of overload
    # Per municipality, the classes anyone working there may take on: a large class
    # (more cases than anyone can carry) is packed once for all, a small one per employee.
    large_classes: dict[int, list[HandedOn]]
    small_classes: dict[int, list[HandedOn]]
    employees: list[PatternEmployee]
    leaves_out: bool  # whether the excluded pairs took a municipality from anyone
    # For the overflow check: the largest price of an item, and the most items a
    # pattern could hold (its limit, and every item of no load beyond it).
    most_item_cost: int
    most_units: int


def master_data(pm: ProfessionModel, excluded: Collection[tuple[str, int]] = ()) -> MasterData:
    """Return the master problem of a profession model.

    Args:
        pm: the profession's CP-SAT model, whose variables and objective terms it reads.
        excluded: (employee, municipality) pairs left out of where employees may work,
            unless that would leave an employee nowhere.

    Returns:
        The rows in order (classes, family cases, splits, needs), and the employees.
    """
    cost = _objective_units(pm)
    rows: list[Row] = []
    class_row = _class_rows(pm, cost, rows)
    case_row = _family_case_rows(pm, cost, rows)
    split_row = _split_rows(pm, cost, rows)
    need_row = _need_rows(pm, cost, rows)
    longest = max((pm.limit[staff.id] // pm.step for staff in pm.staff), default=0)
    large_classes, small_classes = _classes(pm, class_row, longest)
    small_rows = {item.row for items in small_classes.values() for item in items}

    employees, leaves_out = pattern_employees(
        pm,
        cost,
        class_row=class_row,
        case_row=case_row,
        split_row=split_row,
        small_rows=small_rows,
        excluded=excluded,
    )
    # For the overflow check: how many items of no load a pattern could hold beyond its limit.
    every = [item for employee in employees for item in employee.every_item()]
    most_units = longest + sum(item.most for item in every if item.load == 0)
    most_units += sum(
        item.most for items in large_classes.values() for item in items if item.load == 0
    )
    return MasterData(
        step=pm.step,
        rows=rows,
        need_row=need_row,
        overload_cost=_overload_cost(pm),
        large_classes=large_classes,
        small_classes=small_classes,
        employees=employees,
        leaves_out=leaves_out,
        most_item_cost=max((abs(item.cost) for item in every), default=0),
        most_units=most_units,
    )


def _class_rows(pm: ProfessionModel, cost: Cost, rows: list[Row]) -> dict[LoadClass, int]:
    """Add a row per (municipality, load) class of single cases; return each one's row."""
    # Every case of the class keeps its contact person, is handed on, or is unstaffed.
    class_row = {}
    for load_class, members in sorted(pm.single_cases.items()):
        unstaffed = pm.unstaffed_in_class[load_class]
        class_row[load_class] = _add_row(
            rows, cost, equal_to=len(members), slack=unstaffed, slack_most=len(members)
        )
    return class_row


def _family_case_rows(pm: ProfessionModel, cost: Cost, rows: list[Row]) -> dict[str, int]:
    """Add a row per family case; return each case's row."""
    # Every family case is taken on by one employee, or is unstaffed.
    case_row = {}
    for assignment in pm.family_cases:
        unstaffed = pm.family_unstaffed[assignment.id]
        case_row[assignment.id] = _add_row(rows, cost, equal_to=1, slack=unstaffed, slack_most=1)
    return case_row


def _split_rows(pm: ProfessionModel, cost: Cost, rows: list[Row]) -> dict[str, int]:
    """Add a row per family whose split has a price; return each family's row."""
    # A family counts a split for every employee beyond the first who keeps or takes on
    # any of its cases: splits - those employees >= -1.
    split_row = {}
    for family, split in sorted(pm.family_split.items()):
        split_row[family] = _add_row(
            rows, cost, at_least=-1, slack=split, slack_most=upper_bound(split)
        )
    return split_row


def _need_rows(pm: ProfessionModel, cost: Cost, rows: list[Row]) -> dict[int, int]:
    """Add a row per municipality with a staffing need; return each one's row."""
    # The FTE of those who work for the municipality, and the FTE it misses, meet its need.
    need_row = {}
    for municipality, (required, missing) in sorted(pm.below_min_fte.items()):
        need_row[municipality] = _add_row(
            rows, cost, at_least=required, slack=missing, slack_most=required
        )
    return need_row


def _add_row(
    rows: list[Row],
    cost: Cost,
    *,
    equal_to: int | None = None,
    at_least: int | None = None,
    slack: cp_model.IntVar,
    slack_most: int,
) -> int:
    """Add a row, = `equal_to` or >= `at_least`, with its slack column; return its index."""
    if equal_to is not None:
        rows.append(Row(equal_to, True, slack.name, cost(slack), slack_most))
    else:
        assert at_least is not None
        rows.append(Row(at_least, False, slack.name, cost(slack), slack_most))
    return len(rows) - 1


def _classes(
    pm: ProfessionModel, class_row: dict[LoadClass, int], longest: int
) -> tuple[dict[int, list[HandedOn]], dict[int, list[HandedOn]]]:
    """Return per municipality the large and the small classes anyone there may take on.

    In a class of more cases than anyone can carry, what an employee keeps and takes on
    never exceeds it: those are packed once for all employees. A smaller class is packed
    per employee with the cases they keep in it, so that no pattern holds more of its
    cases than there are.
    """
    large: dict[int, list[HandedOn]] = defaultdict(list)
    small: dict[int, list[HandedOn]] = defaultdict(list)
    for load_class, members in sorted(pm.single_cases.items()):
        municipality, load = load_class
        item = HandedOn(
            load=load // pm.step,
            most=len(members),
            cost=0,
            row=class_row[load_class],
            load_class=load_class,
        )
        (large if len(members) * item.load >= longest else small)[municipality].append(item)
    return dict(large), dict(small)


def _objective_units(pm: ProfessionModel) -> Cost:
    """Return the function that gives a variable's objective coefficient in objective units."""
    coefficient: dict[int, Fraction] = defaultdict(Fraction)
    for price, var in pm.terms:
        coefficient[var.index] += price

    def cost(var: cp_model.IntVar) -> int:
        units = coefficient.get(var.index, Fraction(0)) / pm.objective_unit
        assert units.denominator == 1
        return int(units)

    return cost


def _overload_cost(pm: ProfessionModel) -> int:
    """Return the overload's price per q unit, in objective units."""
    # It is a whole number of objective units unless the model has no overload term at
    # all: then nobody can carry more than their capacity (their limit is below it, or
    # no case fits them).
    units = pm.overload_per_q / pm.objective_unit
    if units.denominator != 1:
        units = Fraction(0)
    return int(units)
