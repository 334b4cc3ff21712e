"""A plan: where every employee works from the effective date, and who keeps which case."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from typing import Any

from overgang.core.planning.cost import Cost
from overgang.core.planning.policy import Policy

Param = str | int | float


class PlanningError(RuntimeError):
    """No plan keeps the hard rules, or the model is not valid."""


@dataclass(frozen=True)
class Reason:
    """Why a decision was made: a code naming the rule or cost term, and its details."""

    code: str
    params: tuple[tuple[str, Param], ...] = ()

    def get(self, name: str) -> Param | None:
        return dict(self.params).get(name)


@dataclass(frozen=True)
class EmployeeDecision:
    employee_id: str
    municipality: int
    reason: Reason


@dataclass(frozen=True)
class CaseDecision:
    case_id: str
    contact_person: str | None  # None: unstaffed
    reason: Reason


class SolveStatus(StrEnum):
    """What the solver proved; each value equals its string, as stored in plans."""

    OPTIMAL = "optimal"  # proven: objective equals bound
    FEASIBLE = "feasible"  # a plan with a proven bound and a gap


@dataclass(frozen=True)
class SolveReport:
    """What the solver proved, for the whole plan or one profession."""

    status: str
    objective: Fraction  # the exact cost of the plan's assignments
    bound: Fraction  # a proven lower bound on any plan's cost
    seconds: float
    # A deterministic search stopped by the time limit's wall clock, not by its counted work:
    # the same data and settings may then give another plan (determinism.py).
    stopped_on_clock: bool = False

    @property
    def gap(self) -> float:
        """Return the relative gap between the plan's cost and the proven bound (0 when optimal)."""
        if self.objective <= self.bound:
            return 0.0
        return float((self.objective - self.bound) / self.objective)


@dataclass(frozen=True)
class ProfessionReport:
    profession: str
    employees: int
    cases: int
    solve: SolveReport


@dataclass(frozen=True)
class Plan:
    policy: Policy
    employees: tuple[EmployeeDecision, ...]
    cases: tuple[CaseDecision, ...]
    cost: Cost
    solve: SolveReport
    professions: tuple[ProfessionReport, ...]
    metrics: dict[str, Any]

    def employer(self) -> dict[str, int]:
        return {d.employee_id: d.municipality for d in self.employees}

    def contacts(self) -> dict[str, str | None]:
        return {d.case_id: d.contact_person for d in self.cases}
