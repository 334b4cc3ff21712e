"""Resignations: their monthly trend, and what further resignations before the split would cost.

The status note expects more resignations as the date nears, partly from the
risk of a transfer against one's will. `monthly_trend` counts the resignations
the data set records, per month and reason, due to the dissolution or not.
`simulate_attrition` draws further resignations month by month until the
effective date (a monthly rate for everyone, a higher one for employees the plan
moves against their stated wish), re-plans each draw and reports the spread of
unstaffed load, hires and contact changes over the draws.

Each draw has its own random stream, seeded from the seed and the draw's number,
so a simulation is reproduced exactly by its seed, and a longer one begins with
the draws of a shorter one.

The API:

    from overgang.core.attrition import monthly_trend, simulate_attrition
    monthly_trend(dataset)                    # MonthCount per month: total, due to the dissolution, by reason
    simulation = simulate_attrition(dataset, policy, employer, contact, runs=200, seed=2021,
                                    monthly_rate=0.01, against_wish_rate=0.05, start=date(2021, 6, 1))
    simulation.percentiles("unstaffed_load")  # Percentiles(p10, median, p90); also per municipality
    simulation_document(simulation)           # every draw, JSON-ready
"""

from overgang.core.attrition.replanning import (
    Contacts,
    Employers,
    Replanner,
    hand_over,
    handover_replanner,
    solver_replanner,
)
from overgang.core.attrition.simulation import (
    BY_MUNICIPALITY,
    FIGURES,
    Outcome,
    Percentiles,
    Simulation,
    draw_resignations,
    moved_against_wish,
    outcome,
    percentiles,
    simulate_attrition,
    simulation_document,
    with_resignations,
)
from overgang.core.attrition.trend import (
    NOT_STATED,
    REASONS,
    MonthCount,
    Resignation,
    add_months,
    first_of_month,
    monthly_trend,
    months_between,
    resignations,
)

__all__ = [
    "BY_MUNICIPALITY",
    "FIGURES",
    "NOT_STATED",
    "REASONS",
    "Contacts",
    "Employers",
    "MonthCount",
    "Outcome",
    "Percentiles",
    "Replanner",
    "Resignation",
    "Simulation",
    "add_months",
    "draw_resignations",
    "first_of_month",
    "hand_over",
    "handover_replanner",
    "monthly_trend",
    "months_between",
    "moved_against_wish",
    "outcome",
    "percentiles",
    "resignations",
    "simulate_attrition",
    "simulation_document",
    "solver_replanner",
    "with_resignations",
]
