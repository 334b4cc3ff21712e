"""How each CP-SAT search is stopped: on CP-SAT's deterministic clock, or on the wall clock.

With `SearchSettings.deterministic` every search of the planner is given its time in
deterministic units (a count of the solver's work, the same on every run) and searches
with interleaved workers, whose portfolio is deterministic whatever their number; so the
same model and the same share give the same solution, decision for decision.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from overgang.core.planning.search_settings import SearchSettings


def configure(
    solver: cp_model.CpSolver, seconds: float, workers: int, settings: SearchSettings
) -> None:
    """Give `solver` a share of `seconds` and `workers`, on the clock `settings` name."""
    parameters = solver.parameters
    parameters.random_seed = 0
    if not settings.deterministic:
        parameters.max_time_in_seconds = seconds
        parameters.num_workers = workers
        return
    parameters.max_deterministic_time = seconds * settings.work_per_second
    parameters.max_time_in_seconds = settings.wall_backstop + seconds
    parameters.num_workers = settings.deterministic_workers
    parameters.interleave_search = True
