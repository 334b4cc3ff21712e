"""What a pattern is made of: the kinds of case an employee may carry, and families of them.

Each kind of item is counted by one variable of the profession model, so that a
pattern can be read back as values of those variables (`counting_variable`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from ortools.sat.python import cp_model

from overgang.core.planning.model import KeepGroup, LoadClass, ProfessionModel


@dataclass(frozen=True)
class Item:
    """Up to `most` of one kind of case an employee may carry."""

    load: int  # in steps of the loads' step
    most: int
    cost: int  # objective units per case
    row: int  # the master row it counts in: its class's, or its family case's


@dataclass(frozen=True)
class KeptGroup(Item):
    """Cases of one group of interchangeable single cases that keep their contact person."""

    group: KeepGroup


@dataclass(frozen=True)
class KeepsContact(Item):
    """A relaxed family's single case that keeps its contact person."""

    case: str


@dataclass(frozen=True)
class TakesFamilyCase(Item):
    """A family's case that the employee takes on."""

    case: str


@dataclass(frozen=True)
class HandedOn(Item):
    """Cases of a (municipality, load) class handed on to the employee."""

    load_class: LoadClass


@dataclass(frozen=True)
class SplitCharge(Item):
    """That the employee takes any of a family's cases: -1 in the family's split row.

    It has no variable of its own: a pattern's items leave it out.
    """


@dataclass(frozen=True)
class Family:
    """A family's cases an employee may carry; its split row is charged once if any is."""

    split_row: int | None
    items: tuple[KeepsContact | TakesFamilyCase, ...]

    @cached_property
    def subsets(self) -> list[tuple[int, list[Item]]]:
        """Every non-empty subset of the items, with its load; listed when first asked for."""
        return [(sum(item.load for item in subset), subset) for subset in _subsets(self.items)]

    @cached_property
    def split_charge(self) -> SplitCharge | None:
        """What taking any of its cases counts in its split row, if it has one."""
        if self.split_row is None:
            return None
        return SplitCharge(load=0, most=1, cost=0, row=self.split_row)


@dataclass(frozen=True)
class Pattern:
    """One employee's whole share of a plan: where they work and what they carry."""

    employee: int  # index in MasterData.employees
    municipality: int
    counts: tuple[tuple[int, int], ...]  # (master row, count), by row
    cost: int  # objective units, the overload included
    items: tuple[tuple[Item, int], ...]  # (item, count) in a fixed order, split charges left out


def make_pattern(
    employee: int,
    municipality: int,
    works_cost: int,
    overload_cost: int,
    contents: list[tuple[Item, int]],
) -> Pattern:
    """Return the pattern of an employee who works for `municipality` and carries `contents`."""
    counts: dict[int, int] = defaultdict(int)
    cost = works_cost + overload_cost
    for item, count in contents:
        counts[item.row] += count
        cost += item.cost * count
    # In one fixed order, so that the same packing is the same pattern.
    items = tuple(
        sorted(
            ((item, count) for item, count in contents if not isinstance(item, SplitCharge)),
            key=repr,
        )
    )
    return Pattern(employee, municipality, tuple(sorted(counts.items())), cost, items)


def counting_variable(pm: ProfessionModel, person: str, item: Item) -> cp_model.IntVar | None:
    """Return the profession model's variable that counts an item of a person's pattern."""
    match item:
        case KeptGroup(group=group):
            return pm.kept_groups[group][0]
        case HandedOn(load_class=load_class):
            return pm.handed_on.get((person, load_class))
        case KeepsContact(case=case):
            return pm.keeps_contact[case]
        case TakesFamilyCase(case=case):
            return pm.family_takes.get((case, person))
    return None


def _subsets(items: tuple[Item, ...]) -> list[list[Item]]:
    subsets: list[list[Item]] = [[]]
    for item in items:
        subsets += [[*subset, item] for subset in subsets]
    return subsets[1:]
