"""Workload per FTE after the split against before: does the same work weigh more on fewer?

Before the split a profession's whole load is carried by all its staff in the
centre; after it, each municipality's share by the staff the plan gives it. Both
come from the plan's capacity figures (load and FTE per municipality and
profession). A group of fewer than `min_group` employees gets no figure: the load
per FTE of one or two people is theirs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

# Below this many employees a group's load per FTE describes a person (small numbers).
MIN_GROUP = 5


@dataclass(frozen=True)
class Workload:
    profession: str  # code
    before: float | None  # load units per FTE in the centre today; None for a small group
    employees_before: int
    after: tuple[tuple[int, float | None, int], ...]  # (municipality, load per FTE, employees)


def _per_fte(load: float, fte: float, employees: int, min_group: int) -> float | None:
    if employees < min_group or fte <= 0:
        return None
    return round(load / fte, 2)


def workload_per_fte(
    capacity: Iterable[Mapping[str, Any]],
    employees: Mapping[tuple[int, str], int],
    min_group: int = MIN_GROUP,
) -> tuple[Workload, ...]:
    """Return each profession's load per FTE before the split and per municipality after it.

    `capacity` are the plan's rows (kommune, faggruppe, fte, belastning); `employees`
    the head count per (municipality, profession) after the split. Professions
    without load (leaders) are left out.
    """
    rows: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for row in capacity:
        rows[str(row["faggruppe"])].append(row)
    result = []
    for profession in sorted(rows):
        mine = sorted(rows[profession], key=lambda r: int(r["kommune"]))
        load = sum(float(r["belastning"]) for r in mine)
        if load <= 0:
            continue
        fte = sum(float(r["fte"]) for r in mine)
        count = sum(employees.get((int(r["kommune"]), profession), 0) for r in mine)
        after = tuple(
            (
                int(r["kommune"]),
                _per_fte(
                    float(r["belastning"]),
                    float(r["fte"]),
                    employees.get((int(r["kommune"]), profession), 0),
                    min_group,
                ),
                employees.get((int(r["kommune"]), profession), 0),
            )
            for r in mine
        )
        result.append(Workload(profession, _per_fte(load, fte, count, min_group), count, after))
    return tuple(result)
