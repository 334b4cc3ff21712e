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


def plan_slots(
    rng: random.Random, geography: Geography, active: list[Employee], *, scale: float
) -> CaseSlots:
    """Return every case to be made, as (kind, load), grouped by the citizen's municipality."""
    slots = CaseSlots()
    codes = [served.municipality.code for served in geography.served]
    for code in codes:
        slots.children[code], slots.adults[code], slots.kirkebaek[code] = [], [], []

    # Kirkebækskolen pupils first: their heavy physio/OT load comes out of the FYS budget.
    pupils = _kirkebaek_pupils(rng, geography, scale)
    pupil_list = [code for code, n in pupils.items() for _ in range(n)]
    kirkebaek_load: dict[str, Decimal] = {}
    per_pupil: list[list[Slot]] = [[] for _ in pupil_list]
    for profession, share in cal.KIRKEBAEK_PROFESSIONS.items():
        kind = KIRKEBAEK_KINDS[profession]
        key = "kirkebaek" if profession == "FYS" else profession
        takes = exact_flags(rng, len(pupil_list), share)
        loads = iter(_loads(rng, key, sum(takes)))
        for pupil_slots, has_it in zip(per_pupil, takes, strict=True):
            if has_it:
                load = next(loads)
                pupil_slots.append((kind, load))
                kirkebaek_load[profession] = kirkebaek_load.get(profession, Decimal(0)) + load
    for code, pupil_slots in zip(pupil_list, per_pupil, strict=True):
        slots.kirkebaek[code].append(pupil_slots)

    # In-house cases: the load each profession's staff carries today, spread by children.
    regular = {
        s.municipality.code: max(0, s.children_with_cases - pupils[s.municipality.code])
        for s in geography.served
    }
    adults_weights = {s.municipality.code: float(s.children_0_17) for s in geography.served}
    norms = {p.code: p.norm for p in cal.PROFESSIONS}
    for figures in cal.PROFESSIONS:
        code = figures.code
        if code not in cal.CASEWORK_PROFESSIONS:
            continue
        cap = sum((capacity(e, norms[code]) for e in active if e.profession == code), Decimal(0))
        target = float(cap) * figures.utilisation - float(kirkebaek_load.get(code, 0))
        count = max(0, round(target / mean_load(code)))
        loads = _loads(rng, code, count)
        weights = adults_weights if code == "VSU" else {c: float(n) for c, n in regular.items()}
        start = 0
        for municipality, n in quota_counts(count, weights).items():
            target_list = slots.adults if code == "VSU" else slots.children
            target_list[municipality].extend((code, load) for load in loads[start : start + n])
            start += n

    # External cases: special schooling, respite care and placements, by local rates.
    for served in geography.served:
        code = served.municipality.code
        rates = {
            "specialskole": cal.SPECIAL_SCHOOL_PER_1000,
            "aflastning": cal.AFLASTNING_PER_1000,
            "anbringelse": served.placements_per_1000,
        }
        for kind, per_1000 in rates.items():
            n = round(served.children_0_17 * per_1000 / 1000)
            slots.children[code].extend((kind, load) for load in _loads(rng, "external", n))
        rng.shuffle(slots.children[code])
        # Every child has at least one case: never more children than cases to give.
        slots.regular_children[code] = min(regular[code], len(slots.children[code]))
    return slots
