"""Competences after the split: those held by only one or two employees, and those no one holds any more."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from overgang.core.planning.problem import Problem


@dataclass(frozen=True)
class ScarceCompetence:
    """A competence (kompetencer tag) a municipality holds in only a few employees."""

    municipality: int
    competence: str
    holders: tuple[str, ...]  # employee ids
    holders_in_centre: int  # holders among all staff today, before the split

    @property
    def single_point_of_failure(self) -> bool:
        return len(self.holders) == 1


@dataclass(frozen=True)
class LostCompetence:
    """A competence the centre holds today that no employee of the municipality holds after the split."""

    municipality: int
    competence: str
    holders_in_centre: int


def competence_holders(
    problem: Problem, employer: Mapping[str, int]
) -> dict[int, dict[str, list[str]]]:
    """Return, per municipality and competence, the employees holding it after the split."""
    holders: dict[int, dict[str, list[str]]] = {
        m: defaultdict(list) for m in problem.municipalities
    }
    for s in sorted(problem.staff, key=lambda s: s.id):
        for competence in sorted(set(s.employee.competences)):
            holders[employer[s.id]][competence].append(s.id)
    return holders


def scarce_and_lost(
    problem: Problem, employer: Mapping[str, int], max_holders: int
) -> tuple[tuple[ScarceCompetence, ...], tuple[LostCompetence, ...]]:
    """Return the competences held by 1 to `max_holders` employees per municipality, and those lost."""
    centre: dict[str, int] = defaultdict(int)
    for s in problem.staff:
        for competence in set(s.employee.competences):
            centre[competence] += 1
    holders = competence_holders(problem, employer)
    scarce = []
    lost = []
    for m in sorted(problem.municipalities):
        for competence in sorted(centre):
            held = holders[m].get(competence, [])
            if not held:
                lost.append(LostCompetence(m, competence, centre[competence]))
            elif len(held) <= max_holders:
                scarce.append(ScarceCompetence(m, competence, tuple(held), centre[competence]))
    return tuple(scarce), tuple(lost)
