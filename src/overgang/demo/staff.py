"""The centre's staff today: who they are, their hours, competences and resignations."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from overgang.core.domain import Employee, EmploymentForm, ResignationReason
from overgang.demo import calibration as cal
from overgang.demo.names import PersonNames
from overgang.demo.quotas import exact_flags, exact_quota, scaled

# Common competences per profession, with relative weights.
COMMON_COMPETENCES: dict[str, dict[str, int]] = {
    "PSY": {
        "autisme": 4,
        "ADHD": 4,
        "angst": 3,
        "skolevægring": 3,
        "kriseintervention": 2,
        "tosprogede børn": 2,
        "test og udredning": 3,
        "sorg og krise": 1,
        "mentalisering": 1,
    },
    "TAL": {
        "sprogvurdering": 4,
        "stammen": 2,
        "hørenedsættelse": 2,
        "tosprogede børn": 3,
        "ordblindhed": 2,
        "ASK": 2,
    },
    "FYS": {
        "sensorisk integration": 3,
        "motorik": 4,
        "cerebral parese": 2,
        "hjælpemidler": 3,
        "vandtræning": 1,
        "ASK": 1,
    },
    "FAM": {
        "børnefaglig undersøgelse": 4,
        "skilsmissebørn": 2,
        "tosprogede familier": 3,
        "vold i nære relationer": 2,
        "anbringelse": 3,
        "ungdomskriminalitet": 2,
        "kriseintervention": 1,
    },
    "FBH": {
        "familieterapi": 4,
        "skilsmissebørn": 2,
        "PMTO": 2,
        "Marte Meo": 2,
        "vold i nære relationer": 2,
        "forældreevne": 3,
        "traumer": 1,
    },
    "SRP": {
        "autisme": 3,
        "ADHD": 3,
        "tidlig indsats": 4,
        "inklusion": 3,
        "adfærd": 2,
        "sensorisk integration": 1,
        "Marte Meo": 1,
    },
    "VSU": {"hjerneskade": 3, "ordblindhed": 3, "ASK": 2, "autisme": 2},
    "ADM": {"økonomi": 3, "journalisering": 4, "visitationssekretariat": 2, "løn og personale": 2},
    "LED": {"ledelse": 4, "forandringsledelse": 2, "arbejdsmiljø": 2},
}
# Competences held by one or two employees only: the single points of failure to be found.
RARE_COMPETENCES: dict[str, tuple[str, int]] = {
    "tegnsprog": ("TAL", 1),
    "cochlear implant": ("TAL", 2),
    "selektiv mutisme": ("PSY", 1),
    "spiseforstyrrelser": ("PSY", 2),
    "PCIT": ("FBH", 1),
    "neuropædagogik": ("SRP", 2),
    "synsnedsættelse": ("FYS", 1),
    "afasi": ("VSU", 1),
}
_TAG_COUNTS = {0: 0.10, 1: 0.35, 2: 0.35, 3: 0.20}
_OTHER_REASONS = {
    ResignationReason.NEW_JOB: 3,
    ResignationReason.RETIREMENT: 1,
    ResignationReason.OTHER: 1,
}


@dataclass
class DemoStaff:
    employees: list[Employee] = field(default_factory=list)
    moving_leaders: list[str] = field(default_factory=list)  # the leaders who wish to move
    other_leaders: list[str] = field(default_factory=list)

    def active_on(self, day: date) -> list[Employee]:
        """Return the employees still employed on day."""
        return [e for e in self.employees if e.resigned_on is None or e.resigned_on >= day]


@dataclass
class _Draft:
    profession: str
    unit: str
    is_leader: bool = False
    moves: bool = False
    hours: int = 37
    female: bool = True
    hired_on: date = cal.REFERENCE_DATE
    competences: list[str] = field(default_factory=list)
    civil_servant: bool = False
    resigned_on: date | None = None
    reason: ResignationReason | None = None


def headcounts(scale: float, staff_factor: float) -> dict[str, int]:
    """Return the number of employees per profession other than leaders."""
    return {
        p.code: scaled(p.headcount * staff_factor, scale, minimum=1)
        for p in cal.PROFESSIONS
        if p.code != "LED"
    }


def _drafts(rng: random.Random, scale: float, staff_factor: float) -> list[_Draft]:
    drafts: list[_Draft] = []
    for _ in range(max(1, round(scale))):
        drafts.extend(
            _Draft("LED", unit, is_leader=True, moves=moves) for unit, moves in cal.LEADER_UNITS
        )
    units = {p.code: p.unit for p in cal.PROFESSIONS}
    for code, count in headcounts(scale, staff_factor).items():
        hours = exact_quota(rng, count, cal.WEEKLY_HOURS)
        drafts.extend(_Draft(code, units[code], hours=h) for h in hours)
    for draft, female in zip(drafts, exact_flags(rng, len(drafts), cal.SHARE_FEMALE), strict=True):
        draft.female = female or draft.moves  # the leader who moves is a woman, as in the note
    return drafts


def _hire(rng: random.Random, drafts: list[_Draft]) -> None:
    for draft in drafts:
        years = min(38.0, rng.expovariate(1.0 / cal.MEAN_TENURE_YEARS))
        if draft.is_leader:
            years = max(years, 3.0 + rng.random() * 5)
        draft.hired_on = cal.REFERENCE_DATE - timedelta(days=30 + int(years * 365.25))
    longest = sorted(drafts, key=lambda d: d.hired_on)[: max(1, len(drafts) // 4)]
    for draft in rng.sample(longest, round(len(drafts) * cal.SHARE_CIVIL_SERVANTS)):
        draft.civil_servant = True


def _competences(rng: random.Random, drafts: list[_Draft], scale: float) -> None:
    counts = exact_quota(rng, len(drafts), _TAG_COUNTS)
    for draft, k in zip(drafts, counts, strict=True):
        pool = COMMON_COMPETENCES[draft.profession]
        tags = list(pool)
        weights = [pool[t] for t in tags]
        while len(draft.competences) < min(k, len(tags)):
            tag = rng.choices(tags, weights)[0]
            if tag not in draft.competences:
                draft.competences.append(tag)
    for tag, (profession, holders) in RARE_COMPETENCES.items():
        candidates = [d for d in drafts if d.profession == profession]
        for draft in rng.sample(
            candidates, min(len(candidates), scaled(holders, scale, minimum=1))
        ):
            draft.competences.append(tag)


def _month_end(year: int, month: int) -> date:
    first_of_next = date(year + month // 12, month % 12 + 1, 1)
    return first_of_next - timedelta(days=1)


def _resign(rng: random.Random, drafts: list[_Draft], scale: float) -> None:
    """Give a few employees a resignation: one due to the dissolution, the others not."""
    candidates = [d for d in drafts if not d.is_leader]
    dissolution = scaled(cal.RESIGNATIONS_DISSOLUTION, scale, minimum=1)
    others = scaled(cal.RESIGNATIONS_OTHER, scale)
    chosen = rng.sample(candidates, min(len(candidates), dissolution + others))
    months = [
        (y, m)
        for y in range(cal.RESIGNATIONS_FROM.year, cal.RESIGNATIONS_UNTIL.year + 1)
        for m in range(1, 13)
        if cal.RESIGNATIONS_FROM <= _month_end(y, m) <= cal.RESIGNATIONS_UNTIL
    ]
    before = [ym for ym in months if _month_end(*ym) < cal.EFFECTIVE_DATE]
    after = [ym for ym in months if _month_end(*ym) >= cal.EFFECTIVE_DATE]
    # Known in the spring (the status note), effective over the summer.
    for draft in chosen[:dissolution]:
        draft.reason = ResignationReason.DISSOLUTION
        draft.resigned_on = _month_end(2021, rng.randint(6, 9))
    rest = chosen[dissolution:]
    for draft, reason in zip(rest, exact_quota(rng, len(rest), _OTHER_REASONS), strict=True):
        draft.reason = reason
    late = max(1, round(len(rest) * 0.2)) if rest else 0  # most leave before the effective date
    for group, pool in ((rest[late:], before), (rest[:late], after)):
        for index, draft in enumerate(group):
            # Spread over the months rather than bunched: step through them, then jitter.
            position = (index * len(pool)) // len(group) + rng.randint(0, 1)
            draft.resigned_on = _month_end(*pool[min(position, len(pool) - 1)])


def build_staff(
    rng: random.Random, names: PersonNames, *, scale: float, staff_factor: float
) -> DemoStaff:
    """Return the staff: leaders, administration and the caseworkers of every profession."""
    drafts = _drafts(rng, scale, staff_factor)
    _hire(rng, drafts)
    _competences(rng, drafts, scale)
    _resign(rng, drafts, scale)
    rng.shuffle(drafts)
    staff = DemoStaff()
    for number, draft in enumerate(drafts, start=1):
        employee = Employee(
            id=f"M{number:05d}",
            name=names.full_name(female=draft.female),
            profession=draft.profession,
            hours=Decimal(draft.hours),
            is_leader=draft.is_leader,
            unit=draft.unit,
            hired_on=draft.hired_on,
            employment_form=(
                EmploymentForm.CIVIL_SERVANT
                if draft.civil_servant
                else EmploymentForm.COLLECTIVE_AGREEMENT
            ),
            competences=tuple(draft.competences),
            resigned_on=draft.resigned_on,
            resignation_reason=draft.reason,
        )
        staff.employees.append(employee)
        if draft.is_leader:
            (staff.moving_leaders if draft.moves else staff.other_leaders).append(employee.id)
    return staff
