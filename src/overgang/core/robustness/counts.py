"""Competence robustness in counts, for the committees and the council: no competence named.

A competence held by one or two employees names them to anyone who knows the
centre, so the committees get counts by municipality and profession instead: how
many competences fewer than `threshold` of the municipality's staff hold, how many
employees hold such a competence, and how many competences the centre has that
nobody in the municipality will hold.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from overgang.core.planning.problem import Problem
from overgang.core.robustness.competences import competence_holders

# Fewer holders than this and a competence is not named to a committee (small numbers).
NAMING_THRESHOLD = 5


@dataclass(frozen=True)
class CompetenceCount:
    """One municipality's and profession's competences at risk after the split, as counts."""

    municipality: int
    profession: str  # code
    few: int  # competences held by 1 to threshold-1 of the municipality's staff, some of this profession
    holders: int  # employees of this profession holding such a competence
    lost: int  # competences held today by this profession that nobody in the municipality will hold


def competence_counts(
    problem: Problem, employer: Mapping[str, int], threshold: int = NAMING_THRESHOLD
) -> tuple[CompetenceCount, ...]:
    """Return, per municipality and profession, the competences at risk after the split, counted."""
    profession = {s.id: s.employee.profession for s in problem.staff}
    held_today: dict[str, set[str]] = defaultdict(set)  # competence -> professions holding it
    for s in problem.staff:
        for competence in set(s.employee.competences):
            held_today[competence].add(s.employee.profession)
    few: dict[tuple[int, str], int] = defaultdict(int)
    holders: dict[tuple[int, str], set[str]] = defaultdict(set)
    lost: dict[tuple[int, str], int] = defaultdict(int)
    for municipality, by_competence in competence_holders(problem, employer).items():
        for competence, professions in held_today.items():
            held = by_competence.get(competence, [])
            if not held:
                for p in professions:
                    lost[municipality, p] += 1
            elif len(held) < threshold:
                for p in {profession[e] for e in held}:
                    few[municipality, p] += 1
                for e in held:
                    holders[municipality, profession[e]].add(e)
    keys = sorted(set(few) | set(lost))
    return tuple(
        CompetenceCount(m, p, few.get((m, p), 0), len(holders.get((m, p), ())), lost.get((m, p), 0))
        for m, p in keys
    )
