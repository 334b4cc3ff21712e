"""The planner's clock: the wall clock, or the work done so far, counted the same on every run.

Every step of the search asks `Clock.now()` how much of its share is gone. On the wall
clock that is a `time.perf_counter()` reading, and two runs stop at different points.
With `SearchSettings.deterministic` it is the work done so far, charged by each step in
seconds *of this machine*: CP-SAT's deterministic time (a count of its work), CLP's
simplex iterations times the master's size, the pricing's knapsack cells, the model's
size once built. Each is a count the same on every run, turned into seconds by a rate
measured on this machine (docs/benchmarks.md, "Reproducible plans"), so that the shares
are spent about as on the wall clock, and the same data give the same plan.

The user's time limit stays a wall-clock promise: past `deadline` (a `perf_counter`
reading) `now()` is infinite, every step stops, and `cut` records that a search was
stopped by the clock rather than by its work: that plan may not come back the same.
"""

from __future__ import annotations

import math
import time

from ortools.linear_solver import pywraplp  # type: ignore[import-untyped]
from ortools.sat.python import cp_model

from overgang.core.planning.search_settings import DEFAULT_SETTINGS, SearchSettings

# The least wall time a search is given once its deadline is near: CP-SAT needs some.
LEAST_WALL_SECONDS = 0.05


class Clock:
    """How much of the planner's time is gone: measured, or counted (see the module)."""

    def __init__(
        self, settings: SearchSettings = DEFAULT_SETTINGS, deadline: float | None = None
    ) -> None:
        self.settings = settings
        self.deterministic = settings.deterministic
        self.deadline = deadline
        self.work = 0.0  # seconds of work charged so far (deterministic only)
        self.cut = False

    def now(self) -> float:
        """Seconds on this clock; infinite once a deterministic search is past its deadline."""
        if not self.deterministic:
            return time.perf_counter()
        if self._past_deadline():
            self.cut = True
            return math.inf
        return self.work

    def since(self, start: float) -> float:
        """Seconds on this clock since `start`, a `now()` reading."""
        return self.now() - start

    def charge(self, seconds: float) -> None:
        """Count work worth `seconds` of this machine (nothing on the wall clock)."""
        if self.deterministic:
            self.work += seconds

    def charge_model(self, model: cp_model.CpModel) -> None:
        """Count building a CP-SAT model, by its size."""
        proto = model.proto
        size = len(proto.variables) + len(proto.constraints)
        self.charge(size * self.settings.build_seconds_per_element)

    def configure(self, solver: cp_model.CpSolver, seconds: float, workers: int) -> None:
        """Give `solver` a share of `seconds` and `workers`, on this clock.

        Deterministically: CP-SAT's deterministic time, interleaved workers (a portfolio
        that is the same whatever their number; without the neighbourhood searches unless
        settings.deterministic_lns), seed 0; and the wall time to the deadline, past which
        the search stops anyway.
        """
        parameters = solver.parameters
        parameters.random_seed = 0
        if not self.deterministic:
            parameters.max_time_in_seconds = seconds
            parameters.num_workers = workers
            return
        work = max(0.0, seconds) * self.settings.work_per_second
        parameters.max_deterministic_time = work
        # Presolve's own limits: on a large model its probing alone may take 30 units.
        parameters.presolve_probing_deterministic_time_limit = work
        parameters.symmetry_detection_deterministic_time_limit = min(1.0, work)
        parameters.max_time_in_seconds = self._wall_left()
        parameters.num_workers = self.settings.deterministic_workers
        parameters.interleave_search = True
        parameters.use_lns = self.settings.deterministic_lns

    def solve(self, solver: cp_model.CpSolver, model: cp_model.CpModel) -> cp_model.CpSolverStatus:
        """Solve a configured CP-SAT model and charge its work; return its status."""
        status = solver.solve(model)
        self.charge(solver.response_proto.deterministic_time / self.settings.work_per_second)
        self._note_deadline()
        return status

    def solve_lp(self, solver: pywraplp.Solver, seconds: float, size: int) -> int:
        """Solve a CLP model of `size` rows and columns for at most `seconds`; charge its
        iterations. Deterministically it runs to its end (or the deadline): stopped on a
        clock, CLP's answer would depend on the machine."""
        wall = seconds if not self.deterministic else self._wall_left()
        solver.SetTimeLimit(max(1, int(1000 * wall)))
        status: int = solver.Solve()
        iterations = max(1, solver.iterations())
        rates = self.settings
        self.charge(
            rates.lp_seconds_per_solve + iterations * size * rates.lp_seconds_per_iteration_and_row
        )
        self._note_deadline()
        return status

    def _wall_left(self) -> float:
        if self.deadline is None:
            return self.settings.wall_backstop
        return max(LEAST_WALL_SECONDS, self.deadline - time.perf_counter())

    def _past_deadline(self) -> bool:
        return self.deadline is not None and time.perf_counter() >= self.deadline

    def _note_deadline(self) -> None:
        if self.deterministic and self._past_deadline():
            self.cut = True
