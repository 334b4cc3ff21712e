"""The attrition simulation in short, for the committees: each figure's spread, no one named.

A `Simulation` keeps every draw with the employees drawn to resign; the committees
and the status report need only the percentiles, so `summarise` keeps those and
drops the names.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from overgang.core.attrition.simulation import BY_MUNICIPALITY, Simulation

# The figures the committees see: the cost is the plan's own measure and says little to them.
COMMITTEE_FIGURES = ("resignations", "unstaffed_load", "hires_fte", "contact_changes")
# Figures that count people or cases: shown to committees through small-number suppression.
COUNTED = frozenset({"resignations", "contact_changes"})


@dataclass(frozen=True)
class Spread:
    """One figure of the simulation: the plan's value and the 10th, 50th and 90th percentile."""

    figure: str
    municipality: int | None  # None: in all
    plan: float
    p10: float
    median: float
    p90: float


@dataclass(frozen=True)
class AttritionSummary:
    runs: int
    seed: int
    monthly_rate: float
    against_wish_rate: float
    start: date
    months: int
    at_risk: int
    against_wish: int
    spreads: tuple[Spread, ...]

    def spread(self, figure: str, municipality: int | None = None) -> Spread:
        return next(
            s for s in self.spreads if s.figure == figure and s.municipality == municipality
        )


def summarise(simulation: Simulation) -> AttritionSummary:
    """Return the simulation's percentiles per figure, in all and per municipality where kept."""
    spreads = []
    for figure in COMMITTEE_FIGURES:
        places: list[int | None] = [None]
        if figure in BY_MUNICIPALITY:
            places += list(simulation.municipalities)
        for municipality in places:
            cut = simulation.percentiles(figure, municipality)
            spreads.append(
                Spread(
                    figure,
                    municipality,
                    simulation.base.figure(figure, municipality),
                    cut.p10,
                    cut.median,
                    cut.p90,
                )
            )
    return AttritionSummary(
        runs=simulation.runs,
        seed=simulation.seed,
        monthly_rate=simulation.monthly_rate,
        against_wish_rate=simulation.against_wish_rate,
        start=simulation.start,
        months=simulation.months,
        at_risk=simulation.at_risk,
        against_wish=simulation.against_wish,
        spreads=tuple(spreads),
    )
