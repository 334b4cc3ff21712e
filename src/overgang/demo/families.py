"""Citizens, families and their cases: the slots of `caseload` handed to children and adults.

Every child gets one case first; the remaining cases go, more often than not, to a
sibling of a child who already has that kind of case, so that families have
several children with cases in several professions. A child's age is drawn to fit
its cases (special schooling means school age), then each case gets the service
that fits the age.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from itertools import accumulate

from overgang.core.domain import Delivery
from overgang.demo import calibration as cal
from overgang.demo.caseload import CaseSlots, Slot
from overgang.demo.names import provider_names
from overgang.demo.places import Geography, Served
from overgang.demo.quotas import exact_quota
from overgang.demo.services import EXTERNAL_KINDS, KINDS, SCHOOL_AGE_KINDS, CaseKind, Service

_CHILD_AGES = {
    0: 1,
    1: 2,
    2: 4,
    3: 6,
    4: 6,
    5: 6,
    6: 7,
    7: 7,
    8: 7,
    9: 7,
    10: 7,
    11: 7,
    12: 7,
    13: 7,
    14: 7,
    15: 6,
    16: 6,
    17: 4,
}
_ADULT_AGE_BANDS = ((18, 29, 5), (30, 49, 3), (50, 70, 2))
_FAMILY_KINDS = frozenset({"FBH", "FAM"})  # family work follows siblings more often
_START_MULTIPLIER = {"anbringelse": 3.0, "VSU": 1.5, "kirkebaek-FYS": 2.0}


@dataclass(slots=True)
class CaseDraft:
    kind: str
    load: Decimal
    acting: int
    paying: int
    service: str = ""
    legal_basis: str = ""
    vulnerability: int = 1
    started_on: date | None = None
    provider: str = ""
    contact: str | None = None
    id: str = ""


@dataclass(slots=True)
class CitizenDraft:
    municipality: int
    district_id: str
    birth_year: int = cal.REFERENCE_YEAR
    institution_id: str | None = None
    cases: list[CaseDraft] = field(default_factory=list)
    id: str = ""


@dataclass(slots=True)
class FamilyDraft:
    municipality: int
    members: list[CitizenDraft]
    id: str = ""


Advance = Callable[[int], None]


class _Household:
    """Hands the slots of one municipality to its children."""

    def __init__(
        self, rng: random.Random, children: list[CitizenDraft], sibling_of: list[int]
    ) -> None:
        self.rng = rng
        self.children = children
        self.kinds: list[set[str]] = [set() for _ in children]
        self.sibling_of = sibling_of  # index of the first child of each child's family
        self.family_members: dict[int, list[int]] = {}
        for index, head in enumerate(sibling_of):
            self.family_members.setdefault(head, []).append(index)
        self.waiting: dict[str, list[int]] = {}  # siblings of children who have that kind
        self.scan: dict[str, int] = {}

    def give(self, index: int, slot: Slot, acting: int) -> None:
        kind, load = slot
        self.kinds[index].add(kind)
        self.children[index].cases.append(CaseDraft(kind, load, acting, acting))
        for sibling in self.family_members[self.sibling_of[index]]:
            if kind not in self.kinds[sibling]:
                self.waiting.setdefault(kind, []).append(sibling)

    def place(self, slot: Slot, acting: int) -> None:
        kind = slot[0]
        follows = 0.85 if kind in _FAMILY_KINDS else cal.SIBLING_FOLLOWS
        waiting = self.waiting.get(kind, [])
        if self.rng.random() < follows:
            while waiting:
                candidate = waiting.pop()
                if kind not in self.kinds[candidate]:
                    self.give(candidate, slot, acting)
                    return
        for _ in range(6):
            candidate = self.rng.randrange(len(self.children))
            if kind not in self.kinds[candidate]:
                self.give(candidate, slot, acting)
                return
        position = self.scan.get(kind, 0)
        while position < len(self.children) and kind in self.kinds[position]:
            position += 1
        self.scan[kind] = position
        self.give(
            position if position < len(self.children) else self.rng.randrange(len(self.children)),
            slot,
            acting,
        )


def _family_sizes(rng: random.Random, children: int) -> list[int]:
    counts = {size: int(children * share / size) for size, share in cal.FAMILY_SIZES.items()}
    counts[1] += children - sum(size * n for size, n in counts.items())
    sizes = [size for size, n in counts.items() for _ in range(n)]
    rng.shuffle(sizes)
    return sizes


def _pick_district(rng: random.Random, served: Served) -> str:
    return rng.choices(served.district_ids, served.district_weights)[0]


def _cumulative(weights: list[float]) -> list[float]:
    return list(accumulate(weights))


_ANY_AGE = list(_CHILD_AGES)
_ANY_AGE_CUM = _cumulative([_CHILD_AGES[a] for a in _ANY_AGE])
_SCHOOL_AGE = [age for age in _ANY_AGE if 6 <= age <= 16]
_SCHOOL_AGE_CUM = _cumulative([_CHILD_AGES[a] for a in _SCHOOL_AGE])


def _child_age(rng: random.Random, kinds: set[str]) -> int:
    if kinds & SCHOOL_AGE_KINDS:
        return rng.choices(_SCHOOL_AGE, cum_weights=_SCHOOL_AGE_CUM)[0]
    return rng.choices(_ANY_AGE, cum_weights=_ANY_AGE_CUM)[0]


def _institution(
    rng: random.Random, geography: Geography, district: str, age: int, kinds: set[str]
) -> str | None:
    if kinds & SCHOOL_AGE_KINDS:
        return None  # at a special school outside the centre's institutions
    if age <= 5:
        return rng.choice(geography.daycares_of[district]) if rng.random() < 0.85 else None
    if age <= 16:
        return geography.school_of[district] if rng.random() < 0.85 else None
    return geography.school_of[district] if rng.random() < 0.3 else None


class _CaseDetails:
    """Fills in service, legal basis, vulnerability, start and provider of each case."""

    def __init__(self, rng: random.Random, providers: dict[str, list[str]]) -> None:
        self.rng = rng
        self.providers = providers
        self.provider_cum = {
            kind: _cumulative([float(w) for w in range(len(pool), 0, -1)])
            for kind, pool in providers.items()
        }
        # Drawing is the hot loop at scale 100: cumulative weights are worked out once.
        self._options: dict[tuple[str, int], tuple[tuple[Service, ...], list[float]]] = {}

    def _services(self, kind: CaseKind, age: int) -> tuple[tuple[Service, ...], list[float]]:
        key = (kind.key, age)
        if key not in self._options:
            options = kind.services_for(age)
            self._options[key] = (options, _cumulative([s.weight for s in options]))
        return self._options[key]

    def fill(self, citizen: CitizenDraft, age: int) -> None:
        rng = self.rng
        earliest = max(cal.CASE_START_FROM, date(citizen.birth_year, 1, 1))
        span = (cal.REFERENCE_DATE - earliest).days
        for case in citizen.cases:
            kind = KINDS[case.kind]
            options, cum = self._services(kind, age)
            service = rng.choices(options, cum_weights=cum)[0]
            case.service, case.legal_basis = service.name, service.legal_basis
            case.vulnerability = rng.choices((1, 2, 3), service.vulnerability)[0]
            mean = cal.MEAN_CASE_AGE_DAYS * _START_MULTIPLIER.get(case.kind, 1.0)
            back = min(span, int(rng.expovariate(1.0 / mean)))
            case.started_on = cal.REFERENCE_DATE - timedelta(days=back)
            if kind.delivery is Delivery.EXTERNAL:
                pool = self.providers[kind.provider_kind]
                case.provider = rng.choices(
                    pool, cum_weights=self.provider_cum[kind.provider_kind]
                )[0]


def _paying_differs(rng: random.Random, citizens: list[CitizenDraft], others: list[int]) -> None:
    """Let a few family and external cases be paid by another municipality (refusion)."""
    cases = [case for c in citizens for case in c.cases]
    candidates = [
        c for c in cases if c.kind in {"FAM", "aflastning", "anbringelse", "specialskole"}
    ]
    count = min(len(candidates), round(len(cases) * cal.SHARE_PAYING_DIFFERS))
    if not others:
        return
    for case in rng.sample(candidates, count):
        case.paying = rng.choice(others)


def populate(
    rng: random.Random,
    geography: Geography,
    slots: CaseSlots,
    providers: dict[str, list[str]],
    advance: Advance,
) -> list[FamilyDraft]:
    """Return the families of every municipality, their members and their cases."""
    details = _CaseDetails(rng, providers)
    host = geography.host.municipality.code
    codes = [s.municipality.code for s in geography.served]
    families: list[FamilyDraft] = []
    for served in geography.served:
        code = served.municipality.code
        children: list[CitizenDraft] = []
        sibling_of: list[int] = []
        municipality_families: list[FamilyDraft] = []
        for size in _family_sizes(rng, slots.regular_children[code]):
            district = _pick_district(rng, served)
            members = [CitizenDraft(code, district) for _ in range(size)]
            sibling_of.extend([len(children)] * size)
            children.extend(members)
            municipality_families.append(FamilyDraft(code, members))
        household = _Household(rng, children, sibling_of)
        pool = slots.children[code]
        order = list(range(len(children)))
        rng.shuffle(order)
        for index, slot in zip(order, pool, strict=False):
            household.give(index, slot, code)
        # At a tiny scale a municipality may have no child to give the rest to.
        for slot in pool[len(children) :] if children else []:
            household.place(slot, code)
        for child, kinds in zip(children, household.kinds, strict=True):
            age = _child_age(rng, kinds)
            child.birth_year = cal.REFERENCE_YEAR - age
            child.institution_id = _institution(rng, geography, child.district_id, age, kinds)
            details.fill(child, age)

        # Kirkebækskolen pupils: visited by the host; a member's pupils are paid by the member.
        pupils: list[CitizenDraft] = []
        kirkebaek = geography.kirkebaek
        for pupil_slots in slots.kirkebaek[code]:
            if code == host and kirkebaek is not None:
                pupil = CitizenDraft(code, kirkebaek.district_id, institution_id=kirkebaek.id)
            else:
                pupil = CitizenDraft(code, _pick_district(rng, served))
            age = rng.randint(6, 17)
            pupil.birth_year = cal.REFERENCE_YEAR - age
            pupil.cases = [CaseDraft(kind, load, host, code) for kind, load in pupil_slots]
            details.fill(pupil, age)
            municipality_families.append(FamilyDraft(code, [pupil]))
            pupils.append(pupil)

        # Adults in special education for adults (VSU): each on their own.
        adults: list[CitizenDraft] = []
        bands = exact_quota(rng, len(slots.adults[code]), {b: b[2] for b in _ADULT_AGE_BANDS})
        for slot, (low, high, _) in zip(slots.adults[code], bands, strict=True):
            age = rng.randint(low, high)
            adult = CitizenDraft(code, _pick_district(rng, served), cal.REFERENCE_YEAR - age)
            adult.cases = [CaseDraft(slot[0], slot[1], code, code)]
            details.fill(adult, age)
            municipality_families.append(FamilyDraft(code, [adult]))
            adults.append(adult)

        _paying_differs(rng, children + adults, [c for c in codes if c != code])
        families.extend(municipality_families)
        advance(sum(1 + len(c.cases) for c in children + pupils + adults))
    return families


def external_providers(rng: random.Random, count: int = 8) -> dict[str, list[str]]:
    """Return the synthetic providers of each external kind."""
    return {kind: provider_names(rng, kind, count) for kind in EXTERNAL_KINDS}
