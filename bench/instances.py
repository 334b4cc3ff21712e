"""The benchmark instances: the demo data set, five tight ones, and the generator at scale 10 and 100.

Every instance is a pure function of its seed: the same name gives an equal Dataset
on any machine, so a result can be reproduced and the planner, the greedy baseline
and the MILP all see exactly the same data.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import ROUND_CEILING, Decimal

from overgang.core.domain import FULL_TIME_HOURS, Dataset, Delivery, Profession
from overgang.core.planning.policy import DEFAULT_EFFECTIVE_DATE
from overgang.core.planning.problem import is_active
from overgang.demo import generate

SEED = 2021
TIGHT_CASES = 600
# Part-time contracts drawn for the tight instances: five of six are part-time.
PART_TIME_HOURS = tuple(Decimal(h) for h in ("18.5", "22.2", "25.9", "29.6", "32", "37"))
TIGHT_LOADS = (Decimal(1), Decimal(2), Decimal(3))
# The larger tight instances (#21's "1,000-2,000 in-house cases and 3-5 municipalities"):
# municipalities and cases, from the generator at scale 0.4.
LARGE_TIGHT = ((3, 1000), (4, 1500), (5, 2000))


@dataclass(frozen=True)
class Instance:
    """A named data set with the time limits it is benchmarked under."""

    name: str
    description: str
    make: Callable[[], Dataset]
    plan_time_limit: float  # seconds given to `overgang plan --time-limit`
    milp_time_limit: float  # seconds given to HiGHS


def tight(
    municipalities: int, *, seed: int = SEED, cases: int = TIGHT_CASES, scale: float = 0.2
) -> Dataset:
    """Return a demo-like data set where today's staff only just cover today's load.

    From the demo generator (at `scale`, `municipalities` members), keep `cases`
    in-house cases (ids are shuffled by the generator, so the first ones are a random
    sample), give each a whole load of 1 to 3 units, give the staff of every
    profession with cases part-time hours, and set the profession's norm to the
    smallest two-decimal value whose capacity covers the load: capacity ≈ load.
    """
    # The 600-case instances keep the seed they were measured with from the start.
    name = f"tight-{municipalities}" + (f"-{cases}" if cases != TIGHT_CASES else "")
    rng = random.Random(f"{name}-{seed}")
    base = generate(seed=seed, scale=scale, municipalities=municipalities)
    in_house = sorted(
        (c for c in base.cases if c.delivery is Delivery.IN_HOUSE), key=lambda c: c.id
    )
    if len(in_house) < cases:
        raise ValueError(f"the generator gave only {len(in_house)} in-house cases")
    kept = {c.id: replace(c, load=rng.choice(TIGHT_LOADS)) for c in in_house[:cases]}
    all_cases = tuple(
        kept.get(c.id, c) for c in base.cases if c.delivery is Delivery.EXTERNAL or c.id in kept
    )

    with_cases = {c.profession for c in kept.values()}
    employees = tuple(
        replace(e, hours=rng.choice(PART_TIME_HOURS)) if e.profession in with_cases else e
        for e in base.employees
    )
    load: dict[str, Decimal] = defaultdict(Decimal)
    for c in kept.values():
        load[c.profession] += c.load
    fte: dict[str, Decimal] = defaultdict(Decimal)
    for e in employees:
        if is_active(e, DEFAULT_EFFECTIVE_DATE):
            fte[e.profession] += e.hours / FULL_TIME_HOURS
    professions = tuple(
        Profession(
            p.code,
            p.name,
            (load[p.code] / fte[p.code]).quantize(Decimal("0.01"), rounding=ROUND_CEILING),
        )
        if p.code in with_cases and fte[p.code]
        else p
        for p in base.professions
    )
    return replace(base, professions=professions, employees=employees, cases=all_cases)


INSTANCES: dict[str, Instance] = {
    i.name: i
    for i in (
        Instance(
            "demo",
            "the embedded demo data set: generate() (Ishøj and Vallensbæk, seed 2021)",
            lambda: generate(seed=SEED),
            plan_time_limit=300.0,
            milp_time_limit=600.0,
        ),
        Instance(
            "tight-3",
            f"{TIGHT_CASES} in-house cases, 3 municipalities, capacity = load, part-time, loads 1-3",
            lambda: tight(3),
            plan_time_limit=60.0,
            milp_time_limit=300.0,
        ),
        Instance(
            "tight-4",
            f"{TIGHT_CASES} in-house cases, 4 municipalities, capacity = load, part-time, loads 1-3",
            lambda: tight(4),
            plan_time_limit=60.0,
            milp_time_limit=300.0,
        ),
        *(
            Instance(
                f"tight-{municipalities}-{cases}",
                f"{cases} in-house cases, {municipalities} municipalities, capacity = load,"
                " part-time, loads 1-3",
                lambda municipalities=municipalities, cases=cases: tight(
                    municipalities, cases=cases, scale=0.4
                ),
                plan_time_limit=60.0,
                milp_time_limit=300.0,
            )
            for municipalities, cases in LARGE_TIGHT
        ),
        Instance(
            "scale-10",
            "generate(scale=10): ten times the demo data set",
            lambda: generate(seed=SEED, scale=10),
            plan_time_limit=60.0,
            milp_time_limit=600.0,
        ),
        Instance(
            "scale-100",
            "generate(scale=100): a hundred times the demo data set",
            lambda: generate(seed=SEED, scale=100),
            plan_time_limit=600.0,
            milp_time_limit=600.0,
        ),
    )
}
