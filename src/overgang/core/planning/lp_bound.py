"""A proven lower bound from the linear relaxation of a CP-SAT model.

On a large model CP-SAT may run out of time before its own linear relaxation
has told it much: at scale 100 its bound for the support pedagogues stayed
28 % below the plan while the relaxation's optimum lies 5 % below. So the
relaxation is solved here with COIN-OR's CLP (bundled with OR-Tools), and its
duals are turned into a bound in exact integer arithmetic: for any duals `y`,

    min c·x  >=  sum over rows of y·(the row's active side)
                 + sum over variables of min((c - yA)_j · l_j, (c - yA)_j · u_j)

holds for every x within its bounds that keeps the rows, whatever `y` is and
however CLP computed it (weak duality with the variable bounds kept). Rounding
the duals to fractions of 2**-30 changes how good the bound is, never whether it
holds. The model's objective is an integer, so the bound is rounded up to one.

Only the constraints read here enter the relaxation (linear rows without
enforcement, implications, exactly-one, at-most-one, bool-or and the lower
side of a maximum); leaving a constraint out only weakens the bound.
"""

from __future__ import annotations

from dataclasses import dataclass

from ortools.linear_solver import pywraplp  # type: ignore[import-untyped]
from ortools.sat.python import cp_model

from overgang.core.planning.determinism import Clock

# Duals are rounded to this many binary places before the exact computation.
DUAL_SCALE = 2**30
INFINITE = 2**62

Row = tuple[dict[int, int], int | None, int | None]  # coefficients, lower side, upper side


@dataclass(frozen=True)
class Relaxation:
    bound: int  # proven: no solution of the model has a smaller objective
    values: list[float]  # the relaxation's optimum, by the model's variable index


def solve_relaxation(
    model: cp_model.CpModel, seconds: float, maxima: bool = True, clock: Clock | None = None
) -> Relaxation | None:
    """Return the relaxation's proven bound and optimum, or None if CLP finds none in time.

    Without `maxima`, the rows of maximum constraints (the relaxed families' split)
    are left out: a weaker bound, but on scale 100's family counsellors CLP
    needed 31 s without them and 145 s with them.
    """
    proto = model.proto
    objective = proto.objective
    if objective.scaling_factor not in (0, 1) or objective.offset != 0:
        return None  # not a model this module reads
    lower: list[int] = []
    upper: list[int] = []
    for variable in proto.variables:
        domain = list(variable.domain)
        lower.append(domain[0])
        upper.append(domain[-1])
    rows = _rows(proto, maxima)
    costs = dict(zip(objective.vars, objective.coeffs, strict=True))
    solved = _solve(lower, upper, rows, costs, seconds, clock or Clock())
    if solved is None:
        return None
    duals, values = solved
    return Relaxation(_exact_bound(lower, upper, rows, costs, duals), values)


def _rows(proto: object, maxima: bool = True) -> list[Row]:
    rows: list[Row] = []

    def literal(coefficients: dict[int, int], lit: int, sign: int) -> int:
        """Add sign * literal; return the constant it brings (a negated literal is 1 - x)."""
        if lit >= 0:
            coefficients[lit] = coefficients.get(lit, 0) + sign
            return 0
        var = -lit - 1
        coefficients[var] = coefficients.get(var, 0) - sign
        return sign

    def row(coefficients: dict[int, int], constant: int, lo: int | None, hi: int | None) -> None:
        rows.append(
            (
                coefficients,
                None if lo is None else lo - constant,
                None if hi is None else hi - constant,
            )
        )

    for c in proto.constraints:  # type: ignore[attr-defined]
        enforcement = list(c.enforcement_literal)
        if c.has_linear():
            if enforcement:
                continue
            domain = list(c.linear.domain)
            lo = domain[0] if domain[0] > -INFINITE else None
            hi = domain[-1] if domain[-1] < INFINITE else None
            row(dict(zip(c.linear.vars, c.linear.coeffs, strict=True)), 0, lo, hi)
        elif c.has_bool_and():
            # enforcement -> every literal: literal - enforcement >= 0, for each pair
            for lit in c.bool_and.literals:
                for e in enforcement:
                    coefficients: dict[int, int] = {}
                    constant = literal(coefficients, lit, 1) + literal(coefficients, e, -1)
                    row(coefficients, constant, 0, None)
        elif c.has_bool_or() and not enforcement:
            coefficients = {}
            constant = sum(literal(coefficients, lit, 1) for lit in c.bool_or.literals)
            row(coefficients, constant, 1, None)
        elif (c.has_exactly_one() or c.has_at_most_one()) and not enforcement:
            literals = c.exactly_one.literals if c.has_exactly_one() else c.at_most_one.literals
            coefficients = {}
            constant = sum(literal(coefficients, lit, 1) for lit in literals)
            row(coefficients, constant, 1 if c.has_exactly_one() else None, 1)
        elif c.has_lin_max() and maxima and not enforcement:
            target = c.lin_max.target
            for expr in c.lin_max.exprs:
                coefficients = dict(zip(target.vars, target.coeffs, strict=True))
                for var, coefficient in zip(expr.vars, expr.coeffs, strict=True):
                    coefficients[var] = coefficients.get(var, 0) - coefficient
                row(coefficients, target.offset - expr.offset, 0, None)
    return rows


def _solve(
    lower: list[int],
    upper: list[int],
    rows: list[Row],
    costs: dict[int, int],
    seconds: float,
    clock: Clock,
) -> tuple[list[float], list[float]] | None:
    solver = pywraplp.Solver.CreateSolver("CLP")
    if solver is None:
        return None
    infinity = solver.infinity()
    xs = [solver.NumVar(lo, hi, "") for lo, hi in zip(lower, upper, strict=True)]
    constraints = []
    for coefficients, lo, hi in rows:
        constraint = solver.RowConstraint(
            -infinity if lo is None else lo, infinity if hi is None else hi, ""
        )
        for var, coefficient in coefficients.items():
            if coefficient:
                constraint.SetCoefficient(xs[var], coefficient)
        constraints.append(constraint)
    goal = solver.Objective()
    for var, coefficient in costs.items():
        goal.SetCoefficient(xs[var], coefficient)
    goal.SetMinimization()
    # Stopped by the time limit, CLP's duals need not be dual feasible, and a bound from
    # them was measured useless (far below zero): only an optimal relaxation counts.
    if clock.solve_lp(solver, seconds, len(rows) + len(lower)) != pywraplp.Solver.OPTIMAL:
        return None
    return [c.dual_value() for c in constraints], [x.solution_value() for x in xs]


def _exact_bound(
    lower: list[int],
    upper: list[int],
    rows: list[Row],
    costs: dict[int, int],
    duals: list[float],
) -> int:
    """Return ceil(the Lagrangian bound of the rounded duals), in exact integers."""
    reduced = [DUAL_SCALE * costs.get(j, 0) for j in range(len(lower))]
    scaled_bound = 0
    for (coefficients, lo, hi), dual in zip(rows, duals, strict=True):
        y = round(dual * DUAL_SCALE)
        if (y > 0 and lo is None) or (y < 0 and hi is None):
            continue  # a dual of the wrong sign for this row proves nothing: leave the row out
        if y == 0:
            continue
        scaled_bound += y * (lo if y > 0 else hi)  # type: ignore[operator]
        for var, coefficient in coefficients.items():
            reduced[var] -= y * coefficient
    for j, d in enumerate(reduced):
        scaled_bound += min(d * lower[j], d * upper[j])
    return -(-scaled_bound // DUAL_SCALE)
