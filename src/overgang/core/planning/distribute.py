"""A plan made in parts: each profession solved on its own, anywhere, then put together.

The cost splits completely by profession (every term is per case, per employee, per
family and profession, or per municipality and profession), so each profession's plan can
be found by a different process or machine, and the plan assembled from them
(`solve.assemble_plan`, the same code that ends a plan made in one process) has the same objective, bound and reasons as one made in one process where both
are proven optimal. A part travels as plain JSON (`part_as_dict`, `part_from_dict`).

Each part gets the share of the time limit that the profession's size would give it in one
process (`part_time_limits`): parts run one after another take about the plan's time, and
side by side on k workers about a k-th of it, so the time limit stays a promise however
many workers there are.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any

from overgang.core.planning.plan import Plan, ProfessionReport, SolveReport, SolveStatus
from overgang.core.planning.policy import Policy
from overgang.core.planning.problem import Problem, restricted_to
from overgang.core.planning.search_settings import DEFAULT_SETTINGS, SearchSettings
from overgang.core.planning.solve import assemble_plan, plan, profession_sizes
from overgang.core.progress import Progress


@dataclass(frozen=True)
class ProfessionPart:
    """One profession's plan: where its employees work, its cases' contact persons, its proof."""

    profession: str
    employer: dict[str, int]
    contact: dict[str, str | None]
    report: ProfessionReport


def part_time_limits(
    problem: Problem, policy: Policy, settings: SearchSettings = DEFAULT_SETTINGS
) -> dict[str, float]:
    """Each profession's part of the policy's time limit, in seconds, by its size."""
    limit = policy.time_limit if policy.time_limit is not None else settings.default_time_limit
    sizes = profession_sizes(problem)
    total = sum(sizes.values())
    return {p: max(settings.min_seconds, limit * size / total) for p, size in sizes.items()}


def plan_profession(
    problem: Problem,
    policy: Policy,
    profession: str,
    progress: Progress | None = None,
    settings: SearchSettings = DEFAULT_SETTINGS,
    seconds: float | None = None,
) -> ProfessionPart:
    """Solve one profession alone, in `seconds` (by default the policy's time limit)."""
    if seconds is not None:
        policy = replace(policy, time_limit=seconds)
    result = plan(restricted_to(problem, profession), policy, progress, settings=settings)
    reports = {r.profession: r for r in result.professions}
    report = reports.get(profession) or ProfessionReport(
        profession, 0, 0, SolveReport(SolveStatus.OPTIMAL, Fraction(0), Fraction(0), 0.0)
    )
    cut = result.solve.stopped_on_clock
    report = replace(report, solve=replace(report.solve, stopped_on_clock=cut))
    return ProfessionPart(profession, result.employer(), result.contacts(), report)


def assemble(problem: Problem, policy: Policy, parts: list[ProfessionPart], started: float) -> Plan:
    """The plan of the parts, one per profession of the problem (ValueError if one is missing)."""
    missing = set(problem.professions()) - {part.profession for part in parts}
    if missing:
        raise ValueError(f"no plan for the professions {', '.join(sorted(missing))}")
    employer: dict[str, int] = {}
    contact: dict[str, str | None] = {}
    for part in parts:
        employer.update(part.employer)
        contact.update(part.contact)
    return assemble_plan(problem, policy, employer, contact, [p.report for p in parts], started)


def part_as_dict(part: ProfessionPart) -> dict[str, Any]:
    solve = part.report.solve
    return {
        "profession": part.profession,
        "employer": part.employer,
        "contact": part.contact,
        "employees": part.report.employees,
        "cases": part.report.cases,
        "status": str(solve.status),
        "objective": str(solve.objective),
        "bound": str(solve.bound),
        "seconds": solve.seconds,
        "stopped_on_clock": solve.stopped_on_clock,
    }


def part_from_dict(data: dict[str, Any]) -> ProfessionPart:
    solve = SolveReport(
        SolveStatus(data["status"]),
        Fraction(data["objective"]),
        Fraction(data["bound"]),
        float(data["seconds"]),
        bool(data.get("stopped_on_clock", False)),
    )
    report = ProfessionReport(data["profession"], data["employees"], data["cases"], solve)
    employer = {person: int(code) for person, code in data["employer"].items()}
    return ProfessionPart(data["profession"], employer, dict(data["contact"]), report)
