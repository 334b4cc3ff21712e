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
"""

from __future__ import annotations

import random
import statistics
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from fractions import Fraction

from overgang.core.domain import Dataset, ResignationReason
from overgang.core.planning.cost import plan_cost
from overgang.core.planning.metrics import capacity_figures
from overgang.core.planning.policy import Policy
from overgang.core.planning.problem import Problem, build_problem
from overgang.core.planning.solve import plan
from overgang.core.planning.units import capacity_q, load_q, max_load_q

NOT_STATED = ""  # the reason of a resignation recorded without one


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def add_months(month: date, count: int) -> date:
    """Return the first day of the month `count` months after `month`'s."""
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def months_between(start: date, end: date) -> int:
    """Return the whole months from `start`'s month up to (not including) `end`'s month."""
    return max(0, (end.year - start.year) * 12 + end.month - start.month)


# --- the recorded resignations ---------------------------------------------


@dataclass(frozen=True)
class Resignation:
    employee_id: str
    profession: str
    resigned_on: date
    reason: str  # a ResignationReason value, or NOT_STATED

    @property
    def due_to_dissolution(self) -> bool:
        return self.reason == ResignationReason.DISSOLUTION


def resignations(dataset: Dataset) -> tuple[Resignation, ...]:
    """Return every resignation the data set records, by date and employee."""
    return tuple(
        sorted(
            (
                Resignation(
                    employee_id=e.id,
                    profession=e.profession,
                    resigned_on=e.resigned_on,
                    reason=str(e.resignation_reason.value) if e.resignation_reason else NOT_STATED,
                )
                for e in dataset.employees
                if e.resigned_on is not None
            ),
            key=lambda r: (r.resigned_on, r.employee_id),
        )
    )


@dataclass(frozen=True)
class MonthCount:
    """The resignations of one month (counted by the month the employee leaves)."""

    month: date  # the first day of the month
    total: int
    due_to_dissolution: int
    other: int
    by_reason: tuple[tuple[str, int], ...]  # (reason, count), every reason, in a fixed order


REASONS = (*(r.value for r in ResignationReason), NOT_STATED)


def monthly_trend(
    dataset: Dataset, start: date | None = None, end: date | None = None
) -> tuple[MonthCount, ...]:
    """Return the resignations per month, every month from the first to the last (zeros included).

    `start` and `end` widen (or narrow) the months shown; by default they are the
    months of the first and the last recorded resignation.
    """
    recorded = resignations(dataset)
    if not recorded and (start is None or end is None):
        return ()
    first = first_of_month(start or recorded[0].resigned_on)
    last = first_of_month(end or recorded[-1].resigned_on)
    counts: dict[date, Counter[str]] = {}
    for r in recorded:
        counts.setdefault(first_of_month(r.resigned_on), Counter())[r.reason] += 1
    trend = []
    for offset in range(months_between(first, last) + 1):
        month = add_months(first, offset)
        count = counts.get(month, Counter())
        total = sum(count.values())
        dissolution = count[ResignationReason.DISSOLUTION.value]
        trend.append(
            MonthCount(
                month=month,
                total=total,
                due_to_dissolution=dissolution,
                other=total - dissolution,
                by_reason=tuple((reason, count[reason]) for reason in REASONS),
            )
        )
    return tuple(trend)


# --- the simulation of further resignations --------------------------------

Employers = Mapping[str, int]
Contacts = Mapping[str, str | None]
# Re-plans a draw's problem: returns where everyone works and who keeps which case.
Replanner = Callable[[Problem, Employers, Contacts], tuple[Employers, Contacts]]
Progress = Callable[[int, int], None]


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


def hand_over(problem: Problem, policy: Policy, employer: Employers, contact: Contacts) -> Contacts:
    """Return the plan's contacts with every case of someone no longer there handed on.

    Everyone keeps the municipality the plan gives them and every case keeps its
    planned contact person where that person is still there. The other cases, most
    vulnerable first, go to a colleague of the profession in the case's serving
    municipality with room under the hard limit: one who already holds a sibling's
    case, else the least loaded relative to their limit; else the case is unstaffed.
    """
    staff = {s.id: s for s in problem.staff}
    norms = {p.code: p.norm for p in problem.dataset.professions}
    limit = {
        s.id: max_load_q(
            capacity_q(s.employee.hours, norms[s.employee.profession]), policy.max_load_factor
        )
        for s in problem.staff
    }
    load: dict[str, int] = Counter()
    holders: dict[tuple[str, str], set[str]] = {}
    result: dict[str, str | None] = {}
    orphaned = []
    for a in problem.assignments:
        person = contact.get(a.id)
        if person in staff:
            result[a.id] = person
            load[person] += load_q(a.case.load)
            holders.setdefault((a.family_id, a.case.profession), set()).add(person)
        else:
            orphaned.append(a)
    colleagues: dict[tuple[int, str], list[str]] = {}
    for s in sorted(problem.staff, key=lambda s: s.id):
        colleagues.setdefault((employer[s.id], s.employee.profession), []).append(s.id)
    for a in sorted(orphaned, key=lambda a: (-a.case.vulnerability, -load_q(a.case.load), a.id)):
        q = load_q(a.case.load)
        room = [
            p
            for p in colleagues.get((a.serving, a.case.profession), [])
            if load[p] + q <= limit[p] and limit[p] > 0
        ]
        family = holders.setdefault((a.family_id, a.case.profession), set())
        taker = min(
            room, key=lambda p: (p not in family, Fraction(load[p], limit[p]), p), default=None
        )
        result[a.id] = taker
        if taker is not None:
            load[taker] += q
            family.add(taker)
    return result


def handover_replanner(policy: Policy) -> Replanner:
    """Return the re-planner that keeps the plan and hands on the cases of those who left."""

    def replan(
        problem: Problem, employer: Employers, contact: Contacts
    ) -> tuple[Employers, Contacts]:
        kept = {s.id: employer[s.id] for s in problem.staff}
        return kept, hand_over(problem, policy, kept, contact)

    return replan


def solver_replanner(policy: Policy, seconds: float) -> Replanner:
    """Return the re-planner that plans each draw anew with the solver, within `seconds`.

    One worker and a fixed seed: where every profession is solved to optimality
    within the time, the same draw gives the same plan; where the time limit
    stops the search, the plan may differ between runs.
    """
    limited = replace(policy, time_limit=seconds, workers=1)

    def replan(
        problem: Problem, employer: Employers, contact: Contacts
    ) -> tuple[Employers, Contacts]:
        result = plan(problem, limited)
        return result.employer(), result.contacts()

    return replan


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
    progress: Progress | None = None,
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
