"""The seeded demo data set: a whole transition workbook, synthetic and reproducible.

`generate` is pure: the same arguments give an equal Dataset, on any machine.
Every part draws from its own random stream derived from the seed, so the
places, the staff, the caseload and the interviews do not shift one another.
"""

from __future__ import annotations

from decimal import Decimal

from overgang.core.domain import (
    FULL_TIME_HOURS,
    Case,
    Citizen,
    Dataset,
    Delivery,
    Profession,
    StaffingNeed,
)
from overgang.core.progress import StepProgress
from overgang.demo import calibration as cal
from overgang.demo.caseload import plan_slots
from overgang.demo.contacts import assign_contacts
from overgang.demo.families import FamilyDraft, external_providers, populate
from overgang.demo.history import add_earlier_changes
from overgang.demo.names import PersonNames
from overgang.demo.places import Geography, build_geography
from overgang.demo.quotas import stream
from overgang.demo.services import KINDS
from overgang.demo.staff import DemoStaff, build_staff
from overgang.demo.wishes import add_acceptable, build_interviews


class _Reporter:
    """Calls progress(done, total) about fifty times in all, and once at the end."""

    def __init__(self, progress: StepProgress | None, total: int) -> None:
        self._progress = progress
        self._total = max(1, total)
        self._done = 0
        self._reported = 0
        self._step = max(1, self._total // 50)

    def advance(self, units: int) -> None:
        self._done = min(self._total, self._done + units)
        if self._progress is not None and self._done - self._reported >= self._step:
            self._reported = self._done
            self._progress(self._done, self._total)

    def finish(self) -> None:
        if self._progress is not None:
            self._progress(self._total, self._total)


def _number(families: list[FamilyDraft], seed: int) -> None:
    """Give families, citizens and cases their ids, in an order that reveals nothing."""
    stream(seed, "ids").shuffle(families)
    citizen_number = case_number = 0
    for family_number, family in enumerate(families, start=1):
        family.id = f"F{family_number:06d}"
        for citizen in family.members:
            citizen_number += 1
            citizen.id = f"B{citizen_number:06d}"
            for case in citizen.cases:
                case_number += 1
                case.id = f"S{case_number:07d}"


def _freeze(families: list[FamilyDraft]) -> tuple[tuple[Citizen, ...], tuple[Case, ...]]:
    citizens: list[Citizen] = []
    cases: list[Case] = []
    for family in families:
        for draft in family.members:
            citizens.append(
                Citizen(
                    id=draft.id,
                    municipality=draft.municipality,
                    family_id=family.id,
                    birth_year=draft.birth_year,
                    district_id=draft.district_id,
                    institution_id=draft.institution_id,
                )
            )
            for case in draft.cases:
                kind = KINDS[case.kind]
                cases.append(
                    Case(
                        id=case.id,
                        citizen_id=draft.id,
                        service=case.service,
                        profession=kind.profession,
                        delivery=kind.delivery,
                        acting_municipality=case.acting,
                        paying_municipality=case.paying,
                        provider=case.provider,
                        load=case.load,
                        contact_person=case.contact,
                        vulnerability=case.vulnerability,
                        started_on=case.started_on,
                        legal_basis=case.legal_basis,
                    )
                )
    return tuple(citizens), tuple(cases)


def _needs(
    geography: Geography, staff: DemoStaff, cases: tuple[Case, ...], scale: float
) -> list[StaffingNeed]:
    """Return each municipality's needs beyond its caseload: leaders and administration."""
    load: dict[int, Decimal] = {}
    for case in cases:
        if case.delivery is Delivery.IN_HOUSE:
            load[case.acting_municipality] = (
                load.get(case.acting_municipality, Decimal(0)) + case.load
            )
    total_load = sum(load.values(), Decimal(0))
    admin_fte = sum(
        (
            e.hours / FULL_TIME_HOURS
            for e in staff.active_on(cal.REFERENCE_DATE)
            if e.profession == "ADM"
        ),
        Decimal(0),
    )
    copies = max(1, round(scale))
    needs: list[StaffingNeed] = []
    for served in geography.served:
        code = served.municipality.code
        leaders = 3 * copies if served is geography.host else copies
        share = load.get(code, Decimal(0)) / total_load if total_load else Decimal(0)
        admin = max(Decimal("0.5"), (admin_fte * share * Decimal("0.9")).quantize(Decimal("0.1")))
        needs.append(StaffingNeed(code, "LED", Decimal(leaders)))
        needs.append(StaffingNeed(code, "ADM", admin))
    return needs


def generate(
    *,
    seed: int = 2021,
    scale: float = 1.0,
    municipalities: int = 2,
    progress: StepProgress | None = None,
) -> Dataset:
    """Return the demo data set: the Ishøj-Vallensbæk case, or a larger or wider variant of it.

    scale multiplies employees, citizens and cases (and daycares); municipalities adds
    fictional members after Vallensbæk. progress(done, total) is called now and then.
    """
    if scale <= 0:
        raise ValueError(f"scale must be positive, got {scale}")
    if not 2 <= municipalities <= cal.MAX_MUNICIPALITIES:
        raise ValueError(
            f"municipalities must be between 2 and {cal.MAX_MUNICIPALITIES}, got {municipalities}"
        )

    geography = build_geography(stream(seed, "places"), municipalities=municipalities, scale=scale)
    with_cases = [served.children_with_cases for served in geography.served]
    staff_factor = sum(with_cases) / sum(with_cases[:2]) if sum(with_cases[:2]) else 1.0
    names = PersonNames(seed, stream(seed, "names"))
    staff = build_staff(stream(seed, "staff"), names, scale=scale, staff_factor=staff_factor)
    active = staff.active_on(cal.REFERENCE_DATE)

    slots = plan_slots(stream(seed, "caseload"), geography, active, scale=scale)
    reporter = _Reporter(progress, len(staff.employees) + slots.citizens + slots.total)
    reporter.advance(len(staff.employees))
    providers = external_providers(stream(seed, "providers"))
    families = populate(stream(seed, "families"), geography, slots, providers, reporter.advance)
    _number(families, seed)
    attachment = assign_contacts(families, active)
    interviews = build_interviews(stream(seed, "wishes"), staff, geography, attachment)
    interviews = add_acceptable(
        stream(seed, "acceptable"), interviews, staff, geography, attachment
    )
    citizens, cases = _freeze(families)
    cases = add_earlier_changes(stream(seed, "history"), cases)
    reporter.finish()

    # Every tuple in the order a read of the workbook gives it back: by code or id.
    return Dataset(
        municipalities=tuple(
            sorted((s.municipality for s in geography.served), key=lambda m: m.code)
        ),
        professions=tuple(
            sorted(
                (Profession(p.code, p.name, p.norm) for p in cal.PROFESSIONS), key=lambda p: p.code
            )
        ),
        districts=tuple(sorted(geography.districts, key=lambda d: d.id)),
        institutions=tuple(geography.institutions),
        employees=tuple(staff.employees),
        interviews=tuple(interviews),
        citizens=citizens,
        cases=cases,
        needs=tuple(
            sorted(
                _needs(geography, staff, cases, scale), key=lambda n: (n.municipality, n.profession)
            )
        ),
    )
