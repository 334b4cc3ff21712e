"""Small factories for hand-made data sets: only what a test cares about needs saying."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from overgang.core.domain import (
    Case,
    Citizen,
    Dataset,
    Delivery,
    Employee,
    Interview,
    Municipality,
    MunicipalityRole,
    Profession,
    StaffingNeed,
)

ISHOEJ, VALLENSBAEK = 183, 187


def municipalities(*codes: int) -> tuple[Municipality, ...]:
    names = {ISHOEJ: "Ishøj", VALLENSBAEK: "Vallensbæk"}
    return tuple(
        Municipality(
            code,
            names.get(code, f"Kommune {code}"),
            MunicipalityRole.HOST if i == 0 else MunicipalityRole.MEMBER,
        )
        for i, code in enumerate(codes)
    )


def employee(id: str, profession: str = "PSY", hours: str | int = 37, **kw: object) -> Employee:
    return Employee(
        id=id, name=f"Medarbejder {id}", profession=profession, hours=Decimal(str(hours)), **kw
    )  # type: ignore[arg-type]


def interview(employee_id: str, wish: int | None, held_on: date = date(2021, 5, 1)) -> Interview:
    return Interview(employee_id=employee_id, held_on=held_on, wished_municipality=wish)


def citizen(id: str, municipality: int, family: str | None = None) -> Citizen:
    return Citizen(id=id, municipality=municipality, family_id=family or id)


def case(
    id: str,
    citizen_id: str,
    municipality: int,
    contact: str | None,
    load: str | int = 1,
    vulnerability: int = 1,
    profession: str = "PSY",
    service: str = "PPR",
) -> Case:
    return Case(
        id=id,
        citizen_id=citizen_id,
        service=service,
        profession=profession,
        delivery=Delivery.IN_HOUSE,
        acting_municipality=municipality,
        paying_municipality=municipality,
        load=Decimal(str(load)),
        contact_person=contact,
        vulnerability=vulnerability,
    )


def dataset(
    employees: list[Employee],
    interviews: list[Interview],
    citizens: list[Citizen],
    cases: list[Case],
    professions: tuple[tuple[str, int], ...] = (("PSY", 10),),
    codes: tuple[int, ...] = (ISHOEJ, VALLENSBAEK),
    needs: tuple[StaffingNeed, ...] = (),
) -> Dataset:
    return Dataset(
        municipalities=municipalities(*codes),
        professions=tuple(Profession(code, code, Decimal(norm)) for code, norm in professions),
        employees=tuple(employees),
        interviews=tuple(interviews),
        citizens=tuple(citizens),
        cases=tuple(cases),
        needs=needs,
    )


def worked_example() -> Dataset:
    """The worked example of DESIGN.md's planning policy."""
    return dataset(
        employees=[employee("A"), employee("B"), employee("C", hours="18.5")],
        interviews=[interview("A", ISHOEJ), interview("B", VALLENSBAEK)],
        citizens=[
            citizen("b1", VALLENSBAEK, "f1"),
            citizen("b2", VALLENSBAEK, "f1"),
            citizen("b3", ISHOEJ),
            citizen("b4", ISHOEJ),
        ],
        cases=[
            case("c1", "b1", VALLENSBAEK, "A", load=4, vulnerability=3),
            case("c2", "b2", VALLENSBAEK, "B", load=5, vulnerability=1),
            case("c3", "b3", ISHOEJ, "B", load=6, vulnerability=2),
            case("c4", "b4", ISHOEJ, "C", load=4, vulnerability=1),
        ],
    )
