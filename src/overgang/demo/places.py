"""The municipalities, their school districts and the institutions in each district."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from overgang.core.domain import (
    District,
    Institution,
    InstitutionType,
    Municipality,
    MunicipalityRole,
)
from overgang.demo import calibration as cal
from overgang.demo.names import daycare_names, fictional_school_names, special_daycare_name
from overgang.demo.quotas import scaled


@dataclass(frozen=True)
class Served:
    """One municipality as the demo sees it: its public figures, already scaled."""

    municipality: Municipality
    children_0_17: int
    children_with_cases: int
    placements_per_1000: float
    district_ids: tuple[str, ...]
    district_weights: tuple[float, ...]  # share of the municipality's children per district


@dataclass
class Geography:
    served: list[Served] = field(default_factory=list)
    districts: list[District] = field(default_factory=list)
    institutions: list[Institution] = field(default_factory=list)
    school_of: dict[str, str] = field(default_factory=dict)  # district id -> institution id
    daycares_of: dict[str, list[str]] = field(default_factory=dict)
    kirkebaek: Institution | None = None

    @property
    def host(self) -> Served:
        return self.served[0]

    @property
    def members(self) -> list[Served]:
        return self.served[1:]

    def by_code(self, code: int) -> Served:
        for served in self.served:
            if served.municipality.code == code:
                return served
        raise KeyError(code)


def _figures(rng: random.Random, municipalities: int) -> list[cal.MunicipalityFigures]:
    """Return the figures of the host, Vallensbæk and any fictional members."""
    figures = [cal.ISHOJ, cal.VALLENSBAEK]
    for code, name in cal.FICTIONAL_MEMBERS[: municipalities - 2]:
        population = round(rng.randint(*cal.FICTIONAL_POPULATION), -2)
        schools = fictional_school_names(name, rng.randint(*cal.FICTIONAL_DISTRICTS))
        figures.append(
            cal.MunicipalityFigures(
                code=code,
                name=name,
                population=population,
                children_0_17=int(round(population * cal.FICTIONAL_CHILD_SHARE, -2)),
                share_children_with_cases=cal.FICTIONAL_SHARE_WITH_CASES,
                placements_per_1000=cal.FICTIONAL_PLACEMENTS_PER_1000,
                district_schools=tuple(schools),
            )
        )
    return figures


def build_geography(rng: random.Random, *, municipalities: int, scale: float) -> Geography:
    """Return the municipalities, districts and institutions, with ids stable across scales."""
    geography = Geography()
    institution_number = 0

    def add_institution(name: str, kind: InstitutionType, district_id: str) -> Institution:
        nonlocal institution_number
        institution_number += 1
        institution = Institution(f"I{institution_number:05d}", name, kind, district_id)
        geography.institutions.append(institution)
        return institution

    figures = _figures(rng, municipalities)
    district_count = sum(len(f.district_schools) for f in figures)
    low, high = cal.DAYCARES_PER_DISTRICT
    daycare_counts = [
        scaled(rng.randint(low, high), scale, minimum=1) for _ in range(district_count)
    ]
    daycare_pool = iter(daycare_names(rng, sum(daycare_counts)))
    counts = iter(daycare_counts)

    for index, fig in enumerate(figures):
        role = MunicipalityRole.HOST if index == 0 else MunicipalityRole.MEMBER
        municipality = Municipality(fig.code, fig.name, role)
        district_ids: list[str] = []
        for number, school in enumerate(fig.district_schools, start=1):
            district = District(f"D{fig.code}-{number:02d}", fig.code, school)
            geography.districts.append(district)
            district_ids.append(district.id)
            geography.school_of[district.id] = add_institution(
                school, InstitutionType.SCHOOL, district.id
            ).id
            geography.daycares_of[district.id] = [
                add_institution(next(daycare_pool), InstitutionType.DAYCARE, district.id).id
                for _ in range(next(counts))
            ]
        by_name = {d.name: d.id for d in geography.districts if d.municipality == fig.code}
        if role is MunicipalityRole.HOST:
            geography.kirkebaek = add_institution(
                cal.KIRKEBAEK_NAME, InstitutionType.OTHER, by_name[cal.KIRKEBAEK_DISTRICT]
            )
            add_institution(
                cal.ISHOJGAARD_NAME, InstitutionType.OTHER, by_name[cal.ISHOJGAARD_DISTRICT]
            )
        else:
            add_institution(
                special_daycare_name(rng), InstitutionType.OTHER, rng.choice(district_ids)
            )
        weights = [0.7 + 0.6 * rng.random() for _ in district_ids]
        total = sum(weights)
        children = scaled(fig.children_0_17, scale, minimum=1)
        geography.served.append(
            Served(
                municipality=municipality,
                children_0_17=children,
                children_with_cases=scaled(
                    fig.children_0_17 * fig.share_children_with_cases, scale
                ),
                placements_per_1000=fig.placements_per_1000,
                district_ids=tuple(district_ids),
                district_weights=tuple(w / total for w in weights),
            )
        )
    return geography
