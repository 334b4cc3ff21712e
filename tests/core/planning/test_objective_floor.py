"""The exact search is told the bound proven so far: it keeps the optimum and no plan below."""

from __future__ import annotations

from ortools.sat.python import cp_model

from overgang.core.planning.model import floor_objective
from tests.core.factories import worked_example
from tests.core.planning.test_patterns import _models


def _solve(model: cp_model.CpModel) -> tuple[cp_model.CpSolverStatus, cp_model.CpSolver]:
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    return solver.solve(model), solver


def test_a_floor_at_or_below_the_optimum_keeps_it_and_one_above_is_kept():
    for pm in _models(worked_example()):
        status, solver = _solve(pm.model)
        assert status == cp_model.OPTIMAL
        optimum = round(solver.objective_value) * pm.objective_unit + pm.cost_offset

        below = pm.model.clone()
        floor_objective(_Cloned(pm, below), optimum - 5 * pm.objective_unit)
        at = pm.model.clone()
        floor_objective(_Cloned(pm, at), optimum)
        above = pm.model.clone()
        floor_objective(_Cloned(pm, above), optimum + pm.objective_unit)

        for floored in (below, at):
            status, solver = _solve(floored)
            assert status == cp_model.OPTIMAL
            assert round(solver.objective_value) * pm.objective_unit + pm.cost_offset == optimum
        # A floor above the optimum is a real one: no plan the model then finds costs less.
        status, solver = _solve(above)
        floored = round(solver.objective_value) * pm.objective_unit + pm.cost_offset
        assert status == cp_model.INFEASIBLE or floored >= optimum + pm.objective_unit


class _Cloned:
    """A profession model's units around another copy of its CP-SAT model."""

    def __init__(self, pm, model):  # type: ignore[no-untyped-def]
        self.model, self.objective_unit, self.cost_offset = model, pm.objective_unit, pm.cost_offset
