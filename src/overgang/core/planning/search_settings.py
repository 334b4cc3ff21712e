"""How the planner shares its time: among the professions, and among each one's steps.

The measurements behind each value are in docs/benchmarks.md, "Why the search's
settings are what they are".
"""

from __future__ import annotations

from dataclasses import dataclass

from overgang.core.planning.policy import LARGE_MODEL_VARIABLES


@dataclass(frozen=True)
class SearchSettings:
    """The search's tuning: seconds are wall time, shares are parts of a profession's share."""

    # Without a time limit the solver still stops: a plan must come back in reasonable time.
    default_time_limit: float = 300.0
    # The least any CP-SAT search or share gets: with more, a short time limit is overrun.
    min_seconds: float = 0.3
    # The least a profession gets per employee at first: a large staff takes long to presolve.
    staff_seconds: float = 0.005
    # How long a search with no plan at all to fall back on may go on for its first one.
    first_plan_seconds: float = 600.0
    # The most the pooled model behind the first plan gets beyond a tenth of the share.
    pooled_seconds: float = 10.0
    # The part of the first searches' time the relaxed-family model gets: smaller, same bound.
    relaxed_share: float = 0.4
    # The most each first search gets where families are exact: the exact one proves fast or creeps.
    first_search_seconds: float = 10.0
    # A model of this many variables starts with the linear relaxation: CP-SAT's bound comes late.
    large_model_variables: int = LARGE_MODEL_VARIABLES
    # The most of a share the linear relaxation gets: CLP stopped early proves nothing.
    lp_share: float = 0.8
    # The most of a share the pattern bound gets on a small model (on a large one, lp_share).
    pattern_share: float = 0.5
    # A staff this large starts with the pattern bound: CP-SAT alone proves smaller ones in seconds.
    pattern_first_staff: int = 50
    # The part of the pattern time the plan from the chosen patterns gets: it is seldom the best.
    choice_share: float = 0.2
    # The most that plan gets: on a long share it can spend tens of seconds to no gain.
    choice_seconds: float = 5.0
    # The part of the pattern time the dive gets: with the places fixed it is solved in seconds.
    dive_share: float = 0.2
    # The most the exact patterns and their tree get in their first round: they may not converge.
    exact_stage_seconds: float = 20.0
    # CP-SAT workers where everyone's place is fixed (a re-plan with every decision notified):
    # what is left is who takes which case, which two searches (one per core) prove faster
    # than the full portfolio (measured under load: FAM 1.3-1.8 s against 2.4-2.6 s with 8;
    # one worker was faster still but once stalled for 48 s).
    fixed_places_workers: int = 2
    # Reproducible plans (docs/planning.md, "Same data, same settings, same answer"): every
    # share is counted in CP-SAT's deterministic time, not measured on the clock, and the
    # steps whose stopping point only the clock decides (the pattern bound, the linear
    # relaxation) are left out. False (the default while it cannot keep a time limit on a
    # loaded machine, docs/planning.md): the wall-clock search, which may differ run to run.
    deterministic: bool = False
    # CP-SAT's deterministic time units per wall second on this machine's demo models:
    # a share of s seconds gets s * this many units (measured: docs/benchmarks.md).
    work_per_second: float = 0.25
    # Workers of the deterministic search: with interleave_search CP-SAT's portfolio is
    # deterministic whatever their number, which then only sets its speed.
    deterministic_workers: int = 2
    # A search stops on the clock too this many seconds after its share: only where that
    # cuts in (a machine far slower or busier than measured) may the plan differ. A presolve
    # is not counted in deterministic time and took up to 36 s under load: hence so large.
    wall_backstop: float = 300.0


DEFAULT_SETTINGS = SearchSettings()
