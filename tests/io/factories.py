"""Small hand-made transition data sets for the workbook tests, built fresh on each call."""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from overgang.core.domain import (
    Case,
    Citizen,
    Dataset,
    Delivery,
    District,
    Employee,
    EmploymentForm,
    Institution,
    InstitutionType,
    Interview,
    Municipality,
    MunicipalityRole,
    Profession,
    ResignationReason,
    StaffingNeed,
)

CPR_KEY = b"test-key-for-cpr-hashes"

ISHOJ, VALLENSBAEK = 183, 187


def municipalities() -> tuple[Municipality, ...]:
    return (
        Municipality(VALLENSBAEK, "Vallensbæk", MunicipalityRole.MEMBER),
        Municipality(ISHOJ, "Ishøj", MunicipalityRole.HOST),
    )


def small_dataset() -> Dataset:
    """Return a valid two-municipality transition with one of everything, deliberately unsorted."""
    return Dataset(
        municipalities=municipalities(),
        professions=(
            Profession("PSY", "Psykolog", Decimal(10)),
            Profession("FYS", "Fysio- og ergoterapeut", Decimal("12.5")),
            Profession("LED", "Leder", Decimal(0)),
        ),
        districts=(
            District("D2", VALLENSBAEK, "Vallensbæk Nord"),
            District("D1", ISHOJ, "Ishøj Øst"),
        ),
        institutions=(
            Institution("I2", "Pilehaveskolen", InstitutionType.SCHOOL, "D2"),
            Institution("I1", "Børnehuset Åen", InstitutionType.DAYCARE, "D1"),
        ),
        employees=(
            Employee("M002", "Bo Ørsted", "PSY", Decimal(37)),
            Employee(
                "M001",
                "-Anna Æbelø",
                "PSY",
                Decimal("18.5"),
                unit="Team Øst",
                hired_on=date(2015, 8, 1),
                employment_form=EmploymentForm.CIVIL_SERVANT,
                competences=("autisme", "ADHD"),
            ),
            Employee(
                "M003",
                "=SUM(A1)",
                "FYS",
                Decimal("30.25"),
                resigned_on=date(2021, 9, 30),
                resignation_reason=ResignationReason.DISSOLUTION,
            ),
            Employee(
                "M004",
                "Lis Leder",
                "LED",
                Decimal(37),
                is_leader=True,
                employment_form=EmploymentForm.COLLECTIVE_AGREEMENT,
            ),
        ),
        interviews=(
            Interview("M002", date(2021, 5, 3), VALLENSBAEK, "ønsker Vallensbæk"),
            Interview("M001", date(2021, 4, 20), None),
            Interview("M001", date(2021, 5, 20), ISHOJ, "@ændret ønske"),
        ),
        citizens=(
            Citizen("B2", VALLENSBAEK, "F1", 2012, "D2", "I2"),
            Citizen("B1", VALLENSBAEK, "F1", 2010, "D2", None, cpr_hash="a" * 64),
            Citizen("B3", ISHOJ, "B3"),
        ),
        cases=(
            Case(
                "S3",
                "B3",
                "Fysioterapi",
                "FYS",
                Delivery.IN_HOUSE,
                ISHOJ,
                ISHOJ,
                contact_person="M003",
                vulnerability=2,
                started_on=date(2020, 1, 15),
            ),
            Case(
                "S1",
                "B1",
                "Psykologbistand",
                "PSY",
                Delivery.IN_HOUSE,
                VALLENSBAEK,
                VALLENSBAEK,
                load=Decimal("1.5"),
                contact_person="M001",
                vulnerability=3,
                legal_basis="SEL § 11",
            ),
            Case(
                "S2",
                "B2",
                "Specialskole",
                "PSY",
                Delivery.EXTERNAL,
                VALLENSBAEK,
                ISHOJ,
                provider="+Privat skole ApS",
                load=Decimal(0),
            ),
        ),
        needs=(
            StaffingNeed(VALLENSBAEK, "LED", Decimal("1.00")),
            StaffingNeed(ISHOJ, "LED", Decimal(1)),
        ),
    )


def with_wishes_and_history() -> Dataset:
    """The small data set, with acceptable municipalities on an interview and earlier changes."""
    dataset = small_dataset()
    interviews = list(dataset.interviews)
    # M001's latest interview wishes Ishøj and can accept Vallensbæk (named twice); M002's
    # names both municipalities, unsorted.
    interviews[2] = replace(interviews[2], acceptable_municipalities=(VALLENSBAEK, VALLENSBAEK))
    interviews[0] = replace(interviews[0], acceptable_municipalities=(VALLENSBAEK, ISHOJ))
    cases = tuple(
        replace(case, earlier_changes=2) if case.id == "S1" else case for case in dataset.cases
    )
    return replace(dataset, interviews=tuple(interviews), cases=cases)


def rewrite_csv(folder: Path, sheet: str, rows: list[list[str]]) -> None:
    """Replace one sheet of a CSV folder by the given rows (header first)."""
    with (folder / f"{sheet}.csv").open("w", encoding="utf-8", newline="") as file:
        csv.writer(file).writerows(rows)


def read_csv(folder: Path, sheet: str) -> list[list[str]]:
    with (folder / f"{sheet}.csv").open(encoding="utf-8", newline="") as file:
        return list(csv.reader(file))
