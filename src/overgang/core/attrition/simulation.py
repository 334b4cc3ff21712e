"""The seeded Monte Carlo simulation of further resignations before the effective date."""

from __future__ import annotations

import random
import statistics
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from fractions import Fraction

from overgang.core.attrition.replanning import (
    Contacts,
    Employers,
    Replanner,
    handover_replanner,
)
from overgang.core.attrition.trend import add_months, first_of_month, months_between
from overgang.core.domain import Dataset
from overgang.core.planning.cost import plan_cost
from overgang.core.planning.metrics import capacity_figures
from overgang.core.planning.policy import Policy
from overgang.core.planning.problem import Problem, build_problem
from overgang.core.progress import StepProgress


@dataclass(frozen=True)
class Outcome:
    """What one draw (or the plan itself, with no further resignations) leads to."""

    resigned: tuple[str, ...]  # the employees drawn to resign, by id
    unstaffed_load: float
    hires_fte: float
    contact_changes: int
    cost: float
    # The same per municipality (the serving one for cases): ((code, value), ...)
    unstaffed_by_municipality: tuple[tuple[int, float], ...] = ()
    hires_by_municipality: tuple[tuple[int, float], ...] = ()
    changes_by_municipality: tuple[tuple[int, int], ...] = ()

    def figure(self, name: str, municipality: int | None = None) -> float:
        """Return a figure in all, or (unstaffed load, hires, contact changes) for one municipality."""
        if municipality is not None:
            per: tuple[tuple[int, float], ...] = {
                "unstaffed_load": self.unstaffed_by_municipality,
                "hires_fte": self.hires_by_municipality,
                "contact_changes": tuple((m, float(n)) for m, n in self.changes_by_municipality),
            }[name]
            return dict(per).get(municipality, 0.0)
        if name == "resignations":
            return float(len(self.resigned))
        return float(getattr(self, name))


FIGURES = ("resignations", "unstaffed_load", "hires_fte", "contact_changes", "cost")
BY_MUNICIPALITY = ("unstaffed_load", "hires_fte", "contact_changes")


@dataclass(frozen=True)
class Percentiles:
    p10: float
    median: float
    p90: float


def percentiles(values: list[float]) -> Percentiles:
    """Return the 10th, 50th and 90th percentile (linear interpolation between the draws)."""
    if len(values) == 1:
        return Percentiles(values[0], values[0], values[0])
    cuts = statistics.quantiles(values, n=10, method="inclusive")
    return Percentiles(p10=cuts[0], median=statistics.median(values), p90=cuts[8])


@dataclass(frozen=True)
class Simulation:
    runs: int
    seed: int
    monthly_rate: float
    against_wish_rate: float
    start: date  # the first month in which further resignations are drawn
    months: int  # months drawn, up to the effective date
    at_risk: int  # employees who may resign
    against_wish: int  # of whom the plan moves this many against their wish
    base: Outcome  # the plan with no further resignations
    outcomes: tuple[Outcome, ...]

    municipalities: tuple[int, ...] = ()

    def percentiles(self, figure: str, municipality: int | None = None) -> Percentiles:
        return percentiles([o.figure(figure, municipality) for o in self.outcomes])


def moved_against_wish(problem: Problem, employer: Employers) -> frozenset[str]:
    """Return the employees the plan moves away from the host against a stated wish."""
    return frozenset(
        s.id
        for s in problem.staff
        if s.wish is not None and employer[s.id] != s.wish and employer[s.id] != problem.host
    )


def draw_resignations(
    problem: Problem,
    against_wish: frozenset[str],
    rng: random.Random,
    monthly_rate: float,
    against_wish_rate: float,
    start: date,
    months: int,
) -> dict[str, date]:
    """Return the employees drawn to resign, with the last day they work (end of the month drawn).

    Employees who have already resigned (their leaving date is recorded) are not drawn.
    """
    drawn: dict[str, date] = {}
    for s in sorted(problem.staff, key=lambda s: s.id):
        if s.employee.resigned_on is not None:
            continue
        rate = against_wish_rate if s.id in against_wish else monthly_rate
        for month in range(months):
            if rng.random() < rate:
                drawn[s.id] = add_months(start, month + 1) - timedelta(days=1)
                break
    return drawn


def with_resignations(dataset: Dataset, drawn: Mapping[str, date]) -> Dataset:
    """Return the data set with the drawn employees resigned on their drawn dates."""
    return replace(
        dataset,
        employees=tuple(
            replace(e, resigned_on=drawn[e.id], resignation_reason=None) if e.id in drawn else e
            for e in dataset.employees
        ),
    )


def outcome(
    problem: Problem,
    policy: Policy,
    employer: Employers,
    contact: Contacts,
    resigned: tuple[str, ...] = (),
) -> Outcome:
    """Return the figures of an assignment: unstaffed load, hires, contact changes and cost."""
    unstaffed: dict[int, Fraction] = {m: Fraction(0) for m in problem.municipalities}
    changes: dict[int, int] = dict.fromkeys(problem.municipalities, 0)
    for a in problem.assignments:
        if contact.get(a.id) is None:
            unstaffed[a.serving] += Fraction(a.case.load)
        if a.current_contact is not None and contact.get(a.id) != a.current_contact:
            changes[a.serving] += 1
    hires: dict[int, float] = dict.fromkeys(problem.municipalities, 0.0)
    for row in capacity_figures(problem, policy, employer, contact):
        hires[row["kommune"]] = hires.get(row["kommune"], 0.0) + row["nyansaettelser_fte"]
    return Outcome(
        resigned=resigned,
        unstaffed_load=round(float(sum(unstaffed.values(), Fraction(0))), 2),
        hires_fte=round(sum(hires.values()), 2),
        contact_changes=sum(changes.values()),
        cost=round(float(plan_cost(problem, policy, employer, contact).total), 2),
        unstaffed_by_municipality=tuple((m, round(float(v), 2)) for m, v in unstaffed.items()),
        hires_by_municipality=tuple((m, round(v, 2)) for m, v in hires.items()),
        changes_by_municipality=tuple(changes.items()),
    )


def simulate_attrition(
    dataset: Dataset,
    policy: Policy,
    employer: Employers,
    contact: Contacts,
    *,
    runs: int,
    seed: int,
    monthly_rate: float,
    against_wish_rate: float,
    start: date,
    replanner: Replanner | None = None,
    progress: StepProgress | None = None,
) -> Simulation:
    """Return the spread of what further resignations before the effective date would cost.

    `employer` and `contact` are the plan's. Each draw resigns employees month by
    month from `start` until the effective date, re-plans with `replanner` (by
    default: keep the plan, hand on the cases of those who left) and records the
    outcome.
    """
    if runs < 1:
        raise ValueError("runs must be at least 1")
    for rate in (monthly_rate, against_wish_rate):
        if not 0 <= rate <= 1:
            raise ValueError("a monthly rate is a probability, between 0 and 1")
    replanner = replanner or handover_replanner(policy)
    problem = build_problem(dataset, policy)
    against_wish = moved_against_wish(problem, employer)
    start = first_of_month(start)
    months = months_between(start, policy.effective_date)
    at_risk = [s.id for s in problem.staff if s.employee.resigned_on is None]
    outcomes = []
    for run in range(runs):
        rng = random.Random(f"{seed}:{run}")
        drawn = draw_resignations(
            problem, against_wish, rng, monthly_rate, against_wish_rate, start, months
        )
        drawn_problem = build_problem(with_resignations(dataset, drawn), policy)
        new_employer, new_contact = replanner(drawn_problem, employer, contact)
        outcomes.append(
            outcome(drawn_problem, policy, new_employer, new_contact, tuple(sorted(drawn)))
        )
        if progress:
            progress(run + 1, runs)
    return Simulation(
        runs=runs,
        seed=seed,
        monthly_rate=monthly_rate,
        against_wish_rate=against_wish_rate,
        start=start,
        months=months,
        at_risk=len(at_risk),
        against_wish=len(against_wish & set(at_risk)),
        base=outcome(problem, policy, employer, contact),
        outcomes=tuple(outcomes),
        municipalities=problem.municipalities,
    )


def simulation_document(simulation: Simulation) -> dict[str, object]:
    """Return the simulation as a JSON-ready record: its settings, the plan's figures, every draw.

    Each draw names the employees drawn to resign, so every percentile can be
    traced to the draws it was taken from.
    """

    def record(o: Outcome) -> dict[str, object]:
        return {
            "fratraadte": list(o.resigned),
            "ubemandet_belastning": o.unstaffed_load,
            "nyansaettelser_fte": o.hires_fte,
            "skift_af_kontaktperson": o.contact_changes,
            "omkostning": o.cost,
            "pr_kommune": [
                {
                    "kommune": m,
                    "ubemandet_belastning": o.figure("unstaffed_load", m),
                    "nyansaettelser_fte": o.figure("hires_fte", m),
                    "skift_af_kontaktperson": int(o.figure("contact_changes", m)),
                }
                for m in simulation.municipalities
            ],
        }

    return {
        "traekninger": simulation.runs,
        "froe": simulation.seed,
        "maanedlig_sandsynlighed": simulation.monthly_rate,
        "maanedlig_sandsynlighed_mod_oenske": simulation.against_wish_rate,
        "fra_maaned": simulation.start.isoformat(),
        "maaneder": simulation.months,
        "medarbejdere_i_risiko": simulation.at_risk,
        "flyttet_mod_oenske": simulation.against_wish,
        "planen": record(simulation.base),
        "percentiler": {
            figure: {
                "p10": simulation.percentiles(figure).p10,
                "median": simulation.percentiles(figure).median,
                "p90": simulation.percentiles(figure).p90,
            }
            for figure in FIGURES
        },
        "udfald": [record(o) for o in simulation.outcomes],
    }
