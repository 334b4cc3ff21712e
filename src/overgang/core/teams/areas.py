"""Where the work lies: the district of every in-house case, and districts grouped into team areas.

A case belongs to a district when its citizen lives in a district of the
municipality that serves the case. Cases a municipality serves for citizens
outside its own districts (a service kept in cooperation with the host, pupils
of another municipality at one of its special schools) belong to no district.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from fractions import Fraction

from overgang.core.planning.problem import Problem


def case_districts(problem: Problem) -> dict[str, str | None]:
    """Return the district each in-house case lies in, or None when it lies outside the serving municipality's districts."""
    district_of_citizen = {c.id: c.district_id for c in problem.dataset.citizens}
    municipality_of_district = {d.id: d.municipality for d in problem.dataset.districts}
    result: dict[str, str | None] = {}
    for a in problem.assignments:
        district = district_of_citizen.get(a.case.citizen_id)
        inside = district is not None and municipality_of_district.get(district) == a.serving
        result[a.id] = district if inside else None
    return result


def district_demand(
    problem: Problem, districts_of_cases: Mapping[str, str | None]
) -> dict[str, dict[str, Fraction]]:
    """Return, per district and profession, the load of the cases lying in the district."""
    demand: dict[str, dict[str, Fraction]] = defaultdict(lambda: defaultdict(Fraction))
    for a in problem.assignments:
        district = districts_of_cases[a.id]
        if district is not None:
            demand[district][a.case.profession] += Fraction(a.case.load)
    return {d: dict(by_profession) for d, by_profession in demand.items()}


def load_by_district(
    problem: Problem,
    contact: Mapping[str, str | None],
    districts_of_cases: Mapping[str, str | None],
) -> dict[str, dict[str, Fraction]]:
    """Return, per employee and district, the load of the cases the plan gives them there."""
    load: dict[str, dict[str, Fraction]] = defaultdict(lambda: defaultdict(Fraction))
    for a in problem.assignments:
        person, district = contact.get(a.id), districts_of_cases[a.id]
        if person is not None and district is not None:
            load[person][district] += Fraction(a.case.load)
    return {e: dict(by_district) for e, by_district in load.items()}


def demand_fte(demand: Mapping[str, Fraction], norms: Mapping[str, Fraction]) -> Fraction:
    """Return the FTE a district's load calls for: each profession's load over its norm."""
    return sum(
        (load / norms[p] for p, load in demand.items() if norms.get(p, Fraction(0)) > 0),
        Fraction(0),
    )


def group_districts(
    districts: list[str],
    fte: Mapping[str, Fraction],
    employee_load: Mapping[str, Mapping[str, Fraction]],
    min_team_fte: Fraction,
) -> list[tuple[str, ...]]:
    """Return one municipality's districts grouped into team areas of at least `min_team_fte` demand.

    While the smallest area falls short (and there is more than one), it joins the
    area it shares the most work with: the load that the same contact persons carry
    in both, so that a merger keeps colleagues who already cover both together. Ties
    go to the smaller area, then to the first district id.
    """
    areas: list[tuple[str, ...]] = [(d,) for d in sorted(districts)]

    def size(area: tuple[str, ...]) -> Fraction:
        return sum((fte.get(d, Fraction(0)) for d in area), Fraction(0))

    def shared_work(a: tuple[str, ...], b: tuple[str, ...]) -> Fraction:
        total = Fraction(0)
        for by_district in employee_load.values():
            in_a = sum((by_district.get(d, Fraction(0)) for d in a), Fraction(0))
            in_b = sum((by_district.get(d, Fraction(0)) for d in b), Fraction(0))
            total += min(in_a, in_b)
        return total

    while len(areas) > 1:
        smallest = min(areas, key=lambda area: (size(area), area))
        if size(smallest) >= min_team_fte:
            break
        others = [area for area in areas if area != smallest]
        partner = min(others, key=lambda area: (-shared_work(smallest, area), size(area), area))
        areas.remove(smallest)
        areas.remove(partner)
        areas.append(tuple(sorted(smallest + partner)))
        areas.sort()
    return areas
