"""How many cases of each kind there are, and where: today's staff sets the in-house load.

The in-house load of each profession is its staff's capacity times a documented
utilisation (`calibration.PROFESSIONS`), so the plan faces real trade-offs but no
hopeless ones. External cases follow the municipalities' rates per 1,000 children.
Every count is an exact quota, so the set grows exactly with the scale.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

from overgang.core.domain import FULL_TIME_HOURS, Employee
from overgang.demo import calibration as cal
from overgang.demo.places import Geography
from overgang.demo.quotas import exact_flags, exact_quota, quota_counts, scaled
from overgang.demo.services import KIRKEBAEK_KINDS

Slot = tuple[str, Decimal]  # (case kind, load)

_LOADS: dict[str, dict[Decimal, int]] = {
    key: {Decimal(value): weight for value, weight in weights.items()}
    for key, weights in cal.LOAD_WEIGHTS.items()
}


def mean_load(key: str) -> float:
    weights = _LOADS[key]
    return float(sum(value * w for value, w in weights.items())) / sum(weights.values())


def capacity(employee: Employee, norm: Decimal) -> Decimal:
    """Return cap(e) = timer / 37 × norm, as DESIGN.md defines it."""
    return employee.hours / FULL_TIME_HOURS * norm


@dataclass
class CaseSlots:
    """The cases to hand out, per residence municipality, before they have a citizen."""

    children: dict[int, list[Slot]] = field(default_factory=dict)  # for children, any kind
    adults: dict[int, list[Slot]] = field(default_factory=dict)  # VSU, one per adult
    kirkebaek: dict[int, list[list[Slot]]] = field(default_factory=dict)  # per pupil
    regular_children: dict[int, int] = field(default_factory=dict)  # children outside Kirkebæk

    @property
    def total(self) -> int:
        pupils = sum(len(s) for pupils in self.kirkebaek.values() for s in pupils)
        return pupils + sum(map(len, self.children.values())) + sum(map(len, self.adults.values()))

    @property
    def citizens(self) -> int:
        pupils = sum(map(len, self.kirkebaek.values()))
        return pupils + sum(self.regular_children.values()) + sum(map(len, self.adults.values()))


def _loads(rng: random.Random, key: str, n: int) -> list[Decimal]:
    return exact_quota(rng, n, _LOADS[key])


def _kirkebaek_pupils(rng: random.Random, geography: Geography, scale: float) -> dict[int, int]:
    """Return the Kirkebækskolen pupils per residence municipality."""
    total = scaled(cal.KIRKEBAEK_PUPILS, scale, minimum=1)
    member_weights = {m.municipality.code: float(m.children_0_17) for m in geography.members}
    from_members = quota_counts(round(total * cal.KIRKEBAEK_MEMBER_SHARE), member_weights)
    pupils = {geography.host.municipality.code: total - sum(from_members.values())}
    pupils.update(from_members)
    return pupils


def _kirkebaek_slots(
    rng: random.Random, pupils: dict[int, int], slots: CaseSlots
) -> dict[str, Decimal]:
    """Give every Kirkebækskolen pupil their cases; return the load they take per profession."""
    pupil_homes = [home for home, n in pupils.items() for _ in range(n)]
    taken: dict[str, Decimal] = {}
    per_pupil: list[list[Slot]] = [[] for _ in pupil_homes]
    for profession, share in cal.KIRKEBAEK_PROFESSIONS.items():
        kind = KIRKEBAEK_KINDS[profession]
        key = "kirkebaek" if profession == "FYS" else profession
        takes = exact_flags(rng, len(pupil_homes), share)
        loads = iter(_loads(rng, key, sum(takes)))
        for pupil_slots, has_it in zip(per_pupil, takes, strict=True):
            if has_it:
                load = next(loads)
                pupil_slots.append((kind, load))
                taken[profession] = taken.get(profession, Decimal(0)) + load
    for home, pupil_slots in zip(pupil_homes, per_pupil, strict=True):
        slots.kirkebaek[home].append(pupil_slots)
    return taken


def _in_house_slots(
    rng: random.Random,
    geography: Geography,
    active: list[Employee],
    regular: dict[int, int],
    taken: dict[str, Decimal],
    slots: CaseSlots,
) -> None:
    """Make each profession's in-house cases: its staff's capacity times its utilisation."""
    by_population = {s.municipality.code: float(s.children_0_17) for s in geography.served}
    by_children = {home: float(n) for home, n in regular.items()}
    for figures in cal.PROFESSIONS:
        profession = figures.code
        if profession not in cal.CASEWORK_PROFESSIONS:
            continue
        cap = sum(
            (capacity(e, figures.norm) for e in active if e.profession == profession), Decimal(0)
        )
        target = float(cap) * figures.utilisation - float(taken.get(profession, 0))
        count = max(0, round(target / mean_load(profession)))
        loads = _loads(rng, profession, count)
        adults = profession == "VSU"  # special education for adults: adults, by population
        destination = slots.adults if adults else slots.children
        start = 0
        for home, n in quota_counts(count, by_population if adults else by_children).items():
            destination[home].extend((profession, load) for load in loads[start : start + n])
            start += n


def _external_slots(rng: random.Random, geography: Geography, slots: CaseSlots) -> None:
    """Make the external cases: special schooling, respite care and placements, by local rates."""
    for served in geography.served:
        home = served.municipality.code
        rates = {
            "specialskole": cal.SPECIAL_SCHOOL_PER_1000,
            "aflastning": cal.AFLASTNING_PER_1000,
            "anbringelse": served.placements_per_1000,
        }
        for kind, per_1000 in rates.items():
            n = round(served.children_0_17 * per_1000 / 1000)
            slots.children[home].extend((kind, load) for load in _loads(rng, "external", n))


def plan_slots(
    rng: random.Random, geography: Geography, active: list[Employee], *, scale: float
) -> CaseSlots:
    """Return every case to be made, as (kind, load), grouped by the citizen's municipality."""
    slots = CaseSlots()
    for served in geography.served:
        home = served.municipality.code
        slots.children[home], slots.adults[home], slots.kirkebaek[home] = [], [], []
    # Kirkebækskolen pupils first: their heavy physio/OT load comes out of the FYS budget.
    pupils = _kirkebaek_pupils(rng, geography, scale)
    taken = _kirkebaek_slots(rng, pupils, slots)
    regular = {
        s.municipality.code: max(0, s.children_with_cases - pupils[s.municipality.code])
        for s in geography.served
    }
    _in_house_slots(rng, geography, active, regular, taken, slots)
    _external_slots(rng, geography, slots)
    for home, children_slots in slots.children.items():
        rng.shuffle(children_slots)
        # Every child has at least one case: never more children than cases to give.
        slots.regular_children[home] = min(regular[home], len(children_slots))
    return slots
